"""Quantity mentions ("metrics") in Chinese report text: pure functions, no spaCy.

:func:`extract_metrics` finds every number-with-unit the annotation scheme
(``shared/ANNOTATION.md`` §1) calls a metric and resolves it to a
:class:`~edureport.models.Metric`: value with 万/亿 folded in, range, unit and
kind, mask, qualifier (``approx``) and change. The rules live in data
(``data/units.json``, ``data/quantities.json``); the patterns are compiled
once from them. Matching runs on the text's matching copy (same length,
full-width → ASCII), so every offset is an offset into the original text.

>>> [(m.text, m.value, m.unit, m.approx) for m in extract_metrics("新增学位超4000个，投入17192万元。")]
[('4000个', 4000.0, '个', 'over'), ('17192万元', 171920000.0, '元', None)]
"""

from __future__ import annotations

import bisect
import enum
import operator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Final, Optional

import regex

from edureport.data import alternation, load_json
from edureport.models import Change, ChangeRole, Direction, Metric, trusted_metric
from edureport.quantities.indicators import assign_indicators
from edureport.quantities.kpis import assign_kpis
from edureport.text.normalize import matching_copy
from edureport.text.numerals import CN_SOME, MAGNITUDES, cn_reading, decimal_to_number, is_masked, number_value

__all__ = ["UnitInfo", "extract_metrics", "unit_forms", "unit_info"]

_CN_DIGITS = "零〇一二两三四五六七八九十百千"
#: Every character of a Chinese numeral: digits in both cases and traditional forms, small and big units.
_CN_ALL = "零〇一二两兩三四五六七八九十百千万亿兆壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億"
_CN_POINT_DIGITS = "零〇一二三四五六七八九"
_CN_DIGIT_CHARS = frozenset("一二两兩三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖")
_CJK = regex.compile(r"\p{Han}")  # compiled once: these checks run per candidate
_TWO_NUMERALS = regex.compile("[一二两三四五六七八九]{2}")


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """One row of ``data/units.json``."""

    unit: str
    kind: str
    cn: bool = False
    durational: bool = False
    no_mask: bool = False
    skip: bool = False


_ARABIC_GROUPS = ("lo", "hi", "unit", "uhi", "sep", "m1", "m2", "a1", "a2", "a3", "a4", "a5")


class _Tables:
    """Everything built from the data files, once per process."""

    def __init__(self) -> None:
        units = load_json("units.json")["units"]
        cues = load_json("quantities.json")
        self.unit_by_form: dict[str, UnitInfo] = {}
        unit_branches: list[tuple[str, str]] = []
        cn_branches: list[tuple[str, str]] = []
        for row in units:
            info = UnitInfo(row["unit"], row["kind"], row.get("cn", False), row.get("durational", False),
                            row.get("no_mask", False), row.get("skip", False))
            not_before = row.get("not_before", [])
            for form in row["forms"]:
                self.unit_by_form[form] = info
                guard = f"(?!{alternation(not_before)})" if not_before else ""
                if form[-1].isascii() and form[-1].isalpha():
                    guard += "(?![A-Za-z])"
                unit_branches.append((form, regex.escape(form) + guard))
                if info.cn:
                    cn_branches.append((form, regex.escape(form) + guard))
        # what deciding on an Arabic match reads after it: the units' not_before guards, _category, _bare
        self.arabic_after = max([4, *(len(w) for row in units for w in row.get("not_before", []))])
        unit_re = _by_first_char(unit_branches)
        cn_unit_re = _by_first_char(cn_branches)
        mag = alternation(list(MAGNITUDES))
        self.range_seps = cues["range_separators"]
        sep = alternation(self.range_seps)
        # **个, *.*%, ___%; not one underscore alone before a letter (快播_mm625: a site's name)
        masked = r"(?!_[A-Za-z])[\d*×_]*[*×_][\d*×_]*(?:\.[\d*×_]+)?"
        spaced = r"\d(?:[ ]\d){1,15}(?!\d)"  # 7 4 7 7 2: digits a PDF's text layer spaced out
        plain = rf"(?:{spaced}|\d+(?:,\d{{3}})*)(?:(?:\.|[ \n]\.|\.[ \n])(?:\d(?:[ ]\d)+(?!\d)|\d+))?"
        number = rf"(?:{masked}|{plain}|(?<![A-Za-z])[Xx]{{1,6}}(?:\.[Xx]{{1,6}})?(?![A-Za-z])|\[[Xx*×]{{1,4}}\])"  # XX, xx.x, [X]
        self.arabic = regex.compile(
            rf"""(?<![\dA-Za-z.*×+/_])
            (?P<lo>{number})(?:[ ]?(?P<a1>[余多]))?(?:[ \n]?(?P<m1>{mag}))?(?P<a2>[余多])?
            (?:(?:[ ]|(?<=[万亿])\n|(?<=(?:^|\n)[ ]*[\d.,]+[余多]?)\n(?![年月日]))?(?P<unit>{unit_re}))?
            (?:(?P<sep>{sep})(?P<hi>{number})(?P<a3>[余多])?(?P<m2>{mag})?(?P<a4>[余多])?
                (?:[ ]?(?P<uhi>{unit_re}))?)?
            (?P<a5>[余多])?""",
            regex.VERBOSE,
        )
        # match.group(*names) costs ~0.3 µs a name; one groups() call and an itemgetter cost 0.1 µs in all
        self.arabic_fields = operator.itemgetter(*(self.arabic.groupindex[g] - 1 for g in _ARABIC_GROUPS))
        # a Chinese numeral (every form of text/numerals.cn_reading), a range of two, a unit, 半 after it
        # possessive: a run of 10⁵ digits is read once, not tried in every split
        cn = rf"(?:[几数]?[\d{_CN_ALL}][\d.{_CN_ALL}几]*+(?:[点點][{_CN_POINT_DIGITS}]++)?)"
        cn_sep = "|".join(regex.escape(s) for s in sorted(self.range_seps, key=len, reverse=True))
        rest = rf"""(?P<lo>{cn})(?P<a1>[余多])?(?P<m1>万亿|亿|万)?(?P<a2>[余多])?
            (?:(?P<sep>{cn_sep})(?P<hi>{cn})(?P<a3>[余多])?(?P<m2>万亿|亿|万)?(?P<a4>[余多])?)?
            (?P<unit>{cn_unit_re})(?P<a5>[余多])?"""
        # Numerals that open with a Chinese character; those that open with Arabic digits (3万5千, 2千5百名)
        # by a second pattern, run only on texts that hold a digit before 十/百/千 or after 万/亿.
        self.chinese = regex.compile(rf"(?<![{_CN_ALL}第几数每届\d.])(?=[几数{_CN_ALL}])" + rest, regex.VERBOSE)
        self.mixed = regex.compile(
            rf"(?<![{_CN_ALL}第几数每届\d.])(?=[\d.]++(?:[十百千拾佰仟]|[万亿萬億兆]\d))" + rest, regex.VERBOSE)
        self.mixed_hint = regex.compile(r"\d[十百千拾佰仟]|[万亿萬億兆]\d")
        self.bare_rate_before = regex.compile(cues["bare_rate_before"])
        self.bare_rate_after = regex.compile(cues["bare_rate_after"])
        self.bare_rate_list = regex.compile(cues["bare_rate_list_before"])
        self.masked_date_before = regex.compile(cues["masked_date_before"])
        self.collection_before = regex.compile(cues["collection_count_before"])
        self.collection_units = frozenset(cues["collection_count_units"])
        self.collection_title = regex.compile(cues["collection_count_title"])
        self.code_before = regex.compile(cues["code_before"], regex.IGNORECASE)
        self.slogan_count = regex.compile(rf"(?:{cues['slogan_count']})$")
        self.slogan_percent = regex.compile(r"\d+(?:\.\d+)?%")
        self.one_units = frozenset(cues["one_units"])
        self.one_not_after = frozenset(cues["one_not_after"])
        self.one_after = regex.compile(rf"(?:{alternation(cues['one_after'])})$")
        self.one_never = frozenset(cues["one_never"])
        self.half_not_before = tuple(cues["half_not_before"])
        self.sign_after = regex.compile(rf"(?:{alternation(cues['sign_after'])})$")
        # 三成以上, 七五折: tenths, written with numerals only where a stop or a qualifier follows
        self.tenths = regex.compile(
            rf"(?<![{_CN_ALL}\d.波曲骨])(?P<n>\d+(?:\.\d+)?|[{_CN_ALL}]{{1,3}})(?P<unit>成|折)(?![员功立熟型交就本品腾射合不])")
        # 十二元五角, 45元3角2分: the 角 and 分 of a sum in 元
        digit = rf"(?:\d|[{_CN_POINT_DIGITS}壹贰貳叁參肆伍陆陸柒捌玖两])"
        self.small_money = regex.compile(rf"零?(?:(?P<jiao>{digit})角)?零?(?:(?P<fen>{digit})分)?")
        cn_num = rf"(?:[{_CN_DIGITS}万]+(?:[点點][{_CN_POINT_DIGITS}]+)?|\d+(?:\.\d+)?)"
        # 1/3的学校, 2/5的乡镇: a fraction written with a slash, before 的
        self.slash_fraction = regex.compile(r"(?<![\d/.])(?P<num>\d{1,3})/(?P<den>\d{1,3})(?=的)")
        # 百分之八至九, 百分之八到百分之九: a range of percents, the second 百分之 left out or not
        self.fraction = regex.compile(rf"(?<![{_CN_DIGITS}\d])(?P<den>{cn_num})分之(?P<num>{cn_num})"
                                      rf"(?:(?<=百分之[^至到]{{1,6}})(?:至|到)(?:百分之)?(?P<hi>{cn_num}))?")
        # two-term ratios only: 8.3∶41.4∶50.3 (an industry structure) is not one quantity
        self.ratio = regex.compile(r"(?<![\d.∶])(?P<a>\d+(?:\.\d+)?)∶(?P<b>\d+(?:\.\d+)?)(?![\d.∶])")
        self.quotes = regex.compile(
            r"“[^“”\n]{0,20}”|\"[^\"\n]{0,20}\"|‘[^‘’\n]{0,20}’|「[^「」\n]{0,20}」|『[^『』\n]{0,20}』|《[^《》\n]{0,60}》"
        )
        # Chinese numerals inside any quotation are slogans: “围绕一个目标、把握两项原则…”
        self.long_quotes = regex.compile(
            r"“[^“”\n]{0,80}”|‘[^‘’\n]{0,80}’|「[^「」\n]{0,80}」|《[^《》\n]{0,80}》|\"[^\"\n]{0,20}\"")
        self.cn_fixed = regex.compile(alternation(cues["cn_fixed"]))
        self.qual_before = cues["qualifiers_before"]
        self.qual_before_re = regex.compile(rf"(?:{alternation(list(self.qual_before))})[ ]?$")
        self.qual_exceptions = regex.compile(rf"(?:{alternation(cues['qualifier_exceptions'])})[ ]?$")
        self.qual_after = cues["qualifiers_after"]
        self.qual_after_re = regex.compile(rf"[ ]?(?:{alternation(list(self.qual_after))})")
        self.after_reach = 1 + max(map(len, self.qual_after))  # what _qualify reads after a number
        self.internal_approx = cues["internal_approx"]
        self.coordinators = set(cues["coordinators"])
        # sets: looked up with the character before every number
        self.ordinal_prefixes = frozenset(cues["ordinal_prefixes"])
        self.rank_prefixes = frozenset(cues["rank_prefixes"])
        self.rank_units = set(cues["rank_units"])
        self.level_prefixes = set(cues["level_prefixes"])
        self.per_unit_prefixes = frozenset(cues["per_unit_prefixes"])
        self.big_not = regex.compile(rf"大(?:{alternation(cues['big_nouns_not'])})")
        change = cues["change"]
        self.cue_direction: dict[str, Direction] = {}
        directions: tuple[Direction, ...] = ("up", "down")
        for direction in directions:
            for word in change[direction]:
                self.cue_direction[word] = direction
            for word in change["to"][direction]:
                self.cue_direction[word] = direction
        self.to_cues = set(change["to"]["up"]) | set(change["to"]["down"])
        self.needs_basis = set(change["needs_basis"])
        self.cue_exceptions = tuple(change["exceptions"])
        self.change_re = regex.compile(
            rf"(?:(?P<basis>{alternation(change['basis'])}|[比较]\d{{4}}年(?:末|底)?)[ ]?)?"
            rf"(?P<cue>{alternation(list(self.cue_direction))})(?:{alternation(change['between'])})*[ ]?$"
        )
        # The same pattern searched backwards from the number: one attempt, not one per position
        # of the window (the pattern ends with $; same matches on every offset of the seeds and
        # of three government reports).
        self.change_back = regex.compile(self.change_re.pattern, regex.REVERSE)
        # 由176家…, 从0.94万家…, 由2020年的7.2%…
        self.from_before = regex.compile(r"(?:由|从)(?:\d{4}年(?:末|底)?的?)?[ ]?$")
        self.from_to_between = regex.compile(r"[^\d,。;:\n]{0,6}?(?:至|到)$")


def _by_first_char(branches: list[tuple[str, str]]) -> str:
    """One alternation of unit forms, grouped by first character, longest form first within a group.

    The regex engine tries a plain alternation's branches one by one; grouped, a unit costs
    one first-character test per group instead of one per form (a metric match costs half).
    """
    groups: dict[str, list[tuple[str, str]]] = {}
    for form, branch in sorted(branches, key=lambda fb: len(fb[0]), reverse=True):
        groups.setdefault(form[0], []).append((form, branch))
    out = []
    for first, members in groups.items():
        rests = [branch[len(regex.escape(first)):] for _, branch in members]
        out.append(regex.escape(first) + ("(?:" + "|".join(rests) + ")" if len(rests) > 1 else rests[0]))
    return "(?:" + "|".join(out) + ")"


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    return _Tables()


def unit_forms() -> frozenset[str]:
    """Every unit and classifier as written (所, 名, 万元, 平方米…), for telling a figure's words apart."""
    return frozenset(_tables().unit_by_form)


def unit_info(unit: str) -> Optional[UnitInfo]:
    """The table row of a unit form as written (``万元`` is not a form: 万 is a magnitude)."""
    return _tables().unit_by_form.get(unit)


@dataclass(slots=True)
class _Found:
    """A candidate mention before it becomes a Metric."""

    start: int
    end: int
    value: Optional[Decimal]
    value_max: Optional[Decimal] = None
    unit: str = ""
    kind: str = "count"
    masked: bool = False
    factor: int = 1             # magnitude applied, inherited by coordinated numbers
    internal: Optional[str] = None  # 余/多 inside the span
    approx: Optional[str] = None
    leading: bool = False       # approx came from a qualifier before the number
    change: Optional[Change] = None
    bare: bool = False          # a number with neither unit nor magnitude (only kept when coordinated)
    qual_start: Optional[int] = None  # where a leading qualifier starts (超, 近, 约…)


def extract_metrics(text: str, copy: Optional[str] = None) -> list[Metric]:
    """Every metric of ``text``, sorted by start, with exact offsets (``text[m.start:m.end] == m.text``).

    ``copy`` is ``matching_copy(text)`` when the caller already has it.
    """
    if copy is None:
        copy = matching_copy(text)
    t = _tables()
    quotes = [(m.start(), m.end()) for m in t.quotes.finditer(copy)]
    quote_starts = [q[0] for q in quotes]
    found = _arabic_items(copy, t, quotes, quote_starts)
    long_quotes = [(m.start(), m.end()) for m in t.long_quotes.finditer(copy)]
    long_starts = [q[0] for q in long_quotes]
    patterns = (t.chinese, t.mixed) if t.mixed_hint.search(copy) else (t.chinese,)
    for pattern in patterns:
        for match in pattern.finditer(copy):
            item = _chinese(match, copy, t)
            if item is not None and not _in_quote(item.start, long_quotes, long_starts):
                found.append(item)
    # the fraction and ratio patterns open with a lookbehind, tried at every position: run them only
    # where they can match (三分之一 needs 分之, 8.3∶41.4 needs ∶)
    for match in t.fraction.finditer(copy) if "分之" in copy else ():
        for item in _fraction(match, copy):
            if not _in_quote(item.start, quotes, quote_starts):
                found.append(item)
    for match in t.slash_fraction.finditer(copy) if "/" in copy else ():
        num, den = Decimal(match["num"]), Decimal(match["den"])
        if den and num < den and not _in_quote(match.start(), quotes, quote_starts):
            found.append(_Found(match.start(), match.end(), num / den, unit="", kind="fraction"))
    for match in _tenths_matches(copy, t):
        item = _tenths(match, copy, t)
        if item is not None and not _in_quote(item.start, long_quotes, long_starts):
            found.append(item)
    for match in t.ratio.finditer(copy) if "∶" in copy else ():
        a, b = Decimal(match["a"]), Decimal(match["b"])
        if b:
            found.append(_Found(match.start(), match.end(), a / b, unit="", kind="ratio"))
    if "角" in copy or "分" in copy:
        for item in found:
            if item.unit == "元" and item.factor == 1 and item.value_max is None and not item.masked:
                _small_money(item, copy, t)
    if "-" in copy or "负" in copy or "−" in copy:
        for item in found:
            _signed(item, copy, t)
    if "半" in copy:
        for item in found:  # 1年半, 5个半月 (Chinese numerals take their 半 while matched)
            if copy[item.end:item.end + 1] == "半" and item.value is not None and item.value_max is None:
                half = _half(copy, item.end, item.unit, t)
                if half is not None:
                    item.end, item.unit, item.kind = half
                    item.value += Decimal("0.5")
    found = _without_overlaps(found)
    found = _coordinate(found, copy, t)
    _qualify_all(found, copy, t)
    _share_along_lists(found, copy, t)
    _link_from_to(found, copy, t)
    metrics = [_metric(item, text) for item in found]
    assign_indicators(metrics, text, copy)
    assign_kpis(metrics, text, copy)  # indicator_id and the text-level scope (issue 10)
    return metrics


# --- candidates --------------------------------------------------------------------------

#: What deciding on an Arabic match reads before it: the pattern's lookbehind (1) and _prev_char,
#: which skips one space (2). After it: ``_Tables.arabic_after``.
_ARABIC_BEFORE = 2

#: :func:`_arabic`'s answer as kept by :func:`_arabic_items`: (end - start, value, value_max, unit,
#: kind, masked, factor, internal, bare).
_ArabicFields = tuple[int, Optional[Decimal], Optional[Decimal], str, str, bool, int, Optional[str], bool]


def _arabic_items(copy: str, t: _Tables, quotes: list[tuple[int, int]], quote_starts: list[int]) -> list[_Found]:
    """Every Arabic-numeral candidate outside quotes.

    The match, its groups and :func:`_arabic`'s answer depend on the match and the characters
    around it only, so the answer is kept per text by those (masked figures, ``**所``, repeat
    verbatim), as (end - start, the other fields) or None.
    """
    found: list[_Found] = []
    memo: dict[tuple[str, str, str], Optional[_ArabicFields]] = {}
    for match in t.arabic.finditer(copy):
        start, end = match.span()
        key = (match.group(), copy[max(0, start - _ARABIC_BEFORE):start], copy[end:end + t.arabic_after])
        fields = memo.get(key, _UNSEEN)
        if fields is _UNSEEN:
            made = _arabic(match, copy, t)
            fields = memo[key] = None if made is None else (
                made.end - start, made.value, made.value_max, made.unit, made.kind, made.masked, made.factor,
                made.internal, made.bare)
        if fields is not None and not (quotes and _in_quote(start, quotes, quote_starts)):
            length, value, value_max, unit, kind, masked, factor, internal, bare = fields
            found.append(_Found(start, start + length, value, value_max, unit, kind, masked, factor, internal,
                                bare=bare))
    return found


def _in_quote(pos: int, quotes: list[tuple[int, int]], starts: list[int]) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and quotes[i][0] < pos < quotes[i][1]


class _Unseen(enum.Enum):
    """Not in the memo yet (None is an answer): an enum member, so the type checker narrows on ``is``."""

    UNSEEN = 0


_UNSEEN: Final = _Unseen.UNSEEN


def _prev_char(copy: str, pos: int) -> str:
    """The character before ``pos``, skipping one space."""
    if pos > 0 and copy[pos - 1] == " ":
        pos -= 1
    return copy[pos - 1] if pos > 0 else ""


def _is_year(number: str) -> bool:
    if " " in number:  # 1 9 9 7 年: a PDF's text that spaced its digits
        number = number.replace(" ", "")
    if number[:2] in ("19", "20") and 2 < len(number) <= 4 and is_masked(number[2:]):
        return True  # 20*年, 20**年: a year with its last digits masked
    return len(number) == 4 and "." not in number and (number[:2] in ("19", "20") or is_masked(number))


#: What follows a masked 年 that makes it a date, not a number of years (xx 年 12 月, XX年XX市…, xx年以来).
_DATE_AFTER = regex.compile(r"\s*(?:(?:\d{1,2}|[xX*×]{1,2})\s*月|以来|度|底|末|初|[上下]半年|[春秋]季|[xX*×]{1,4}[省市县区]"
                            r"|暑期|暑假|寒假|学年|各项|\p{Han}{0,4}工作(?:报告|总结|计划|要点|会议))")
_PERCENT_REACH = 16  # 两个100%: how far the percent after a count is read
_CN_MONTH_AFTER = regex.compile(r"(?:十[一二]?|[一二三四五六七八九])月")
_BARE_RATE_REACH = 16  # 入学率2021-2021年均为100: a rate's name, a span of years and a verb before the number
_BARE_RATE_LIST_REACH = 60  # 入学率2021年为99.27,2021年为98.98: the list's rate name, its earlier value, a year


def _code(number: str) -> bool:
    """A number with a leading zero (00063) is a code's digits."""
    return len(number) > 1 and number[0] == "0" and number[1].isdigit()


_DURATION_AFTER = frozenset("来内间多余")  # 在xx年内, xx年来: a number of years after all
_CLAUSE_OPENS = frozenset("。；;\n ")  # …ZQOhFindAWcOZxwzkKdA xx 年,在区委…: a masked year opening a clause


def _arabic(match: regex.Match, copy: str, t: _Tables) -> Optional[_Found]:
    lo, hi, unit_lo, uhi, sep, m1, m2, a1, a2, a3, a4, a5 = t.arabic_fields(match.groups())
    if len(lo) > 24 or (hi and len(hi) > 24):
        return None  # a digit run this long is a code or garbage, not a quantity
    unit = uhi or unit_lo  # a range's unit is the last one written: 5个-8个, 5-8个
    if sep and not unit and not m2:
        # "1-5月", "2026-02-02": a bare range is never a metric
        return None
    start = match.start()
    prev = _prev_char(copy, start)
    if prev in t.ordinal_prefixes or prev in t.per_unit_prefixes:
        return None
    info = t.unit_by_form.get(unit) if unit else None
    if info is not None and info.skip:
        return None
    masked = is_masked(lo) or bool(hi and is_masked(hi))
    if info is not None and info.unit in t.collection_units and _collection_count(copy, start, match.end(), info.unit, t):
        return None
    if (lo[0] == "0" and _code(lo)) or (hi and hi[0] == "0" and _code(hi)) or (
            ":" in copy[max(0, start - 2):start] and t.code_before.search(copy, max(0, start - 6), start)):
        return None  # 202005-00063: a code's digits, not a quantity
    if info is not None and info.kind == "percent" and t.slogan_count.search(copy, max(0, start - 3), start):
        return None  # 两个100%: a slogan's target, not a figure (ANNOTATION.md §1)
    if info is not None and info.unit == "年" and (_is_year(lo) or (hi and _is_year(hi)) or "_" in lo):
        return None  # 2023年, ****年, and 20__年 or __年 left blank in a template: years
    end = match.end()
    if masked and info is not None and info.unit == "年" and len(lo) <= 4 and (
            _DATE_AFTER.match(copy, end)
            or ((start == 0 or copy[start - 1] in _CLAUSE_OPENS) and copy[end:end + 1] not in _DURATION_AFTER)
            or (t.masked_date_before.search(copy, max(0, start - 2), start) and copy[end:end + 1] not in _DURATION_AFTER)):
        return None  # xx 年 12 月 28 日, …。xx年,在区委…, 计划在xx年暑期: a masked date
    if masked and ((info is not None and info.no_mask) or copy[end:end + 1] in ("*", "×")):
        return None  # **县, **对**: masked names
    if info is not None and info.no_mask and _is_year(lo):
        return None  # 2022市教育局…: a year before a place is part of a name
    if info is not None and info.unit == "度" and not hi and _is_year(lo) and _CJK.match(copy, end) \
            and copy[end] != "电":
        return None  # 2023度教育工作: a 年度 that lost its 年 (quantities.json _year_degree)
    if unit and info is not None and info.unit in t.rank_units and prev in t.rank_prefixes:
        return None
    factor_lo = MAGNITUDES.get(m1, 1) if m1 else 1
    factor_hi = MAGNITUDES.get(m2, 1) if m2 else 1
    if m2 and not m1 and _not_above(lo, hi):
        factor_lo = factor_hi  # 5-8万元: the magnitude written once is both ends' (not in 从6000到2万元)
    magnitude = m1 or m2
    if unit is None and not magnitude:
        return _bare(match, copy, t)
    if info is not None and info.unit == "级" and magnitude:
        return None  # 万亿级, 千亿级产业: a level, not a quantity
    internal = a4 or a3 or a2 or a1  # the last 余/多 written inside the span
    if a5:
        if info is not None and info.durational:
            internal = a5
        else:
            end -= 1
    if unit is None and internal and copy[end - 1] in "余多" and not m1 and not m2:
        return None
    if info is not None and info.unit in ("岁", "周岁", "米") and _category(copy, end, info.unit):
        return None
    value = value_max = None
    if not masked:
        value = _scaled(lo, factor_lo)
        if hi:
            value_max = _scaled(hi, factor_hi)
        if value is None:
            return None
    return _Found(
        start, end, value, value_max,
        unit=info.unit if info else "",
        kind=info.kind if info else "count",
        masked=masked,
        factor=factor_hi if hi else factor_lo,
        internal=t.internal_approx[internal] if internal else None,
    )


def _not_above(lo: str, hi: Optional[str]) -> bool:
    """The low end of a range is not above the high end, read without magnitudes (masked: assumed)."""
    if not hi or is_masked(lo) or is_masked(hi):
        return True
    low, high = number_value(lo), number_value(hi)
    return low is None or high is None or low <= high


def _scaled(number: str, factor: int) -> Optional[Decimal]:
    value = number_value(number)
    return None if value is None else value * factor


def _category(copy: str, end: int, unit: str) -> bool:
    """Age brackets and altitude thresholds used as categories: ``0-3岁托育``, ``60岁以上老人``."""
    after = copy[end:end + 4]
    for word in ("及以上", "及以下", "以上", "以下"):
        if after.startswith(word):
            after = after[len(word):]
            break
    else:
        if unit == "米":
            return False
    return bool(after) and _CJK.match(after[0]) is not None and after[0] not in "的时"


def _bare(match: regex.Match, copy: str, t: _Tables) -> Optional[_Found]:
    """A number with no unit: ``6大联盟`` (N大 + noun), or one of coordinated numbers (``3.2、3.5万人``)."""
    lo = match["lo"]
    end = match.end()
    if is_masked(lo) or match["a5"] or match["a1"] or match["a2"]:
        return None
    value = number_value(lo)
    if value is None:
        return None
    after = copy[end:end + 3]
    if after.startswith("大") and len(after) > 1 and _CJK.match(after[1]) and not t.big_not.match(after):
        return _Found(match.start(), end, value, unit="", kind="count")
    if after[:1] in t.coordinators:
        return _Found(match.start(), end, value, bare=True)
    start = match.start()
    if (t.bare_rate_before.search(copy, max(0, start - _BARE_RATE_REACH), start)
            or t.bare_rate_list.search(copy, max(0, start - _BARE_RATE_LIST_REACH), start)) \
            and t.bare_rate_after.match(copy, end, end + 1):
        return _Found(start, end, value, unit="", kind="percent")  # 入学率100，: a rate without its % sign
    return None


def _chinese(match: regex.Match, copy: str, t: _Tables) -> Optional[_Found]:
    """Quantities written in Chinese numerals (optional in gold): ``三所``, ``两个``, ``十二万人``,
    ``三万六千人``, ``两到三百名``, ``六七亿元``, ``十几个``, ``上百所``, ``两吨半``, ``负一点五``."""
    info = t.unit_by_form.get(match["unit"])
    if info is None or info.skip:
        return None
    start, end = match.start(), match.end()
    window_start = max(0, start - 4)
    for fixed in t.cn_fixed.finditer(copy, window_start, min(len(copy), end + 4)):
        if fixed.start() < end and fixed.end() > start:
            return None
    if info.unit == "年" and _CN_MONTH_AFTER.match(copy, end):
        return None  # 二六年十月: a year whose 〇〇 a page lost, and its month: a date
    lo, hi = match["lo"], match["hi"]
    if not _CN_NUMERAL_CHARS.intersection(lo):
        return None  # Arabic digits alone: the Arabic pattern's
    if _CN_THEN_DIGIT.search(lo) or _collection_count(copy, start, end, info.unit, t) \
            or t.slogan_percent.match(copy, end, end + _PERCENT_REACH):  # endpos: or it seeks a % to the text's end
        return None  # 一2019年: a list's 一 before a year, no numeral; 工作总结(三篇): a collection's title
    prev = _prev_char(copy, start)
    if not (_CN_DIGIT_CHARS.intersection(lo) or any(ch in CN_SOME for ch in lo) or lo[0].isdigit()
            or lo[0] in "十拾" or prev in _BARE_UNIT_BEFORE or match["a1"]):
        return None  # 千家万户, 百姓: 百/千/万 alone is a number after 上, 近, 逾…, or before 余/多 (百余所)
    if hi:
        lo = _shared_units(lo, hi)
    reading = cn_reading(lo)
    if reading is None or (len(lo) > 1 and set(lo) <= _CN_DIGIT_CHARS | set("〇零") and reading.hi is None):
        return None  # 二〇二三, 三四五: digits read one by one are years and codes, not quantities
    value, value_max, approx = reading
    if hi:
        top = cn_reading(hi)
        if top is None or top.hi is not None:
            return None
        value_max = top.lo
        if value_max <= value:
            return None
    if lo in _ONE and value_max is None and not (
            (info.unit in t.one_units or copy[end:end + 1] == "半" or (info.unit == "元" and _has_small_money(copy, end, t))
             or (info.unit not in t.one_never and t.one_after.search(copy, max(0, start - 4), start) is not None))
            and prev not in t.one_not_after):
        return None  # 一批, 一次, 无一人, 同一所: 一 counts only with the classifiers that count things
    if prev in t.ordinal_prefixes or prev in t.per_unit_prefixes:
        return None
    if info.unit in t.rank_units and prev in t.rank_prefixes:
        return None
    if info.unit == "级" and (match["m1"] or prev not in t.level_prefixes):
        return None  # 省市县三级 counts levels; 二级医院, 五百亿级 are categories
    factor = MAGNITUDES.get(match["m2"] or match["m1"] or "", 1)
    factor_lo = MAGNITUDES.get(match["m1"] or match["m2"] or "", 1)
    internal_chars = [match[g] for g in ("a1", "a2", "a3", "a4") if match[g]]
    if match["a5"]:
        if info.durational:
            internal_chars.append(match["a5"])
        else:
            end -= 1
    if info.unit in ("岁", "周岁") and _category(copy, end, info.unit):
        return None
    unit, kind = info.unit, info.kind
    half = _half(copy, end, unit, t)
    if half is not None:
        end, unit, kind = half
        value += Decimal("0.5")
        value_max = None if value_max is None else value_max + Decimal("0.5")
    internal = t.internal_approx[internal_chars[-1]] if internal_chars else approx
    if prev == "上" and value_max is None:
        internal = "over"  # 上百所: a hundred and more
    return _Found(start, end, value * factor_lo, None if value_max is None else value_max * factor,
                  unit=unit, kind=kind, factor=factor, internal=internal)


_ONE = frozenset({"一", "壹", "幺"})
_CN_THEN_DIGIT = regex.compile("[一二两三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖]\\d")  # 3万5千 is a numeral, 一2019 is not


def _collection_count(copy: str, start: int, end: int, unit: str, t: _Tables) -> bool:
    """工作总结(三篇), (通用18篇), 工作总结3篇: a collection page counting its reports (quantities.json)."""
    if unit not in t.collection_units:
        return False
    if copy[end:end + 1] == ")" and t.collection_before.search(copy, max(0, start - 4), start) is not None:
        return True
    return t.collection_title.search(copy, max(0, start - 3), start) is not None  # 教育局工作总结3篇
_CN_NUMERAL_CHARS = frozenset(_CN_ALL) | frozenset("几数")
#: Characters after which a unit character alone is a number: 上百所, 近千人, 逾万人, 数百人.
_BARE_UNIT_BEFORE = frozenset("上近逾超约")


def _shared_units(lo: str, hi: str) -> str:
    """The low end of a range with the units it shares with the high end: 两到三百 → 两百,
    十五至二十万 → 十五万; none when the low end would then pass the high end (从6000到2万)."""
    units = "万亿兆萬億" if any(ch in "十百千拾佰仟" for ch in lo) else "十百千万亿兆拾佰仟萬億"
    k = len(hi)
    while k > 0 and hi[k - 1] in units:
        k -= 1
    suffix = hi[k:]
    if not suffix or lo.endswith(suffix) or k == 0:
        return lo
    shared = lo + suffix
    low, high = cn_reading(shared), cn_reading(hi)
    if low is None or high is None or low.lo > high.lo:
        return lo
    return shared


def _half(copy: str, end: int, unit: str, t: _Tables) -> Optional[tuple[int, str, str]]:
    """半 after a unit or classifier: 两吨半, 一年半, 三个半月, 两个半小时 → (new end, unit, kind)."""
    if copy[end:end + 1] != "半" or copy.startswith(t.half_not_before, end + 1):
        return None
    if unit == "个":
        for form in ("月", "小时", "星期", "工作日"):
            if copy.startswith(form, end + 1):
                info = t.unit_by_form.get("个" + form) or t.unit_by_form.get(form)
                return (end + 1 + len(form), info.unit, info.kind) if info is not None else None
        return None
    info = t.unit_by_form.get(unit)
    if info is None or info.kind not in _HALVES:
        return None
    return end + 1, unit, info.kind


#: Kinds whose unit can be halved (两吨半, 一年半): measures and durations, not counts of things.
_HALVES = frozenset({"mass", "duration", "length", "area", "volume", "money"})


_TENTH_DIGITS = frozenset("0123456789." + _CN_ALL)


def _tenths_matches(copy: str, t: _Tables) -> list[regex.Match]:
    """The tenths of a text, looked for only where 成 or 折 follows a digit (成 is in 完成, 建成…)."""
    out = []
    for unit in "成折":
        pos = copy.find(unit, 1)
        while pos > 0:
            start = pos
            while start > 0 and pos - start < 12 and copy[start - 1] in _TENTH_DIGITS:
                start -= 1
            if start < pos:
                match = t.tenths.match(copy, start)
                if match is not None:
                    out.append(match)
            pos = copy.find(unit, pos + 1)
    return out


def _tenths(match: regex.Match, copy: str, t: _Tables) -> Optional[_Found]:
    """三成以上 (value 3, unit 成), 七五折 (7.5 折), 8折: tenths, as the annotation scheme records them."""
    number, unit = match["n"], match["unit"]
    if number[0].isdigit():
        value = number_value(number)
    elif unit == "折" and len(number) == 2 and all(ch in _CN_DIGIT_CHARS for ch in number):
        first, second = cn_reading(number[0]), cn_reading(number[1])  # 七五折 = 7.5 折
        value = None if first is None or second is None else first.lo + second.lo / 10
    else:
        reading = cn_reading(number)
        if reading is not None and reading.hi is not None and 0 < reading.hi <= 10:  # 六七成
            return _Found(match.start(), match.end(), reading.lo, reading.hi, unit=unit,
                          kind="percent" if unit == "成" else "ratio", internal=reading.approx)
        value = None if reading is None or reading.hi is not None else reading.lo
    if value is None or not 0 < value <= 10 or (value == 1 and not number[0].isdigit()):
        return None  # 一成不变 is an idiom
    if not _CN_DIGIT_CHARS.intersection(number) and not number[0].isdigit():
        return None  # 百折不挠: no digit
    return _Found(match.start(), match.end(), value, unit=unit, kind="percent" if unit == "成" else "ratio")


def _small_money(item: _Found, copy: str, t: _Tables) -> None:
    """十二元五角, 45元3角2分: a sum in 元 takes the 角 and 分 written after it."""
    match = t.small_money.match(copy, item.end)
    if match is None or match.end() == item.end or item.value is None:
        return
    extra = Decimal(0)
    for group, scale in (("jiao", Decimal("0.1")), ("fen", Decimal("0.01"))):
        if match[group]:
            digit = number_value(match[group])
            if digit is None:
                return
            extra += digit * scale
    item.value += extra
    item.end = match.end()


def _has_small_money(copy: str, end: int, t: _Tables) -> bool:
    found = t.small_money.match(copy, end)
    return found is not None and bool(found["jiao"] or found["fen"])


def _signed(item: _Found, copy: str, t: _Tables) -> None:
    """增长-2.3%, 同比下降负1.5%: a minus sign or 负 right before a number that no digit precedes."""
    start = item.start
    if start < 1 or copy[start - 1] not in "-−负" or item.value is None:
        return
    if start >= 2 and (copy[start - 2].isdigit() or copy[start - 2] in _CN_ALL):
        return  # 5-8万元 is a range, 2023-2025 a span of years
    if copy[start - 1] == "负" and start >= 2 and _CJK.match(copy[start - 2]) and \
            not t.sign_after.search(copy, max(0, start - 3), start - 1):
        return  # 税负5700亿元, 正负, 胜负: words, not signs
    item.start -= 1
    item.value = -item.value
    if item.value_max is not None:
        item.value_max = -item.value_max


def _fraction(match: regex.Match, copy: str) -> tuple[_Found, ...]:
    """``三分之一`` → 1/3 (fraction); ``百分之三十`` → 30 %; ``百分之六七十`` → 60–70 %, about;
    ``百分之八至九`` → 8–9 %; ``由百分之十到百分之五`` → two figures (a falling pair is no range)."""
    den, num = number_value(match["den"]), number_value(match["num"])
    start, end = match.start(), match.end("num")
    if den == 100 and num is None:
        reading = cn_reading(match["num"])
        if reading is not None and reading.hi is not None:
            return (_Found(start, end, reading.lo, reading.hi, unit="%", kind="percent", internal=reading.approx),)
    if den is None or num is None or not den:
        return ()
    if den == 100:
        hi = number_value(match["hi"]) if match["hi"] else None
        if hi is not None and hi > num:
            return (_Found(start, match.end(), num, hi, unit="%", kind="percent"),)
        first = _Found(start, end, num, unit="%", kind="percent")
        if hi is not None and copy.startswith("百分之", match.start("hi") - 3):
            return first, _Found(match.start("hi") - 3, match.end(), hi, unit="%", kind="percent")
        return (first,)
    if den == 1000:
        return (_Found(start, end, num, unit="‰", kind="percent"),)
    return (_Found(start, end, num / den, unit="", kind="fraction"),)

def _without_overlaps(found: list[_Found]) -> list[_Found]:
    """Sorted by start; of overlapping candidates the earlier (then longer) one stays."""
    found.sort(key=lambda f: (f.start, -f.end))
    kept: list[_Found] = []
    for item in found:
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept


def _coordinate(found: list[_Found], copy: str, t: _Tables) -> list[_Found]:
    """Numbers sharing the unit written after the last one: ``3.2、3.5万人``, ``12.7个、12个百分点``."""
    for i in range(len(found) - 2, -1, -1):
        item, nxt = found[i], found[i + 1]
        if nxt.bare or item.end + 1 != nxt.start or copy[item.end] not in t.coordinators:
            continue
        if item.bare:
            if nxt.unit or nxt.factor != 1:
                item.value = item.value * nxt.factor if item.value is not None else None
                item.unit, item.kind, item.factor, item.bare = nxt.unit, nxt.kind, nxt.factor, False
        elif item.unit and nxt.unit != item.unit and nxt.unit.startswith(item.unit) and item.factor == 1:
            item.unit, item.kind = nxt.unit, nxt.kind  # 12.7个、12个百分点
        elif not item.unit and item.factor != 1 and nxt.unit:
            item.unit, item.kind = nxt.unit, nxt.kind  # 3500万、2300万人次; 1.28万亿、8200亿元
    return [item for item in found if not item.bare]


# --- qualifiers and changes --------------------------------------------------------------


#: How far before a number (or its leading qualifier) _qualify and _change look.
_QUALIFIER_REACH = 5
_EXCEPTION_REACH = 6
_CHANGE_REACH = 16
#: All they read before a number: a qualifier, a change cue before it, and the character before the cue.
_BEFORE_REACH = max(_EXCEPTION_REACH, _QUALIFIER_REACH + _CHANGE_REACH + 1)


def _qualify_all(found: list[_Found], copy: str, t: _Tables) -> None:
    """:func:`_qualify` and :func:`_change` for every candidate (in place).

    Both read a few characters around the number only: their answers are kept per text by
    those characters (a table of figures repeats them on every row).
    """
    memo: dict[tuple[str, str, Optional[str]], tuple[Optional[str], bool, Optional[int], Optional[Change]]] = {}
    for item in found:
        start, end = item.start, item.end
        key = (copy[max(0, start - _BEFORE_REACH):start], copy[end:end + t.after_reach], item.internal)
        known = memo.get(key)
        if known is None:
            _qualify(item, copy, t)
            _change(item, copy, t)
            qual_start = item.qual_start
            memo[key] = (item.approx, item.leading, None if qual_start is None else start - qual_start, item.change)
        else:
            item.approx, item.leading, back, change = known
            # each metric its own Change: a user may edit one metric's without touching the others
            item.change = change.model_copy() if change is not None else None
            if back is not None:
                item.qual_start = start - back


def _qualify(item: _Found, copy: str, t: _Tables) -> None:
    """``approx``: a qualifier before the number wins over one after it, which wins over 余/多."""
    window = max(0, item.start - _QUALIFIER_REACH)
    before = t.qual_before_re.search(copy, window, item.start)
    if before and not t.qual_exceptions.search(copy, max(0, item.start - _EXCEPTION_REACH), item.start):
        word = before.group().strip()
        item.approx, item.leading = t.qual_before[word], True
        item.qual_start = before.start()
        return
    after = t.qual_after_re.match(copy, item.end)
    if after:
        item.approx = t.qual_after[after.group().strip()]
        return
    if item.internal:
        item.approx = item.internal


def _change(item: _Found, copy: str, t: _Tables) -> None:
    """``同比增长23.6%`` → delta up, basis 同比; ``提高到97%`` → to, up."""
    end = item.start if item.qual_start is None else item.qual_start
    found = t.change_back.search(copy, max(0, end - _CHANGE_REACH), end)
    if not found:
        return
    cue, basis = found["cue"], found["basis"]
    if cue in t.needs_basis and not basis:
        return
    if copy[max(0, found.start("cue") - 1):found.end("cue")].startswith(t.cue_exceptions) and not basis:
        return
    role: ChangeRole = "to" if cue in t.to_cues else "delta"
    item.change = Change(direction=t.cue_direction[cue], basis=basis, cue=cue, role=role)


def _share_along_lists(found: list[_Found], copy: str, t: _Tables) -> None:
    """``分别增长8.3%、7.9%``, ``分别突破300亿元和3000亿元``: the later numbers of a list share the
    change and the leading qualifier written before the first."""
    for a, b in zip(found, found[1:]):
        if b.start != a.end + 1 or copy[a.end] not in t.coordinators:
            continue
        if b.change is None and a.change is not None and a.change.role == "delta":
            b.change = a.change.model_copy()
        if b.approx is None and a.leading:
            b.approx, b.leading = a.approx, True


def _link_from_to(found: list[_Found], copy: str, t: _Tables) -> None:
    """``由176家压减至2家``, ``从380元提高至1000元``: the two ends of one change."""
    for a, b in zip(found, found[1:]):
        head = a.start if a.qual_start is None else a.qual_start
        if b.start - a.end > 8 or not t.from_before.search(copy, max(0, head - 10), head):
            continue
        between = t.from_to_between.match(copy, a.end, b.start)
        if not between:
            continue
        cue = copy[a.end:b.start][:-1].strip() or None
        direction = t.cue_direction.get(cue or "") if cue else None
        if direction is None and cue:
            direction = next((d for w, d in t.cue_direction.items() if cue.endswith(w)), None)
        if direction is None and a.value is not None and b.value is not None and a.value != b.value:
            direction = "up" if b.value > a.value else "down"
        a.change = Change(direction=direction, cue=cue, role="from", partner_start=b.start)
        b.change = Change(direction=direction, cue=cue, role="to", partner_start=a.start)


def _metric(item: _Found, text: str) -> Metric:
    return trusted_metric(
        text[item.start:item.end], item.start, item.end,
        None if item.masked or item.value is None else float(decimal_to_number(item.value)),
        None if item.masked or item.value_max is None else float(decimal_to_number(item.value_max)),
        item.unit, item.kind, item.approx, item.masked, item.change,
    )
