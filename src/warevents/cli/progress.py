"""Progress for ``extract``: a bar with total and ETA on a terminal, plain lines in logs.

On a terminal, a rich progress bar (documents done / total, elapsed, remaining).
When stderr is not a terminal (a log file, CI, a pipe), one plain line every
``interval`` seconds: ``extract: 120/500 documents (24%), 3.1/s, 0:00:39 elapsed,
ETA 0:02:03``. Error lines are printed whole, never wrapped or markup-parsed.

>>> import io
>>> out = io.StringIO()
>>> with Reporter(total=2, stream=out, interval=0, tty=False) as rep:
...     rep.advance()
>>> out.getvalue().startswith("extract: 1/2 documents (50%)")
True
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path
from typing import IO, Any


def count_documents(paths: Iterable[str], skip: str | None = None) -> int | None:
    """How many documents the inputs hold (JSONL: non-blank lines), or None when it cannot be
    known without reading them (standard input)."""
    from ..io.readers import JSONL_SUFFIXES, check_paths, expand_paths

    total = 0
    for p in expand_paths(check_paths(paths)):
        if p == "-":
            return None
        if skip is not None and Path(p).resolve() == Path(skip).resolve():
            continue
        if p.lower().endswith(JSONL_SUFFIXES):
            try:
                with open(p, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1  # reported as one error line
        else:
            total += 1
    return total


def _clock(seconds: float) -> str:
    return str(timedelta(seconds=int(seconds)))


class Reporter:
    """Counts finished documents and shows it; also prints error lines (never wrapped)."""

    def __init__(self, total: int | None, *, enabled: bool = True, stream: IO[str] | None = None,
                 interval: float = 10.0, tty: bool | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.enabled = enabled
        self.interval = interval
        self.clock = clock
        self.done = 0
        self._bar: Any = None
        self._task: Any = None
        self._start = clock()
        self._last = self._start

    def __enter__(self) -> Reporter:
        if self.enabled and self.tty:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            console = Console(file=self.stream, soft_wrap=True)
            self._bar = Progress(TextColumn("extract"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("documents"), TimeElapsedColumn(),
                                 TextColumn("ETA"), TimeRemainingColumn(), console=console,
                                 transient=True)
            self._bar.__enter__()
            self._task = self._bar.add_task("extract", total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def line(self) -> str:
        elapsed = max(self.clock() - self._start, 1e-9)
        rate = self.done / elapsed
        if self.total:
            head = f"extract: {self.done}/{self.total} documents ({100 * self.done // self.total}%)"
        else:
            head = f"extract: {self.done} documents"
        text = f"{head}, {rate:.1f}/s, {_clock(elapsed)} elapsed"
        if self.total and rate > 0:
            text += f", ETA {_clock(max(self.total - self.done, 0) / rate)}"
        return text

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.advance(self._task, n)
            return
        now = self.clock()
        if now - self._last >= self.interval:
            self._last = now
            print(self.line(), file=self.stream, flush=True)

    def error(self, message: str) -> None:
        """One error line, whole (file names may hold "[...]": no markup)."""
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False, soft_wrap=True)
        else:
            print(message, file=self.stream, flush=True)
