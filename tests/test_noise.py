"""Scraped and converted text: the same structure comes out of noisy variants of real reports."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

import pytest


@lru_cache(maxsize=1)
def simplified_to_traditional() -> dict[int, str]:
    table = json.loads(resources.files("edureport.data").joinpath("t2s.json").read_text(encoding="utf-8"))
    out: dict[int, str] = {}
    for trad, simp in sorted(table.items()):
        out.setdefault(ord(simp), trad)
    return out


def shape(report) -> list[tuple[str, int, str]]:
    return [(s.title, s.level, s.role) for s in report.walk_sections()]


def roles(report) -> list[str]:
    return [i.role for i in report.items]


def to_traditional(text: str) -> str:
    return text.translate(simplified_to_traditional())


def half_width_brackets(text: str) -> str:
    return text.replace("（", "(").replace("）", ")")


def with_boilerplate(text: str) -> str:
    lines = text.split("\n")
    junk = ["下载", "打印", "【字号：大 中 小】", "来源：教育局网站", "- 3 -"]
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        if i % 7 == 3:
            out.append(junk[i % len(junk)])
    return "\n".join(["首页", ">", "工作动态"] + out + ["扫一扫在手机打开当前页", "【打印本页】【关闭窗口】"])


def full_width_digits(text: str) -> str:
    return re.sub(r"(?m)^(\d+)\.", lambda m: "".join(chr(ord(c) + 0xFEE0) for c in m.group(1)) + "．", text)


VARIANTS = {
    "traditional": to_traditional,
    "half-width brackets": half_width_brackets,
    "boilerplate lines": with_boilerplate,
    "full-width digits": full_width_digits,
    "crlf": lambda t: t.replace("\n", "\r\n"),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_seed_structure_survives(variant: str, char_parse, seed_texts) -> None:
    change = VARIANTS[variant]
    for name, text in seed_texts.items():
        base, noisy = char_parse(text), char_parse(change(text))
        got = shape(noisy)
        if variant == "traditional":
            got = [(to_traditional(t), lvl, r) for t, lvl, r in shape(base)] and [(t, lvl, r) for t, lvl, r in got]
            assert [(lvl, r) for _, lvl, r in got] == [(lvl, r) for _, lvl, r in shape(base)], name
        else:
            assert [(lvl, r) for _, lvl, r in got] == [(lvl, r) for _, lvl, r in shape(base)], name
        assert roles(noisy) == roles(base), name
        for item in noisy.items:
            assert noisy.text[item.start:item.end] == item.text


def test_government_reports_survive_traditional_script(char_parse, gov_texts) -> None:
    for name, text in gov_texts.items():
        base, noisy = char_parse(text), char_parse(to_traditional(text))
        assert [(lvl, r) for _, lvl, r in shape(noisy)] == [(lvl, r) for _, lvl, r in shape(base)], name
        assert len(noisy.problems) == len(base.problems), name


def test_page_number_debris_inside_a_sentence(char_parse, seed_texts) -> None:
    text = seed_texts["002_9c3dfdb978ad3966.txt"]
    cut = text.index("。", 1500) + 1
    noisy = text[:cut] + "\n- 3 -\n" + text[cut:]
    assert shape(char_parse(noisy)) == shape(char_parse(text))


def test_a_collection_pages_article_titles_are_no_headings() -> None:
    import edureport

    text = ("2024年教育局工作计划(精选4篇)作文\n第一篇:2024年教育局工作计划\n一、加强教育系统党建工作。\n"
            "全年开展党课10场。\n二、加快学校基础设施建设。\n新建学校2所。")
    report = edureport.parse(text)
    assert [s.heading for s in report.sections] == ["一、加强教育系统党建工作。", "二、加快学校基础设施建设。"]
    assert all(s.level == 1 for s in report.sections)


@pytest.mark.parametrize("title", ["教育局校园安全工作总结篇一", "履行教育职责自评报告篇1"])
def test_paywall_lines_and_a_collection_pages_numbered_title_are_no_headings(title: str) -> None:
    import edureport

    text = (f"{title}\n一、安全教育\n开展安全教育课120节。\n"
            "此处隐藏3768字，请登录后查看全文\n会员老友请【登录网站】查阅文章")
    assert [s.heading for s in edureport.parse(text).walk_sections()] == ["一、安全教育"]


@pytest.mark.parametrize("blurb", ["下面是小编为大家整理的县教育体育局年终工作总结报告范本,供大家参考。",
                                   "摘要：好笔杆子网小编为你整理了多篇相关的《县教育局工作总结》，但愿对你有所帮助。"])
def test_a_model_essay_sites_blurb_is_boilerplate_and_the_title_below_it_no_heading(blurb: str) -> None:
    """The blurb is a sentence, so it used to end the title block: the report's own title under it
    (2020县教育体育局年终工作总结报告) became an unmarked heading and 一、 a second level."""
    import edureport

    text = (f"县教育体育局年终工作总结报告范本\n{blurb}\n县教育体育局年终工作总结报告范本\n"
            "2020县教育体育局年终工作总结报告\n根据考核办法的要求，现将2020年度工作总结报告如下。\n"
            "一、基本情况\n2020年，全县共有各级各类学校487所。\n二、主要工作情况\n（一）紧盯目标，履行职责\n"
            "共完成教育固定资产投资6.1547亿元。")
    report = edureport.parse(text)
    assert [(s.heading, s.level) for s in report.walk_sections()] == [
        ("一、基本情况", 1), ("二、主要工作情况", 1), ("（一）紧盯目标，履行职责", 2)]
    assert not any(m.start < text.index("根据") for m in report.metrics)


@pytest.mark.parametrize("number", ["【第1篇 ", "[第 2 篇]", "篇一:"])
def test_a_collection_pages_numbered_title_is_the_title_when_nothing_else_is(number: str) -> None:
    """The numbered line is boilerplate for the outline, yet it is the report's title: its genre (一季度工作总结)
    makes the sections a review even where their headings read like plans (深化…工程)."""
    import edureport

    title = "2023年教育局第一季度工作總結範文"
    text = (f"- 目錄\n{number}{title}\n按照工作目標，第一季度我局主要抓了以下幾項工作。\n"
            "一、深化農村中小學寄宿生食宿改善工程。\n全縣新增寄宿床位2224床。\n二、狠抓控輟保學工作。\n勸返學生36人。")
    report = edureport.parse(text)
    assert report.title == title
    assert [s.role for s in report.sections] == ["achievement", "achievement"]


@pytest.mark.parametrize("banner", ["下载后可任意编辑", ""])
def test_a_half_year_round_up_is_a_review_and_a_sites_banner_not_its_title(banner: str) -> None:
    """小结 names a report as 总结 does; 下载后可任意编辑 glued before it is the site's."""
    import edureport

    text = (f"{banner}2024 年教育局各项工作半年小结\n一、积极改善办学条件\n"
            "一是大力实施危房改造工程。已争取到国债资金120万元，有3所中小学正在申报危改项目。")
    report = edureport.parse(text)
    assert report.title == "2024 年教育局各项工作半年小结"
    assert [s.role for s in report.sections] == ["achievement"]


def test_a_masked_year_after_an_arabic_marker_opens_a_heading() -> None:
    """1、20___年中高考再创辉煌: a template's blank year, as 1、2023年…; 1、2、3 stays a list of numbers."""
    import edureport

    text = ("一、取得的成绩\n主要表现在:\n1、20___年中高考再创辉煌。今年中考，全市前100名中，我县占19名。\n"
            "2、办学条件明显改善。新建学校3所。")
    assert [s.heading for s in edureport.parse(text).walk_sections()] == [
        "一、取得的成绩", "1、20___年中高考再创辉煌。", "2、办学条件明显改善。"]


def test_a_sharing_sites_numbered_notices_are_no_headings_and_a_status_report_reviews() -> None:
    """温馨提示 and its numbered notices (1. 部分包含数学公式…) are the site's; a 情况报告 reports work done."""
    import edureport

    text = ("温馨提示:\n1. 部分包含数学公式或PPT动画的文件,查看预览时可能会显示错乱或异常,文件下载后无此问题,请放心下载。\n"
            "2. 本文档由用户上传,版权归属用户,汇文网负责整理代发布。如果您对本文档版权有争议请及时联系客服。\n"
            "3. 下载前请仔细阅读文档内容,确认文档内容符合您的需求后进行下载。\n网站客服:3074922707\n"
            "某市教育局2021年法治政府建设情况报告\n一、深入学习宣传贯彻习近平法治思想\n"
            "一是局领导班子带头学习，全年开展集中学习12次。\n二是推动法治教育进课堂，覆盖学生20万人。")
    report = edureport.parse(text)
    assert [s.heading for s in report.walk_sections()] == ["一、深入学习宣传贯彻习近平法治思想"]
    assert [s.role for s in report.sections] == ["achievement"]
    assert report.metrics and min(m.start for m in report.metrics) > text.index("一、")


@pytest.mark.parametrize("path", ["学习网 > 工作计划 > 教学工作计划 > 教育局2021年工作总结和2022年工作计划",
                                  "當前位置:範文網 » 事務文書 » 教育局2021年工作總結和2022年工作計劃"])
def test_a_breadcrumb_and_a_sites_column_line_are_boilerplate_and_the_repeated_title_no_heading(path: str) -> None:
    """The breadcrumb ends with the title, so it was taken for it, and the title under it became a heading
    of level 1 (一、 then level 2); 栏目/发布于/人气 and a word bar with 首页 are the site's too."""
    import edureport

    title = "教育局2021年工作总结和2022年工作计划"
    text = (f"网站首页 工作总结 工作计划 心得体会 述职报告 演讲稿\n{path}\n\n{title}\n\n"
            "栏目: 工作总结 / 发布于: / 人气:3.2K\n\n"
            "2021年，市教育局在市委、市政府的正确领导下，全面深化教育综合改革。\n\n"
            f"{title}\n\n一、党的建设全面加强。一是深入学习全会精神，全年开展集中学习24次。")
    report = edureport.parse(text)
    assert report.title == title
    assert [(s.heading, s.level) for s in report.walk_sections()] == [("一、党的建设全面加强。", 1)]
    assert [m.text for m in report.metrics] == ["24次"]


def test_a_headings_title_parted_from_its_body_by_a_space_ends_there() -> None:
    """一、…战略 我县始终…: the line holds the heading and its body; a space where a figure was left
    out (省级示范学校 所) parts nothing."""
    import edureport

    text = ("一、领导重视，认真履职，全力推进教育优先发展战略 我县始终把教育摆在优先发展的战略位置，"
            "坚持将教育列入县委和政府的重要议事日程。\n"
            "二、改善办学条件 全年新建校舍3万平方米，改造运动场12个，办学条件明显改善。\n"
            "三、全县共有省级示范高中2所，省级示范学校 所，市级示范小学3所。")
    headings = [s.heading for s in edureport.parse(text).walk_sections()]
    assert headings == ["一、领导重视，认真履职，全力推进教育优先发展战略", "二、改善办学条件",
                        "三、全县共有省级示范高中2所，省级示范学校 所，市级示范小学3所。"]


def test_points_of_a_paragraph_are_no_headings() -> None:
    """(1)…;(2)… in one line, and long points run into a heading's line (…情况。1.召开…,…), are a list."""
    import edureport

    text = ("一、下一步工作\n(1)完善考核办法，规范教育集团管理，加强过程督导；(2)落实评价办法，注重过程考核，推动优质均衡。\n"
            "二、资助工作\n(一)资助政策宣传落实情况。1.召开推进会、班主任会、家长会，全面排查建档立卡学生受助是否落实，是否了解资助政策等。"
            "2.出动资助政策宣传车30辆，成立政策宣讲组40个，深入全县每个贫困村不间断开展宣讲。\n(二)资金发放情况。全年发放资助资金500万元。")
    assert [s.heading for s in edureport.parse(text).walk_sections()] == [
        "一、下一步工作", "二、资助工作", "(一)资助政策宣传落实情况。", "(二)资金发放情况。"]


def test_a_model_essay_sites_word_count_and_comment_lines_are_boilerplate() -> None:
    """【文章共N字…】 above the report and 用户评论 / (以下评论仅代表网友意见…) below it are the site's, not items."""
    import edureport

    text = ("【文章共2693字,精选参考范文,仅供学习借鉴】\n某县教育局2023年工作总结\n一、办学条件持续改善\n"
            "全年新建校舍1.2万平方米,新增学位900个。\n用户评论\n(以下评论仅代表网友意见,与本站立场无关)\n")
    report = edureport.parse(text)
    texts = [item.text for item in report.achievements + report.problems + report.plans]
    assert texts and not any("评论" in t or "文章共" in t for t in texts)
    assert [m.text for m in report.metrics] == ["1.2万平方米", "900个"]


@pytest.mark.parametrize("convert", [lambda t: t, lambda t: t.replace("号", "號").replace("发布", "發佈")])
def test_a_government_sites_disclosure_table_and_a_paywalls_sign_up_lines_are_boilerplate(convert) -> None:
    """An information-disclosure table (索引号, 发布机构, 名称, 文号, 主题词: one field a line), the
    accessibility switch (适老化模式) and a paywall's lines (本文共N字…, 点此注册, 会员老友请登录) are the
    site's: no item, no heading, no figure of the report."""
    import edureport

    text = convert(
        "打开适老化模式 无障碍浏览 x\n索 引 号: | 000014349/2022-4099750 | 是否有效: | |\n发布机构: | 发文日期: | ||\n"
        "名 称: | 某教议复字〔2022〕25号——某县教育局关于县人大一次会议第46号建议的答复 | ||\n文 号: |\n主题词\n"
        "一、基本情况\n近年来我县投入资金9394万元,新建幼儿园6所。\n"
        "本文共5073字,仅供站内会员学习参考(会员可免费打开排版规范的全部文档)\n初到新人请【点此注册】加入会员\n"
        "刚已注册请【刷新页面】打开全文\n会员老友请【登录\n全文共3514字,仅供站内会员学习参考\n秘书文库--青年干部\n"
        "文秘热线--资深的文秘专业网,海量的写作范文库!\n腾讯文库2022副区长在教育总结会上发言")
    report = edureport.parse(text)
    items = [item.text for item in report.achievements + report.problems + report.plans]
    assert items and all(not any(w in t for w in ("索", "发布", "名 称", "文 号", "主题词", "会员", "注册", "文库")) for t in items)
    assert [s.heading for s in report.walk_sections()] == ["一、基本情况"]
    assert [m.text for m in report.metrics] == ["9394万元", "6所"]
