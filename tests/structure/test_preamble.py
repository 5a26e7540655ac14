"""An excerpt that starts inside the shortcomings: its preamble before the first heading is a problem item."""

from __future__ import annotations

import edureport

TEXT = (
    "但总体上看，学前教育仍是各级各类教育中的薄弱环节。主要表现在：一是公办学前教育资源相对短缺、投入不足。"
    "二是城乡学前教育发展不平衡。\n"
    "二、发展目标\n"
    "（一）总体目标。到2013年，学前三年毛入园率达到60%以上。\n"
)


def test_a_preamble_that_opens_the_shortcomings_is_a_problem() -> None:
    report = edureport.parse(TEXT)
    assert [p.text[:6] for p in report.problems] and report.problems[0].start == 0
    assert TEXT[report.problems[0].start:report.problems[0].end] == report.problems[0].text


def test_a_preamble_of_praise_stays_out_of_the_items() -> None:
    text = "近年来，全县教育事业稳步发展，成绩可喜。\n" + TEXT.split("\n", 1)[1]
    report = edureport.parse(text)
    assert not report.problems
    assert all(item.start >= text.index("二、") for item in report.items)
