"""The scorer on tiny hand-made gold/prediction pairs with known answers."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from warevents.evaluation import metrics
from warevents.evaluation.baseline import baseline_spans, map_entity
from warevents.evaluation.gold import GoldDoc, GoldSpan, dump_gold, sha256
from warevents.evaluation.scorer import Prediction, normalise_event, score_system

GOLD = [(0, 5, "PLACE"), (10, 20, "DATE"), (30, 38, "CASUALTY")]


def micro(gold, pred, mode="strict"):
    return metrics.span_scores(gold, pred, mode)["micro"]


# ------------------------------------------------------------------ spans


def test_scorer_perfect_prediction_scores_one():
    for mode in ("strict", "lenient"):
        scores = metrics.span_scores(GOLD, list(GOLD), mode)
        assert scores["micro"]["f1"] == 1.0
        assert scores["macro"]["f1"] == 1.0
        assert scores["per_label"]["DATE"] == {
            "precision": 1.0,
            "recall": 1.0,
            "f1": 1.0,
            "tp": 1,
            "fp": 0,
            "fn": 0,
            "support": 1,
        }


def test_scorer_empty_prediction_has_zero_recall_and_counts_misses():
    m = micro(GOLD, [])
    assert (m["tp"], m["fp"], m["fn"]) == (0, 0, 3)
    assert m["recall"] == 0.0 and m["precision"] == 0.0


def test_scorer_empty_gold_and_prediction_do_not_crash():
    scores = metrics.span_scores([], [])
    assert scores["micro"]["tp"] == scores["micro"]["fp"] == scores["micro"]["fn"] == 0
    assert scores["macro"]["labels"] == []
    spurious = micro([], [(0, 3, "PLACE")])
    assert (spurious["tp"], spurious["fp"], spurious["precision"]) == (0, 1, 0.0)


def test_scorer_partial_overlap_is_lenient_but_not_strict():
    pred = [(0, 5, "PLACE"), (14, 25, "DATE"), (30, 38, "CASUALTY")]
    strict, lenient = micro(GOLD, pred, "strict"), micro(GOLD, pred, "lenient")
    assert (strict["tp"], strict["fp"], strict["fn"]) == (2, 1, 1)
    assert strict["f1"] == pytest.approx(2 / 3)
    assert (lenient["tp"], lenient["fp"], lenient["fn"]) == (3, 0, 0)


def test_scorer_wrong_label_is_a_miss_and_a_false_alarm():
    scores = metrics.span_scores([(0, 5, "PLACE")], [(0, 5, "MILITARY_UNIT")], "lenient")
    assert scores["per_label"]["PLACE"]["fn"] == 1
    assert scores["per_label"]["MILITARY_UNIT"]["fp"] == 1
    assert scores["micro"]["f1"] == 0.0
    assert sorted(scores["macro"]["labels"]) == ["MILITARY_UNIT", "PLACE"]


def test_scorer_duplicated_prediction_counts_once():
    for mode in ("strict", "lenient"):
        m = micro([(0, 5, "PLACE")], [(0, 5, "PLACE"), (0, 5, "PLACE")], mode)
        assert (m["tp"], m["fp"], m["fn"]) == (1, 1, 0)
        assert m["precision"] == 0.5 and m["recall"] == 1.0


def test_scorer_lenient_matching_is_one_to_one_by_largest_overlap():
    # One long prediction covering two gold spans matches only the one it overlaps most.
    gold = [(0, 4, "PLACE"), (6, 20, "PLACE")]
    pred = [(2, 20, "PLACE")]
    pairs = metrics.match_spans(gold, pred, "lenient")
    assert pairs == [(1, 0)]
    m = micro(gold, pred, "lenient")
    assert (m["tp"], m["fp"], m["fn"]) == (1, 0, 1)


def test_scorer_macro_averages_present_labels_and_matches_counts():
    gold = [(0, 5, "PLACE"), (6, 9, "PLACE"), (10, 20, "DATE")]
    pred = [(0, 5, "PLACE"), (10, 20, "DATE"), (25, 28, "DATE")]
    scores = metrics.span_scores(gold, pred)
    place, date = scores["per_label"]["PLACE"], scores["per_label"]["DATE"]
    assert (place["precision"], place["recall"]) == (1.0, 0.5)
    assert (date["precision"], date["recall"]) == (0.5, 1.0)
    # scikit-learn's numbers agree with the counts.
    for cell in (place, date, scores["micro"]):
        expected = metrics.prf(cell["tp"], cell["fp"], cell["fn"])
        assert cell["f1"] == pytest.approx(expected["f1"])
    assert scores["macro"]["f1"] == pytest.approx((place["f1"] + date["f1"]) / 2)
    assert scores["per_label"]["CASUALTY"]["f1"] == 0.0


def test_scorer_pools_documents_without_cross_document_matches():
    docs = [([(0, 5, "PLACE")], []), ([], [(0, 5, "PLACE")])]
    m = metrics.corpus_span_scores(docs, "strict")["micro"]
    assert (m["tp"], m["fp"], m["fn"]) == (0, 1, 1)


# ------------------------------------------------------------------ normalisation


def test_scorer_normalisation_accuracy_per_field():
    day = {"start": "1945-08-09", "end": "1945-08-09", "precision": "day"}
    pairs = [
        ("DATE", day, dict(day)),
        ("DATE", day, {"start": "1945-08-09", "end": "1945-08-31", "precision": "month"}),
        (
            "CASUALTY",
            {"kind": "killed", "low": 18, "high": 18, "qualifier": None},
            {"kind": "killed", "low": 18, "high": None},
        ),
        ("PLACE", {"canonical": "Harbin", "modern": None}, None),
    ]
    acc = metrics.norm_accuracy(pairs)
    assert acc["DATE"]["start"]["accuracy"] == 1.0
    assert acc["DATE"]["end"]["accuracy"] == 0.5
    assert acc["DATE"]["all"] == {"correct": 1, "n": 2, "accuracy": 0.5}
    assert acc["CASUALTY"]["low"]["accuracy"] == 1.0
    assert acc["CASUALTY"]["high"]["accuracy"] == 0.0


# ------------------------------------------------------------------ events


def _gold_event(etype="KILLING", evidence=((0, 40),), **fields):
    event = {
        "type": "event",
        "id": "E1",
        "event_type": etype,
        "date": None,
        "location": None,
        "perpetrators": [],
        "victims": None,
        "counts": {},
        "evidence": [list(e) for e in evidence],
    }
    event.update(fields)
    return event


def test_scorer_event_adapter_accepts_pairs_and_dicts():
    pred = {
        "type": "MASSACRE",
        "date": {"start": "1945-08-14", "end": "1945-08-14", "precision": "day", "method": "rule"},
        "location": {"text": "Gegenmiao", "canonical": "Gegenmiao"},
        "perpetrators": [{"text": "Soviet army"}, "tank unit"],
        "victims": [{"text": "Japanese refugees"}],
        "counts": [{"kind": "killed", "low": 1000, "high": 1800}],
        "evidence": [{"start": 5, "end": 50}],
    }
    norm = normalise_event(pred)
    assert norm["type"] == "MASSACRE"
    assert norm["evidence"] == [(5, 50)]
    assert norm["location"] == ["Gegenmiao", "Gegenmiao"]
    assert norm["perpetrators"] == ["Soviet army", "tank unit"]
    assert norm["counts"] == {"killed": {"low": 1000, "high": 1800}}
    # The shape of warevents.events.models.Event: the type is in "type", not "event_type".
    model_shape = normalise_event(
        {"type": "KILLING", "event_type": "Violence against civilians", "evidence": []}
    )
    assert model_shape["type"] == "KILLING"
    gold = normalise_event(_gold_event("MASSACRE", [(0, 10), (20, 30)]))
    assert gold["type"] == "MASSACRE" and gold["evidence"] == [(0, 10), (20, 30)]


def test_scorer_events_match_on_type_and_evidence_overlap():
    gold = [
        normalise_event(_gold_event("KILLING", [(0, 40)])),
        normalise_event(_gold_event("BATTLE", [(50, 90)])),
    ]
    pred = [
        normalise_event({"type": "KILLING", "evidence": [[30, 45]]}),  # overlaps E1
        normalise_event({"type": "MASSACRE", "evidence": [[50, 90]]}),  # wrong type
        normalise_event({"type": "KILLING", "evidence": [[0, 40]]}),
    ]  # better overlap
    assert metrics.match_events(gold, pred) == [(0, 2)]
    det = metrics.event_scores([(gold, pred)])["detection"]
    assert (det["tp"], det["fp"], det["fn"]) == (1, 2, 1)


def test_scorer_event_fields_follow_documented_rules():
    gold = normalise_event(
        _gold_event(
            date={"start": "1945-08-14", "end": "1945-08-14", "precision": "day"},
            location="Gegenmiao",
            perpetrators=["Soviet tank unit"],
            victims="Japanese refugees",
            counts={"killed": {"low": 1000, "high": 1000}},
        )
    )
    pred = normalise_event(
        {
            "type": "KILLING",
            "evidence": [[0, 40]],
            "date": {"start": "1945-08-14", "end": "1945-08-14", "precision": "day"},
            "location": {"text": "near Gegenmiao", "canonical": None},
            "perpetrators": [{"text": "the Soviet army"}],
            "victims": {"text": "refugees"},
            "counts": {"killed": {"low": 1000, "high": 1800}},
        }
    )
    agree = metrics.field_agreement(gold, pred)
    assert agree == {
        "date": True,
        "location": True,
        "perpetrators": True,
        "victims": True,
        "killed": False,
    }
    other = dict(pred, location=["Harbin"], perpetrators=["the Japanese"], victims=[])
    agree = metrics.field_agreement(gold, other)
    assert not agree["location"] and not agree["perpetrators"] and not agree["victims"]


def test_scorer_no_event_documents_are_counted():
    event = normalise_event(_gold_event())
    scores = metrics.event_scores([([], []), ([event], []), ([], [event]), ([event], [event])])
    assert scores["no_event_docs"] == {"correct": 2, "n": 4, "accuracy": 0.5}
    assert scores["fields"]["date"]["n"] == 1


def test_scorer_score_system_on_gold_docs():
    text = "On 9 August 1945 the Soviet army entered Hailar."
    gold = GoldDoc(
        "d1",
        text,
        sha256(text),
        source="seeds/d1.txt",
        spans=[
            GoldSpan(
                3,
                16,
                "DATE",
                "9 August 1945",
                {"start": "1945-08-09", "end": "1945-08-09", "precision": "day"},
            ),
            GoldSpan(21, 32, "MILITARY_UNIT", "Soviet army"),
            GoldSpan(41, 47, "PLACE", "Hailar", {"canonical": "Hailar", "modern": None}),
        ],
        events=[_gold_event("BATTLE", [(0, 48)], location="Hailar", perpetrators=["Soviet army"])],
    )
    pred = Prediction(
        spans=[(3, 16, "DATE"), (17, 32, "MILITARY_UNIT")],
        norms=[{"start": "1945-08-09", "end": "1945-08-09", "precision": "day"}, None],
        events=[
            {
                "type": "BATTLE",
                "evidence": [{"start": 0, "end": 48}],
                "location": {"text": "Hailar"},
                "perpetrators": [{"text": "Soviet army"}],
            }
        ],
    )
    report = score_system([gold], [pred])
    assert report["spans"]["strict"]["micro"]["tp"] == 1
    assert report["spans"]["lenient"]["micro"]["tp"] == 2
    assert report["normalisation"]["DATE"]["all"]["accuracy"] == 1.0
    assert report["events"]["detection"]["f1"] == 1.0
    assert report["events"]["fields"]["location"]["accuracy"] == 1.0
    baseline = score_system([gold], [Prediction(spans=[(41, 47, "PLACE")], norms=None)])
    assert baseline["events"] is None and baseline["normalisation"] is None
    json.dumps(report)


# ------------------------------------------------------------------ baseline


def test_baseline_mapping_rules():
    assert map_entity("GPE", ["harbin"], [], []) == "PLACE"
    assert map_entity("FAC", ["bridge"], [], []) == "PLACE"
    assert map_entity("DATE", ["1945"], [], []) == "DATE"
    assert map_entity("ORG", ["red", "cross"], [], []) is None
    assert map_entity("ORG", ["3rd", "brigade"], [], []) == "MILITARY_UNIT"
    assert map_entity("CARDINAL", ["200"], ["kill"], []) == "CASUALTY"
    assert map_entity("CARDINAL", ["200"], ["buy"], ["they", "buy", "200", "car"]) is None
    assert map_entity("PERSON", ["zhukov"], [], []) is None


def test_baseline_spans_on_a_hand_built_doc():
    import spacy
    from spacy.tokens import Doc, Span

    nlp = spacy.blank("en")
    words = ["Some", "300", "civilians", "were", "killed", "in", "Mosul", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        sent_starts=[True] + [False] * 7,
        lemmas=["some", "300", "civilian", "be", "kill", "in", "Mosul", "."],
        heads=[2, 2, 4, 4, 4, 4, 5, 4],
        deps=["det", "nummod", "nsubjpass", "auxpass", "ROOT", "prep", "pobj", "punct"],
    )
    doc.ents = [Span(doc, 1, 2, "CARDINAL"), Span(doc, 6, 7, "GPE")]
    assert baseline_spans(doc) == [(5, 8, "CASUALTY"), (34, 39, "PLACE")]


# ------------------------------------------------------------------ the CLI and evaluate()


@pytest.fixture()
def gold_dir(tmp_path):
    text = "On 9 August 1945 the Soviet 39th Army entered Hailar; 18 people were killed."
    doc = GoldDoc(
        "t1",
        text,
        sha256(text),
        source="seeds/t1.txt",
        spans=[
            GoldSpan(
                3,
                16,
                "DATE",
                "9 August 1945",
                {"start": "1945-08-09", "end": "1945-08-09", "precision": "day"},
            ),
            GoldSpan(21, 37, "MILITARY_UNIT", "Soviet 39th Army"),
            GoldSpan(46, 52, "PLACE", "Hailar", {"canonical": "Hailar", "modern": None}),
            GoldSpan(
                54,
                63,
                "CASUALTY",
                "18 people",
                {"kind": "killed", "low": 18, "high": 18, "qualifier": None},
            ),
        ],
        events=[
            _gold_event(
                "KILLING",
                [(54, 76)],
                location="Hailar",
                victims="people",
                counts={"killed": {"low": 18, "high": 18}},
            )
        ],
    )
    path = tmp_path / "gold"
    path.mkdir()
    dump_gold(doc, path / "t1.jsonl")
    return path


def _cli():
    from warevents.cli import app

    return app


def test_evaluate_cli_malformed_gold_exits_2_naming_file_and_line(gold_dir):
    path = gold_dir / "t1.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace('"start": 21', '"start": 22')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(_cli(), ["evaluate", "--gold", str(gold_dir)])
    assert result.exit_code == 2
    assert "t1.jsonl:3" in result.output and "E010" in result.output


def test_evaluate_cli_bad_json_and_empty_dir_exit_2(gold_dir, tmp_path):
    path = gold_dir / "t1.jsonl"
    path.write_text(path.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    result = CliRunner().invoke(_cli(), ["evaluate", "--gold", str(gold_dir)])
    assert result.exit_code == 2
    assert "t1.jsonl:7" in result.output and "invalid JSON" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(_cli(), ["evaluate", "--gold", str(empty)])
    assert result.exit_code == 2 and "E013" in result.output


def test_evaluate_runs_model_and_baseline(nlp, gold_dir, tmp_path, monkeypatch):
    import warevents

    monkeypatch.setattr(warevents, "load", lambda model=None, **kw: nlp)
    out = tmp_path / "scores.json"
    result = CliRunner().invoke(_cli(), ["evaluate", "--gold", str(gold_dir), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "Spans, strict" in result.output and "baseline" in result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report["systems"]) == {"warevents", "baseline"}
    ours = report["systems"]["warevents"]
    assert ours["spans"]["strict"]["micro"]["fn"] + ours["spans"]["strict"]["micro"]["tp"] == 4
    assert report["systems"]["baseline"]["events"] is None
    assert "development scores" in report["rules"]["caveat"]


def test_evaluate_library_call_on_loaded_pipeline(nlp, gold_dir):
    from warevents.evaluation import evaluate

    report = evaluate(gold_dir, model=nlp, baseline=False)
    assert list(report["systems"]) == ["warevents"]
    assert report["n_gold_spans"]["PLACE"] == 1


def test_markdown_report_has_label_rows_and_event_line():
    from warevents.evaluation.report import markdown_report

    cell = {"precision": 1.0, "recall": 0.5, "f1": 0.667, "tp": 1, "fp": 0, "fn": 1, "support": 2}
    spans = {"per_label": {"DATE": cell}, "micro": cell, "macro": cell}
    ev = {"detection": {**cell}, "fields": {"date": {"correct": 1, "n": 1, "accuracy": 1.0}},
          "no_event_docs": {"correct": 1, "n": 1, "accuracy": 1.0}, "per_type": {}}
    report = {"n_gold_spans": {"DATE": 2},
              "systems": {"warevents": {"spans": {"strict": spans, "lenient": spans}, "events": ev,
                                        "normalisation": {}}}}
    md = markdown_report(report)
    assert "| DATE | 2 | 66.7 | 66.7 |" in md
    assert "detection P / R / F1 | 100.0 / 50.0 / 66.7" in md
