"""Streaming: memory stays flat however many documents go through `process`."""

from __future__ import annotations

import tracemalloc

import spacy

from warevents.api import process
from warevents.io.readers import InputDoc
from warevents.io.writers import JsonlWriter


def _docs(n: int):
    for i in range(n):
        # the same words each time: new words would grow spaCy's own vocabulary
        yield InputDoc(f"d{i}", "18 people were killed in Mukden on Aug. 17, 1945.", "<mem>")


def test_streaming_5000_documents_memory_does_not_grow_with_records(tmp_path):
    # A blank pipeline keeps the test fast: what is measured is process() and the
    # writer, which must not keep records or Docs once they are written.
    nlp = spacy.blank("en")
    out = tmp_path / "out.jsonl"
    writer = JsonlWriter(str(out))
    tracemalloc.start()
    try:
        after_1000 = None
        for n, item in enumerate(process(nlp, _docs(5000), batch_size=64), start=1):
            writer.write(item)
            if n == 1000:
                after_1000 = tracemalloc.get_traced_memory()[0]
        after_5000 = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
        writer.close()
    # 4,000 more records (each several hundred bytes as JSON) must not accumulate.
    assert after_5000 - after_1000 < 512 * 1024, (after_1000, after_5000)
    assert sum(1 for _ in out.open(encoding="utf-8")) == 5000
