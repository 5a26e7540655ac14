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


def test_paywall_lines_and_a_collection_pages_numbered_title_are_no_headings() -> None:
    import edureport

    text = ("教育局校园安全工作总结篇一\n一、安全教育\n开展安全教育课120节。\n"
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
