"""Quantity mentions: table-driven real sentences (tests/cases/metrics_*.jsonl) plus invariants."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from support import case_params

from edureport.models import Metric
from edureport.quantities.extract import extract_metrics, unit_info

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"


def _observed(metric: Metric, expected: dict) -> dict:
    """The fields of ``metric`` that the case states, in the case's shape."""
    seen = {}
    for key in expected:
        if key == "change":
            change = metric.change.model_dump(exclude_none=True) if metric.change else {}
            change.pop("partner_start", None)
            seen[key] = change
        else:
            seen[key] = getattr(metric, key)
    return seen


@pytest.mark.parametrize("case", case_params("metrics_*"))
def test_case(case):
    metrics = extract_metrics(case["text"])
    assert [m.text for m in metrics] == [e["text"] for e in case["metrics"]]
    for metric, expected in zip(metrics, case["metrics"]):
        assert _observed(metric, expected) == expected, metric


def test_offsets_are_exact_sorted_and_disjoint():
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        metrics = extract_metrics(text)
        assert metrics, path.name
        for m in metrics:
            assert text[m.start:m.end] == m.text
        for a, b in zip(metrics, metrics[1:]):
            assert a.end <= b.start


def test_masked_metrics_have_no_value():
    for m in extract_metrics("新增**个教育集团，残疾儿童入学安置率达到***%，从教满**年"):
        assert m.masked and m.value is None


def test_from_to_partners_point_at_each_other():
    a, b = extract_metrics("义务教育阶段学科类校外培训机构由176家压减至2家。")
    assert (a.change.role, a.change.partner_start) == ("from", b.start)
    assert (b.change.role, b.change.partner_start) == ("to", a.start)
    assert a.change.direction == b.change.direction == "down"


def test_kinds_come_from_the_unit_table():
    assert unit_info("个百分点").kind == "percentage_point"
    assert unit_info("微克/立方米").kind == "concentration"
    assert unit_info("万元") is None  # 万 is a magnitude, never part of a unit
    kinds = {m.unit: m.kind for m in extract_metrics("投入5亿元，占比8%，提高2个百分点，增长3倍，建成10公里，1000亩，600万千瓦")}
    assert kinds == {"元": "money", "%": "percent", "个百分点": "percentage_point", "倍": "multiple",
                     "公里": "length", "亩": "area", "千瓦": "power"}


def test_copy_argument_gives_the_same_result():
    from edureport.text.normalize import matching_copy

    text = (SEEDS_DIR / "001_89542f80b92cd7db.txt").read_text(encoding="utf-8")
    assert extract_metrics(text, matching_copy(text)) == extract_metrics(text)


def test_empty_and_numberless_text():
    assert extract_metrics("") == []
    assert extract_metrics("全面加强党的建设。") == []


def test_long_digit_runs_do_not_backtrack():
    text = "1" * 20000 + "个" + "*" * 20000 + "。" + "1," * 10000
    started = time.perf_counter()
    extract_metrics(text)
    assert time.perf_counter() - started < 10.0  # guard against catastrophic backtracking, not a speed figure


def test_metrics_built_without_validation_validate_to_themselves(seed_texts):
    """extract_metrics builds Metrics unvalidated (trusted_metric): each must equal its validated copy."""
    for text in seed_texts.values():
        for metric in extract_metrics(text):
            again = Metric.model_validate(metric.model_dump())
            assert again == metric
            assert again.model_dump_json() == metric.model_dump_json()
            assert metric.value is None or type(metric.value) is float
            assert metric.value_max is None or type(metric.value_max) is float


def test_a_report_repeated_gives_the_same_metrics_twice(seed_texts, gov_texts):
    """Per-text memos (clause analyses kept by their characters) must not change any answer:
    the second copy of a text, whose every clause was seen in the first, gives the same metrics."""
    for text in [*seed_texts.values(), *list(gov_texts.values())[:3]]:
        once = extract_metrics(text)
        twice = extract_metrics(text + "\n\n" + text)
        shift = len(text) + 2
        second = [m for m in twice if m.start >= shift]
        assert len(second) == len(once)
        for a, b in zip(once, second):
            moved = b.model_copy(update={"start": b.start - shift, "end": b.end - shift})
            if moved.indicator_start is not None and moved.indicator_end is not None:
                moved = moved.model_copy(update={"indicator_start": moved.indicator_start - shift,
                                                 "indicator_end": moved.indicator_end - shift})
            if moved.change is not None and moved.change.partner_start is not None:
                moved = moved.model_copy(update={"change": moved.change.model_copy(
                    update={"partner_start": moved.change.partner_start - shift})})
            assert moved == a, (a.text, a.start)


def test_repeated_changes_are_separate_objects():
    """The qualifier/change memo must not make two metrics share one mutable Change."""
    metrics = extract_metrics("学校数量同比增长3所，" * 6)  # from the third on, the same 24 characters before
    changes = [m.change for m in metrics]
    assert len(changes) == 6 and all(c is not None and c.basis == "同比" for c in changes)
    assert len({id(c) for c in changes}) == 6


def test_indicators_survive_a_page_that_lost_its_line_breaks(seed_texts):
    """Web copies lose every line break: each figure still names the same thing."""
    import edureport

    for name, text in seed_texts.items():
        lines = [(m.text, m.indicator) for m in edureport.parse(text, segmenter="char").metrics]
        flat = [(m.text, m.indicator) for m in edureport.parse(text.replace("\n", ""), segmenter="char").metrics]
        assert flat == lines, name
        assert sum(1 for _, indicator in lines if indicator) > 0.85 * len(lines), name


def test_indicators_are_found_in_traditional_script(seed_texts):
    """Traditional characters map one to one onto the matching copy: the same phrases, at the same offsets."""
    import json
    from importlib import resources

    import edureport

    table = json.loads(resources.files("edureport.data").joinpath("t2s.json").read_text(encoding="utf-8"))
    to_traditional: dict[str, str] = {}
    for trad, simp in sorted(table.items()):
        if len(trad) == 1 and len(simp) == 1:
            to_traditional.setdefault(simp, trad)
    for name, text in seed_texts.items():
        traditional = "".join(to_traditional.get(ch, ch) for ch in text)
        assert traditional != text
        spans = [(m.start, m.indicator_start, m.indicator_end) for m in edureport.parse(text, segmenter="char").metrics]
        again = [(m.start, m.indicator_start, m.indicator_end)
                 for m in edureport.parse(traditional, segmenter="char").metrics]
        assert again == spans, name
