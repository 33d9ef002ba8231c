"""The README's code, run as written: the library example must work for a new user."""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _python_blocks(section: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"## {section}\n")
    end = text.find("\n## ", start + 1)
    return re.findall(r"```python\n(.*?)```", text[start:end], re.S)


def test_readme_library_example_runs_as_written(capsys):
    (block,) = _python_blocks("Library")
    cwd = os.getcwd()
    os.chdir(ROOT)  # the example names a seed file relative to the repository root
    try:
        namespace: dict = {}
        exec(compile(block, "README.md#library", "exec"), namespace)  # noqa: S102
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert "DATE Aug. 17, 1945" in out
    assert "CASUALTY 18 people" in out
    assert namespace["row"]["doc_id"] == "text"
    assert namespace["seed"].spans
