"""The incident registry: documents, spans, events and cross-document incidents in a database.

>>> from warevents.store import Store
>>> st = Store(":memory:")  # doctest: +SKIP
>>> st.ingest(["out/seeds.jsonl"]).added  # doctest: +SKIP
4
>>> rows = st.incidents(country="UA", min_killed=10)  # doctest: +SKIP
"""

from __future__ import annotations

from .registry import Store

__all__ = ["Store"]
