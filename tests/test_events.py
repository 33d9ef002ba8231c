"""Event layer on hand-made docs: the span components are bypassed and the
entities (with their ``span._.norm``) are set from inline markup, so these
tests check triggers, linking, inheritance, infoboxes and merging only."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from warevents.events import ACLED_COLUMNS, Event, events_to_rows, get_events
from warevents.markup import parse_markup
from warevents.pipeline import SPAN_STAGES

NORM_KEYS = {
    "DATE": ("start", "end", "precision"),
    "CASUALTY": ("kind", "low", "high", "qualifier", "scope"),
    "PLACE": ("canonical", "modern", "lat", "lon", "feature", "country"),
    "MILITARY_UNIT": ("name", "nationality"),
}


def make_doc(nlp, marked: str) -> Doc:
    """Parse with the pretrained pipeline, set ents from markup, run the event stage."""
    text, spans = parse_markup(marked)
    with nlp.select_pipes(disable=[*SPAN_STAGES, "warevents_events"]):
        doc = nlp(text)
    doc.spans["spacy_ents"] = list(doc.ents)
    ents = []
    for s in spans:
        span = doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="expand")
        norm = {k: s["attrs"].get(k) for k in NORM_KEYS[s["label"]] if k in s["attrs"]}
        if s["label"] == "DATE":
            norm.setdefault("end", norm.get("start"))
            norm.setdefault("precision", "day")
        if s["label"] == "CASUALTY":
            norm.setdefault("high", norm.get("low"))
        if s["label"] == "PLACE":
            norm.setdefault("canonical", s["text"])
        span._.norm = norm
        ents.append(span)
    doc.set_ents(ents, default="outside")
    return nlp.get_pipe("warevents_events")(doc)


def only(events: list[Event], type_: str) -> list[Event]:
    return [e for e in events if e.type == type_]


def test_events_link_subject_object_place_date_and_count(nlp):
    doc = make_doc(nlp, "On <DATE start='1968-03-16'>16 March 1968</DATE>, soldiers of "
                        "<MILITARY_UNIT name='Charlie Company'>Charlie Company</MILITARY_UNIT> murdered "
                        "<CASUALTY kind='killed' low=347 high=504>between 347 and 504 villagers</CASUALTY> "
                        "at <PLACE canonical='My Lai' lat=15.18 lon=108.87 feature='village'>My Lai</PLACE>.")
    (ev,) = get_events(doc)
    assert ev.type == "MASSACRE" and ev.event_type == "Violence against civilians"  # >= 5 killed
    assert ev.civilian_targeting is True
    assert ev.trigger.text == "murdered"
    assert ev.date.start == "1968-03-16" and ev.date.provenance == "stated"
    assert ev.location.canonical == "My Lai" and ev.location.geo_precision == "town"
    assert ev.location.lat == 15.18
    assert "Charlie Company" in ev.perpetrators[0].text
    assert ev.perpetrators[0].units[0]["text"] == "Charlie Company"
    assert ev.counts[0].kind == "killed" and (ev.counts[0].low, ev.counts[0].high) == (347, 504)
    assert doc.text[ev.evidence[0].start:ev.evidence[0].end].startswith("On 16 March 1968")


def test_events_passive_agent_is_perpetrator(nlp):
    doc = make_doc(nlp, "On <DATE start='1950-07-26'>26 July 1950</DATE>, a farmer was shot dead by "
                        "American soldiers near <PLACE>No Gun Ri</PLACE>.")
    (ev,) = get_events(doc)
    assert ev.type == "KILLING"
    assert [a.text for a in ev.perpetrators] == ["American soldiers"]
    assert [a.text for a in ev.victims] == ["farmer"]  # GUIDELINES: no determiner, no quantity


@pytest.mark.parametrize("text", [
    "If the invasion of Kuwait had not occurred, these killings would not have happened.",
    "The army did not attack the village.",
    "The minister dismissed accounts of the massacre as rumor.",
    "The militia wanted to kidnap the journalists.",
    "The families had taken refuge in the monastery.",
])
def test_events_negated_hypothetical_disputed_yield_nothing(nlp, text):
    assert get_events(make_doc(nlp, text)) == []


def test_events_reported_claims_have_lower_confidence(nlp):
    plain = get_events(make_doc(nlp, "Soldiers looted the shops in <PLACE>Mukden</PLACE>."))
    reported = get_events(make_doc(nlp, "Reports indicate that soldiers looted the shops in <PLACE>Mukden</PLACE>."))
    assert plain[0].type == reported[0].type == "LOOTING"
    assert reported[0].modality == "reported"
    assert reported[0].confidence < plain[0].confidence


def test_events_multiword_triggers(nlp):
    suicide = get_events(make_doc(nlp, "Many settlers committed suicide as the army approached."))
    assert [e.type for e in suicide] == ["MASS_SUICIDE"]
    assert suicide[0].trigger.text == "committed suicide"
    assert suicide[0].victims[0].text == "settlers"
    border = get_events(make_doc(nlp, "On <DATE start='1990-08-02'>2 August 1990</DATE>, Iraqi troops crossed the "
                                      "border and attacked Kuwaiti positions."))
    assert [e.type for e in border] == ["BATTLE"]
    assert border[0].date.start == "1990-08-02"


def test_events_inherit_date_and_place_from_paragraph(nlp):
    doc = make_doc(nlp, "On <DATE start='1944-06-10'>10 June 1944</DATE>, SS troops attacked "
                        "<PLACE feature='village'>Oradour-sur-Glane</PLACE>. Later the soldiers shot the men "
                        "in barns.")
    (killing,) = only(get_events(doc), "KILLING")
    assert killing.date.start == "1944-06-10" and killing.date.provenance == "inherited"
    assert killing.location.canonical == "Oradour-sur-Glane" and killing.location.provenance == "inherited"


def test_events_no_inheritance_across_paragraphs(nlp):
    doc = make_doc(nlp, "Ceasefire talks\n\nOn <DATE start='1944-06-10'>10 June 1944</DATE>, troops shelled "
                        "<PLACE>Caen</PLACE>.\nSoldiers shot the men.")
    killing = only(get_events(doc), "KILLING")
    assert killing and killing[0].date is None and killing[0].location is None


def test_events_repeated_mentions_merge_and_counts_widen(nlp):
    doc = make_doc(nlp, (
        "Srebrenica massacre\n\n"
        "The Srebrenica massacre was committed by <MILITARY_UNIT>Bosnian Serb forces</MILITARY_UNIT> in "
        "<PLACE>Srebrenica</PLACE> in <DATE start='1995-07-11' end='1995-07-22' precision='days'>July "
        "1995</DATE>. The soldiers killed <CASUALTY kind='killed' low=7000 high=7000>about 7,000 men</CASUALTY> in "
        "<PLACE>Srebrenica</PLACE>.\n"
        "Later investigators said the forces killed <CASUALTY kind='killed' low=8000 high=8372>over 8,000 "
        "men and boys</CASUALTY> in <PLACE>Srebrenica</PLACE>. The massacre ended on "
        "<DATE start='1995-07-22'>22 July</DATE>."))
    events = get_events(doc)
    assert len(events) == 1
    ev = events[0]
    assert ev.type == "MASSACRE"
    assert len(ev.evidence) >= 3
    (killed,) = ev.counts
    assert (killed.low, killed.high) == (7000, 8372)
    assert len(killed.sources) == 2


def test_events_agreeing_counts_narrow_to_what_all_allow(nlp):
    """Consistent statements ("over 1,000", "over half of a group of 1,800") narrow the
    count instead of widening it; only conflicting reports widen it."""
    doc = make_doc(nlp, (
        "Oradour massacre\n\n"
        "The Oradour massacre was committed by <MILITARY_UNIT>SS forces</MILITARY_UNIT> in "
        "<PLACE>Oradour</PLACE> on <DATE start='1944-06-10' end='1944-06-10' precision='day'>10 June "
        "1944</DATE>. The soldiers killed <CASUALTY kind='killed' low=300 high=700>over half of a group "
        "of 700 villagers</CASUALTY> in <PLACE>Oradour</PLACE>.\n"
        "Later investigators said the forces killed <CASUALTY kind='killed' low=600 high=None>more than "
        "600 people</CASUALTY> in <PLACE>Oradour</PLACE>."))
    (ev,) = [e for e in get_events(doc) if e.counts]
    (killed,) = ev.counts
    assert (killed.low, killed.high) == (600, 700)
    assert len(killed.sources) == 2


def test_events_same_day_different_places_stay_apart(nlp):
    doc = make_doc(nlp, (
        "On <DATE start='1945-08-15'>Aug. 15, 1945</DATE>, in <PLACE>Ushiro</PLACE>, a man was shot dead "
        "by soldiers.\n"
        "In <PLACE>Chirikoro</PLACE>, another man was shot dead on <DATE start='1945-08-15'>Aug. 15</DATE>."))
    events = only(get_events(doc), "KILLING")
    assert sorted(e.location.canonical for e in events) == ["Chirikoro", "Ushiro"]
    assert {e.date.start for e in events} == {"1945-08-15"}


def test_events_named_incident_in_relative_clause(nlp):
    doc = make_doc(nlp, "Two cases were known: the Kamishisuka incident, in which "
                        "<CASUALTY kind='killed' low=18>18 people</CASUALTY> were killed at a police station on "
                        "<DATE start='1945-08-17'>Aug. 17, 1945</DATE>, and the Mizuho incident, in which "
                        "<CASUALTY kind='killed' low=27>27 villagers</CASUALTY> were killed between "
                        "<DATE start='1945-08-20' end='1945-08-25' precision='days'>Aug. 20 and 25</DATE>.")
    events = get_events(doc)
    got = {e.location.text: (e.date.start, e.date.end, e.counts[0].low) for e in events}
    assert got == {"Kamishisuka": ("1945-08-17", "1945-08-17", 18), "Mizuho": ("1945-08-20", "1945-08-25", 27)}


def test_events_infobox_merged_with_prose(nlp):
    doc = make_doc(nlp, (
        "Oradour massacre\n\n"
        "LocationOradour-sur-Glane\n"
        "DateJune 10, 1944 (1944-06-10)\n"
        "TargetVillagers\n"
        "Attack type\n"
        "Massacre, arson\n"
        "Deaths643\n"
        "PerpetratorsWaffen-SS\n\n"
        "The Oradour massacre was carried out by the Waffen-SS in <PLACE>Oradour-sur-Glane</PLACE>. "
        "Soldiers shot the men in barns.\n"))
    events = get_events(doc)
    assert len(events) == 1
    ev = events[0]
    assert ev.type == "MASSACRE" and "infobox" in ev.sources and "prose" in ev.sources
    assert ev.date.start == "1944-06-10"
    assert ev.counts[0].kind == "killed" and ev.counts[0].low == 643
    assert any("Waffen-SS" in a.text for a in ev.perpetrators)
    assert ev.victims[0].text == "Villagers"


@pytest.mark.parametrize("text", [
    "HONG KONG (AP) -- The pop singer was found guilty of indecent assault in a court on Wednesday "
    "and was arrested in March; the judge fined him 15,000 dollars.",
    "Narcotics agents said they have seized 1 ton of cannabis and arrested three men for smuggling.",
    "The judges did the punishing, the criminals paid for their crimes and I ruled, freely.",
    "1. ^ \"Survivor of 1945 massacre continues to tell tale\". Mainichi Daily News. Retrieved 2022-01-08.",
])
def test_events_not_war_related_paragraphs_yield_nothing(nlp, text):
    doc = make_doc(nlp, text)
    assert get_events(doc) == []
    assert doc._.war_related is False


def test_events_survive_to_bytes_and_rows(nlp):
    doc = make_doc(nlp, "On <DATE start='1950-07-26'>26 July 1950</DATE>, soldiers shot "
                        "<CASUALTY kind='killed' low=250 high=300>250 to 300 refugees</CASUALTY> at "
                        "<PLACE>No Gun Ri</PLACE>.")
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert get_events(restored) == get_events(doc)
    (row,) = events_to_rows(restored._.events, "a.txt", restored.text)
    assert set(ACLED_COLUMNS) <= set(row)
    assert row["event_date"] == "1950-07-26" and row["fatalities_low"] == 250 and row["fatalities_high"] == 300
    assert row["location"] == "No Gun Ri" and row["source"] == "a.txt"
    assert row["notes"].startswith("On 26 July 1950")


def test_events_full_pipeline_pipe_n_process_2(nlp):
    texts = ["On 2 August 1990, Iraqi troops invaded Kuwait.", "The central bank raised rates."]
    docs = list(nlp.pipe(texts, n_process=2))
    assert [isinstance(d._.events, list) for d in docs] == [True, True]
    assert docs[1]._.events == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
       | st.lists(st.sampled_from(["killed", "massacre", "the", "Army", "in", "Gegenmiao", "\n", "1945",
                                   "LocationX", "Deaths12", "not", "if", ".", "on", "August", "14,"]),
                  max_size=40).map(" ".join))
def test_events_never_raise_and_offsets_inside_doc(nlp, text):
    doc = nlp(text)
    for ev in get_events(doc):
        for e in ev.evidence:
            assert 0 <= e.start <= e.end <= len(doc.text)
        assert 0 <= ev.trigger.start <= ev.trigger.end <= len(doc.text)
        assert 0.0 <= ev.confidence <= 1.0


def test_events_killing_of_five_or_more_is_massacre(nlp):
    """GUIDELINES: five or more people killed makes a MASSACRE; one victim stays a KILLING."""
    from warevents.events.models import get_events

    doc = nlp("Soviet forces invaded the area on May 3, 1945. On May 4, 1945, 40 villagers were "
              "killed by soldiers in Pozharskoye. On May 6, 1945, a farmer was shot dead in Leonidovo.")
    types = {e.location.text if e.location else None: e.type for e in get_events(doc)}
    assert types.get("Pozharskoye") == "MASSACRE"
    assert types.get("Leonidovo") == "KILLING"


# -- precision: weak, umbrella, generic and post-mortem mentions (invented passages) -------------

def test_events_weak_trigger_folds_into_the_act_it_served(nlp):
    """Bosnia: the beating served the abduction, so it is one ABDUCTION record whose
    perpetrator comes from the governing verb ("in order to")."""
    doc = make_doc(nlp, "On <DATE start='1995-07-12'>12 July 1995</DATE>, Serb soldiers beat the mothers into "
                        "submission in order to abduct their sons in <PLACE>Potocari</PLACE>.")
    events = get_events(doc)
    assert [e.type for e in events] == ["ABDUCTION"]
    assert [a.text for a in events[0].perpetrators] == ["Serb soldiers"]
    assert events[0].location.canonical == "Potocari"


def test_events_weak_conjunct_folds_and_gives_its_victims(nlp):
    doc = make_doc(nlp, "Militiamen looted and terrorized the villagers of <PLACE>Bijeljina</PLACE>.")
    events = get_events(doc)
    assert [e.type for e in events] == ["LOOTING"]
    assert "villagers" in events[0].victims[0].text


def test_events_umbrella_nouns_start_no_record(nlp):
    assert get_events(make_doc(nlp, "The newly found letters widen the known scope of the atrocities "
                                    "committed in <PLACE>Bosnia</PLACE>.")) == []


def test_events_habitual_statements_attach_to_the_specific_incident(nlp):
    """Korea: 'often rioted' and 'riots ... in some camps' are patterns; the dated Koje-do
    riot is the incident, and the generic sentences are its evidence, not records."""
    doc = make_doc(nlp, (
        "North Korean prisoners often rioted against the guards. Riots even occurred in some camps. "
        "On <DATE start='1952-05-07'>7 May 1952</DATE>, prisoners rioted at <PLACE>Koje-do</PLACE> and "
        "seized the camp commander."))
    (riot,) = get_events(doc)
    assert riot.type == "RIOT" and riot.date.start == "1952-05-07"
    assert riot.location.canonical == "Koje-do"
    assert len(riot.evidence) == 3


def test_events_habitual_statement_without_instance_is_dropped(nlp):
    doc = make_doc(nlp, "From time to time, detainees in the camps near <PLACE>Da Nang</PLACE> committed suicide, "
                        "rioted and fled.")
    assert get_events(doc) == []


def test_events_dated_generic_joins_the_instance_with_that_date(nlp):
    """E4: 'similar killings ... including in early June' + the early-June shooting in a
    later paragraph: one KILLING, not two, and not folded into the April massacre."""
    doc = make_doc(nlp, (
        "In <DATE start='1999-04-10'>April 1999</DATE>, <CASUALTY kind='killed' low=40>40 villagers</CASUALTY> "
        "were killed in <PLACE>Izbica</PLACE>. Similar killings occurred later, including in "
        "<DATE start='1999-06-01' end='1999-06-10' precision='part_of_month'>early June</DATE>.\n"
        "In <DATE start='1999-06-01' end='1999-06-10' precision='part_of_month'>early June</DATE>, "
        "a farmer was shot dead in <PLACE>Vucitrn</PLACE>."))
    events = get_events(doc)
    assert sorted(e.type for e in events) == ["KILLING", "MASSACRE"]
    (killing,) = only(events, "KILLING")
    assert killing.date.start == "1999-06-01" and len(killing.evidence) == 2
    (massacre,) = only(events, "MASSACRE")
    assert len(massacre.evidence) == 1


def test_events_acts_on_a_dead_body_are_evidence_not_a_new_killing(nlp):
    doc = make_doc(nlp, "On <DATE start='1968-02-11'>11 February 1968</DATE>, a farmer was shot dead by three "
                        "soldiers in <PLACE>Phong Nhat</PLACE>. His body was then bayoneted by twelve others.")
    (ev,) = get_events(doc)
    assert ev.type == "KILLING"
    assert [a.text for a in ev.perpetrators] == ["three soldiers"]
    assert [a.text for a in ev.victims] == ["farmer"]
    assert len(ev.evidence) == 2


def test_events_victims_are_never_dates_pronouns_or_crossed_borders(nlp):
    doc = make_doc(nlp, "On the evening of <DATE start='2014-08-24'>24 August</DATE>, separatist units attacked the "
                        "garrison of <PLACE>Ilovaisk</PLACE>.")
    (ev,) = get_events(doc)
    assert all("evening" not in v.text for v in ev.victims)
    assert [v.text for v in ev.victims] == ["garrison of Ilovaisk"]
    border = get_events(make_doc(nlp, "On <DATE start='1950-06-25'>25 June 1950</DATE>, North Korean troops crossed "
                                      "the Korean and Chinese borders."))
    assert [e.type for e in border] == ["BATTLE"] and border[0].victims == []


def test_events_attack_by_prisoners_is_a_riot_and_theft_by_residents_no_looting(nlp):
    doc = make_doc(nlp, "On <DATE start='1952-05-14'>14 May 1952</DATE>, the guards were attacked by North Korean "
                        "prisoners in <PLACE>Koje-do</PLACE>.")
    (ev,) = get_events(doc)
    assert ev.type == "RIOT" and [a.text for a in ev.perpetrators] == ["North Korean prisoners"]
    theft = make_doc(nlp, "When the trains stopped in <PLACE>Lviv</PLACE>, the parcels were looted by local "
                          "residents.")
    assert only(get_events(theft), "LOOTING") == []


def test_events_publication_dates_are_not_event_dates(nlp):
    same = make_doc(nlp, "According to an article published on <DATE start='2005-05-11'>11 May 2005</DATE>, "
                         "militiamen looted the museum in <PLACE>Baghdad</PLACE>.")
    (ev,) = get_events(same)
    assert ev.type == "LOOTING" and ev.date is None
    later = make_doc(nlp, "The newspaper published the account on <DATE start='2005-05-11'>11 May 2005</DATE>. "
                          "Soldiers looted the museum in <PLACE>Baghdad</PLACE>.")
    (ev,) = get_events(later)
    assert ev.date is None


def test_events_place_prefers_the_triggers_own_phrase_over_relative_clauses(nlp):
    doc = make_doc(nlp, "The troops that had occupied <PLACE>Normandy</PLACE> looted the houses of "
                        "<PLACE>Caen</PLACE>.")
    (ev,) = get_events(doc)
    assert ev.location.canonical == "Caen"
    doc = make_doc(nlp, "Soldiers who had come from <PLACE>Osijek</PLACE> shot two prisoners in "
                        "<PLACE>Vukovar</PLACE>.")
    (ev,) = get_events(doc)
    assert ev.location.canonical == "Vukovar"


def test_events_trigger_found_despite_lemmatizer_errors(nlp):
    """The tagger lemmatizes "raped" as "rap": the regular inflection is tried too."""
    (ev,) = get_events(make_doc(nlp, "Soldiers raped two women in <PLACE>Foca</PLACE>."))
    assert ev.type == "SEXUAL_VIOLENCE" and ev.location.canonical == "Foca"


def test_events_forced_killing_of_own_children_is_part_of_mass_suicide(nlp):
    doc = make_doc(nlp, "Hundreds of civilians committed suicide on <PLACE>Saipan</PLACE> as American forces "
                        "advanced. Mothers were forced to kill their own children.")
    events = get_events(doc)
    assert [e.type for e in events] == ["MASS_SUICIDE"]
    assert len(events[0].evidence) == 2


def test_events_generic_and_frame_titles_are_not_records(nlp):
    riots = get_events(make_doc(nlp, "Prisoner riots in Korean camps\n\nOn <DATE start='1952-05-07'>7 May 1952"
                                     "</DATE>, prisoners rioted at <PLACE>Koje-do</PLACE>."))
    assert [e.type for e in riots] == ["RIOT"]
    assert riots[0].evidence[0].text == "Prisoner riots in Korean camps"  # the title is evidence
    frame = get_events(make_doc(nlp, "Battle of Okinawa - War Crimes\n\nAmerican soldiers raped two women in "
                                     "<PLACE>Okinawa</PLACE>."))
    assert [e.type for e in frame] == ["SEXUAL_VIOLENCE"]


def test_events_prospective_and_conjoined_back_references(nlp):
    assert get_events(make_doc(nlp, "As the Allied army advanced and battles loomed, civilians fled the city.")) == []
    doc = make_doc(nlp, "Soldiers looted the shops of <PLACE>Harbin</PLACE>. The commanders ignored complaints "
                        "about the rape and looting.")
    (looting,) = only(get_events(doc), "LOOTING")
    assert len(looting.evidence) == 2


def test_events_subset_count_never_replaces_the_total(nlp):
    doc = make_doc(nlp, "On <DATE start='2024-05-26'>26 May 2024</DATE>, an air strike on a camp in "
                        "<PLACE>Rafah</PLACE> killed <CASUALTY kind='killed' low=23 high=None qualifier='at least'>"
                        "at least 23 people</CASUALTY>, including <CASUALTY kind='killed' low=7 scope='subset'>"
                        "7 children</CASUALTY>.")
    (ev,) = get_events(doc)
    assert ev.type == "REMOTE_VIOLENCE"
    assert [(c.kind, c.low, c.high) for c in ev.counts] == [("killed", 23, None)]
    assert [(c.kind, c.low, c.scope) for c in ev.sub_counts] == [("killed", 7, "subset")]


def test_events_cumulative_toll_is_no_incident(nlp):
    doc = make_doc(nlp, "Government troops shelled <PLACE>Homs</PLACE> on <DATE start='2012-02-04'>4 February "
                        "2012</DATE>, killing <CASUALTY kind='killed' low=9>nine civilians</CASUALTY>.\n\n"
                        "Monitors said <CASUALTY kind='killed' low=5400 scope='cumulative'>5,400 people</CASUALTY> "
                        "have been killed in the province since the uprising began.")
    evs = get_events(doc)
    assert [(e.type, [(c.kind, c.low) for c in e.counts]) for e in evs] == [("REMOTE_VIOLENCE", [("killed", 9)])]
