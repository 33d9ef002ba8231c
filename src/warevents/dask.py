"""Run extraction on a Dask cluster (``pip install 'warevents[dask]'``).

Input files are partitioned into a ``dask.bag``; each worker process loads
the model once (cached per process, never pickled per task) and writes its
records as one JSON Lines partition file.

>>> from warevents.dask import extract_bag
>>> files = extract_bag(["seeds/"], "out/dask")  # doctest: +SKIP
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

_MODELS: dict[str, Any] = {}


def _worker_nlp(model: str | None) -> Any:
    key = model or ""
    if key not in _MODELS:
        from .pipeline import load

        _MODELS[key] = load(model)
    return _MODELS[key]


def _extract_partition(paths: Iterable[str], model: str | None, encoding: str) -> list[str]:
    from .api import process
    from .io.readers import InputDoc, read_inputs

    nlp = _worker_nlp(model)
    items = [i for i in read_inputs(list(paths), encoding=encoding) if isinstance(i, InputDoc)]
    return [json.dumps(p.record.model_dump(), ensure_ascii=False) for p in process(nlp, items)]


def extract_bag(
    paths: Iterable[str],
    output_dir: str | Path,
    *,
    model: str | None = None,
    scheduler: str | None = None,
    n_workers: int = 2,
    npartitions: int | None = None,
    encoding: str = "utf-8",
) -> list[str]:
    """Extract all files under ``paths`` on a Dask cluster into ``output_dir/part-*.jsonl``.

    ``scheduler`` is the address of an existing ``dask.distributed`` scheduler
    (e.g. ``tcp://10.0.0.5:8786``, from dask-jobqueue or dask-kubernetes);
    without one a ``LocalCluster`` with ``n_workers`` single-threaded worker
    processes is started and shut down. Returns the partition file names.
    Unreadable files are skipped, as in the single-process ``extract``.
    """
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    from .io.readers import check_paths, expand_paths

    files = list(expand_paths(check_paths(paths)))
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        bag = db.from_sequence(files, npartitions=npartitions or max(1, min(len(files), n_workers * 4)))
        records = bag.map_partitions(_extract_partition, model, encoding)
        return records.to_textfiles(str(out / "part-*.jsonl"), compute=True)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
