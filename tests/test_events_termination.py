"""Every walk over the parse in the event layer terminates (issue 10: a relative
pronoun with no relative clause above it looped for ever).

The pipeline runs in a forked child with a time limit, so a regression fails
this test instead of hanging the suite."""

from __future__ import annotations

import multiprocessing as mp

import pytest
import spacy
from spacy.tokens import Doc

from warevents.events.linking import _resolve_relative
from warevents.events.parse import climb, is_root

TIME_LIMIT_S = 60.0  # the sentences take well under a second; the limit only catches a hang


def _child(nlp, text: str, queue) -> None:
    doc = nlp(text)
    queue.put([(e["type"], e["trigger"]["text"]) for e in doc._.events])


def run_with_time_limit(nlp, text: str, limit: float = TIME_LIMIT_S) -> list[tuple[str, str]]:
    """Run ``nlp(text)`` in a forked process; fail the test if it does not finish."""
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(nlp, text, queue), daemon=True)
    proc.start()
    proc.join(limit)
    if proc.is_alive():
        proc.kill()
        proc.join()
        pytest.fail(f"pipeline did not finish within {limit:.0f} s on {text!r}")
    assert proc.exitcode == 0, f"pipeline crashed (exit code {proc.exitcode}) on {text!r}"
    return queue.get(timeout=5)


@pytest.mark.parametrize(
    "text",
    [
        "The army shelled the town. That killed 18 civilians.",
        "Who killed the prisoners was long disputed.",
        "Which unit shot the villagers is unknown, and whom they killed was never recorded.",
        "That the soldiers looted the shops that night was denied by those who had ordered it.",
    ],
)
def test_events_relative_pronoun_without_clause_terminates(nlp, text):
    run_with_time_limit(nlp, text)


def test_events_relative_pronoun_without_clause_keeps_event(nlp):
    events = run_with_time_limit(nlp, "The army shelled the town. That killed 18 civilians.")
    assert ("REMOTE_VIOLENCE", "shelled") in events  # GUIDELINES E1: shelling is remote violence
    assert any(trigger == "killed" for _, trigger in events)


def _doc(words: list[str], heads: list[int], deps: list[str]) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)


def test_parse_climb_stops_at_the_root_once():
    doc = _doc(["That", "killed", "them"], [1, 1, 1], ["nsubj", "ROOT", "dobj"])
    assert [t.i for t in climb(doc[0])] == [0, 1]
    assert [t.i for t in climb(doc[1])] == [1]
    assert is_root(doc[1]) and not is_root(doc[0])
    assert [t.i for t in climb(doc[0], limit=1)] == [0]


def test_linking_resolve_relative_without_relcl_returns_pronoun():
    doc = _doc(["That", "killed", "them"], [1, 1, 1], ["nsubj", "ROOT", "dobj"])
    assert _resolve_relative(doc[0]).i == 0


def test_linking_resolve_relative_in_relcl_returns_antecedent():
    # "soldiers who killed them fled": who -> soldiers
    doc = _doc(["soldiers", "who", "killed", "them", "fled"], [4, 2, 0, 2, 4],
               ["nsubj", "nsubj", "relcl", "dobj", "ROOT"])
    assert _resolve_relative(doc[1]).i == 0
