"""Shared fixtures: the seed reports and the gold documents, read exactly as annotated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLD = ROOT / "tests" / "gold"
GOV_TEXTS = sorted((GOLD / "texts").glob("*.txt")) + sorted((GOLD / "heldout" / "texts").glob("*.txt"))


def read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.name: read(p) for p in SEEDS}


@pytest.fixture(scope="session")
def gov_texts() -> dict[str, str]:
    return {p.name: read(p) for p in GOV_TEXTS}


@pytest.fixture(scope="session")
def char_parse():
    """parse() with character segmentation: structure does not depend on the segmenter."""
    import edureport

    return lambda text: edureport.parse(text, segmenter="char")
