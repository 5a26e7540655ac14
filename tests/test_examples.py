"""The scripts in examples/ run as their docstrings say, on the seeds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


def _run(script: str, *args: str) -> str:
    result = subprocess.run([sys.executable, str(ROOT / "examples" / script), *args], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_quickstart() -> None:
    out = _run("quickstart.py", "seeds/000_bbdb7e13a91fb38c.txt")
    assert "上半年主要工作" in out and "Problems:" in out


def test_items_to_csv(tmp_path: Path) -> None:
    _run("items_to_csv.py", "seeds", str(tmp_path / "items.csv"))
    items = pd.read_csv(tmp_path / "items.csv")
    assert set(items["role"]) == {"achievement", "problem", "plan"} and len(items) > 50


def test_indicators(tmp_path: Path) -> None:
    out = _run("indicators.py", "seeds", str(tmp_path / "indicators.csv"))
    assert "figures name what they measure" in out
    rows = pd.read_csv(tmp_path / "indicators.csv")
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt")}
    assert len(rows) > 300
    for row in rows.itertuples():
        assert texts[row.report_id][row.indicator_start:row.indicator_end] == row.indicator
