"""Roles from heading wording, paragraph cues and sentence cues."""

from __future__ import annotations

import pytest

import edureport
from edureport.structure.roles import heading_role, is_other_paragraph, opens_problems, sentence_role


def section_roles(text: str) -> dict[str, str | None]:
    """Each section's heading and the role the parse gives it."""
    return {s.heading: s.role for s in edureport.parse(text).walk_sections()}


@pytest.mark.parametrize(
    "title, year, role",
    [
        ("上半年主要工作", None, "achievement"),
        ("下半年主要工作", None, "plan"),
        ("存在困难问题", None, "problem"),
        ("主要难点和问题", None, "problem"),
        ("我市“双减”工作对策建议", None, "plan"),
        ("2022年工作总结", 2022, "achievement"),
        ("2023年工作计划", 2022, "plan"),
        ("2026年主要工作", 2025, "plan"),
        ("2025年工作回顾", 2025, "achievement"),
        ("“十五五”时期主要目标任务", 2025, "plan"),
        ("推动教育现代化取得的成绩", None, "achievement"),
        ("下一步工作打算", None, "plan"),
        ("工作开展基本情况", None, "achievement"),
        ("一、xx镇教育发展现状", None, "achievement"),  # the state reached, even in a 规划
        ("名词解释", None, "other"),
        ("加强政府自身建设", 2025, None),
        ("當前工作存在的問題", None, "problem"),  # traditional script
        ("下一步工作計劃：", None, "plan"),
        ("投入不均衡。", None, "problem"),  # a heading that ends with a shortfall names a problem…
        ("教师队伍老化", None, "problem"),
        ("着力解决城乡发展不平衡", None, None),  # …not one that sets out to solve it
        ("二、实施步骤", None, "plan"),
        ("主要问题", None, "problem"),
    ],
)
def test_heading_role(title: str, year: int | None, role: str | None) -> None:
    assert heading_role(title, year) == role


@pytest.mark.parametrize(
    "paragraph",
    [
        "同时，我们也清醒认识到，全省经济社会发展还面临不少困难和挑战。",
        "总结成绩的同时，我们也清醒地认识到，当前外部环境依然复杂严峻。",
        "各位代表！我们也清醒地认识到，我区经济社会发展还存在不少老问题。",
        "当前，我市教育仍然存在一些突出问题：一是资源不足。",
        "存在的主要问题：城乡差距较大。",
        "但总体上看，学前教育仍是各级各类教育中的薄弱环节。主要表现在：一是资源短缺。",
    ],
)
def test_problem_openers(paragraph: str) -> None:
    assert opens_problems(paragraph)


@pytest.mark.parametrize("paragraph", ["投入1.16亿元，新建学校5所。", "我们将继续深化改革，解决群众急难愁盼问题。"])
def test_not_problem_openers(paragraph: str) -> None:
    assert not opens_problems(paragraph)


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("各位代表！五年历程充满挑战，各项成绩来之不易。", True),
        ("在此，我代表省人民政府，向全省人民表示衷心的感谢！", True),
        ("让我们更加紧密地团结在以习近平同志为核心的党中央周围。", True),
        ("各位代表！", True),
        ("新建幼儿园12所，新增学位3600个。", False),
    ],
)
def test_other_paragraphs(paragraph: str, expected: bool) -> None:
    assert is_other_paragraph(paragraph) is expected


def test_sentence_cues() -> None:
    assert sentence_role("我们将力争新建学校5所，确保按期投用。") == "plan"
    assert sentence_role("师资力量仍然薄弱，结构性缺编问题尚未解决，有待加强。") == "problem"
    assert sentence_role("") is None
    # 薄弱学校改造 is a programme's name, not a shortcoming
    assert sentence_role("以教育出城和薄弱学校改造为抓手，优化资源配置，积极改善了办学条件。") == "achievement"


def test_the_title_says_what_an_uncued_section_is() -> None:
    """A 述职报告 reviews, a 工作要点 plans: a top-level heading with no cue takes that role."""
    import edureport

    review = ("县教育局局长2025年度述职报告\n一、强化理论武装，筑牢思想根基\n全年主持理论学习15次，开展宣讲32场。\n"
              "二、聚焦主责主业，推动教育发展\n新建幼儿园3所，新增学位1200个。")
    plan = ("县教育局2026年工作要点\n一、强化理论武装，筑牢思想根基\n开展理论学习，组织宣讲。\n"
            "二、聚焦主责主业，推动教育发展\n新建幼儿园3所，新增学位1200个。")
    assert [s.role for s in edureport.parse(review).sections] == ["achievement", "achievement"]
    assert [s.role for s in edureport.parse(plan).sections] == ["plan", "plan"]
    both = "县教育局2025年工作总结及2026年工作计划\n一、2025年工作回顾\n新建幼儿园3所。\n二、2026年工作计划\n新增学位1500个。"
    assert [s.role for s in edureport.parse(both).sections] == ["achievement", "plan"]


@pytest.mark.parametrize(
    "title, genre, role",
    [
        ("坚持以满足群众教育需求为目标，普及义务教育", None, "plan"),
        ("坚持以满足群众教育需求为目标，普及义务教育", "achievement", "achievement"),
        ("主要工作", "plan", "plan"),
        ("主要工作", None, "achievement"),
        ("下一步工作打算", "achievement", "plan"),  # a strong cue holds against the genre
        ("存在的问题", "achievement", "problem"),
        ("2025年工作回顾", "plan", "achievement"),
    ],
)
def test_a_weak_heading_cue_yields_to_the_genre(title: str, genre: str | None, role: str) -> None:
    """目标 and 主要工作 lean one way without context; what the title says the document is decides."""
    assert heading_role(title, None, False, genre) == role  # type: ignore[arg-type]


def test_subsections_take_the_role_their_section_reads_as_when_no_heading_says_one() -> None:
    """A plan's points without a cue in their headings take the role read from the whole section's
    sentences, not each from its own few (完善…机制 alone reads as work done)."""
    import edureport

    text = ("4.推动特殊教育全纳融合发展\n(1)加强特殊教育基础能力建设。实施特殊教育提升计划,推动特殊教育学校建设,"
            "到2025年,适龄残疾儿童入学率将达到97%以上。\n(2)完善残疾学生入学安置机制。健全多部门协同联动的残疾儿童"
            "筛查鉴定机制,完善送教上门制度。\n(3)深化特殊教育改革。利用特殊教育资源中心,加强对基地校的管理和指导。")
    report = edureport.parse(text)
    assert [s.role for s in report.walk_sections()] == ["plan"] * 4


def test_a_plans_review_of_its_base_and_a_status_reports_parts_are_work_done() -> None:
    """A 规划 plans, but its 基础与条件 / 发展成就 part reviews; 专项资金…建设情况 reports work done;
    a 述职报告's point titled …优先安排 stays a review."""
    import edureport

    plan = ("某县“十四五”教育事业发展规划\n一、基础与条件\n1.发展成就\n“十三五”期间,全县新建幼儿园12所,新增学位3600个。\n"
            "2.面临形势\n人口流动加快。\n二、主要任务\n(一)推进学前教育普惠发展\n到2025年,学前三年毛入园率达到95%。")
    roles = section_roles(plan)
    assert roles["一、基础与条件"] == roles["1.发展成就"] == "achievement"
    assert roles["二、主要任务"] == "plan"
    status = ("某县教育局2020年项目建设进展\n一、中央校舍维修专项资金1611万元建设情况\n新建或改扩建项目18个,共投入资金1611万元。\n"
              "二、学前教育专项资金538万元建设情况\n新建项目2个,共投入资金508万元。")
    assert {s.role for s in edureport.parse(status).sections} == {"achievement"}
    review = ("某区长教育工作述职报告\n一、全力办好一批教育优先发展的大事\n(一)在规划决策上优先安排\n"
              "任职以来,新建学校5所,投入资金3.2亿元。\n(二)在经费投入上优先保障\n教育支出年均增长8%。")
    assert {s.role for s in edureport.parse(review).walk_sections()} == {"achievement"}


def test_a_plans_steps_are_planned_and_so_are_the_figures_in_their_headings() -> None:
    """实施步骤 heads a plan; a figure in a heading takes its section's role for its status, as a figure
    in an item takes the item's (二、实施步骤⏎(一)新建公办幼儿园3所,其中城区2所。 is planned)."""
    import edureport

    text = ("某市2021年学校建设实施方案\n一、工作回顾\n2020年新建幼儿园4所。\n二、实施步骤\n"
            "(一)新建公办幼儿园3所,其中城区2所。\n3-5月,完成开工手续。\n(二)新增学位1200个。\n")
    roles = section_roles(text)
    assert roles["二、实施步骤"] == roles["(一)新建公办幼儿园3所,其中城区2所。"] == "plan"
    assert roles["一、工作回顾"] == "achievement"
    status = {m.text: m.scope.status for m in edureport.parse(text).metrics}
    assert status["4所"] == "actual"
    assert status["3所"] == status["2所"] == status["1200个"] == "target"


def test_a_problems_or_next_steps_subsection_under_a_review_heading_is_its_own() -> None:
    """Under 一、工作回顾, (二)存在的问题 heads problems and (三)下一步打算 plans (a deep cue speaks under a
    heading that gave another role); an action on problems ((四)着力解决…突出问题) stays work done, and the
    topics of an old report (关于…的生产问题) are no problems."""

    text = ("某县教育局2023年工作总结\n一、2023年工作回顾\n(一)主要成绩\n全县新建学校3所。\n(二)存在的问题\n"
            "师资力量不足。\n(三)下一步打算\n力争新建学校2所。\n(四)着力解决群众反映的突出问题\n整改问题12个。\n"
            "(五)关于学校的布局问题\n调整学校布局5处。\n二、2024年工作计划\n(一)加强党建\n全面加强党的建设。\n"
            "(二)年度工作目标及重点任务\n全年新增学位1000个。")
    roles = section_roles(text)
    assert roles["(二)存在的问题"] == "problem"
    assert roles["(三)下一步打算"] == "plan"
    assert roles["(一)主要成绩"] == roles["(四)着力解决群众反映的突出问题"] == roles["(五)关于学校的布局问题"] == "achievement"
    assert roles["(二)年度工作目标及重点任务"] == "plan"
