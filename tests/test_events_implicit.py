"""Event records count people named by a singular or group noun (issue 13 follow-up).

"a man was shot dead" = 1, "a couple" = 2, "a family of five" = 5, "a woman and her two
children" = 3: the casualty stage puts these implicit counts in their own span group and the
record takes them as its count, marked ``implicit``, unless a number in the sentence counts
the same kind of harm. Texts written for these tests (several wars and news styles).
"""

from __future__ import annotations

import pytest

from warevents.events import get_events


def only(nlp, text):
    evs = get_events(nlp(text))
    assert len(evs) == 1, [(e.type, e.trigger.text) for e in evs]
    return evs[0]


def counts(ev):
    return {c.kind: (c.low, c.high, c.implicit) for c in ev.counts}


@pytest.mark.parametrize(
    "text, ev_type, perpetrator, expected",
    [
        # a trigger sentence whose only victim is a singular noun gives a record with count 1
        ("A man was shot dead by gunmen.", "KILLING", "gunmen", {"killed": (1, 1, True)}),
        ("Gunmen shot dead a man outside a mosque in Maiduguri on 3 March 2021.", "KILLING",
         "Gunmen", {"killed": (1, 1, True)}),
        ("A couple were shot dead by Serb paramilitaries in their home near Srebrenica in July 1995.",
         "KILLING", "Serb paramilitaries", {"killed": (2, 2, True)}),
        ("Japanese troops bayoneted a farmer and his wife outside Nanking in December 1937.",
         "KILLING", "Japanese troops", {"killed": (2, 2, True)}),
        ("Soldiers killed a family of five near Kandahar in August 2009.", "MASSACRE", "Soldiers",
         {"killed": (5, 5, True)}),
        # a plural without a number leaves the count open-ended
        ("A man and his sons were executed by ISIS fighters in Raqqa.", "KILLING", "ISIS fighters",
         {"killed": (3, None, True)}),
    ],
)
def test_events_implicit_record_counts_people_named_by_nouns(nlp, text, ev_type, perpetrator, expected):
    ev = only(nlp, text)
    assert ev.type == ev_type
    assert [p.text for p in ev.perpetrators] == [perpetrator]
    assert counts(ev) == expected


def test_events_implicit_fuller_count_replaces_the_explicit_one_it_holds(nlp):
    # "two children" is a CASUALTY span; "a woman and her two children" is the fuller count
    ev = only(nlp, "A woman and her two children were killed when artillery shelled their house in Kharkiv.")
    assert counts(ev) == {"killed": (3, 3, True)}
    ev = only(nlp, "Insurgents killed a soldier and 11 civilians in an ambush near Menaka.")
    assert [p.text for p in ev.perpetrators] == ["Insurgents"]
    assert counts(ev) == {"killed": (12, 12, True)}


def test_events_implicit_explicit_number_of_the_same_kind_wins(nlp):
    # the priest is one of the twelve: the record's toll stays the stated number
    ev = only(nlp, "Twelve villagers were killed in the raid on Beni, including a priest who was "
                   "shot dead in his church.")
    assert counts(ev) == {"killed": (12, 12, False)}


def test_events_implicit_count_of_another_kind_stands_beside_the_number(nlp):
    ev = only(nlp, "A policeman was killed and three others were wounded when insurgents attacked "
                   "a checkpoint in Mosul.")
    assert [p.text for p in ev.perpetrators] == ["insurgents"]
    assert counts(ev) == {"killed": (1, 1, True), "wounded": (3, 3, False)}


def test_events_implicit_later_number_replaces_the_implicit_count_on_merge(nlp):
    ev = only(nlp, "A soldier was killed in an ambush near Menaka, the army said. Eleven soldiers "
                   "were killed in the attack, officials later said.")
    assert counts(ev) == {"killed": (11, 11, False)}


def test_events_implicit_wounded_person_is_a_wounded_count(nlp):
    ev = only(nlp, "A journalist was wounded by sniper fire in Sarajevo in 1993.")
    assert counts(ev) == {"wounded": (1, 1, True)}
