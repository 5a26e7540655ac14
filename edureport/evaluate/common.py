"""Where gold lives and how documents are found."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Callable

#: tests/gold of a source checkout; EDUREPORT_GOLD_DIR points elsewhere.
GOLD_DIR = Path(os.environ.get("EDUREPORT_GOLD_DIR", Path(__file__).resolve().parents[2] / "tests" / "gold"))
_TEXT_DIRS = ("texts",)


def load_gold(name: str, gold_dir: Path = GOLD_DIR) -> list[dict]:
    """Records of a JSONL gold file."""
    path = Path(gold_dir) / name
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@lru_cache(maxsize=None)
def doc_text(doc: str, gold_dir: Path = GOLD_DIR) -> str:
    """Text of a gold document, read exactly as annotated (no newline translation)."""
    candidates = [Path(gold_dir) / sub / doc for sub in _TEXT_DIRS]
    candidates.append(Path(gold_dir).parents[1] / "seeds" / doc)
    for path in candidates:
        if path.exists():
            with path.open(encoding="utf-8", newline="") as handle:
                return handle.read()
    raise FileNotFoundError(f"gold document {doc!r} not found in {', '.join(map(str, candidates))}")


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def print_scores(header: str, result: dict, row: Callable[[str, dict], str], *, title: str = "",
                 footer: str = "", errors: bool = False) -> None:
    """``title``, one line per document, the seeds / gov / overall groups that have gold, ``footer``,
    then with ``errors`` every line of ``result["errors"]``."""
    if title:
        print(title)
    print(header)
    for doc, counts in result["docs"].items():
        print(row(doc, counts))
    for group in ("seeds", "gov", "overall"):
        if result[group]["gold"]:
            print(row(f"[{group}]", result[group]))
    if footer:
        print(footer)
    if errors:
        for line in result["errors"]:
            print(line)
