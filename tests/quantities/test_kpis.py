"""KPI vocabulary, indicator ids and scope (issue 10): cases, gold floors, corpus tables, CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pydantic
import pytest
from support import GOLD, ROOT, case_params, gold_text, read, require_shared

import edureport
from edureport.evaluate.common import load_gold
from edureport.models import Scope
from edureport.quantities.extract import extract_metrics
from edureport.quantities.kpis import default_vocabulary, load_vocabulary
from edureport.quantities.scope import normalise_period

METRIC_KINDS = set(edureport.Metric.model_fields["kind"].annotation.__args__)


# --------------------------------------------------------------------------- vocabulary


def test_vocabulary_size_and_shape() -> None:
    vocab = default_vocabulary()
    sectors = [ind.sector for ind in vocab]
    assert sectors.count("education") >= 60
    assert sectors.count("general") >= 25
    for ind in vocab:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", ind.id), ind.id
        assert ind.unit_kind in METRIC_KINDS, (ind.id, ind.unit_kind)
        assert ind.name and ind.domain


def test_gold_ids_exist_in_vocabulary() -> None:
    """Ids are stable: every id the annotator used is still there."""
    vocab = default_vocabulary().indicators
    for name in ("kpis.jsonl", "kpis_heldout.jsonl"):
        path = GOLD / name
        if path.exists():
            used = {r["indicator_id"] for r in load_gold(name, GOLD) if r["indicator_id"]}
            assert used <= set(vocab), used - set(vocab)


def test_docs_list_every_indicator() -> None:
    """docs/kpis.md's tables are the vocabulary's reference: one row per id, as kpis.json has it
    (``scripts/kpi_docs.py`` writes them)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("kpi_docs", ROOT / "scripts" / "kpi_docs.py")
    assert spec is not None and spec.loader is not None
    kpi_docs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(kpi_docs)
    docs = (ROOT / "docs" / "kpis.md").read_text(encoding="utf-8")
    entries = json.loads((ROOT / "edureport" / "data" / "kpis.json").read_text(encoding="utf-8"))["indicators"]
    assert kpi_docs.rendered(docs, entries) == docs, "run scripts/kpi_docs.py"
    tables = docs[docs.index("## Education indicators"):]
    listed = set(re.findall(r"^\| `([a-z0-9_]+)` \|", tables, re.M))
    assert listed == set(default_vocabulary().indicators)


def test_user_vocabulary_is_merged_at_load(tmp_path: Path) -> None:
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps({"indicators": [
        {"id": "click_count", "name": "点击率", "unit_kind": "count", "domain": "宣传"},
        {"id": "new_school_places", "aliases": ["扩容学位数"]},
    ]}, ensure_ascii=False), encoding="utf-8")
    text = "点击率高达20万次，扩容学位数4000个。"
    assert [m.indicator_id for m in edureport.parse(text, segmenter="char").metrics] == [None, None]
    nlp = edureport.load(segmenter="char", kpi_vocabulary=[extra])
    report = nlp(text)._.report
    assert [m.indicator_id for m in report.metrics] == ["click_count", "new_school_places"]
    merged = load_vocabulary((str(extra),))
    assert "新增学位" in merged["new_school_places"].aliases  # the shipped aliases stay


# --------------------------------------------------------------------------- cases


@pytest.mark.parametrize("case", case_params("kpis", ids=lambda c: f"{c['text']}@{c['sentence'][:12]}"))
def test_case(case: dict) -> None:
    """Real sentences from the seeds and the government reports: id and text-level scope."""
    found = {m.text: m for m in extract_metrics(case["sentence"])}
    metric = found[case["text"]]
    assert metric.indicator_id == case["indicator_id"]
    for name in ("status", "period", "aggregation", "area"):
        assert getattr(metric.scope, name) == case[name], name


@pytest.mark.parametrize("period, years, expected", [
    ("上半年", (2023, 2023, 2023), "2023-H1"),
    ("2023年春季学期", (2023, 2023, 2023), "2023-H1"),
    ("秋学期", (2023, 2023, 2023), "2023-H2"),
    ("今年1-5月", (2022, 2022, 2022), "2022-01..2022-05"),
    ("今年9月份", (2022, 2022, 2022), "2022-09"),
    ("截至6月底", (2025, 2026, 2025), "..2025-06"),
    ("2023年截止目前", (2023, 2023, 2023), "2023"),
    ("截至目前", (2023, 2023, 2023), None),
    ("年底前", (2023, 2023, 2023), "..2023-12"),
    ("五年来", (2025, 2026, 2025), "2021..2025"),
    ("十四五时期", (2025, 2026, 2025), "2021..2025"),
    ("十五五时期", (2025, 2026, 2026), "2026..2030"),
    ("到2030年", (2025, 2026, 2026), "..2030"),
    ("2021-2025年", (2025, 2026, 2025), "2021..2025"),
    ("今年", (2025, 2026, 2026), "2026"),
    ("上年", (2025, 2026, 2025), "2025"),
    ("全年", (2025, 2026, 2025), "2025"),
    ("三季度", (2025, 2026, 2025), "2025-Q3"),
    ("前三季度", (2025, 2026, 2025), "2025-01..2025-09"),
    ("2023年以来", (2023, 2023, 2023), "2023"),
    ("****年", (None, None, None), None),
])
def test_period_norm(period: str, years: tuple, expected: str) -> None:
    assert normalise_period(period, *years) == expected


def test_scope_is_shared_and_frozen(seed_texts: dict[str, str]) -> None:
    report = edureport.parse(seed_texts["001_89542f80b92cd7db.txt"], segmenter="char")
    scopes = [m.scope for m in report.metrics]
    assert len({id(s) for s in scopes}) < len(scopes)  # interned
    with pytest.raises(pydantic.ValidationError):
        scopes[0].status = "target"  # type: ignore[misc]
    assert all(isinstance(s, Scope) for s in scopes)


def test_plan_role_makes_targets_and_period_norm_uses_report_year() -> None:
    text = gold_text("2026_河北省_政府工作报告.txt")
    report = edureport.parse(text, segmenter="char")
    plan_metrics = [m for p in report.plans for m in p.metrics]
    assert plan_metrics and sum(m.scope.status == "target" for m in plan_metrics) / len(plan_metrics) > 0.9
    gdp = [m for m in report.metrics if m.indicator_id == "gdp" and m.scope.period == "2025年"]
    assert gdp and gdp[0].scope.period_norm == "2025"
    for m in report.metrics:
        assert text[m.start:m.end] == m.text
        if m.scope.period:
            assert m.scope.period in re.sub("[“”\"]", "", text[max(0, m.start - 300):m.end + 40])


# --------------------------------------------------------------------------- gold floors


@pytest.mark.skipif(not (GOLD / "kpis.jsonl").exists(), reason="no KPI gold yet")
@pytest.mark.parametrize("name", ["kpis.jsonl", "kpis_heldout.jsonl"])
def test_gold_floors(name: str) -> None:
    """Issue 10's floors: id precision ≥ 0.95 at recall ≥ 0.80; status ≥ 0.95; period ≥ 0.90."""
    from edureport.evaluate.kpis import FLOORS, evaluate

    if not (GOLD / name).exists():
        pytest.skip(f"no {name}")
    require_shared()
    result = evaluate(name, GOLD)["overall"]
    assert result["matched"] >= 0.95 * result["gold"]
    for field, floor in FLOORS.items():
        assert result[field] >= floor, (field, result[field])


# --------------------------------------------------------------------------- corpus tables


@pytest.fixture(scope="module")
def shared_corpus():
    return edureport.Corpus.from_dir(require_shared()).parse(segmenter="char", progress=False)


def test_kpis_table_columns_and_offsets(shared_corpus) -> None:
    from edureport.corpus.kpis import KPIS_DTYPES

    kpis = shared_corpus.kpis()
    assert list(kpis.columns) == list(KPIS_DTYPES)
    assert {str(t) for t in kpis.dtypes} <= {"string", "float64", "int64", "Int64", "bool"}
    assert kpis["indicator_id"].notna().all() and kpis["indicator_name"].notna().all()
    assert set(kpis["report_id"]) <= set(shared_corpus.reports["report_id"])
    metrics = shared_corpus.metrics
    assert {"indicator_id", "status", "period", "period_norm", "aggregation", "area"} <= set(metrics.columns)
    assert set(metrics["status"].dropna()) <= {"actual", "target", "baseline"}
    for row in kpis.sample(40, random_state=0).itertuples():
        assert row.text in row.sentence
    texts = {doc.report_id: doc.text for doc in shared_corpus}
    named = kpis[kpis["indicator"].notna()]
    assert len(named) > 100
    for row in named.itertuples():  # the indicator is grounded in the table too
        assert texts[row.report_id][row.indicator_start:row.indicator_end] == row.indicator


def test_gdp_growth_target_of_every_province(shared_corpus) -> None:
    """Done-when: the 2026 GDP growth target of every province, traceable by offsets to its sentence."""
    import pandas as pd

    table = shared_corpus.kpi_table(["gdp_growth"], status="target", aggregation=None)
    texts = {}
    for path in sorted(require_shared().glob("*.csv")):
        texts[f"{path.stem}#0"] = pd.read_csv(path)["full_text"][0]
    gold_path = GOLD / "gdp_targets.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8")) if gold_path.exists() else {}
    assert len(table) == len(texts) == 23
    for report_id, row in table.iterrows():
        assert pd.notna(row["gdp_growth"]), report_id
        text = texts[report_id]
        start, end = int(row["gdp_growth_start"]), int(row["gdp_growth_end"])
        left = max(text.rfind(ch, 0, start) for ch in "。\n")
        right = min((i for i in (text.find(ch, end) for ch in "。\n") if i >= 0), default=len(text))
        sentence = text[left + 1:right]
        assert re.search("生产总值|GDP|经济增长", sentence), (report_id, sentence)
        expected = gold.get(report_id.split("#")[0])
        if expected is not None:
            assert (start, end) == (expected["start"], expected["end"]), report_id
            assert row["gdp_growth"] == expected["value"]
    long = shared_corpus.kpi_table(["gdp_growth"], status="target", aggregation=None, long=True)
    assert set(long["status"]) == {"target"} and long["aggregation"].isna().all()


def test_kpi_table_first_in_document_order(seed_texts: dict[str, str]) -> None:
    corpus = edureport.Corpus.from_texts(list(seed_texts.values()), ids=list(seed_texts)).parse(
        segmenter="char", progress=False)
    table = corpus.kpi_table(["new_school_places", "preschool_gross_enrollment_rate"])
    assert list(table.index) == list(seed_texts)
    kpis = corpus.kpis()
    for report_id, row in table.iterrows():
        rows = kpis[(kpis.report_id == report_id) & (kpis.indicator_id == "new_school_places")]
        if len(rows):
            assert row["new_school_places_start"] == rows["start"].min()
            assert row["new_school_places"] == rows.sort_values("start")["value"].iloc[0]
        else:
            assert pd_isna(row["new_school_places"])


def pd_isna(value: object) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def test_cli_kpis(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from edureport.cli import main

    out = tmp_path / "kpis.csv"
    result = CliRunner().invoke(main, ["kpis", str(ROOT / "seeds"), "--out", str(out), "--segmenter", "char",
                                       "--no-progress", "--status", "target"])
    assert result.exit_code == 0, result.output
    import pandas as pd

    table = pd.read_csv(out)
    assert len(table) > 0 and set(table["status"]) == {"target"}
    text = read(ROOT / "seeds" / f"{table['report_id'][0]}.txt")
    first = table.iloc[0]
    assert text[first["start"]:first["end"]] == first["text"]
