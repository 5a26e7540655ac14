"""Headings: every marker style, levels from nesting, run-in headings, noise."""

from __future__ import annotations

import pytest
from support import case_params

from edureport.structure.outline import find_headings, numbering_warnings
from edureport.text.layout import build_layout


@pytest.mark.parametrize("case", case_params("headings", ids=lambda c: c["case"]))
def test_heading_cases(case: dict) -> None:
    text = case["text"]
    found = find_headings(build_layout(text))
    got = [[text[h.start:h.end], h.level, h.marker(text)] for h in found]
    assert got == case["headings"]


def test_levels_follow_the_document_not_a_fixed_table() -> None:
    a = "一、回顾\n1.党建。内容。\n2.队伍。内容。"
    b = "一、回顾\n（一）党建\n1.党的领导。内容。\n2.作风建设。内容。"
    level_a = {h.marker(a): h.level for h in find_headings(build_layout(a))}
    level_b = {h.marker(b): h.level for h in find_headings(build_layout(b))}
    assert level_a["1."] == 2 and level_b["1."] == 3


def test_gaps_and_restarts_are_warnings_not_errors() -> None:
    text = "一、回顾\n（一）党建\n（三）队伍\n三、计划\n二、问题"
    found = find_headings(build_layout(text))
    warnings = numbering_warnings(found, text)
    assert len(found) == 5
    assert any("expected 2" in w and "（三）" in w for w in warnings)
    assert any("restarts" in w for w in warnings)


def test_chinese_ordinals_are_parsed() -> None:
    text = "一、情况\n（十一）信息化。内容。\n（十二）安全。内容。"
    ordinals = [h.ordinal for h in find_headings(build_layout(text))]
    assert ordinals == [1, 11, 12]


def test_seed_headings_survive_crlf_nbsp_and_indentation(seed_texts: dict[str, str]) -> None:
    for name, text in seed_texts.items():
        base = [(text[h.start:h.end], h.level) for h in find_headings(build_layout(text))]
        noisy = "\r\n".join("\u3000\u3000" + line if i % 2 else "\xa0" + line for i, line in enumerate(text.split("\n")))
        got = [(noisy[h.start:h.end], h.level) for h in find_headings(build_layout(noisy))]
        assert got == base, name
