"""Figures a converter put on lines of their own (issue 17): joined back to their unit and their name."""

from __future__ import annotations

import edureport
from edureport.text.figure_lines import join_figure_lines
from edureport.text.layout import build_layout

CONVERTED = (
    "一是教育民生改善取得新成效。各级财政拨付我县教育公用经费\n8059.35\n万元，实现公办学校和民办学校共享公用经费。"
    "打卡发放贫困寄宿生生活补助?/p>\n225\n万元，受助学生\n3600\n人次。为\n1464\n名大学生办理了生源地助学贷款?/p>\n"
    "贷款总额\n982.3\n万元?/p>\n316\n所农村义务教育学校学生每天享受营养餐。\n"
)


def test_figures_keep_their_units_names_and_offsets() -> None:
    report = edureport.parse(CONVERTED)
    found = {m.text: m for m in report.metrics}
    assert found["225\n万元"].value == 2_250_000 and found["3600\n人次"].unit == "人次"
    assert found["225\n万元"].indicator == "贫困寄宿生生活补助"  # the residue ?/p> is not part of the name
    assert found["3600\n人次"].indicator == "受助学生"
    assert found["3600\n人次"].indicator_id == "student_aid_recipients"
    assert found["982.3\n万元"].indicator == "贷款总额"
    assert found["316\n所"].indicator != "贷款总额"  # residue after a whole figure ends its sentence
    for m in report.metrics:
        assert CONVERTED[m.start:m.end] == m.text
        if m.indicator is not None:
            assert CONVERTED[m.indicator_start:m.indicator_end] == m.indicator


def test_a_lone_number_line_is_left_alone_in_text_with_its_lines() -> None:
    text = "全县新建学校3所。\n3\n年来，我们坚持教育优先发展。\n12\n下一步，我们将继续努力。\n"
    assert join_figure_lines(build_layout(text)) is None  # page numbers, not figures: no unit opens the next line
    assert [m.text for m in edureport.parse(text).metrics] == ["3所"]
