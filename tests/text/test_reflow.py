"""Reports that lost or gained line breaks read as if they had their own lines (issue 17)."""

from __future__ import annotations

import pytest
from invariants import check_report
from support import seed_texts

import edureport
from edureport.evaluate.variants import flat, wrapped
from edureport.text.reflow import prepare

SEEDS = seed_texts()
#: The issue's example, as the author wrote it (one line per heading and paragraph) …
LINED = """某县教育局2023年工作总结和2024年工作思路
一、2023年工作回顾
(一)学前教育普惠发展
全县新建幼儿园3所，新增学位1200个，学前三年毛入园率达到92.5%。
(二)义务教育优质均衡。新建学校2所，新增学位2400个。
二、存在的问题
一是城区学位依然紧张，二是农村学校师资不足。
三、2024年工作思路
(一)扩大学前教育资源
全县新增学位1500个。"""
#: … and as a web page's copy gives it: every line break lost.
ISSUE_EXAMPLE = LINED.replace("\n", "")


def _headings(report: edureport.Report) -> list[str]:
    return [s.heading.replace("\n", "").replace("\r", "") for s in report.walk_sections()]


def _items(report: edureport.Report) -> list[tuple[str, str]]:
    return [(i.role, i.text.replace("\n", "")) for i in report.items]


def test_the_issue_example_reads_as_if_its_line_breaks_were_there() -> None:
    report, lined = edureport.parse(ISSUE_EXAMPLE), edureport.parse(LINED)
    check_report(report, ISSUE_EXAMPLE)
    assert _headings(report) == _headings(lined) == [
        "一、2023年工作回顾", "(一)学前教育普惠发展", "(二)义务教育优质均衡。", "二、存在的问题", "三、2024年工作思路",
        "(一)扩大学前教育资源"]
    assert [s.role for s in report.sections] == ["achievement", "problem", "plan"]
    assert _items(report) == _items(lined)
    assert [(m.text, m.value) for m in report.metrics] == [(m.text, m.value) for m in lined.metrics]


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_texts_with_their_own_lines_are_read_as_they_are(name: str) -> None:
    assert prepare(SEEDS[name]).rewrite is None


@pytest.mark.parametrize("name", sorted(SEEDS))
@pytest.mark.parametrize("width", [30, 36, 60])
def test_hard_wrapped_text_with_page_furniture_reads_like_the_original(name: str, width: int) -> None:
    text = SEEDS[name]
    variant = wrapped(text, width, 40, lambda n: f"— {n} —", f"wrap{width}")
    clean, report = edureport.parse(text), edureport.parse(variant.text)
    check_report(report, variant.text)
    assert _headings(report) == _headings(clean)
    assert [(m.value, m.unit) for m in report.metrics] == [(m.value, m.unit) for m in clean.metrics]
    # a line that the wrap happened to end with a full stop may end an item early: the text read
    # as each role is the same
    for role in ("achievement", "problem", "plan"):
        assert "".join(t for r, t in _items(report) if r == role) == "".join(t for r, t in _items(clean) if r == role)


def test_a_figure_broken_at_the_line_end_is_whole_and_grounded() -> None:
    filler = "全县持续加大教育投入力度，统筹推进城乡义务教育一体化改革发展，" * 8
    para = filler[:7 * 30 + 19] + "，地区生产总值1126.6亿元，同比增长16.5%，教育经费稳步增长。" + filler[:60] + "。"
    text = wrapped(para, 30, 40, lambda n: f"— {n} —", "wrap30").text
    assert "1126\n.6" in text  # the wrap broke the figure
    report = edureport.parse(text)
    check_report(report, text)
    figures = {m.text: m.value for m in report.metrics}
    assert figures["1126\n.6亿元"] == pytest.approx(1126.6e8)
    assert figures["16.5%"] == 16.5


def test_running_headers_and_page_numbers_leave_no_item() -> None:
    text = SEEDS["001_89542f80b92cd7db.txt"]
    variant = wrapped(text, 36, 12, lambda n: f"第{n}页 共9页", "wrap36")
    report = edureport.parse(variant.text)
    assert not any("第1页" in item.text or "共9页" in item.text for item in report.items)
    title = text.splitlines()[0]
    assert all(item.text.replace("\n", "").count(title) == 0 for item in report.items)


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_flattened_text_keeps_the_contract_and_finds_the_problems(name: str) -> None:
    variant = flat(SEEDS[name])
    report, clean = edureport.parse(variant.text), edureport.parse(SEEDS[name])
    check_report(report, variant.text)
    assert bool(report.problems) == bool(clean.problems)
    assert [(m.value, m.unit) for m in report.metrics] == [(m.value, m.unit) for m in clean.metrics]


def test_the_pipeline_reads_a_wrapped_text_as_parse_does() -> None:
    variant = wrapped(SEEDS["000_bbdb7e13a91fb38c.txt"], 36, 40, lambda n: f"— {n} —", "wrap36")
    nlp = edureport.load(segmenter="char")
    doc = nlp(variant.text)
    assert doc._.report == edureport.parse(variant.text)
    assert doc.spans["headings"][0].text.replace("\n", "") == "一、上半年主要工作"
