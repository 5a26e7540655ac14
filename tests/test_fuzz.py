"""Property-based tests (issue 8): parse() survives any text and keeps its contract.

Three generators — random Unicode, random report-like Chinese (markers, numbers,
units, masks, line breaks) and mutated seed reports — feed
``edureport.parse(text, segmenter="char")``, and every result must satisfy
:func:`invariants.check_report`: ``report.text == text``, every item, metric and
section heading grounded by its offsets, children inside their parents, metric
values finite or None, and a lossless JSON round trip. The only exceptions
allowed are ``edureport.EdureportError`` subclasses (lone surrogates raise
``InputError`` by design, tested separately).

The runs are reproducible: ``derandomize=True`` and no example database, so CI
always draws the same examples (5,100 in all; about 35 s on 2 cores).
``EDUREPORT_FUZZ_SCALE=10`` multiplies every example count for a longer local
hunt (still derandomized, so a failure found that way reproduces).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from invariants import check_report

import edureport

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
_SCALE = float(os.environ.get("EDUREPORT_FUZZ_SCALE", "1"))


def _settings(examples: int) -> settings:
    return settings(
        max_examples=max(1, int(examples * _SCALE)),
        deadline=None,
        derandomize=True,
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


def _parse(text: str) -> edureport.Report | None:
    """parse() with char segmentation; an edureport error is an allowed outcome, anything else fails."""
    try:
        return edureport.parse(text, segmenter="char")
    except edureport.EdureportError:
        return None


def _check(text: str) -> None:
    report = _parse(text)
    if report is not None:
        check_report(report, text)


# --- generators ----------------------------------------------------------------------------

_NO_SURROGATES = st.characters(blacklist_categories=("Cs",))
_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_CN_DIGITS = "〇零一二三四五六七八九十百千万亿两"

MARKERS = [
    "一、", "二、", "三、", "十二、", "（一）", "（二）", "(三)", "（ 四 ）", "1.", "2.", "3．", "1、", "2、",
    "（1）", "(2)", "（3）", "1)", "2）", "①", "②", "⑳", "一是", "二是", "三是", "首先", "其次", "第一，",
    "第二，", "第一部分", "第三章", "一.", "二．", "[1]", "[12]", "一要",
]
UNITS = [
    "个", "所", "人", "名", "万元", "亿元", "元", "%", "％", "个百分点", "倍", "平方米", "万平方米", "万人",
    "人次", "年", "月", "日", "天", "小时", "公里", "吨", "千瓦", "家", "项", "班", "万亿", "千亿级",
]
MASKS = ["**", "*", "××", "×", "XX", "xx", "＊＊", "***"]
CUES = [
    "同比增长", "增长", "下降", "提高", "减少", "由", "至", "到", "达到", "达", "较上年", "环比", "约", "近",
    "超过", "以上", "以下", "不少于", "累计", "新增", "建成", "改造", "分别为", "和", "、",
]
WORDS = [
    "教育", "学校", "幼儿园", "加强", "推进", "问题", "不足", "短板", "将", "要", "完成", "全市", "全县",
    "毛入园率", "义务教育", "巩固率", "经费", "学位", "教师", "党建", "主要工作", "存在问题", "下一步工作计划",
    "各位代表", "教育局", "2025年", "上半年", "工作总结", "一年来", "我们清醒看到",
]
PUNCT = ["。", "，", "；", "：", "、", "“", "”", "《", "》", "（", "）", "(", ")", "！", "？", "…", "—", "——", "-", "~", "."]
SPACE = ["\n", "\n\n", "\r\n", "\r", " ", "　", "\t", "\u2028", "\x85", "\ufeff"]
BOILERPLATE = [
    "下载", "打印", "首页", ">", "|", "大", "中", "小", "[打印本页]", "[ 关闭窗口 ]", "[bookmark: _GoBack]",
    "[字号：大 中 小]", "<a name=top>", "第1页 共3页", "来源：**县教育局", "返回顶部",
]

_number = st.one_of(
    st.integers(0, 10**13).map(str),
    st.tuples(st.integers(0, 99999), st.integers(0, 999)).map(lambda t: f"{t[0]}.{t[1]}"),
    st.text(alphabet="0123456789.,，-~—–%％*×", min_size=1, max_size=10),
    st.text(alphabet=_CN_DIGITS, min_size=1, max_size=6),
    st.sampled_from(["百分之十二", "三分之一", "1/3", "1:2", "12∶5", "1-5", "2026-02-02", "3.5万", "1.2亿", "１２３"]),
)
_piece = st.one_of(
    st.sampled_from(MARKERS),
    st.sampled_from(UNITS),
    st.sampled_from(MASKS),
    st.sampled_from(CUES),
    st.sampled_from(WORDS),
    st.sampled_from(PUNCT),
    st.sampled_from(SPACE),
    _number,
    st.text(alphabet=_CJK, min_size=1, max_size=6),
)
report_like = st.lists(_piece, max_size=120).map("".join)
# Line-structured: most lines open with a marker, so headings, nesting and list items occur often.
_line = st.tuples(st.one_of(st.sampled_from(MARKERS), st.just("")), st.lists(_piece, max_size=12).map("".join))
report_lines = st.lists(_line.map("".join), max_size=40).map("\n".join)


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    """A seed report with spans deleted, duplicated or inserted, brackets made half-width, boilerplate added."""
    text = SEEDS[draw(st.integers(0, len(SEEDS) - 1))]
    for _ in range(draw(st.integers(1, 6))):
        n = len(text)
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, min(n, a + draw(st.sampled_from([1, 5, 50, 500, 5000])))))
        kind = draw(st.sampled_from(["delete", "duplicate", "insert", "half_width", "boilerplate", "line_breaks"]))
        if kind == "delete":
            text = text[:a] + text[b:]
        elif kind == "duplicate":
            text = text[:b] + text[a:b] * draw(st.integers(1, 3)) + text[b:]
        elif kind == "insert":
            text = text[:a] + draw(report_like) + text[a:]
        elif kind == "half_width":
            text = text[:a] + text[a:b].translate(_HALF) + text[b:]
        elif kind == "boilerplate":
            line = draw(st.sampled_from(BOILERPLATE))
            text = text[:a] + draw(st.sampled_from(["\n", "", "\r\n"])) + line + "\n" + text[a:]
        else:
            text = text[:a] + text[a:b].replace("\n", draw(st.sampled_from(["", "\r\n", "\n\n", " "]))) + text[b:]
    return text


_HALF = str.maketrans({"（": "(", "）": ")", "，": ",", "：": ":", "；": ";", "．": ".", "！": "!", "？": "?"})


# --- properties --------------------------------------------------------------------------


@_settings(1000)
@given(st.text(alphabet=_NO_SURROGATES, max_size=400))
def test_random_unicode(text: str) -> None:
    _check(text)


@_settings(300)
@given(st.lists(st.one_of(st.text(alphabet=_NO_SURROGATES, max_size=20), st.sampled_from(SPACE + MARKERS)), max_size=60).map("".join))
def test_random_unicode_with_lines_and_markers(text: str) -> None:
    _check(text)


@_settings(1500)
@given(report_like)
def test_report_like_chinese(text: str) -> None:
    _check(text)


@_settings(1000)
@given(report_lines)
def test_report_like_lines(text: str) -> None:
    _check(text)


@_settings(1200)
@given(mutated_seed())
def test_mutated_seeds(text: str) -> None:
    _check(text)


@_settings(100)
@given(st.text(alphabet=_NO_SURROGATES, max_size=50), st.integers(0xD800, 0xDFFF), st.text(alphabet=_NO_SURROGATES, max_size=50))
def test_lone_surrogates_raise_input_error(before: str, code: int, after: str) -> None:
    with pytest.raises(edureport.InputError):
        edureport.parse(before + chr(code) + after, segmenter="char")
