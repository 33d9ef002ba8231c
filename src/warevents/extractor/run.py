"""A whole extraction run: inputs -> records written one by one, errors reported.

Shared by ``warevents extract`` and :meth:`Extractor.run`; the Dask engine
uses the same reading and processing per partition.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator

from ..errors import Errors
from ..io.readers import InputDoc, InputError, check_output, check_paths

if TYPE_CHECKING:  # pragma: no cover
    from .core import Extractor
    from .records import Processed


@dataclass
class RunSummary:
    written: int = 0
    skipped: int = 0
    errors: int = 0


def run(
    ex: "Extractor",
    paths: list[str],
    *,
    output: str | None,
    fmt: str,
    resume: bool,
    on_error: Callable[[InputError], None] | None,
    on_done: Callable[["Processed"], None] | None,
    stdin: bytes | None = None,
) -> RunSummary:
    """Check everything that can be checked before any output is touched, then stream."""
    from ..io.writers import FORMATS, done_keys, make_writer

    paths = check_paths(paths)
    check_output(paths, output)
    if fmt not in FORMATS:
        raise ValueError(Errors.E011.format(fmt=fmt, formats=", ".join(FORMATS)))
    if resume and (output in (None, "-") or fmt != "jsonl"):
        raise ValueError("--resume needs a JSONL --output file")
    done = done_keys(output) if resume else set()
    summary = RunSummary()
    items = ex.read(paths, skip=output, stdin=stdin)
    first = next(items, None)
    if first is None:
        raise ValueError(Errors.E013.format(paths=", ".join(paths)))

    def todo() -> Iterator[InputDoc | InputError]:
        for item in itertools.chain([first], items):
            if isinstance(item, InputDoc) and (item.doc_id, item.text_sha256) in done:
                summary.skipped += 1
                continue
            yield item

    with make_writer(fmt, output, append=resume) as writer:
        for result in ex.process(todo()):
            if isinstance(result, InputError):
                summary.errors += 1
                if on_error is not None:
                    on_error(result)
                continue
            writer.write(result)
            if on_done is not None:
                on_done(result)
        summary.written = writer.n
    return summary


__all__ = ["RunSummary", "run"]
