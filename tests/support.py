"""What the tests share: where things are, the gold documents, and the case tables.

The gold's government reports are public texts the repository does not hold: their
manifests (``tests/gold/documents.json``, ``tests/gold/heldout/documents.json``) say where
in the shared folder they are. A test that needs one skips, saying so, when that folder
is absent (``EDUREPORT_SHARED_DIR`` points at another copy).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import pytest

from edureport.evaluate.common import SHARED_ENV, doc_text, manifest, shared_dir

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLD = ROOT / "tests" / "gold"
HELDOUT = GOLD / "heldout"
CASES = ROOT / "tests" / "cases"
#: The shared corpus the gold's government reports come from.
GOV_CORPUS = "corpus/gov-reports-2026"


def read(path: Path) -> str:
    """A file's text exactly as annotated (no newline translation)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def shared_corpus() -> Path:
    """The shared folder of the 2026 government reports (which may be absent)."""
    return shared_dir() / GOV_CORPUS


def require_shared() -> Path:
    """:func:`shared_corpus`, or skip the calling test when it is absent."""
    path = shared_corpus()
    if not path.is_dir():
        pytest.skip(f"needs the shared corpus: {path} is not here (set {SHARED_ENV})")
    return path


def gold_folder(doc: str) -> Path:
    """The gold folder whose manifest lists ``doc`` (tests/gold first, then tests/gold/heldout)."""
    for folder in (GOLD, HELDOUT):
        if doc in manifest(folder):
            return folder
    raise KeyError(f"{doc!r} is in neither {GOLD / 'documents.json'} nor {HELDOUT / 'documents.json'}")


def gold_text(doc: str) -> str:
    """A gold document's text, checked against its manifest; skips when it is in the absent shared folder."""
    folder = gold_folder(doc)
    if manifest(folder)[doc]["root"] == "shared":
        require_shared()
    return doc_text(doc, folder)


def gov_docs() -> list[str]:
    """The gold's government reports: those of tests/gold, then of tests/gold/heldout, each by name."""
    return [doc for folder in (GOLD, HELDOUT) for doc, entry in sorted(manifest(folder).items())
            if entry["root"] == "shared"]


def gov_texts() -> dict[str, str]:
    """Name → text of every government report of the gold (skips when the shared folder is absent)."""
    require_shared()
    return {doc: gold_text(doc) for doc in gov_docs()}


def seed_texts() -> dict[str, str]:
    """Name → text of the seed reports (``seeds/*.txt``, the project's own sample data)."""
    return {path.name: read(path) for path in SEEDS}


def _numbered(pattern: str) -> Iterator[tuple[str, dict]]:
    paths = sorted(CASES.glob(f"{pattern}.jsonl"))
    if not paths:
        raise FileNotFoundError(f"no case table {CASES}/{pattern}.jsonl")
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield f"{path.stem}:{number}", json.loads(line)


def load_cases(pattern: str) -> list[dict]:
    """The records of the case tables ``tests/cases/<pattern>.jsonl`` (a glob such as ``metrics_*``),
    table by table in name order, each in line order."""
    return [case for _, case in _numbered(pattern)]


def case_params(pattern: str, ids: Optional[Callable[[dict], str]] = None) -> list[Any]:
    """:func:`load_cases` as ``pytest.param`` values for ``parametrize``: each named ``<table>:<line>``
    (or ``ids(case)``), a case with an ``xfail`` reason marked as a strict expected failure."""
    params = []
    for where, case in _numbered(pattern):
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
        params.append(pytest.param(case, id=ids(case) if ids else where, marks=marks))
    return params
