"""The seed report every render test draws, parsed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from edureport.models import Report

SEED = Path(__file__).resolve().parents[2] / "seeds" / "001_89542f80b92cd7db.txt"


@pytest.fixture(scope="session")
def seed_report(char_parse) -> Report:
    report = char_parse(SEED.read_text(encoding="utf-8"))
    assert report.sections and report.items and report.metrics
    return report
