"""Headings: every marker style, levels from nesting, run-in headings, noise."""

from __future__ import annotations

import pytest
from support import case_params

import edureport
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


def test_a_table_of_contents_is_not_the_outline() -> None:
    """目录 lists the headings the body repeats (the State Council's 1955 report has one): the body's
    headings are the sections, and nothing is read twice."""
    text = ("某县教育局2023年工作总结\n目录\n一、2023年工作回顾……………1\n二、存在的问题………………3\n"
            "三、2024年工作打算…………4\n一、2023年工作回顾\n全县新建幼儿园3所，新增学位1200个。\n"
            "二、存在的问题\n城区学位依然紧张。\n三、2024年工作打算\n新增学位1500个。")
    report = edureport.parse(text)
    body = text.index("一、2023年工作回顾\n全县")
    assert [(s.heading, s.role) for s in report.sections] == [
        ("一、2023年工作回顾", "achievement"), ("二、存在的问题", "problem"), ("三、2024年工作打算", "plan")]
    assert report.sections[0].start == body
    assert not report.warnings



@pytest.mark.parametrize("cue", ["目录", "目錄/提綱:……", "提纲：", "目 录"])
def test_a_site_outline_announced_by_its_cue_is_not_the_outline(cue: str) -> None:
    """A site's outline (目錄/提綱:……) lists 一是 points between its headings and stops before the
    body repeats its later headings (an excerpt): what the cue line announces is dropped up to the body."""
    text = (f"某区教育工作情况通报\n发表时间:2021/8/10\n{cue}\n一、教育工作总体情况\n一是全面加快教育项目建设\n"
            "二是全力加强教师队伍建设\n二、存在的问题\n一是学位供需矛盾依然突出\n三、下一步工作安排\n"
            "（一）聚焦教育惠民，全力推进重点项目建设\n……\n某区教育工作情况通报\n"
            "根据会议安排，现将教育工作总体情况通报如下。不妥之处，请批评指正。\n一、教育工作总体情况\n"
            "今年以来，全区新建学校3所，新增学位2400个。\n二、存在的问题\n公办幼儿园学位依然紧张。")
    report = edureport.parse(text)
    assert [(s.heading, s.start, s.role) for s in report.sections] == [
        ("一、教育工作总体情况", text.index("一、教育工作总体情况\n今年"), "achievement"),
        ("二、存在的问题", text.index("二、存在的问题\n公办"), "problem")]
    # without the cue line the same lines are headings of their own (the rule reads the cue, not the shape)
    plain = edureport.parse(text.replace(cue + "\n", ""))
    assert len(list(plain.walk_sections())) > 2

def test_sections_with_the_same_title_under_different_parents_stay() -> None:
    text = ("一、学前教育\n（一）主要成绩\n新建幼儿园3所。\n（二）存在问题\n学位紧张。\n"
            "二、义务教育\n（一）主要成绩\n新建学校2所。\n（二）存在问题\n师资不足。")
    assert len(list(edureport.parse(text).walk_sections())) == 6


def test_a_marker_style_keeps_one_level_in_a_document() -> None:
    """1. straight under 二、 is a level below (一), as 1. is under 一、(一) elsewhere in the document
    (levels follow the marker's rank where a level is skipped); an appendix's own outline is left alone."""
    text = ("一、工作回顾\n（一）学前教育\n1.新建幼儿园3所。\n2.新增学位1200个。\n"
            "二、存在问题\n1.学位依然紧张。\n2.师资不足。\n名词解释\n一、学位：可容纳的学生数。")
    levels = [(h.marker(text), h.level) for h in find_headings(build_layout(text))]
    assert levels == [("一、", 1), ("（一）", 2), ("1.", 3), ("2.", 3), ("二、", 1), ("1.", 3), ("2.", 3),
                      ("", 1), ("一、", 2)]


def test_numbered_lines_ending_in_a_semicolon_are_a_paragraphs_list() -> None:
    """1.市教育局被评为文明单位；⏎2.…；: points of one sentence, not headings (a heading's line ends with none)."""
    text = ("一、荣誉\n一年来获得多项荣誉：\n1.市教育局被评为市文明单位；\n2.门户网站被评为优秀教育门户网站；\n"
            "3.市教育局获全市先进集体。\n二、问题\n经费不足。")
    assert [h.marker(text) for h in find_headings(build_layout(text))] == ["一、", "二、"]


def test_a_preface_heading_is_a_sibling_of_the_parts_after_it() -> None:
    """序 言 before 一、 is a top-level part of its own; an unmarked part title (“十五五”时期主要目标) still
    holds the numbered parts under it."""
    text = ("某县教育发展规划\n序 言\n为推动教育高质量发展，特制定本规划。\n一、基础与条件\n1.发展成就\n"
            "新增幼儿园14所。\n二、主要目标\n新增学位3000个。")
    levels = [(h.marker(text) or h.title(text), h.level) for h in find_headings(build_layout(text))]
    assert levels == [("序 言", 1), ("一、", 1), ("1.", 2), ("二、", 1)]


def test_points_run_into_a_sentence_after_semicolons_are_no_headings() -> None:
    """各项荣誉可喜可贺。比如:1.市教育局被评为文明单位;2.门户网站获二等奖;3.…: points of one sentence."""
    text = ("一、主要成绩\n各项荣誉可喜可贺。比如:1.市教育局被评为文明单位;2.门户网站被评为优秀教育门户网站二等奖;"
            "3.市教育局获全市先进集体。\n二、存在问题\n经费不足。")
    assert [h.marker(text) for h in find_headings(build_layout(text))] == ["一、", "二、"]


def test_a_notice_that_publishes_a_plan_gives_no_heading_of_its_number_or_of_the_plans_title() -> None:
    """关于印发《…》的通知⏎海政发〔2011〕16号⏎…⏎《…》's title⏎一、发展现状: the number and the attachment's title are the
    notice's, and the plan's first part is the outline's top."""
    import edureport

    text = ("北京市海淀区人民政府关于印发《海淀区学前教育三年行动计划(2011-2013年)》的通知\n海政发〔2011〕16号\n"
            "各镇(乡)政府、街道(地区)办事处,各委、办、局,区属各单位:\n《海淀区学前教育三年行动计划(2011-2013年)》已经区政府"
            "常务会议审议通过,现印发给你们,请认真贯彻执行。\n北京市海淀区人民政府\n二〇一一年四月二十九日\n"
            "海淀区学前教育三年行动计划(2011-2013年)\n为贯彻落实《国家中长期教育改革和发展规划纲要》,制定本计划。\n"
            "一、发展现状\n近年来,全区学前教育事业稳步发展,全区有12所市级示范园,100所一级以上优质幼儿园。\n"
            "二、主要目标\n到2013年,新建幼儿园20所。")
    report = edureport.parse(text)
    assert [(s.heading, s.level) for s in report.walk_sections()] == [("一、发展现状", 1), ("二、主要目标", 1)]
    assert [s.role for s in report.sections] == ["achievement", "plan"]
