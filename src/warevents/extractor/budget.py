"""A per-piece time budget that cannot be ignored by a runaway loop.

``deadline(seconds)`` arms ``SIGALRM`` (a real-time interval timer), so a
component stuck in a pure-Python loop is interrupted with
:class:`BudgetExceeded`. Signals reach only the main thread: elsewhere (a
web server's worker thread, say) the budget is not enforced and the block runs
as is. Budgets nest: an inner deadline never extends an outer one.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator


class BudgetExceeded(Exception):
    """Raised inside a block that ran past its time budget."""


_active: list[float] = []


def _on_alarm(signum: int, frame: object) -> None:  # pragma: no cover - signal handler
    raise BudgetExceeded()


def enforceable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`BudgetExceeded` in the block after ``seconds`` (None or <= 0: no limit)."""
    if not seconds or seconds <= 0 or not enforceable():
        yield
        return
    now = time.monotonic()
    end = now + seconds
    if _active:
        end = min(end, _active[-1])
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    _active.append(end)
    signal.setitimer(signal.ITIMER_REAL, max(end - now, 1e-3))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _active.pop()
        signal.signal(signal.SIGALRM, previous)
        if _active:  # re-arm the outer deadline
            left = _active[-1] - time.monotonic()
            if left <= 0:
                raise BudgetExceeded()
            signal.setitimer(signal.ITIMER_REAL, left)


__all__ = ["BudgetExceeded", "deadline", "enforceable"]
