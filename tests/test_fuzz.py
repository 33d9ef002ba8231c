"""Fuzzing on real structure: sentences from a small grammar of relative clauses,
coordination, passives, lists and numbers, the real corpus texts, and arbitrary bytes
for the readers. Every document must finish within its budget, every offset must index
the text, and every count interval must have low <= high."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warevents.extractor import Extractor
from warevents.io.jsonl import dumps, iter_objects
from warevents.io.readers import InputDoc, InputError, decode_bytes, read_inputs

ROOT = Path(__file__).resolve().parents[1]
BUDGET_S = 30.0

ACTORS = ["the army", "Soviet troops", "the 39th Army", "militants", "they", "the group",
          "government forces", "al-Shabaab fighters", "a unit of the 3rd Division", "who"]
VICTIMS = ["18 civilians", "between 800 and 700 people", "a family of five", "two brothers",
           "some 4,000 prisoners, most of them officers,", "dozens of villagers",
           "at least 12 fighters", "1" + "0" * 40 + " people", "the prisoners", "nobody"]
VERBS = ["killed", "shelled", "massacred", "wounded", "captured", "shot", "attacked", "bombed"]
PLACES = ["in Kharkiv", "near the border", "at Gegenmiao", "in northern Hama", "in the town"]
DATES = ["on 3 May 1942", "last Tuesday", "that evening", "in the winter of 1941",
         "between August 9 and 20, 1945", "on Sept.3", "in 331 BC", ""]


def _clause(rng: random.Random, depth: int = 0) -> str:
    a, v, o = rng.choice(ACTORS), rng.choice(VERBS), rng.choice(VICTIMS)
    kind = rng.randrange(7 if depth < 2 else 3)
    if kind == 0:
        return f"{a} {v} {o} {rng.choice(PLACES)} {rng.choice(DATES)}"
    if kind == 1:
        return f"{o} were {v} by {a} {rng.choice(DATES)}"
    if kind == 2:
        return f"That {v} {o}"
    if kind == 3:
        return f"{a}, which {_clause(rng, depth + 1)}, {v} {o}"
    if kind == 4:
        return f"{_clause(rng, depth + 1)} and {_clause(rng, depth + 1)}"
    if kind == 5:
        return f"Who {v} {o} was long disputed, but {_clause(rng, depth + 1)}"
    return f"{a} {v} " + ", ".join(rng.sample(VICTIMS, 3)) + f" and {rng.choice(VICTIMS)}"


def grammar_documents(n_docs: int = 12, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    docs = []
    for _ in range(n_docs):
        sents = [_clause(rng).strip().capitalize() + "." for _ in range(rng.randint(3, 12))]
        sep = rng.choice([" ", "\n", "\n\n"])
        docs.append(sep.join(sents))
    return docs


def _check(result, text: str) -> None:
    assert not isinstance(result, InputError), result.message
    record = result.record
    for span in record.spans:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start:span.end] == span.text
        norm = span.norm or {}
        if span.label == "CASUALTY" and norm.get("low") is not None and norm.get("high") is not None:
            assert norm["low"] <= norm["high"], (span.text, norm)
    for event in record.events:
        event = event if isinstance(event, dict) else event.model_dump()
        for ev in event.get("evidence") or []:
            start, end = (ev["start"], ev["end"]) if isinstance(ev, dict) else ev
            assert 0 <= start < end <= len(text)
        counts = event.get("counts") or []
        items = counts.values() if isinstance(counts, dict) else counts
        for c in items:
            if c.get("low") is not None and c.get("high") is not None:
                assert c["low"] <= c["high"], c


@pytest.mark.slow
def test_grammar_sentences_terminate_with_valid_offsets(nlp):
    ex = Extractor(nlp=nlp, time_budget=BUDGET_S)
    texts = grammar_documents()
    items = [InputDoc(f"g{k}", t, f"grammar:{k}") for k, t in enumerate(texts)]
    for text, result in zip(texts, ex.process(items)):
        _check(result, text)


@pytest.mark.slow
def test_corpus_texts_terminate_with_valid_offsets(nlp):
    texts = sorted((ROOT / "annotations" / "corpus" / "texts").glob("*.txt"))
    assert texts
    ex = Extractor(nlp=nlp, time_budget=BUDGET_S)
    items = [InputDoc(p.stem, p.read_text(encoding="utf-8"), str(p)) for p in texts]
    for item, result in zip(items, ex.process(items)):
        _check(result, item.text)


@given(st.binary(max_size=2000), st.sampled_from(["utf-8", "latin-1", "utf-16", "cp1252"]))
@settings(max_examples=200, deadline=None)
def test_decode_bytes_returns_text_or_a_named_error(data, encoding):
    try:
        text = decode_bytes(data, "f.txt", encoding)
    except ValueError as err:
        assert "f.txt" in str(err)
    else:
        assert isinstance(text, str)


@given(st.binary(max_size=3000), st.sampled_from([".txt", ".md", ".jsonl"]))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_reading_arbitrary_files_never_raises(tmp_path, data, suffix):
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(data)
    for item in read_inputs([str(path)]):
        assert isinstance(item, (InputDoc, InputError))
        if isinstance(item, InputError):
            assert str(path) in item.message
        else:
            item.text.encode("utf-8")  # only valid text gets through


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)


@given(st.lists(_TEXT, min_size=1, max_size=8))
@settings(max_examples=200, deadline=None)
def test_jsonl_round_trips_any_text(texts):
    data = "".join(dumps({"id": k, "text": t}) + "\n" for k, t in enumerate(texts))
    got = [obj for _, obj in iter_objects(data)]
    assert [o["text"] for o in got] == texts
    assert [n for n, _ in iter_objects(data)] == list(range(1, len(texts) + 1))
    assert all(json.loads(line) for line in data.split("\n") if line)
