"""``edureport evaluate``: the parts as subcommands, options of the group inherited, failures reported."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result
from support import GOLD, HELDOUT

from edureport.cli import main
from edureport.evaluate.cli import PARTS
from edureport.evaluate.common import load_gold, manifest

SEED = "001_89542f80b92cd7db.txt"


def evaluate(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["evaluate", *args], env=env)


def _seed_gold(tmp_path: Path, drop: int) -> tuple[Path, dict]:
    """A gold folder for one seed (``root: repo`` in its manifest) whose metrics gold lacks record ``drop``."""
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "documents.json").write_text(json.dumps({"documents": {SEED: manifest(GOLD)[SEED]}}), encoding="utf-8")
    records = [r for r in load_gold("metrics.jsonl", GOLD) if r["doc"] == SEED and not r["optional"]]
    kept = records[:drop] + records[drop + 1:]
    (gold / "metrics.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept), encoding="utf-8")
    return gold, records[drop]


def test_help_names_every_part() -> None:
    result = evaluate("--help")
    assert result.exit_code == 0
    for part in PARTS:
        assert f"  {part.name} " in result.output


def test_group_options_reach_the_part(tmp_path: Path) -> None:
    gold, dropped = _seed_gold(tmp_path, drop=3)
    result = evaluate("--errors", "--gold-dir", str(gold), "metrics")
    assert result.exit_code == 0, result.output
    assert f"against {gold / 'metrics.jsonl'}" in result.output
    row = next(line for line in result.output.splitlines() if line.startswith(SEED))
    gold_count, predicted = map(int, row.split()[1:3])
    assert predicted == gold_count + 1
    assert f"{SEED}: spurious {dropped['text']!r} at {dropped['start']}" in result.output


def test_part_options_after_its_name(tmp_path: Path) -> None:
    gold, _ = _seed_gold(tmp_path, drop=0)
    quiet = evaluate("metrics", "--gold-dir", str(gold))
    assert quiet.exit_code == 0 and "spurious" not in quiet.output
    assert "spurious" in evaluate("metrics", "--gold-dir", str(gold), "--errors").output


def test_missing_shared_text_fails_that_part_only(tmp_path: Path) -> None:
    """The structure gold names a shared report that is not there: exit 1 with the reason; the rest still runs."""
    gold, _ = _seed_gold(tmp_path, drop=0)
    held = load_gold("headings.jsonl", HELDOUT)[:1]
    (gold / "headings.jsonl").write_text(json.dumps(held[0], ensure_ascii=False) + "\n", encoding="utf-8")
    (gold / "roles.jsonl").write_text("", encoding="utf-8")
    entries = {**manifest(GOLD), **{held[0]["doc"]: manifest(HELDOUT)[held[0]["doc"]]}}
    (gold / "documents.json").write_text(json.dumps({"documents": entries}), encoding="utf-8")
    result = evaluate("--gold-dir", str(gold), env={"EDUREPORT_SHARED_DIR": str(tmp_path / "none")})
    assert result.exit_code == 1
    assert f"{tmp_path / 'none'}/corpus/gov-reports-2026/{held[0]['doc'][:-4]}.csv is not there" in result.output
    assert "EDUREPORT_SHARED_DIR" in result.output
    assert f"Metrics (quantity mentions) against {gold / 'metrics.jsonl'}" in result.output
    assert f"KPIs: no {gold / 'kpis.jsonl'}" in result.output
