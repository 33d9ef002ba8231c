"""Event records on short real-style reports (texts written for these tests, several wars
and news styles), run through the whole rule pipeline: what an analyst copying the record
would notice -- its type and ACLED/UCDP fields, actors, counts, place, date -- and that
non-war texts give no record at all."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warevents.events import get_events


def events_of(nlp, text):
    return get_events(nlp(text))


def only(nlp, text):
    evs = events_of(nlp, text)
    assert len(evs) == 1, [(e.type, e.trigger.text) for e in evs]
    return evs[0]


def counts(ev):
    return {c.kind: (c.low, c.high) for c in ev.counts}


# -- non-war texts: no record ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "A fire at a garment factory in Dhaka killed 112 workers on 24 November 2012, the fire brigade said.",
    "Haaland's goal killed off Arsenal's title hopes in the 89th minute at the Etihad on Sunday.",
    "The forwards massacred a tired defence in the second half, winning 6-0 in front of 40,000 fans.",
    "An earthquake of magnitude 7.1 killed 300 people in the mountain villages of the province on Monday.",
    "A bus plunged into a ravine near Shimla on Tuesday, killing 20 passengers and injuring 11.",
    "The court sentenced the former mayor to 12 years in prison for murdering his business partner in 2019.",
    "Police raided a drug laboratory in Sinaloa and arrested 14 suspects, seizing two tonnes of methamphetamine.",
])
def test_events_records_non_war_text_gives_no_record(nlp, text):
    doc = nlp(text)
    assert doc._.war_related is False
    assert get_events(doc) == []


# -- types aligned with ACLED / UCDP ---------------------------------------------------

def test_events_records_air_strike_is_remote_violence_with_acled_fields(nlp):
    ev = only(nlp, "On 3 March 2024, an Israeli air strike on a market in Rafah killed 34 civilians "
                   "and wounded 50 others, health officials said.")
    assert ev.type == "REMOTE_VIOLENCE"
    assert ev.event_type == "Explosions/Remote violence"
    assert ev.sub_event_type == "Air/drone strike"
    assert ev.civilian_targeting is True and ev.type_of_violence == 3
    assert counts(ev) == {"killed": (34, 34), "wounded": (50, 50)}  # one record, counts per kind
    assert ev.location.text == "Rafah" and ev.date.start == "2024-03-03"
    assert [a.text for a in ev.perpetrators] == ["Israeli"]
    assert ev.perpetrators[0].norm == "Israeli forces"


def test_events_records_shelling_is_remote_violence_not_battle(nlp):
    ev = only(nlp, "Russian shelling of Kharkiv on 12 January 2024 killed two people and injured 15.")
    assert (ev.type, ev.sub_event_type) == ("REMOTE_VIOLENCE", "Shelling/artillery/missile attack")
    assert [a.text for a in ev.perpetrators] == ["Russian"]
    assert counts(ev)["wounded"] == (15, 15)


def test_events_records_roadside_bomb_is_an_explosive_attack(nlp):
    ev = only(nlp, "Boko Haram insurgents planted a roadside bomb that killed eight soldiers near Damboa "
                   "in Borno State on 2 May 2022.")
    assert ev.type == "REMOTE_VIOLENCE"
    assert ev.sub_event_type == "Remote explosive/landmine/IED"
    assert ev.civilian_targeting is False


def test_events_records_soldiers_killed_in_an_assault_are_a_battle(nlp):
    ev = only(nlp, "Militants stormed an army base in Djibo on Monday, killing 12 soldiers.")
    assert (ev.type, ev.event_type, ev.sub_event_type) == ("BATTLE", "Battles", "Armed clash")
    assert ev.civilian_targeting is False and ev.type_of_violence == 1
    assert [a.text for a in ev.perpetrators] == ["Militants"]


def test_events_records_execution_of_villagers_is_a_massacre(nlp):
    ev = only(nlp, "Fighters of the group executed 20 villagers near Beni on 5 June 2023.")
    assert (ev.type, ev.event_type) == ("MASSACRE", "Violence against civilians")
    assert ev.civilian_targeting is True and ev.type_of_violence == 3
    assert counts(ev) == {"killed": (20, 20)}


def test_events_records_one_civilian_shot_is_a_killing_not_a_battle(nlp):
    ev = only(nlp, "Gunmen shot dead a village chief in Kaduna on Tuesday.")
    assert ev.type == "KILLING" and ev.civilian_targeting is True
    assert [a.text for a in ev.perpetrators] == ["Gunmen"]


# -- incident segmentation ---------------------------------------------------------------

@pytest.mark.xfail(reason="known gap after the places merge: 'Diapaga' in 'the Diapaga attack' is now a PLACE, "
                   "and a second place in the same sentence ('Loroum Province') splits the incident; "
                   "the place-conflict check does not yet know that a place naming an attack is its name",
                   strict=True)
def test_events_records_clause_on_a_named_attack_is_the_same_incident(nlp):
    evs = events_of(nlp, "They also claimed the Diapaga attack this week at a military post in Loroum "
                         "Province that killed 60 soldiers.")
    assert len(evs) == 1 and evs[0].type == "BATTLE"
    assert counts(evs[0]) == {"killed": (60, 60)}


def test_events_records_wounded_clause_never_has_a_number_as_perpetrator(nlp):
    ev = only(nlp, "Fifteen were wounded when the shelling hit the central market in Donetsk on 2 February 2015.")
    assert ev.type == "REMOTE_VIOLENCE"
    assert ev.perpetrators == []
    assert counts(ev) == {"wounded": (15, 15)}


# -- actors -----------------------------------------------------------------------------

def test_events_records_pronoun_resolves_to_the_claiming_group(nlp):
    ev = only(nlp, "Jama'at Nasr al-Islam wal-Muslimin claims it killed 200 soldiers in an attack on a "
                   "military base on Sunday in Djibo.")
    (perp,) = ev.perpetrators
    assert perp.text == "Jama'at Nasr al-Islam wal-Muslimin" and perp.resolved_from == "it"


def test_events_records_definite_description_resolves_to_the_group_named_before(nlp):
    evs = events_of(nlp, "Al-Shabaab fighters attacked a police station in Mogadishu on 4 May 2024. "
                         "The militants killed three officers and wounded five.")
    killing = [e for e in evs if "killed" in counts(e)]
    assert killing
    (perp,) = killing[0].perpetrators
    assert perp.text == "Al-Shabaab fighters" and perp.resolved_from == "The militants"


def test_events_records_by_phrase_of_warplanes_gives_their_owner(nlp):
    evs = events_of(nlp, "Nine civilians were killed in strikes by government and allied warplanes "
                         "on the town of Maarat on 3 March 2020.")
    assert evs and evs[0].type == "REMOTE_VIOLENCE"
    (perp,) = evs[0].perpetrators
    assert perp.text == "government and allied"
    assert perp.resolved_from == "government and allied warplanes"


# -- property: a perpetrator is an agent -------------------------------------------------

_AGENTS = ["Russian", "Israeli", "Government", "Rebel", "Houthi", "Sudanese army"]
_MEANS = ["strikes", "drones", "shelling", "missiles", "airstrikes", "the shelling", "A rocket attack"]
_NUMS = ["15", "228", "Twelve", "At least 40", "Dozens"]
_PLACES = ["Kharkiv", "Sanaa", "Khartoum", "Gaza City", "Idlib"]


@st.composite
def _report(draw):
    place = draw(st.sampled_from(_PLACES))
    form = draw(st.integers(0, 3))
    num = draw(st.sampled_from(_NUMS))
    if form == 0:
        subject = f"{draw(st.sampled_from(_AGENTS))} {draw(st.sampled_from(_MEANS)).lower()}"
        return f"{subject[0].upper()}{subject[1:]} killed {num.lower()} people in {place} on Monday."
    if form == 1:
        return f"{num} were wounded and {num.lower()} killed in {place} when {draw(st.sampled_from(_MEANS)).lower()} hit the market."
    if form == 2:
        return f"{draw(st.sampled_from(_MEANS))} killed {num.lower()} civilians in {place}, officials said."
    return f"{num} captured and {num.lower()} wounded in fighting near {place} on 4 May 2024."


@given(_report())
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_events_records_perpetrator_is_never_a_number_weapon_or_act(nlp, text):
    means_words = {w.lower() for m in _MEANS for w in m.split()} - {"the", "a"}
    for ev in events_of(nlp, text):
        for perp in ev.perpetrators:
            words = perp.text.lower().split()
            assert not any(w.replace(",", "").isdigit() for w in words), (text, perp.text)
            assert not any(w in {"twelve", "dozens", "least"} for w in words), (text, perp.text)
            assert words[-1] not in means_words, (text, perp.text)


# -- merging ------------------------------------------------------------------------------

def test_events_records_incidents_on_other_days_in_other_places_stay_apart(nlp):
    evs = events_of(nlp, "On 3 May 2023, gunmen killed 12 villagers in Kuru, Plateau State. "
                         "On 9 May 2023, gunmen killed 15 villagers in Jos.")
    assert [(e.type, e.location.text, e.date.start, counts(e)["killed"]) for e in evs] == [
        ("MASSACRE", "Kuru", "2023-05-03", (12, 12)), ("MASSACRE", "Jos", "2023-05-09", (15, 15))]


def test_events_records_merge_names_its_tie(nlp):
    evs = events_of(nlp, "On 3 May 2023, gunmen killed 12 villagers in Kuru, Plateau State.\n\n"
                         "Survivors said the massacre lasted two hours.")
    (ev,) = evs
    assert ev.merge_ties == ["back-reference"] and len(ev.evidence) == 2


def test_events_records_claim_of_responsibility_names_the_perpetrator(nlp):
    ev = only(nlp, "A roadside bomb killed four soldiers near Kandahar on 2 June 2019. "
                   "The Taliban claimed responsibility for the attack.")
    assert (ev.type, ev.sub_event_type) == ("REMOTE_VIOLENCE", "Remote explosive/landmine/IED")
    assert [a.text for a in ev.perpetrators] == ["Taliban"]
    assert "back-reference" in ev.merge_ties and len(ev.evidence) == 2


def test_events_records_work_stoppage_strike_is_no_attack(nlp):
    evs = events_of(nlp, "A general strike paralysed Khartoum on Monday as RSF drones hit the airport, "
                         "killing three soldiers.")
    assert [(e.type, e.sub_event_type) for e in evs] == [("REMOTE_VIOLENCE", "Air/drone strike")]
    assert all(e.trigger.text != "strike" for e in evs)


@pytest.mark.parametrize(("text", "perps"), [
    ("Two people were killed by the force of the blast in Kharkiv on Monday.", []),
    ("The Taliban claimed responsibility for the attack on a checkpoint in Kandahar that killed 4 soldiers.",
     ["Taliban"]),
])
def test_events_records_blast_or_site_is_never_the_perpetrator(nlp, text, perps):
    (ev,) = events_of(nlp, text)
    assert [a.text for a in ev.perpetrators] == perps
