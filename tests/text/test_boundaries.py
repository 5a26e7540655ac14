"""Clause starts by bisection (edureport.text.boundaries) equal a backward regex search at every offset."""

from __future__ import annotations

import re

import pytest
import regex

from edureport.text.boundaries import Breaks
from edureport.text.normalize import matching_copy

PATTERNS = [r"[,，。;；:：!！?？、\n()（）“”《》]", r"[,，。;；:：!！?？\n]"]


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("reach", [40, 60])
def test_breaks_equal_a_reverse_search(seed_texts, pattern, reach):
    back = regex.compile(pattern, regex.REVERSE)
    for text in seed_texts.values():
        copy = matching_copy(text)
        breaks = Breaks(re.compile(pattern), copy)
        for pos in range(0, len(copy) + 1):
            lo = max(0, pos - reach)
            found = back.search(copy, lo, pos)
            assert breaks.start(pos, reach) == (found.end() if found else lo), pos
            floor = max(0, pos - reach // 2)  # a floor within reach (a sentence start) wins over the reach
            found = back.search(copy, floor, pos)
            assert breaks.start(pos, reach, floor) == (found.end() if found else floor), pos


def test_breaks_take_one_character_class_only():
    with pytest.raises(ValueError):
        Breaks(re.compile(r"。|\n\n"), "一。二")
    with pytest.raises(ValueError):
        Breaks(re.compile(r"[\d,]"), "1,2")


def test_breaks_list_what_the_pattern_finds(seed_texts):
    for pattern in PATTERNS:
        compiled = re.compile(pattern)
        for text in [*seed_texts.values(), "", "，", "a\nb", "😀，𠀀。"]:
            copy = matching_copy(text)
            assert list(Breaks(compiled, copy).ends) == [m.end() for m in compiled.finditer(copy)]


@pytest.mark.parametrize("text, stops", [
    ("配备率达100%O(二)五育融合育人格局逐渐成型。", [8]),
    ("开发校本课程12门o设立传统文化教育基地。", [9]),
    ("建成全省首个品牌Logo设计中心，开展Go语言培训。", []),  # letters of a word stay
    ("引进O2O平台，覆盖率100%。", []),
])
def test_a_full_stop_ocr_read_as_a_letter_is_a_stop_in_the_copy(text: str, stops: list[int]) -> None:
    copy = matching_copy(text)
    assert len(copy) == len(text)
    assert [i for i, (a, b) in enumerate(zip(text, copy)) if a != b and b == "。"] == stops


def test_a_heading_after_an_ocr_stop_is_found_in_flattened_text() -> None:
    import edureport

    text = ("一、2024年工作总结（一）办学条件持续改善。一是新建学校3所。二是投入680万元完成17所学校操场改造，"
            "全县义务教育阶段学校智慧黑板配备率达100%O（二）五育融合育人格局逐渐成型。一是开发校本课程12门o设立"
            "传统文化教育基地，开展非遗项目进校园活动80余场次。")
    headings = [s.heading for s in edureport.parse(text).walk_sections()]
    assert "（二）五育融合育人格局逐渐成型。" in headings
