"""The pipeline as a whole: layout handling, saving/loading, multiprocessing."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from spacy.tokens import Doc

from warevents.components.common import PRETRAINED_ENTS
from warevents.schemas import LABELS

INFOBOX = "LocationGegenmiao lamasery\nDeathsOver 1,000\nPerpetratorsSoviet Union Red Army 39th Army\n"
PROSE = (
    "On Aug. 17, 1945, 18 people were killed at a police station in Kamishisuka. "
    "The Soviet 39th Army entered Mukden in early September."
)


def _ents(doc: Doc) -> list[tuple]:
    return [(e.start_char, e.end_char, e.label_, json.dumps(e._.norm, sort_keys=True)) for e in doc.ents]


def test_pipeline_infobox_keys_split_from_values(nlp):
    doc = nlp(INFOBOX)
    words = [t.text for t in doc]
    assert words[:3] == ["Location", "Gegenmiao", "lamasery"]
    assert "Deaths" in words and "Over" in words
    assert "Perpetrators" in words and "Soviet" in words
    # every infobox row starts its own sentence
    starts = {s[0].text for s in doc.sents}
    assert {"Location", "Deaths", "Perpetrators"} <= starts


def test_pipeline_ents_have_only_warevents_labels_and_keep_pretrained(nlp):
    doc = nlp(PROSE)
    assert doc.ents and {e.label_ for e in doc.ents} <= set(LABELS)
    assert all(e._.norm is not None or e.label_ == "MILITARY_UNIT" for e in doc.ents)
    assert PRETRAINED_ENTS in doc.spans


def test_pipeline_survives_to_bytes(nlp):
    doc = nlp(PROSE)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert _ents(again) == _ents(doc)


def test_pipeline_n_process_2_equals_1(nlp):
    texts = [PROSE, INFOBOX, "Nothing to see here."] * 2
    one = [_ents(d) for d in nlp.pipe(texts, n_process=1)]
    two = [_ents(d) for d in nlp.pipe(texts, n_process=2)]
    assert one == two and any(one)


def test_pipeline_round_trip_in_fresh_process(nlp, tmp_path):
    path = tmp_path / "saved"
    nlp.to_disk(path)
    code = (
        "import json, spacy; nlp = spacy.load(r'%s'); doc = nlp(%r);"
        "print(json.dumps([nlp.pipe_names, [(e.start_char, e.end_char, e.label_,"
        " json.dumps(e._.norm, sort_keys=True)) for e in doc.ents]]))" % (path, PROSE)
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    names, ents = json.loads(out.stdout.strip().splitlines()[-1])
    assert names == nlp.pipe_names
    assert [tuple(e) for e in ents] == _ents(nlp(PROSE))


@pytest.mark.parametrize("bad", ["", " ", "\n\n\n", "\x00\x01", "1945" * 3, "(((("])
def test_pipeline_odd_text_does_not_raise(nlp, bad):
    doc = nlp(bad)
    assert all(e.label_ in LABELS for e in doc.ents)


def test_pipeline_citation_marks_split_from_words(nlp):
    doc = nlp("It happened during the Soviet invasion of Manchuria.[1][2] Many drowned.[4]")
    words = [t.text for t in doc]
    assert "Manchuria" in words and "drowned" in words
    assert any(e.text == "Manchuria" and e.label_ == "PLACE" for e in doc.ents)
