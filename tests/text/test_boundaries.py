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
