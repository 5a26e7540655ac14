"""The command line as a shell user meets it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from edureport.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_table_summary_of_seeds(tmp_path: Path) -> None:
    result = run("parse", str(ROOT / "seeds"), "--segmenter", "char", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:4] == ["report", "title", "issuer", "period"]
    assert any(line.startswith("001_89542f80b92cd7db") and "区教体局" in line for line in lines)
    written = sorted(p.name for p in tmp_path.glob("*.json"))
    assert len(written) == 5
    data = json.loads((tmp_path / "003_65850cbc458b37d5.json").read_text(encoding="utf-8"))
    assert data["issuer"] == "市教育体育局"


def test_json_from_stdin() -> None:
    text = "一、工作回顾\n全年新建学校3所。\n二、存在问题\n经费仍然不足。"
    result = run("parse", "-", "--format", "json", "--segmenter", "char", input=text)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [s["role"] for s in data["sections"]] == ["achievement", "problem"]


def test_jsonl_one_line_per_report() -> None:
    seeds = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))[:2]
    result = run("parse", *seeds, "--format", "jsonl", "--segmenter", "char")
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) == 2


def test_bad_file_is_reported_and_others_still_parse(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(128, 256)) * 20)
    good = ROOT / "seeds" / "001_89542f80b92cd7db.txt"
    result = CliRunner().invoke(main, ["parse", str(bad), str(good), "--segmenter", "char"])
    assert result.exit_code == 1
    assert "bad.txt" in result.stderr
    assert "001_89542f80b92cd7db" in result.stdout


def test_schema_and_version() -> None:
    schema = json.loads(run("schema").output)
    assert schema["title"] == "Report"
    assert "edureport" in run("--version").output


def test_usage_error_exit_code() -> None:
    result = CliRunner().invoke(main, ["parse", "--format", "xml", "x.txt"])
    assert result.exit_code == 2


def test_csv_of_metrics_names_what_each_figure_measures() -> None:
    import csv
    import io

    seed = ROOT / "seeds" / "000_bbdb7e13a91fb38c.txt"
    result = run("parse", str(seed), "--format", "csv", "--table", "metrics", "--segmenter", "char")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    text = seed.read_text(encoding="utf-8")
    assert len(rows) > 50 and {"indicator", "indicator_start", "indicator_end", "value", "unit"} <= set(rows[0])
    named = [r for r in rows if r["indicator"]]
    assert len(named) > 0.8 * len(rows)
    for row in named:
        assert text[int(row["indicator_start"]):int(row["indicator_end"])] == row["indicator"]
    assert any(r["text"] == "4000个" and r["indicator"] == "新增学位" for r in rows)


@pytest.mark.parametrize("command", ["corpus", "kpis", "terms", "render"])
def test_an_output_that_cannot_be_written_stops_the_run_before_parsing(tmp_path: Path, monkeypatch, command: str) -> None:
    """Issue 19: `edureport: cannot write …`, exit 1, and nothing parsed."""
    import edureport.corpus.corpus as corpus_module

    monkeypatch.setattr(corpus_module.Corpus, "terms", lambda *a, **k: pytest.fail("counted before checking --out"))
    import edureport.api as api_module

    monkeypatch.setattr(api_module, "parse_file", lambda *a, **k: pytest.fail("parsed before checking --out"))
    a_file = tmp_path / "a_file"
    a_file.write_text("", encoding="utf-8")
    monkeypatch.setattr(corpus_module.Corpus, "iter_tables", lambda *a, **k: pytest.fail("parsed before checking --out"))
    monkeypatch.setattr(corpus_module.Corpus, "parse", lambda *a, **k: pytest.fail("parsed before checking --out"))
    source = sorted((ROOT / "seeds").glob("*.txt"))[0] if command == "render" else ROOT / "seeds"
    result = CliRunner().invoke(main, [command, str(source), "--out", str(a_file / "out.csv")])
    assert result.exit_code == 1
    assert f"cannot write {a_file / 'out.csv'}" in result.output


def test_terms_writes_the_counts_and_names_documents_it_could_not_read(tmp_path: Path) -> None:
    """Issue 20: `edureport terms SRC --out terms.parquet`, roles and extra stop words."""
    import pandas as pd

    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted((ROOT / "seeds").glob("*.txt"))[:2]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "broken.txt").write_bytes(bytes(range(256)) * 4)
    stops = tmp_path / "stops.txt"
    stops.write_text("教育\n学校  # two common words\n", encoding="utf-8")
    phrases = tmp_path / "phrases.txt"
    phrases.write_text("集团化办学覆盖\n", encoding="utf-8")
    out = tmp_path / "terms.parquet"
    result = CliRunner().invoke(main, ["terms", str(folder), "--out", str(out), "--no-progress"])
    assert result.exit_code == 1 and "broken: DecodeError" in result.output
    table = pd.read_parquet(out)
    assert list(table.columns) == ["report_id", "section_path", "role", "term", "count"]
    assert table.report_id.nunique() == 2 and "教育" in set(table.term)
    narrow = tmp_path / "problems.csv"
    result = CliRunner().invoke(main, ["terms", str(folder), "--out", str(narrow), "--no-progress",
                                       "--role", "problem", "--stop-words", str(stops), "--phrases", str(phrases)])
    assert result.exit_code == 1, result.output
    problems = pd.read_csv(narrow)
    assert set(problems.role) == {"problem"} and not {"教育", "学校"} & set(problems.term)
    assert 0 < problems["count"].sum() < table["count"].sum()


def test_targets_writes_each_target_with_its_outcome(tmp_path: Path) -> None:
    """Issue 21: `edureport targets SRC... --out`, the reports of two years."""
    import pandas as pd

    older, newer = tmp_path / "2025", tmp_path / "2026"
    for folder, name in ((older, "2025_某某省_政府工作报告.txt"), (newer, "2026_某某省_政府工作报告.txt")):
        folder.mkdir()
        (folder / name).write_bytes((ROOT / "tests" / "cases" / "targets" / name).read_bytes())
    out = tmp_path / "targets.csv"
    result = CliRunner().invoke(main, ["targets", str(older), str(newer), "--out", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out)
    gdp = table[(table.indicator_id == "gdp_growth") & (table.period == 2025)]
    assert gdp[["target_text", "result_text", "outcome"]].values.tolist() == [["5.5%", "5.8%", "exceeded"]]
    assert "target(s):" in result.output and "exceeded" in result.output


def test_file_names_that_are_not_utf8_are_kept_escaped_in_every_output(tmp_path: Path) -> None:
    """Issue 19: names as unzip leaves them for archives made on Chinese Windows (GBK bytes)."""
    import os

    import pandas as pd

    folder = tmp_path / "in"
    folder.mkdir()
    seed = sorted((ROOT / "seeds").glob("*.txt"))[1].read_bytes()
    try:
        with open(os.path.join(os.fsencode(folder), "教育".encode("gbk") + b".txt"), "wb") as handle:
            handle.write(seed)
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    (folder / "ok.txt").write_bytes(seed)
    runner = CliRunner()
    result = runner.invoke(main, ["parse", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    sources = sorted(report["source"] for report in json.loads(result.output))
    assert sources[0].endswith("\\xbd\\xcc\\xd3\\xfd.txt") and sources[1].endswith("ok.txt")
    for fmt in ("parquet", "csv", "jsonl"):
        out = tmp_path / f"metrics.{fmt}"
        result = runner.invoke(main, ["corpus", str(folder), "--out", str(out), "--tables", str(tmp_path / fmt),
                                      "--format", fmt, "--no-progress"])
        assert result.exit_code == 0, result.output
    reports = pd.read_parquet(tmp_path / "parquet" / "reports.parquet")
    assert sorted(reports["report_id"]) == ["\\xbd\\xcc\\xd3\\xfd", "ok"]


def test_parse_jsonl_and_table_keep_no_report_they_printed(tmp_path: Path, monkeypatch) -> None:
    """Issue 19: `edureport parse FOLDER --format jsonl` streams; a Report is let go once printed."""
    import gc
    import weakref

    import edureport.api as api_module

    folder = tmp_path / "in"
    folder.mkdir()
    for n, seed in enumerate(sorted((ROOT / "seeds").glob("*.txt"))):
        (folder / f"{n}.txt").write_bytes(seed.read_bytes())
    made: list = []
    alive_at_call: list[int] = []
    real = api_module.parse_file

    def counting(*args, **kwargs):
        gc.collect()
        alive_at_call.append(sum(ref() is not None for ref in made))
        report = real(*args, **kwargs)
        made.append(weakref.ref(report))
        return report

    monkeypatch.setattr(api_module, "parse_file", counting)
    for fmt in ("jsonl", "table"):
        made.clear()
        alive_at_call.clear()
        result = CliRunner().invoke(main, ["parse", str(folder), "--format", fmt])
        assert result.exit_code == 0, result.output
        assert len(alive_at_call) == 5 and max(alive_at_call) <= 1, (fmt, alive_at_call)
