"""Corpus: folders and CSVs of reports → pandas tables → CSV/JSONL/Parquet, and the corpus CLI."""

from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from support import seed_texts, shared_corpus

import edureport
from edureport.cli import main
from edureport.corpus import (
    COLUMNS,
    DTYPES,
    SCHEMAS,
    TABLES,
    Corpus,
    Tables,
    empty_frame,
    read_table,
    report_rows,
)
from edureport.models import Achievement, Change, Metric, Plan, Report, Section

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SHARED = shared_corpus()
FAST = {"segmenter": "char", "progress": False}


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return Corpus.from_dir(ROOT / "seeds").parse(**FAST)


def read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def na(value: object) -> object:
    return None if value is pd.NA else value


def assert_schema(df: pd.DataFrame, table: str) -> None:
    assert list(df.columns) == COLUMNS[table]
    assert {c: str(t) for c, t in df.dtypes.items()} == {c: str(pd.Series(dtype=t).dtype) for c, t in DTYPES[table].items()}


def gov_texts(n: int) -> list[tuple[str, str]]:
    """``(file stem, text)`` of the first ``n`` shared government reports (the repository keeps no copy)."""
    if not SHARED.is_dir():
        pytest.skip(f"the shared corpus {SHARED} is not here (set EDUREPORT_SHARED_DIR)")
    found = []
    for path in sorted(SHARED.glob("*.csv"))[:n]:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            found.append((path.stem, next(csv.DictReader(handle))["full_text"]))
    return found


def write_csv(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


# --------------------------------------------------------------------------- schema


def test_public_and_schema_constants() -> None:
    assert "Corpus" in edureport.__all__ and edureport.Corpus is Corpus
    assert TABLES == ("reports", "sections", "items", "metrics", "errors")
    assert COLUMNS["reports"] == ["report_id", "source", "source_format", "title", "issuer", "place", "period", "date", "n_chars",
                                  "n_sections", "n_achievements", "n_problems", "n_plans", "n_metrics", "n_warnings"]
    assert COLUMNS["items"] == ["report_id", "item_index", "role", "title", "section_path", "topics", "start", "end",
                                "text", "n_metrics", "page"]
    assert {"value", "value_max", "unit", "kind", "approx", "masked", "indicator", "change_direction",
            "change_basis", "change_role", "item_role", "item_topics", "report_id", "start", "end",
            "sentence", "page"} <= set(COLUMNS["metrics"])
    assert COLUMNS["errors"] == ["report_id", "source", "stage", "error", "message"]
    for table in TABLES:
        meta = empty_frame(table)
        assert len(meta) == 0
        assert_schema(meta, table)
        assert all(c.doc for c in SCHEMAS[table])


def test_docs_describe_every_column() -> None:
    doc = (ROOT / "docs" / "corpus.md").read_text(encoding="utf-8")
    for table, columns in SCHEMAS.items():
        section = doc.split(f"### `{table}`", 1)
        assert len(section) == 2, f"docs/corpus.md has no section for {table}"
        body = section[1].split("\n### ", 1)[0]
        for column in columns:
            assert re.search(rf"^\| `{column.name}` \| {re.escape(column.dtype)} \|", body, re.M), (table, column.name)


# --------------------------------------------------------------------------- the seeds


def test_seed_folder_tables_match_the_reports(seeds: Corpus) -> None:
    for table in TABLES:
        assert_schema(seeds.tables[table], table)
    assert seeds.reports.report_id.tolist() == [p.stem for p in SEEDS]
    assert seeds.errors.empty
    for path in SEEDS:
        report = edureport.parse_file(path, segmenter="char")
        row = seeds.reports.set_index("report_id").loc[path.stem]
        assert row.source == str(path)
        assert (na(row.title), na(row.issuer), na(row.period), row.n_chars) == (
            report.title or None, report.issuer or None, report.period or None, len(report.text))
        assert row.n_sections == sum(1 for _ in report.walk_sections())
        assert (row.n_achievements, row.n_problems, row.n_plans, row.n_metrics) == (
            len(report.achievements), len(report.problems), len(report.plans), len(report.metrics))
        items = seeds.items[seeds.items.report_id == path.stem]
        assert items.item_index.tolist() == list(range(len(report.items)))
        assert items.role.tolist() == [i.role for i in report.items]
        assert items.section_path.tolist() == [" / ".join(i.section_path) for i in report.items]
        assert items.topics.tolist() == ["|".join(i.topics) for i in report.items]
        for item in items.itertuples():
            assert report.text[item.start:item.end] == item.text
        sections = seeds.sections[seeds.sections.report_id == path.stem]
        assert sections.heading.tolist() == [s.heading for s in report.walk_sections()]
        top = sections[sections.parent_index.isna()]
        assert top.title.tolist() == [s.title for s in report.sections]
        metrics = seeds.metrics[seeds.metrics.report_id == path.stem]
        assert metrics.text.tolist() == [m.text for m in report.metrics]
        for metric in metrics.itertuples():
            assert report.text[metric.start:metric.end] == metric.text
            assert metric.text in metric.sentence


def test_sections_paths_and_parents(seeds: Corpus) -> None:
    sections = seeds.sections[seeds.sections.report_id == "000_bbdb7e13a91fb38c"].set_index("section_index")
    assert sections.loc[0, "title"] == "上半年主要工作" and pd.isna(sections.loc[0, "parent_index"])
    child = sections[sections.parent_index == 0].iloc[0]
    assert child.path == "上半年主要工作 / " + child.title
    assert child.level == 2


def test_metric_rows_follow_the_metric_model() -> None:
    """Every Metric and Change field lands in its column, independent of what the extractor finds today."""
    text = "一、工作回顾\n全年投入1.16亿元，同比增长23.6%。\n二、下步打算\n约**所学校。"
    m1 = Metric(text="1.16亿元", start=11, end=17, value=116_000_000, unit="元", kind="money", indicator="投入")
    m2 = Metric(text="23.6%", start=22, end=27, value=23.6, unit="%", kind="percent",
                change=Change(direction="up", basis="同比", cue="增长", role="delta"))
    m3 = Metric(text="**所", start=37, end=40, unit="所", kind="count", approx="about", masked=True)
    for m in (m1, m2, m3):
        assert text[m.start:m.end] == m.text
    report = Report(
        text=text, title=None,
        sections=[Section(heading="一、工作回顾", marker="一、", ordinal=1, title="工作回顾", level=1,
                          role="achievement", start=0, end=29),
                  Section(heading="二、下步打算", marker="二、", ordinal=2, title="下步打算", level=1,
                          role="plan", start=29, end=len(text))],
        achievements=[Achievement(text=text[7:28], start=7, end=28, section_path=["工作回顾"], topics=["办学条件与经费", "党建"],
                                  metrics=[m1, m2])],
        plans=[Plan(text=text[36:], start=36, end=len(text), section_path=["下步打算"])],
        metrics=[m1, m2, m3],
    )
    tables = Tables.from_rows(report_rows("r1", report))
    metrics = tables.metrics
    assert_schema(metrics, "metrics")
    assert metrics.item_index.tolist() == [0, 0, 1]  # m3 is not in plan.metrics, but inside the plan
    assert metrics.item_role.tolist() == ["achievement", "achievement", "plan"]
    assert metrics.item_topics.tolist() == ["办学条件与经费|党建"] * 2 + [""]
    assert metrics.value[0] == 116_000_000 and pd.isna(metrics.value[2]) and pd.isna(metrics.value_max[0])
    second = metrics.iloc[1]
    assert (second.change_direction, second.change_basis, second.change_cue, second.change_role) == ("up", "同比", "增长", "delta")
    assert pd.isna(metrics.change_direction[0]) and pd.isna(metrics.change_partner_start[1])
    assert metrics.masked.tolist() == [False, False, True] and metrics.approx.tolist()[2] == "about"
    assert metrics.indicator.isna().tolist() == [False, True, True]
    assert metrics.sentence[0] == "全年投入1.16亿元，同比增长23.6%。"
    assert metrics.sentence[2] == "约**所学校。"
    assert tables.items.topics.tolist() == ["办学条件与经费|党建", ""]
    assert tables.items.n_metrics.tolist() == [2, 0]
    assert pd.isna(tables.items.title[0])
    assert tables.reports.n_metrics[0] == 3 and pd.isna(tables.reports.title[0])


# --------------------------------------------------------------------------- CSV input


def test_csv_with_and_without_an_id_column(tmp_path: Path) -> None:
    rows = [{"doc": f"g{i}", "province": stem, "full_text": text} for i, (stem, text) in enumerate(gov_texts(3))]
    write_csv(tmp_path / "gov.csv", rows)
    by_id = Corpus.from_csv(tmp_path / "gov.csv", id_column="doc").parse(**FAST)
    assert by_id.reports.report_id.tolist() == ["g0", "g1", "g2"]
    assert by_id.reports.n_chars.tolist() == [len(r["full_text"]) for r in rows]
    assert by_id.reports.source.tolist() == [f"{tmp_path / 'gov.csv'}#{i}" for i in range(3)]
    default = Corpus.from_csv(tmp_path / "gov.csv")
    assert default.count() == 3
    assert default.parse(**FAST).reports.report_id.tolist() == ["gov#0", "gov#1", "gov#2"]
    pd.testing.assert_frame_equal(default.metrics.drop(columns="report_id"), by_id.metrics.drop(columns="report_id"))
    with pytest.raises(edureport.ConfigError, match="no column 'body'"):
        Corpus.from_csv(tmp_path / "gov.csv", text_column="body")


def test_folder_of_one_row_csvs_is_read_as_csv(tmp_path: Path) -> None:
    gov = gov_texts(2)
    for stem, text in gov:
        write_csv(tmp_path / f"{stem}.csv", [{"title": stem, "full_text": text}])
    corpus = Corpus.from_dir(tmp_path)
    assert corpus.count() == 2
    assert [d.report_id for d in corpus] == [f"{stem}#0" for stem, _ in gov]
    reports = corpus.parse(**FAST).reports
    assert reports.n_chars.tolist() == [len(text) for _, text in gov]
    assert (reports.n_plans > 0).all() and reports.issuer.notna().any()


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"the shared corpus {SHARED} is not here (set EDUREPORT_SHARED_DIR)")
def test_shared_government_corpus() -> None:
    corpus = Corpus.from_dir(SHARED).parse(**FAST)
    files = sorted(SHARED.glob("*.csv"))
    assert corpus.errors.empty
    assert corpus.reports.report_id.tolist() == [f"{p.stem}#0" for p in files]
    assert corpus.reports.issuer.notna().mean() > 0.9
    assert (corpus.reports.n_plans > 0).all()
    assert len(corpus.items) > 20 * len(files)
    for table in TABLES:
        assert_schema(corpus.tables[table], table)
    metrics = corpus.metrics
    assert set(metrics.report_id) <= set(corpus.reports.report_id)
    assert metrics.item_index.notna().mean() > 0.8
    joined = metrics.dropna(subset=["item_index"]).merge(
        corpus.items, on=["report_id", "item_index"], suffixes=("", "_item"))
    assert (joined.item_role == joined.role).all()
    assert ((joined.start >= joined.start_item) & (joined.end <= joined.end_item)).all()


# --------------------------------------------------------------------------- errors


def test_unreadable_and_unparsable_documents_become_error_rows(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text(read(SEEDS[1]), encoding="utf-8")
    (tmp_path / "b_bad.txt").write_bytes(bytes(range(128, 256)) * 20)
    (tmp_path / "c_gbk.txt").write_bytes("一、工作回顾\n新建学校3所。".encode("gb18030"))
    corpus = Corpus.from_dir(tmp_path).parse(**FAST)
    assert corpus.reports.report_id.tolist() == ["a_good", "c_gbk"]
    errors = corpus.errors
    assert_schema(errors, "errors")
    assert errors.report_id.tolist() == ["b_bad"]
    assert errors.stage.tolist() == ["read"] and errors.error.tolist() == ["DecodeError"]
    assert "b_bad.txt" in errors.message[0] and errors.source[0] == str(tmp_path / "b_bad.txt")

    texts = Corpus.from_texts(["一、工作回顾\n新建学校3所。", None, "x" * 10], ids=["ok", "none", "short"])  # type: ignore[list-item]
    texts.parse(**FAST)
    assert texts.reports.report_id.tolist() == ["ok", "short"]
    assert texts.errors[["report_id", "stage", "error"]].values.tolist() == [["none", "parse", "InputError"]]


def test_broken_csv_file_is_one_error_row(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv", [{"full_text": "一、工作回顾\n新建学校3所。"}])
    write_csv(tmp_path / "b.csv", [{"body": "no text column here"}])
    corpus = Corpus.from_dir(tmp_path).parse(**FAST)
    assert corpus.reports.report_id.tolist() == ["a#0"]
    assert corpus.errors.report_id.tolist() == ["b"]
    assert corpus.errors.error.tolist() == ["ConfigError"] and "full_text" in corpus.errors.message[0]


def test_configuration_errors_raise() -> None:
    with pytest.raises(edureport.InputError):
        Corpus.from_dir(ROOT / "no-such-folder")
    with pytest.raises(edureport.InputError, match="no files matching"):
        Corpus.from_dir(ROOT / "seeds", pattern="*.docx")
    with pytest.raises(edureport.ConfigError, match="2 texts but 1 ids"):
        Corpus.from_texts(["x", "y"], ids=["a"])
    with pytest.raises(edureport.ConfigError):
        Corpus.from_texts(["x"]).parse(n_process=0, progress=False)
    with pytest.raises(edureport.ConfigError):
        Corpus.from_texts(["x"]).parse(segmenter="nope", progress=False)


# --------------------------------------------------------------------------- streaming and processes


def test_documents_are_read_lazily_and_tables_come_in_chunks() -> None:
    pulled: list[int] = []

    def texts():
        for i, p in enumerate(SEEDS):
            pulled.append(i)
            yield read(p)

    chunks = Corpus.from_texts(texts()).iter_tables(chunk_size=2, **FAST)
    first = next(chunks)
    assert len(first.reports) == 2 and len(pulled) <= 3
    rest = list(chunks)
    assert [len(c.reports) for c in rest] == [2, 1]
    whole = Corpus.from_texts([read(p) for p in SEEDS]).parse(**FAST)
    for table in TABLES:
        pd.testing.assert_frame_equal(Tables.concat([first, *rest])[table], whole.tables[table])


def test_several_processes_give_the_same_tables(seeds: Corpus, tmp_path: Path) -> None:
    (tmp_path / "zz_bad.txt").write_bytes(b"\xff\xfe\x00\xd8")  # UTF-16 BOM, then an unpaired surrogate
    files = [*SEEDS, tmp_path / "zz_bad.txt"]
    two = Corpus.from_files(files).parse(n_process=2, batch_size=2, **FAST)
    one = Corpus.from_files(files).parse(**FAST)
    for table in TABLES:
        pd.testing.assert_frame_equal(two.tables[table], one.tables[table])
    pd.testing.assert_frame_equal(two.metrics, seeds.metrics)
    assert two.errors.report_id.tolist() == ["zz_bad"]


def test_progress_bar_goes_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    Corpus.from_files(SEEDS[:2]).parse(segmenter="char")
    captured = capsys.readouterr()
    assert "2/2" in captured.err and captured.out == ""


# --------------------------------------------------------------------------- exports


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_exports_read_back_equal(seeds: Corpus, tmp_path: Path, fmt: str) -> None:
    # a table with missing values, empty strings, quotes and line breaks in every format
    extra = Corpus.from_texts(['一、"工作"回顾\r\n全年投入1.16亿元，增长2.5个百分点。\n\n二、存在问题\n,;|\t经费不足。', None],  # type: ignore[list-item]
                              ids=["tricky", "broken"]).parse(**FAST)
    for corpus, prefix in ((seeds, ""), (extra, "x_")):
        paths = getattr(corpus, f"to_{fmt}")(tmp_path, prefix=prefix)
        assert sorted(paths) == sorted(TABLES)
        for table, path in paths.items():
            assert path == tmp_path / f"{prefix}{table}.{fmt}"
            back = read_table(path)
            assert_schema(back, table)
            pd.testing.assert_frame_equal(back, corpus.tables[table])
    if fmt == "parquet":  # plain pandas keeps the dtypes too
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "metrics.parquet"), seeds.metrics)


def test_streaming_write_equals_parse(seeds: Corpus, tmp_path: Path) -> None:
    outputs = [("metrics", tmp_path / "m.parquet"), ("metrics", tmp_path / "m.csv"), ("items", tmp_path / "i.jsonl"),
               ("errors", tmp_path / "e.csv")]
    summary = Corpus.from_dir(ROOT / "seeds").write(outputs, chunk_size=2, **FAST)
    assert summary.documents == 5 and summary.errors.empty
    assert summary.rows["metrics"] == len(seeds.metrics)
    pd.testing.assert_frame_equal(read_table(tmp_path / "m.parquet", "metrics"), seeds.metrics)
    pd.testing.assert_frame_equal(read_table(tmp_path / "m.csv", "metrics"), seeds.metrics)
    pd.testing.assert_frame_equal(read_table(tmp_path / "i.jsonl", "items"), seeds.items)
    assert_schema(read_table(tmp_path / "e.csv", "errors"), "errors")


# --------------------------------------------------------------------------- command line


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def test_cli_corpus_writes_the_metrics_table(seeds: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "metrics.parquet"
    result = cli("corpus", str(ROOT / "seeds"), "--out", str(out), "--segmenter", "char")
    assert result.exit_code == 0, result.output
    pd.testing.assert_frame_equal(pd.read_parquet(out), seeds.metrics)
    assert "5/5" in result.stderr  # the progress bar
    assert "5 document(s), 0 failed" in result.stderr
    assert result.stdout == ""


def test_cli_corpus_all_tables_and_failures(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text(read(SEEDS[0]), encoding="utf-8")
    (src / "bad.txt").write_bytes(bytes(range(128, 256)) * 20)
    result = cli("corpus", str(src), "--out", str(tmp_path / "m.csv"), "--tables", str(tmp_path / "t"),
                 "--format", "jsonl", "--segmenter", "char", "--no-progress")
    assert result.exit_code == 1
    assert "bad: DecodeError" in result.stderr and "1 failed" in result.stderr
    assert read_table(tmp_path / "m.csv", "metrics").report_id.unique().tolist() in ([], ["good"])
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == sorted(f"{t}.jsonl" for t in TABLES)
    assert read_table(tmp_path / "t" / "reports.jsonl").report_id.tolist() == ["good"]
    assert read_table(tmp_path / "t" / "errors.jsonl").report_id.tolist() == ["bad"]


def test_cli_corpus_reads_a_csv_file(tmp_path: Path) -> None:
    (_, first), (_, second) = gov_texts(2)
    write_csv(tmp_path / "in.csv", [{"id": "a", "body": first}, {"id": "b", "body": second}])
    result = cli("corpus", str(tmp_path / "in.csv"), "--text-column", "body", "--id-column", "id",
                 "--out", str(tmp_path / "m.jsonl"), "--segmenter", "char", "--no-progress")
    assert result.exit_code == 0, result.output
    metrics = read_table(tmp_path / "m.jsonl", "metrics")
    assert set(metrics.report_id) == {"a", "b"}


@pytest.mark.parametrize("args", [
    ["corpus", "seeds"],                                      # nowhere to write
    ["corpus", "seeds", "--out", "m.xlsx"],                   # unknown format
    ["corpus", "no-such-folder", "--out", "m.csv"],           # missing source
    ["corpus", "seeds", "--pattern", "*.doc", "--out", "m.csv"],  # nothing to read
    ["corpus", "seeds", "--out", "m.csv", "-j", "0"],
])
def test_cli_corpus_usage_errors(args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    args = [a if a != "m.csv" else str(tmp_path / a) for a in args]
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "m.csv").exists()


def test_cli_parse_csv_one_row_per_item(seeds: Corpus) -> None:
    result = cli("parse", *(str(p) for p in SEEDS[:2]), "--format", "csv", "--segmenter", "char")
    assert result.exit_code == 0, result.output
    from io import StringIO

    table = pd.read_csv(StringIO(result.stdout), dtype=str, keep_default_na=False)
    assert list(table.columns) == COLUMNS["items"]
    expected = seeds.items[seeds.items.report_id.isin([p.stem for p in SEEDS[:2]])]
    assert table.report_id.tolist() == expected.report_id.tolist()
    assert table.text.tolist() == expected.text.tolist()


def test_cli_render_is_wired(tmp_path: Path) -> None:
    assert "HTML" in cli("render", "--help").output
    if importlib.util.find_spec("edureport.render.html") is None:
        pytest.skip("edureport/render/html.py is not there yet")
    out = tmp_path / "page.html"
    result = cli("render", str(SEEDS[1]), "--out", str(out), "--segmenter", "char")
    assert result.exit_code == 0, result.output
    assert "<html" in out.read_text(encoding="utf-8").lower()


def test_a_run_that_fails_leaves_no_table_under_its_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19: outputs are written to a temporary name and renamed when complete."""
    corpus = Corpus.from_texts(list(seed_texts().values()))
    real = Corpus.iter_tables

    def interrupted(self, **kwargs):
        for n, chunk in enumerate(real(self, **kwargs)):
            yield chunk
            if n == 0:
                raise KeyboardInterrupt  # Ctrl-C after the first chunk

    monkeypatch.setattr(Corpus, "iter_tables", interrupted)
    outputs = {"metrics": tmp_path / "metrics.parquet", "items": tmp_path / "items.csv"}
    with pytest.raises(KeyboardInterrupt):
        corpus.write(outputs, chunk_size=2, progress=False)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(Corpus, "iter_tables", real)
    corpus.write(outputs, chunk_size=2, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["items.csv", "metrics.parquet"]


def test_links_that_lead_nowhere_are_error_rows(tmp_path: Path) -> None:
    """Issue 19: a symlink loop or a dangling link in a folder is one error row each, not dropped."""
    (tmp_path / "good.txt").write_text(seed_texts()["001_89542f80b92cd7db.txt"], encoding="utf-8")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    corpus = Corpus.from_dir(tmp_path).parse(progress=False)
    assert corpus.reports.report_id.tolist() == ["good"]
    assert sorted(corpus.errors.report_id) == ["gone", "loop"]
    assert all(str(tmp_path) in message for message in corpus.errors.message)


def test_spreadsheet_csv_neutralises_formula_cells(tmp_path: Path) -> None:
    """Issue 19: a cell starting with = + - @ is written as is by default (values round-trip) and with a
    leading ' for spreadsheets (--spreadsheet), where it would run as a formula."""
    import csv as csv_module

    from click.testing import CliRunner

    from edureport.cli import main
    from edureport.corpus.tables import spreadsheet_safe

    frame = pd.DataFrame({"text": ["=HYPERLINK(\"http://x\")", "+1", "新增学位", None], "value": [-1.5, 2.0, 3.0, 4.0]})
    safe = spreadsheet_safe(frame)
    assert safe["text"].tolist()[:3] == ["'=HYPERLINK(\"http://x\")", "'+1", "新增学位"] and safe["value"].tolist()[0] == -1.5
    report = tmp_path / "in" / "r.txt"
    report.parent.mkdir()
    report.write_text('一、工作回顾\n=HYPERLINK("http://evil.example","点此")新增学位100个。\n', encoding="utf-8")
    runner = CliRunner()

    def cells(*flags: str) -> list[str]:
        out = tmp_path / f"t{len(flags)}"
        result = runner.invoke(main, ["corpus", str(report.parent), "--tables", str(out), "--format", "csv",
                                      "--no-progress", *flags])
        assert result.exit_code == 0, result.output
        found = []
        for path in out.glob("*.csv"):
            with path.open(encoding="utf-8", newline="") as handle:
                found += [cell for row in csv_module.reader(handle) for cell in row]
        return found

    assert any(cell.startswith("=HYPERLINK") for cell in cells())
    guarded = cells("--spreadsheet")
    assert not any(cell.startswith(("=", "+", "@")) for cell in guarded)
    assert any(cell.startswith("'=HYPERLINK") for cell in guarded)


def test_max_chars_wherever_a_corpus_is_parsed(tmp_path: Path) -> None:
    """Issue 19: one max_chars for Corpus.parse/write and the corpus and kpis commands: a longer
    document is an error row naming the limit, the others are parsed."""
    from click.testing import CliRunner

    from edureport.cli import main

    texts = ["一、工作回顾\n新增学位100个。", "一、工作回顾\n" + "新增学位100个。" * 50]
    corpus = Corpus.from_texts(texts, ids=["short", "long"]).parse(progress=False, max_chars=100)
    assert list(corpus.reports["report_id"]) == ["short"]
    assert list(corpus.errors["error"]) == ["InputTooLargeError"] and "100" in corpus.errors["message"].iloc[0]
    with pytest.raises(edureport.ConfigError):
        Corpus.from_texts(texts).parse(progress=False, max_chars=0)
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in zip(("short", "long"), texts):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    for command in ("corpus", "kpis"):
        result = CliRunner().invoke(main, [command, str(folder), "--out", str(tmp_path / f"{command}.csv"),
                                           "--max-chars", "100", "--no-progress"])
        assert result.exit_code == 1 and "long: InputTooLargeError" in result.output, result.output


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGKILL"])
def test_a_killed_corpus_run_leaves_nothing_under_the_final_name(tmp_path: Path, signal_name: str) -> None:
    """Issue 19: SIGTERM or kill -9 in the middle of `edureport corpus`: no file reads as a finished table."""
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for n in range(400):
        (folder / f"{n:03d}.txt").write_bytes(seeds[n % len(seeds)].read_bytes())
    out = tmp_path / "out"
    command = [sys.executable, "-m", "edureport", "corpus", str(folder), "--tables", str(out), "--format", "csv",
               "--no-progress"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not list(out.glob(".*.partial")) and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        assert process.poll() is None, "the run ended before it could be interrupted"
        process.send_signal(getattr(signal, signal_name))
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert list(out.glob(".*.partial"))  # what was written stays under the temporary name
    assert not [p for p in out.iterdir() if not p.name.startswith(".")]
