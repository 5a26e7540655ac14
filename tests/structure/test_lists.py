"""Inline enumerations: list items with exact offsets, and what is not a list."""

from __future__ import annotations

import pytest

from edureport.structure.enumerations import find_list_items
from edureport.text.normalize import matching_copy


def items(text: str) -> list[str]:
    copy = matching_copy(text)
    return [text[i.start:i.end] for i in find_list_items(copy, 0, len(text))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("一是资源矛盾仍然存在。二是编制不足；三是短板明显。",
         ["一是资源矛盾仍然存在。", "二是编制不足；", "三是短板明显。"]),
        ("主要做法：一要加大投入，二要深化改革。", ["一要加大投入，", "二要深化改革。"]),
        ("首先，抓安全。其次，抓质量。最后，抓服务。", ["首先，抓安全。", "其次，抓质量。", "最后，抓服务。"]),
        ("第一，坚持改革。第二，坚持创新。", ["第一，坚持改革。", "第二，坚持创新。"]),
        ("措施如下：（1）加强管理；（2）完善制度。", ["（1）加强管理；", "（2）完善制度。"]),
        ("①城区学校带头；②乡村学校跟进。", ["①城区学校带头；", "②乡村学校跟进。"]),
    ],
)
def test_enumerations(text: str, expected: list[str]) -> None:
    assert items(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "一是加强党建。",                      # a single marker is no list
        "全市统一是关键，二是指标。",          # 统一是 is a word, not a marker
        "二是编制不足。三是短板明显。",        # does not start at one
        "再次获评先进单位，最后一公里打通。",  # words, not a sequence
    ],
)
def test_not_enumerations(text: str) -> None:
    assert items(text) == []


def test_outer_list_wins_over_nested() -> None:
    text = "一是构建体系，包括（1）课程；（2）评价。二是完善机制。"
    assert [t[:2] for t in items(text)] == ["一是", "二是"]
