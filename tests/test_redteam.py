"""The red-team table (docs/security.md): every guard it lists names a test that exists (issue 19).

The tests themselves live beside the code they guard (bombs with the readers, the fake package
index with the segmenter, killed runs with the corpus); this module keeps the table and them in step.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_NODE = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")


def test_every_guard_of_the_security_page_names_a_test_that_exists() -> None:
    page = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| ") and "`tests/" in line]
    assert len(rows) >= 20
    missing = []
    for row in rows:
        nodes = _NODE.findall(row)
        assert nodes, row
        for path, name in nodes:
            source = ROOT / path
            if not source.exists() or not re.search(rf"^def {name}\(", source.read_text(encoding="utf-8"), re.M):
                missing.append(f"{path}::{name}")
    assert not missing, missing
