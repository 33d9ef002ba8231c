"""Run extraction on a Dask cluster (``pip install 'warevents[dask]'``).

Input files are partitioned into a ``dask.bag``; each worker process builds one
:class:`~warevents.extractor.Extractor` (model loaded once per process, never
pickled per task), so reading, chunking, the time budget and the bad-input
policy are exactly those of ``warevents extract``. Records go to JSON Lines
partition files; error lines come back to the caller.

>>> from warevents.dask import extract_bag
>>> files, errors = extract_bag(["seeds/"], "out/dask")  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

_EXTRACTORS: dict[tuple, Any] = {}


def _worker_extractor(key: tuple) -> Any:
    if key not in _EXTRACTORS:
        from .extractor import Extractor

        model, base_model, encoding, time_budget, chunk_chars = key
        _EXTRACTORS[key] = Extractor(model, base_model=base_model, encoding=encoding,
                                     time_budget=time_budget, chunk_chars=chunk_chars)
    return _EXTRACTORS[key]


def _extract_partition(paths: Iterable[str], key: tuple) -> list[tuple[bool, str]]:
    """``(True, record line)`` per document extracted, ``(False, error line)`` per one not."""
    from .io.jsonl import dumps
    from .io.readers import InputError

    ex = _worker_extractor(key)
    return [(False, result.message) if isinstance(result, InputError)
            else (True, dumps(result.record.model_dump(mode="json")))
            for result in ex.process(ex.read(list(paths)))]


def extract_bag(
    paths: Iterable[str],
    output_dir: str | Path,
    *,
    model: str | None = None,
    base_model: str | None = None,
    scheduler: str | None = None,
    n_workers: int = 2,
    npartitions: int | None = None,
    encoding: str = "utf-8",
    time_budget: float | None = 120.0,
    chunk_chars: int = 50_000,
) -> tuple[list[str], list[str]]:
    """Extract all files under ``paths`` on a Dask cluster into ``output_dir/part-*.jsonl``.

    ``scheduler`` is the address of an existing ``dask.distributed`` scheduler;
    without one a ``LocalCluster`` with ``n_workers`` single-threaded worker
    processes is started and shut down. Returns the partition file names and the
    error lines of documents that could not be extracted (as ``extract`` prints them).
    """
    import dask
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    from .io.readers import check_paths, expand_paths

    files = list(expand_paths(check_paths(paths)))
    if not files:
        from .errors import Errors

        raise ValueError(Errors.E013.format(paths=", ".join(map(str, paths))))
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    key = (model, base_model, encoding, time_budget, chunk_chars)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        bag = db.from_sequence(files, npartitions=npartitions or max(1, min(len(files), n_workers * 4)))
        results = bag.map_partitions(_extract_partition, key)
        records = results.filter(lambda r: r[0]).pluck(1)
        errors = results.filter(lambda r: not r[0]).pluck(1)
        _, messages = dask.compute(
            records.to_textfiles(str(out / "part-*.jsonl"), compute=False), errors
        )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    names = sorted(str(p) for p in out.glob("part-*.jsonl"))
    return names, list(messages)
