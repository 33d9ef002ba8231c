"""Event assembly grows near-linearly with the number of triggers (issue 10:
it was about cubic: "killed " x 5000 took minutes).

The event stage alone is timed (min of 3 runs) on an input and on one 4x as
long; quadratic growth gives a ratio near 16, linear near 4. The bound (8) is
generous so a loaded 2-core machine does not make it flaky."""

from __future__ import annotations

import time

import pytest

MAX_RATIO = 8.0


def _events_seconds(nlp, text: str) -> float:
    with nlp.select_pipes(disable=["warevents_events"]):
        doc = nlp(text)
    stage = nlp.get_pipe("warevents_events")
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        stage(doc)
        best = min(best, time.perf_counter() - t0)
    return best


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("short lines", lambda n: "\n".join(f"Soldiers killed 18 villagers in the town. Report {k}." for k in range(n))),
        # war-related, so the relevance stage lets the assembly run ("killed " alone is now judged not war)
        ("one run-on line", lambda n: "soldiers killed " * n),
    ],
)
def test_events_assembly_time_grows_near_linearly(nlp, name, make):
    small, large = 200, 800
    t_small = _events_seconds(nlp, make(small))
    t_large = _events_seconds(nlp, make(large))
    ratio = t_large / max(t_small, 1e-4)
    assert ratio < MAX_RATIO, f"{name}: 4x input took {ratio:.1f}x the time ({t_small:.3f}s -> {t_large:.3f}s)"
