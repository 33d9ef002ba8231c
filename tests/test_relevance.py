"""War-relevance classifier: shipped JSON model, numpy inference, training."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from warevents.components.common import read_jsonl
from warevents.events.relevance import RelevanceModel, train_relevance

ROOT = Path(__file__).resolve().parents[1]
PARAGRAPHS = ROOT / "annotations" / "relevance" / "paragraphs.jsonl"


def test_relevance_shipped_model_is_plain_json():
    model = RelevanceModel.load()
    data = model.to_dict()
    assert {"vocabulary", "idf", "coef", "intercept"} <= set(data)
    json.dumps(data)
    assert len(data["idf"]) == len(data["coef"]) == len(data["vocabulary"])


@pytest.mark.parametrize("text, war", [
    ("Partisans ambushed a German column near Minsk, killing 30 soldiers.", True),
    # borderline for the classifier alone: its war trigger ("shelled") raises it in the pipeline
    ("Marines stormed the beach under heavy fire and the enemy shelled the landing craft.", "borderline"),
    ("The court fined the singer for indecent assault and he avoided a prison term.", False),
    ("Police seized cocaine worth 3 million dollars and arrested two smugglers at the port.", False),
    ("The quarterly profit of the bank rose by 12 percent on higher lending.", False),
    ("A fire at a garment factory killed 112 workers, the fire brigade said.", False),
    ("An earthquake of magnitude 6.8 killed 300 people in the mountain villages.", False),
    ("A bus plunged into a ravine, killing 20 passengers and injuring 11.", False),
])
def test_relevance_generalises_to_other_wars_and_news(text, war):
    from warevents.events.paragraphs import BORDERLINE

    p = RelevanceModel.load().predict_proba([text])[0]
    if war == "borderline":
        assert BORDERLINE <= p
    else:
        assert (p >= 0.5) is war


def test_relevance_numpy_inference_matches_sklearn():
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: F401

    rows = read_jsonl(PARAGRAPHS)
    assert sum(r["war_related"] for r in rows) >= 30 and sum(not r["war_related"] for r in rows) >= 30
    model = train_relevance(rows)
    restored = RelevanceModel.from_dict(json.loads(json.dumps(model.to_dict())))
    texts = ["Soldiers shot the prisoners.", "The team won the cup final."]
    from sklearn.feature_extraction.text import TfidfVectorizer as V
    from sklearn.linear_model import LogisticRegression

    from warevents.events.relevance import NGRAM_RANGE, TOKEN_PATTERN

    vec = V(token_pattern=TOKEN_PATTERN, ngram_range=NGRAM_RANGE, sublinear_tf=True)
    X = vec.fit_transform([r["text"] for r in rows])
    clf = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000)
    clf.fit(X, [int(r["war_related"]) for r in rows])
    expected = clf.predict_proba(vec.transform(texts))[:, 1]
    assert np.allclose(restored.predict_proba(texts), expected, atol=1e-4)
