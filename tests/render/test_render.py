"""edureport.render (module edureport.render.html): the HTML picture of a report, and the page in real Chromium."""

from __future__ import annotations

import fnmatch
import html
import importlib
import pkgutil
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

import edureport
from edureport.models import Achievement, Change, Metric, Plan, Problem, Report, Section
from edureport.render.displacy import displacy_data
from edureport.render.html import render, render_fragment

ROOT = Path(__file__).resolve().parents[2]
VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "source", "area", "base", "embed", "track"}


class Page(HTMLParser):
    """Elements by class, nesting checked as it parses, and the text shown in the reading pane."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.classes: Counter[str] = Counter()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.stack: list[str] = []
        self.text_depth: int | None = None
        self.text_parts: list[str] = []
        self.feed(markup)
        self.close()
        assert not self.stack, f"unclosed elements: {self.stack}"

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = {name: value or "" for name, value in attrs}
        self.elements.append((tag, found))
        self.classes.update(found.get("class", "").split())
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "main" and "er-text" in found.get("class", "").split():
            self.text_depth = len(self.stack)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        if self.text_depth == len(self.stack):
            self.text_depth = -1  # done with the reading pane
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.text_depth and self.text_depth > 0 and len(self.stack) >= self.text_depth:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.text_parts)

    def having(self, cls: str) -> list[dict[str, str]]:
        return [attrs for _, attrs in self.elements if cls in attrs.get("class", "").split()]


def head(page: str) -> str:
    return page[: page.index("</head>")]


def expected_counts(report: Report) -> dict[str, int]:
    sections = sum(1 for _ in report.walk_sections())
    return {
        "er-section": sections, "er-heading": sections, "er-nav": sections,
        "er-item": len(report.items), "er-achievement-item": len(report.achievements),
        "er-problem-item": len(report.problems), "er-plan-item": len(report.plans),
        "er-metric": len(report.metrics), "er-row": len(report.metrics),
    }


def counted(dom: Page) -> dict[str, int]:
    found = {cls: dom.classes[cls] for cls in ("er-section", "er-heading", "er-nav", "er-item", "er-metric", "er-row")}
    for role in ("achievement", "problem", "plan"):
        found[f"er-{role}-item"] = sum(1 for attrs in dom.having("er-item") if attrs.get("data-role") == role)
    return found


def overlapping_report() -> Report:
    """Hand-made: an item running past its section's end, a metric across an item boundary."""
    text = "一、成绩\n投入1.2亿元，同比增长5%。\n二、问题\n短板<明显>，缺口约3000个。\n三、计划\n新增学位5000个以上。"
    spot = text.index
    s1, s2, s3 = spot("一、"), spot("二、"), spot("三、")
    sections = [
        Section(heading="一、成绩", marker="一、", ordinal=1, title="成绩", level=1, role="achievement",
                start=s1, end=s2),
        Section(heading="二、问题", marker="二、", ordinal=2, title="问题", level=1, role="problem",
                start=s2, end=s3),
        Section(heading="三、计划", marker="三、", ordinal=3, title="计划", level=1, role="plan",
                start=s3, end=len(text)),
    ]

    def metric(mention: str, **fields) -> Metric:
        start = spot(mention)
        return Metric(text=mention, start=start, end=start + len(mention), **fields)

    money = metric("1.2亿元", value=1.2e8, unit="元", kind="money", indicator="教育投入")
    growth = metric("5%", value=5, unit="%", kind="percent", indicator="教育投入",
                    change=Change(direction="up", basis="同比", cue="增长", role="delta"))
    gap = metric("约3000个", value=3000, unit="个", kind="count", approx="about", indicator="学位缺口")
    places = metric("5000个以上", value=5000, unit="个", kind="count", approx="at_least", indicator="新增学位")
    # the achievement runs from inside section 1 into the heading of section 2
    a_start, a_end = spot("投入"), s2 + 2
    # the problem ends in the middle of the metric 约3000个
    p_start, p_end = spot("短板"), spot("3000")
    l_start = spot("新增")
    return Report(
        text=text, title="区教体局<工作>总结 & 计划", issuer="区教体局", sections=sections,
        achievements=[Achievement(text=text[a_start:a_end], start=a_start, end=a_end, metrics=[money, growth])],
        problems=[Problem(text=text[p_start:p_end], start=p_start, end=p_end)],
        plans=[Plan(text=text[l_start:], start=l_start, end=len(text), metrics=[places])],
        metrics=[money, growth, gap, places],
    )


# --------------------------------------------------------------------------- the page


def test_page_is_self_contained(seed_report: Report) -> None:
    page = render(seed_report)
    assert page.startswith("<!DOCTYPE html>")
    top = head(page).lower()
    assert "http://" not in top and "https://" not in top
    assert "<link" not in top and "@import" not in top and "url(" not in top
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link[^>]*href\s*=\s*[\"']?https?:", page, re.I)
    assert not re.search(r"<(img|iframe|embed|object|source)\b", page, re.I)
    assert '<meta charset="utf-8">' in page


def test_counts_match_the_report(seed_report: Report) -> None:
    dom = Page(render(seed_report))
    assert counted(dom) == expected_counts(seed_report)
    assert counted(dom)["er-metric"] > 0, "seed 001 has metrics"
    headings = [attrs["id"] for attrs in dom.having("er-heading")]
    links = [attrs["href"] for attrs in dom.having("er-nav")]
    assert links == ["#" + anchor for anchor in headings]


def test_reading_pane_shows_the_text_unchanged(seed_report: Report) -> None:
    dom = Page(render(seed_report))
    assert dom.text == seed_report.text
    for attrs in dom.having("er-item") + dom.having("er-metric") + dom.having("er-heading"):
        start, end = int(attrs["data-start"]), int(attrs["data-end"])
        assert 0 <= start < end <= len(seed_report.text)


def test_overlaps_are_split_into_nested_pieces() -> None:
    report = overlapping_report()
    page = render(report)
    dom = Page(page)  # asserts proper nesting
    assert dom.text == report.text
    assert counted(dom) == expected_counts(report)
    assert dom.classes["er-frag"] >= 2  # the achievement past its section, the metric past its problem
    pieces = [attrs for _, attrs in dom.elements if attrs.get("data-item") == "0"]
    assert len(pieces) >= 2 and "er-achievement" in pieces[-1]["class"]
    assert "er-item" not in pieces[-1]["class"]


def test_every_object_keeps_its_element_even_when_empty_or_out_of_range() -> None:
    text = "一、总体情况\n正文"
    report = Report(
        text=text,
        sections=[Section(heading="", level=1, start=0, end=len(text)),
                  Section(heading="二、越界", level=1, start=len(text), end=len(text) + 9)],
        plans=[Plan(text="", start=3, end=3)],
        metrics=[Metric(text="x", start=50, end=60)],
    )
    dom = Page(render(report))
    assert dom.text == text
    assert counted(dom) == expected_counts(report)


def test_metric_details_on_hover_and_in_the_table() -> None:
    report = overlapping_report()
    dom = Page(render(report))
    metrics = dom.having("er-metric")
    tip = metrics[1]["title"]
    assert "5%" in tip and "value: 5 %" in tip and "kind: percent" in tip
    assert "indicator: 教育投入" in tip and "change: up · 同比 · 增长 · delta" in tip and "achievement" in tip
    assert "approx: about" in metrics[2]["title"]
    assert metrics[0]["data-value"] == "120,000,000" and metrics[0]["data-kind"] == "money"
    assert metrics[3]["data-role"] == "plan"
    rows = dom.having("er-row")
    assert [row["data-metric"] for row in rows] == ["0", "1", "2", "3"]
    assert "er-achievement" in rows[0]["class"] and "er-plan" in rows[3]["class"]
    page = render(report)
    table = page[page.index('<table class="er-table">'):page.index("</table>")]
    for value in ("1.2亿元", "120,000,000", "money", "教育投入", "学位缺口", "≥5,000", "计划", "成绩"):
        assert value in table


def test_text_and_attributes_are_escaped() -> None:
    text = '<script>alert("x")</script> & 一、<b>标题</b>\n投入"5"万元'
    spot = text.index("5")
    report = Report(
        text=text, title="<script>alert(1)</script>",
        sections=[Section(heading="一、<b>标题</b>", marker="一、", title="<b>标题</b>", level=1,
                          start=text.index("一、"), end=len(text))],
        metrics=[Metric(text="5", start=spot, end=spot + 1, value=5, unit='"元"', indicator='<i>"x"</i>')],
    )
    page = render(report)
    assert "<script>alert" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page or "&lt;script&gt;alert(\"x\")" in page
    dom = Page(page)
    assert dom.text == text
    assert dom.having("er-metric")[0]["data-indicator"] == '<i>"x"</i>'
    assert page.count("<script>") == 1  # ours only
    assert html.escape("<script>alert(1)</script>") in head(page)


def test_title_argument() -> None:
    page = render(Report(text="正文"), title="我的标题")
    assert "<title>我的标题</title>" in page


@pytest.mark.parametrize("report", [Report(text=""), Report(text="   \n"), Report(text="没有标题也没有指标的一段文字。")])
def test_empty_and_plain_reports(report: Report) -> None:
    page = render(report)
    dom = Page(page)
    assert counted(dom) == expected_counts(report) == dict.fromkeys(expected_counts(report), 0)
    assert "No metrics found." in page and "No headings found." in page
    if report.text:
        assert dom.text == report.text
    else:
        assert "The report is empty." in page


def test_parsed_empty_text(char_parse) -> None:
    assert Page(render(char_parse(""))).classes["er-item"] == 0


def test_report_without_metrics(seed_report: Report) -> None:
    report = seed_report.model_copy(update={"metrics": []})
    dom = Page(render(report))
    assert dom.classes["er-metric"] == 0 and dom.classes["er-row"] == 0
    assert dom.classes["er-item"] == len(report.items)


def test_fragment(seed_report: Report) -> None:
    fragment = render_fragment(seed_report)
    assert "<html" not in fragment and "<body" not in fragment
    assert fragment.startswith("<style>") and 'class="er-wrap er-fragment"' in fragment
    assert counted(Page(fragment)) == expected_counts(seed_report)


# --------------------------------------------------------------------------- style and script as package data


def static(name: str) -> str:
    from importlib.resources import files

    return files("edureport.render").joinpath("static").joinpath(name).read_text(encoding="utf-8")


def test_style_and_script_come_from_the_package_data(seed_report: Report) -> None:
    css, js = static("report.css"), static("report.js")
    assert ".er-wrap .er-root" in css and "er-hide-" in css and "dataset.erReady" in js
    for picture in (render(seed_report), render_fragment(seed_report)):
        assert picture.count(css) == 1 and picture.count(js) == 1
        assert picture.count("<style>") == 1 and picture.count("<script>") == 1
    page = render(seed_report)
    assert page[page.index("<style>"):page.index("</style>")].endswith(css)
    assert page[page.index("<script>"):page.index("</script>")].endswith(js)


def test_every_static_file_is_declared_package_data() -> None:
    tomllib = pytest.importorskip("tomllib")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["edureport"]
    shipped = sorted(p.relative_to(ROOT / "edureport").as_posix() for p in (ROOT / "edureport" / "render" / "static").iterdir())
    assert shipped, "edureport/render/static is empty"
    assert [name for name in shipped if not any(fnmatch.fnmatch(name, pattern) for pattern in patterns)] == []


def test_docstring_examples() -> None:
    import doctest

    result = doctest.testmod(sys.modules["edureport.render.html"])
    assert result.attempted >= 3 and result.failed == 0


def test_public_spellings() -> None:
    assert edureport.render is render and "render" in edureport.__all__
    assert edureport.render_fragment is render_fragment
    assert edureport.displacy_data is displacy_data


def test_root_render_stays_the_function_after_every_render_module_is_imported() -> None:
    # the subpackage edureport.render shares the function's name; importing one of its
    # modules must not put the package back in the function's place
    package = sys.modules["edureport.render"]
    names = [info.name for info in pkgutil.walk_packages(package.__path__, "edureport.render.")]
    assert {"edureport.render.html", "edureport.render.displacy", "edureport.render.jupyter"} <= set(names)
    for name in names:
        importlib.import_module(name)
        assert edureport.render is render, f"importing {name} replaced edureport.render"
    assert callable(edureport.render) and not hasattr(edureport.render, "__path__")


# --------------------------------------------------------------------------- real Chromium


@pytest.fixture(scope="module")
def browser() -> str:
    from browser import chromium  # tests/browser.py

    return chromium()


def test_page_in_headless_chromium(seed_report: Report, browser: str, tmp_path: Path) -> None:
    from browser import dump_dom, png_size, screenshot

    page = tmp_path / "001.html"
    page.write_text(render(seed_report), encoding="utf-8")

    dom = Page(dump_dom(browser, page))
    assert counted(dom) == expected_counts(seed_report)
    root = dom.having("er-root")[0]
    assert root.get("data-er-ready") == "1", "the page's script did not run"

    png = screenshot(browser, page, tmp_path / "001.png", width=1400, height=900)
    assert png_size(png) == (1400, 900)
    assert png.stat().st_size > 40_000, "the screenshot looks blank"


def test_script_counts_in_chromium(seed_report: Report, browser: str, tmp_path: Path) -> None:
    from browser import dump_dom

    page = tmp_path / "001.html"
    # wrong numbers on purpose: the page's script must replace them with what the DOM holds
    page.write_text(re.sub(r'(data-count="\w+">)\d+', r"\g<1>999", render(seed_report)), encoding="utf-8")
    dumped = dump_dom(browser, page)
    live = dict(re.findall(r'data-count="(\w+)">(\d+)<', dumped))
    assert live == {
        "achievement": str(len(seed_report.achievements)), "problem": str(len(seed_report.problems)),
        "plan": str(len(seed_report.plans)), "metric": str(len(seed_report.metrics)),
    }


def test_each_figure_lights_the_phrase_that_names_it(seed_report: Report) -> None:
    """Every figure with an indicator has an ``er-ind`` element over exactly that phrase, tied to it by
    ``data-ind-of``; the script lights the phrase with the figure."""
    dom = Page(render(seed_report))
    phrases = {(int(a["data-start"]), int(a["data-end"])): a["data-ind-of"].split() for a in dom.having("er-ind")}
    named = [(n, m) for n, m in enumerate(seed_report.metrics) if m.indicator is not None]
    assert len(named) > 0.8 * len(seed_report.metrics)
    for n, metric in named:
        span = (metric.indicator_start, metric.indicator_end)
        assert str(n) in phrases[span], (metric.text, metric.indicator)  # type: ignore[index]
        assert seed_report.text[span[0]:span[1]] == metric.indicator  # type: ignore[index]
    assert sum(len(v) for v in phrases.values()) == len(named)
    assert "data-ind-of~=" in render(seed_report)  # the script looks the phrases up by figure
