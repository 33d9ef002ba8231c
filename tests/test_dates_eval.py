"""DATE scores in the TempEval-3 style, by news and narrative documents."""

from __future__ import annotations

from rich.console import Console

from warevents.evaluation.dates import date_scores, date_table, genre_group
from warevents.evaluation.gold import GoldDoc, GoldSpan
from warevents.evaluation.prediction import Prediction


def _gold(text: str, spans: list[tuple[int, int, dict | None]]) -> GoldDoc:
    return GoldDoc("d", text, "", spans=[GoldSpan(s, e, "DATE", text[s:e], n) for s, e, n in spans])


def _day(iso: str | None) -> dict:
    return {"start": iso, "end": iso, "precision": "day"}


def test_dates_eval_relaxed_strict_and_value_by_genre():
    news = _gold("On Friday, May 3, shells fell.", [(3, 9, _day("2024-05-03")), (11, 16, _day("2024-05-03"))])
    # the prediction joins nothing: "Friday" exact (value right), "May 3," overlaps (value wrong)
    news_pred = Prediction(spans=[(3, 9, "DATE"), (11, 17, "DATE"), (20, 26, "DATE")],
                           norms=[_day("2024-05-03"), _day("2023-05-03"), _day(None)])
    story = _gold("In 1944 the town fell.", [(3, 7, {"start": "1944-01-01", "end": "1944-12-31"})])
    story_pred = Prediction(spans=[(3, 7, "DATE")], norms=[{"start": "1944-01-01", "end": "1944-12-31"}])
    out = date_scores([news, story], [news_pred, story_pred], ["news", "memoir"])
    assert out["news"]["n_gold"] == 2 and out["news"]["n_pred"] == 3
    assert out["news"]["relaxed"]["tp"] == 2 and out["news"]["strict"]["tp"] == 1
    assert out["news"]["value_relaxed"] == {"correct": 1, "n": 2, "accuracy": 0.5}
    assert out["narrative"]["strict"]["f1"] == 1.0
    assert out["narrative"]["value_strict"]["accuracy"] == 1.0
    assert out["all"]["n_gold"] == 3 and out["all"]["relaxed"]["tp"] == 3


def test_dates_eval_open_values_must_stay_open():
    gold = _gold("on Wednesday", [(3, 12, _day(None))])
    right = date_scores([gold], [Prediction(spans=[(3, 12, "DATE")], norms=[_day(None)])], ["news"])
    wrong = date_scores([gold], [Prediction(spans=[(3, 12, "DATE")], norms=[_day("2020-01-01")])], ["news"])
    assert right["news"]["value_strict"]["accuracy"] == 1.0
    assert wrong["news"]["value_strict"]["accuracy"] == 0.0


def test_dates_eval_genres():
    assert [genre_group(g) for g in ("news", "event_note", "encyclopedia", "court", "blog", None)] == [
        "news", "news", "narrative", "narrative", "unknown", "unknown"]


def test_dates_eval_table_and_markdown_show_groups():
    gold = _gold("In 1944 the town fell.", [(3, 7, {"start": "1944-01-01", "end": "1944-12-31"})])
    scores = date_scores([gold], [Prediction(spans=[(3, 7, "DATE")], norms=[{"start": "1944-01-01",
                                                                         "end": "1944-12-31"}])], ["memoir"])
    report = {"systems": {"warevents": {"dates": scores}}}
    console = Console(record=True, width=80)
    console.print(date_table(report))
    shown = console.export_text()
    assert "narrative" in shown and "100/100/100" in shown and "news" not in shown
    assert "…" not in shown  # fits an 80-column terminal
