"""The scope of a figure: result or target, which period, how aggregated, which area.

``力争达到95%`` is a target, ``达到95%`` a result; ``上半年`` is not ``全年``; ``年均增长`` is
not ``增长``. The cues are data (``data/scope.json``). Two steps:

* :class:`TextScope` (called through :func:`edureport.quantities.kpis.assign_kpis` while the metrics
  are built) finds sentence and clause boundaries once per text and the cues once per
  sentence that holds a metric; each metric then takes the nearest period, status cue and
  area before it in its sentence and the aggregation cue in its clause.
* :func:`apply_report_context` (called when the Report is assembled) makes figures in plan
  items targets unless a past cue is nearer, and resolves ``period_norm`` with the
  report's year.

Scopes are frozen and interned: metrics with the same scope share one object.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Optional

import regex

from edureport.data import alternation, guarded, load_json
from edureport.models import EMPTY_SCOPE, Metric, Scope
from edureport.text.boundaries import Breaks

__all__ = ["TextScope", "apply_report_context", "normalise_period", "report_years", "with_fields"]

_NAMED = regex.compile(r"\(\?P<\w+>")
_CN_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


class _Cues:
    """Everything compiled from ``data/scope.json``, once per process."""

    def __init__(self) -> None:
        data = load_json("scope.json")
        # Plain character classes: the stdlib engine finds them several times faster than ``regex``.
        self.sentence_break = re.compile(data["sentence_break"])
        self.clause_break = re.compile(data["clause_break"])
        self.period_norms: list[str] = [row["norm"] for row in data["periods"]]
        self.period_res = [regex.compile(row.get("norm_re", row["re"])) for row in data["periods"]]
        # Periods: found only around their key characters (年, 月, 季…), which are rare, by one
        # regex over small windows; the other cues by one stdlib-re pass whose leading lookahead of
        # possible first characters lets the engine skip most positions.
        periods = "|".join(f"(?P<p{i}>{_NAMED.sub('(?:', row['re'])})" for i, row in enumerate(data["periods"]))
        self.periods = regex.compile(periods)
        self.period_keys = re.compile(data["period_keys"])
        branches = [f"(?P<t>{'|'.join(data['target'])})", f"(?P<a>{alternation(data['actual'])})",
                    f"(?P<d>{alternation(data['done'])})"]
        self.aggregation: dict[str, str] = {}
        for i, (cue, value) in enumerate(data["aggregation"].items()):
            branches.append(f"(?P<g{i}>{cue})")
            self.aggregation[f"g{i}"] = value
        branches.append(f"(?P<r>{'|'.join(data['area_patterns'])})")
        branches.append(f"(?P<n>{'|'.join(data['named_area_patterns'])})")
        branches.append(f"(?P<s>{data['segment_break']})")
        others = "|".join(branches)
        self.others = re.compile(guarded(others, data))
        self.target_exclude = regex.compile(data["target_exclude"])
        self.target_after = regex.compile(data["target_after"])
        self.baseline_before = regex.compile(data["baseline_before"])
        self.baseline_period = regex.compile(data["baseline_period"])
        self.target_before = regex.compile(data["target_before"])
        self.base_year = regex.compile(data["base_year"])
        self.priority = {value: rank for rank, value in enumerate(data["aggregation_priority"])}
        self.clause_reach = 40
        self.coarse_reach = 60  # the KPI matcher's 分别 check reads this far back
        self.scope_reach = 40  # the period, aggregation and area cues of a number stand this near
        self.area_noun = regex.compile(data["area_noun_words"])
        self.area_after = regex.compile(data["area_after"])
        self.area_topic = regex.compile(data["area_topic_verbs"])
        self.clause_verbs = regex.compile(data["clause_verbs"])
        self.area_initial = regex.compile(data["area_initial"])
        self.after_periods = frozenset(data["after_periods"])
        self.coarse_break = re.compile(r"[,，。;；:：!！?？\n]")
        # Periods that also say something about status.
        self.period_status = {"by_year": "target"}
        self.actual_periods = regex.compile(r"(?:截至|截止|去年|上年|过去|目前)")


_YEAR_OF_PERIOD = regex.compile(r"(\d{4})年")


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    return _Cues()


@dataclass(slots=True)
class _Sentence:
    """The cues of one sentence, by kind, sorted by position."""

    start: int = 0
    end: int = 0
    # (start, end, text, norm index, topical, bound)
    periods: list[tuple[int, int, str, int, bool, bool]] = field(default_factory=list)
    period_ends: list[int] = field(default_factory=list)
    status: list[tuple[int, str, bool]] = field(default_factory=list)  # (end, status, sentence-wide)
    status_ends: list[int] = field(default_factory=list)
    aggregation: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, value)
    agg_starts: list[int] = field(default_factory=list)
    areas: list[tuple[int, int, str, bool, bool]] = field(default_factory=list)  # (start, end, text, topic, named)
    area_ends: list[int] = field(default_factory=list)
    segments: list[int] = field(default_factory=list)  # positions of ；
    # For status_cue in constant time (a sentence can hold thousands of cues):
    strong_prev: list[int] = field(default_factory=list)  # index of the last cue ≤ i that is not "done", or -1
    wide_ends: list[int] = field(default_factory=list)  # ends of the sentence-wide cues (all "target")

    def segment_between(self, a: int, b: int) -> bool:
        """Whether a ； lies between positions ``a`` and ``b``."""
        i = bisect.bisect_left(self.segments, a)
        return i < len(self.segments) and self.segments[i] < b


_INTERNED: dict[tuple, Scope] = {}
#: ids of the interned scopes whose "actual" status a past cue in the text states (已, 目前, 去年…):
#: equal in value to the others, they tell apply_report_context not to make a plan's figure a target.
_CUED: set[int] = set()


def _scope(key: tuple) -> Scope:
    """The one Scope for ``key`` = (status, period, period_norm, aggregation, area, cued)."""
    scope = _INTERNED.get(key)
    if scope is None:
        if len(_INTERNED) > 50_000:  # keep the process-wide cache bounded
            _INTERNED.clear()
            _CUED.clear()
        status, period, norm, aggregation, area, cued = key
        if key == ("actual", None, None, None, None, False):
            scope = EMPTY_SCOPE
        else:
            scope = Scope.model_construct(status=status, period=period, period_norm=norm,
                                          aggregation=aggregation, area=area)
        _INTERNED[key] = scope
        if cued:
            _CUED.add(id(scope))
    return scope


def with_fields(scope: Scope, **changes: Optional[str]) -> Scope:
    """``scope`` with some fields replaced (interned)."""
    fields = {"status": scope.status, "period": scope.period, "period_norm": scope.period_norm,
              "aggregation": scope.aggregation, "area": scope.area}
    fields.update(changes)
    return _scope((fields["status"], fields["period"], fields["period_norm"], fields["aggregation"], fields["area"],
                   id(scope) in _CUED))


class TextScope:
    """Sentence and clause boundaries of one text, and the cues of each sentence (found on first use)."""

    def __init__(self, copy: str, starts_name: Optional[Callable[[int], bool]] = None) -> None:
        """``starts_name(pos)``: whether an indicator's name starts at ``pos`` (an area before it is part of it)."""
        cues = self.cues = _cues()
        self.copy = copy
        self.starts_name = starts_name
        self.sentence_ends = [m.end() for m in cues.sentence_break.finditer(copy)]
        self._sentences: dict[int, _Sentence] = {}
        # A number's clause starts at ``clauses.start(pos, cues.clause_reach)``; its coarse clause, which
        # only commas, colons and semicolons break (not 、), at ``coarse.start(pos, cues.coarse_reach, s.start)``.
        self.clauses = Breaks(cues.clause_break, copy)
        self.coarse = Breaks(cues.coarse_break, copy)
        self._after_memo: dict[str, tuple[bool, Optional[str]]] = {}

    def sentence(self, pos: int) -> _Sentence:
        """The sentence holding ``pos``, its cues found on first use."""
        i = bisect.bisect_right(self.sentence_ends, pos)
        found = self._sentences.get(i)
        if found is None:
            start = self.sentence_ends[i - 1] if i > 0 else 0
            end = self.sentence_ends[i] if i < len(self.sentence_ends) else len(self.copy)
            found = self._sentences[i] = self._scan(start, end)
        return found

    def _matches(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Every cue of ``copy[start:end]`` as (start, end, group name), in order, not overlapping."""
        cues, copy = self.cues, self.copy
        found = [(*m.span(), m.lastgroup or "") for m in cues.others.finditer(copy, start, end)]
        lo = hi = -1
        windows = []
        for key in cues.period_keys.finditer(copy, start, end):
            a, b = max(start, key.start() - 12), min(end, key.end() + 8)
            if a <= hi:
                hi = max(hi, b)
            else:
                if hi > lo:
                    windows.append((lo, hi))
                lo, hi = a, b
        if hi > lo:
            windows.append((lo, hi))
        if windows:
            for a, b in windows:
                found.extend((*m.span(), m.lastgroup or "") for m in cues.periods.finditer(copy, a, b))
            found.sort(key=lambda f: (f[0], 0 if f[2].startswith("p") else 1))
            kept, last = [], -1
            for item in found:
                if item[0] >= last:
                    kept.append(item)
                    last = item[1]
            found = kept
        return found

    def _scan(self, start: int, end: int) -> _Sentence:
        cues, copy = self.cues, self.copy
        s = _Sentence(start=start, end=end)
        for m_start, m_end, name in self._matches(start, end):
            kind = name[0]
            if kind == "p":
                text = copy[m_start:m_end]
                index = int(name[1:])
                after = copy[m_end:m_end + 1]
                topical = after in ("，", ",")
                bound = after == "的"
                s.periods.append((m_start, m_end, text, index, topical, bound))
                s.period_ends.append(m_end)
                norm = cues.period_norms[index]
                if norm in cues.period_status:
                    s.status.append((m_end, cues.period_status[norm], False))
                    s.status_ends.append(m_end)
                elif cues.actual_periods.search(text):
                    s.status.append((m_end, "actual", False))
                    s.status_ends.append(m_end)
            elif kind == "t":
                if not cues.target_exclude.search(copy, max(start, m_start - 10), m_start):
                    wide = copy[m_end:m_end + 1] in (":", "：")
                    s.status.append((m_end, "target", wide))
                    s.status_ends.append(m_end)
            elif kind == "a":
                s.status.append((m_end, "actual", False))
                s.status_ends.append(m_end)
            elif kind == "d":
                s.status.append((m_end, "done", False))
                s.status_ends.append(m_end)
            elif kind == "g":
                s.aggregation.append((m_start, m_end, cues.aggregation[name]))
                s.agg_starts.append(m_start)
            elif kind == "r" or kind == "n":
                text = copy[m_start:m_end]
                topic = bool(cues.area_topic.match(copy, m_end, end))
                if not topic and not (self.starts_name and self.starts_name(m_end)):
                    opening = s.periods[-1][1] if s.periods and s.periods[-1][1] <= m_start else start
                    topic = bool(cues.area_initial.fullmatch(copy, opening, m_start)) and (
                        opening == start or bool(cues.area_initial.fullmatch(copy, start, s.periods[-1][0])))
                s.areas.append((m_start, m_end, text, topic, kind == "n"))
                s.area_ends.append(m_end)
            else:
                s.segments.append(m_start)
        last = -1
        for i, (end, status, wide) in enumerate(s.status):
            if status != "done":
                last = i
            s.strong_prev.append(last)
            if wide:
                s.wide_ends.append(end)
        return s

    def status_cue(self, pos: int, strong: bool = False, s: Optional[_Sentence] = None) -> Optional[str]:
        """The status cue that governs ``pos``: the nearest in its segment (or a sentence-wide one);
        ``strong``: leave out the ``done`` cues (完成), which do not undo a plan."""
        if s is None:
            s = self.sentence(pos)
        if not s.status_ends:
            return None
        i = bisect.bisect_right(s.status_ends, pos) - 1
        if i < 0:
            return None
        # the latest cue that counts (done cues skipped when strong), if no ； parts it from pos …
        j = s.strong_prev[i] if strong else i
        k = bisect.bisect_left(s.segments, pos) - 1
        segment = s.segments[k] if k >= 0 else -1
        if j >= 0 and s.status[j][0] > segment:
            return s.status[j][1]
        # … else the latest sentence-wide one (目标：…), never a done cue
        return "target" if bisect.bisect_right(s.wide_ends, pos) > 0 else None

    def _period(self, metric: Metric, s: _Sentence, lo: int) -> Optional[str]:
        """The nearest period that governs the number: in its segment, or topical (2022年，…), or bound to it
        (2020年的3.68万亿元); else one right after it in its clause (确保7个…年底前竣工)."""
        pos = metric.start
        i = bisect.bisect_right(s.period_ends, pos) - 1
        for j in range(i, max(i - 6, -1), -1):
            p_start, p_end, p_text, index, topical, bound = s.periods[j]
            if bound:
                if pos - p_end <= 1:
                    return _strip_quotes(p_text)
                continue
            if topical or not s.segment_between(p_end, pos):
                return _strip_quotes(p_text)
            if self.cues.period_norms[index] == "year" and (
                    p_start == s.start or self.copy[p_start - 1] in "，,：: \n"):
                return _strip_quotes(p_text)  # a year opening a clause is its topic (2022年计划…；…)
        k = i + 1
        if k < len(s.periods):
            p_start, p_end, p_text, _, _, _ = s.periods[k]
            stop = self.cues.coarse_break.search(self.copy, metric.end, p_start)
            if (p_start >= metric.end and stop is None and p_start - metric.end <= 20
                    and self.cues.period_norms[s.periods[k][3]] in self.cues.after_periods):
                return _strip_quotes(p_text)
        return None

    def _area(self, metric: Metric, s: _Sentence, name_start: Callable[[], int], lo: int) -> Optional[str]:
        cues, copy, pos = self.cues, self.copy, metric.start
        k = bisect.bisect_right(s.area_ends, pos) - 1
        if k >= 0:
            start = name_start()
            if start >= 0:
                k = bisect.bisect_right(s.area_ends, start) - 1
        for j in range(k, max(k - 4, -1), -1):
            a_start, a_end, a_text, topic, named = s.areas[j]
            in_clause = a_start >= lo and not named
            if not in_clause and not (topic and not s.segment_between(a_end, pos)):
                continue
            if cues.area_noun.match(a_text) and cues.clause_verbs.search(copy, a_end, pos):
                continue
            return a_text
        return self._after(metric.end)[1]

    def _after(self, end: int) -> tuple[bool, Optional[str]]:
        """(a goal word follows the number: …10%的目标; the area word right after it: 70所城镇…).

        Both read the 12 characters after the number only, so they are kept per text by them.
        """
        key = self.copy[end:end + 12]
        found = self._after_memo.get(key)
        if found is None:
            area = self.cues.area_after.match(key, 0, 3)
            found = self._after_memo[key] = (self.cues.target_after.match(key) is not None,
                                             area.group() if area is not None else None)
        return found

    def _over_base(self, period: str, clause: int, pos: int) -> Optional[str]:
        """2007年，国内生产总值…比2002年增长65.5%: a change over a base year before the last is a change over
        several years (cumulative); over the last, a year's (year_on_year)."""
        own = _YEAR_OF_PERIOD.match(period)
        base = self.cues.base_year.search(self.copy, clause, pos) if own is not None else None
        if own is None or base is None:
            return None
        gap = int(own.group(1)) - int(base.group("y"))
        return "year_on_year" if gap == 1 else "cumulative" if gap > 1 else None

    def scope_of(self, metric: Metric, s: _Sentence, clause: int, coarse: int, name_start: Callable[[], int]) -> Scope:
        """The text-level scope of ``metric``: what its sentence ``s`` and clause say.

        ``clause``, ``coarse``: where its clause and its coarse clause start (see ``__init__``).
        """
        pos = metric.start
        copy, cues = self.copy, self.cues
        # status: the from-end of a change is the baseline; else the governing cue; a goal right after
        status = "actual"
        change = metric.change
        if change is not None and change.role == "from":
            status = "baseline"
        elif pos > 0 and copy[pos - 1] in "的较比从由年底末" and cues.baseline_before.search(copy, clause, pos):
            status = "baseline"
        elif self._after(metric.end)[0] or cues.target_before.search(copy, max(clause, pos - 20), pos):
            status = "target"  # …的目标; 比规划的28300个; 规定的…4.8平方米
        elif s.status_ends and self.status_cue(pos, False, s) == "target":
            status = "target"
        # the coarse clause of the scope cues reaches less far back than the one the caller found
        lo = max(coarse, s.start, pos - cues.scope_reach, 0)
        period = self._period(metric, s, lo) if s.periods else None
        if status == "baseline" and pos > 0 and copy[pos - 1] in "的年底末":
            base = cues.baseline_period.search(copy, max(clause, pos - 12), pos)
            if base is not None:  # 850元，比2021年780元增长9%: the start of a change is of its own year
                period = base.group("p")
        # aggregation: a cue in the number's clause (only commas and semicolons break it; for a
        # percentage also 、: 共46所、占比19.32% is no cumulative share), by priority
        aggregation = None
        if s.aggregation:
            floor = clause if metric.kind in ("percent", "percentage_point") else lo
            j = bisect.bisect_left(s.agg_starts, floor)
            best = None
            while j < len(s.aggregation) and s.aggregation[j][1] <= pos:
                value = s.aggregation[j][2]
                rank = cues.priority[value]
                if best is None or rank < best:
                    best, aggregation = rank, value
                j += 1
        if aggregation is None and period is not None and metric.kind in ("percent", "percentage_point"):
            aggregation = self._over_base(period, clause, pos)
        # area: the nearest area word before the number (and before the indicator's name) in its clause,
        # or the sentence's subject; 农村/城镇 right after the number
        area = self._area(metric, s, name_start, lo) if s.areas else self._after(metric.end)[1]
        cued = status == "actual" and bool(s.status_ends) and self.status_cue(pos, True, s) == "actual"
        if status == "actual" and not cued and period is None and aggregation is None and area is None:
            return EMPTY_SCOPE
        return _scope((status, period, None, aggregation, area, cued))


def _strip_quotes(text: str) -> str:
    """A period as written, without quotes and white space (“十四五”时期 → 十四五时期)."""
    return "".join(ch for ch in text if ch not in "“”\"'‘’ \t\n")


# --------------------------------------------------------------------------- report context


def report_years(period_year: Optional[int], gov_report: bool) -> tuple[Optional[int], Optional[int]]:
    """(the year the report is about, the year it speaks in).

    A government work report delivered early in 2026 reviews 2025: its own year is 2025,
    while its 今年 is 2026 and its 上年 2025. Other reports speak in their own year.
    """
    if period_year is None:
        return None, None
    return period_year, period_year + 1 if gov_report else period_year


@lru_cache(maxsize=4096)
def normalise_period(period: str, own_year: Optional[int], speaking_year: Optional[int],
                     default_year: Optional[int]) -> Optional[str]:
    """``period`` as written → ``2025``, ``2025-H1``, ``2025-Q3``, ``2025-06``, ``2025-01..2025-05``,
    ``..2025-06``, ``2021..2025``, ``..2030``; None when it cannot be resolved.

    ``own_year``: the year the report is about (五年来 ends there); ``speaking_year``: its 今年;
    ``default_year``: the year of a period written without one (上半年, 1-5月).

    >>> normalise_period("上半年", 2023, 2023, 2023)
    '2023-H1'
    >>> normalise_period("五年来", 2025, 2026, 2025)
    '2021..2025'
    """
    cues = _cues()
    for index, pattern in enumerate(cues.period_res):
        found = pattern.fullmatch(period)
        if found is not None:
            return _NORMS[cues.period_norms[index]](found, (own_year, speaking_year, default_year))
    return None


def _year_of(prefix: Optional[str], speaking: Optional[int], default: Optional[int]) -> Optional[int]:
    """The year of a ``(?P<y>…)`` prefix (``2023年``, ``今年``), else ``default``."""
    if not prefix:
        return default
    if prefix[:4].isdigit():
        return int(prefix[:4])
    return _relative(prefix[0], speaking)


def _relative(word: str, speaking: Optional[int]) -> Optional[int]:
    if speaking is None:
        return None
    return {"今": speaking, "本": speaking, "当": speaking, "去": speaking - 1, "上": speaking - 1,
            "明": speaking + 1}.get(word)


def _number(text: str) -> Optional[int]:
    if text.isdigit():
        return int(text)
    return _CN_NUM.get(text)


Years = tuple[Optional[int], Optional[int], Optional[int]]  # own, speaking, default


def _g(m: regex.Match, name: str) -> Optional[str]:
    return m.groupdict().get(name)


def _five_year(m: regex.Match, years: Years) -> Optional[str]:
    n = _CN_NUM.get(_g(m, "n") or "")
    if n is None:
        return None
    first = 2006 + 5 * (10 + n - 11)  # 十一五 = 2006..2010, 十四五 = 2021..2025
    return f"{first}..{first + 4}"


def _by_year(m: regex.Match, years: Years) -> Optional[str]:
    return f"..{_g(m, 'a')}"


def _year_span(m: regex.Match, years: Years) -> Optional[str]:
    return f"{_g(m, 'a')}..{_g(m, 'b')}"


def _as_of_now(m: regex.Match, years: Years) -> Optional[str]:
    year = _year_of(_g(m, "y"), years[1], None)
    return str(year) if year else None


def _as_of_month(m: regex.Match, years: Years) -> Optional[str]:
    a = _g(m, "a")
    year = int(a) if a else years[2]
    month = int(_g(m, "m") or 0)
    return f"..{year}-{month:02d}" if year and 1 <= month <= 12 else None


def _as_of_year_end(m: regex.Match, years: Years) -> Optional[str]:
    return f"..{_g(m, 'a')}-12"


def _none(m: regex.Match, years: Years) -> Optional[str]:
    return None


def _month_range(m: regex.Match, years: Years) -> Optional[str]:
    year = _year_of(_g(m, "y"), years[1], years[2])
    a, b = int(_g(m, "m") or 0), int(_g(m, "m2") or 0)
    if year is None or not 1 <= a <= b <= 12:
        return None
    return f"{year}-{a:02d}..{year}-{b:02d}"


def _first_three_quarters(m: regex.Match, years: Years) -> Optional[str]:
    year = _year_of(_g(m, "y"), years[1], years[2])
    return f"{year}-01..{year}-09" if year else None


def _quarter(m: regex.Match, years: Years) -> Optional[str]:
    year = _year_of(_g(m, "y"), years[1], years[2])
    q = _number(_g(m, "q") or "")
    return f"{year}-Q{q}" if year and q else None


def _half(m: regex.Match, years: Years) -> Optional[str]:
    year = _year_of(_g(m, "y"), years[1], years[2])
    return f"{year}-H{1 if _g(m, 'h') == '上' else 2}" if year else None


def _second_half(m: regex.Match, years: Years) -> Optional[str]:
    year = _year_of(_g(m, "y"), years[1], years[2])
    return f"{year}-H2" if year else None


def _first_half(m: regex.Match, years: Years) -> Optional[str]:
    year = _year_of(_g(m, "y"), years[1], years[2])
    return f"{year}-H1" if year else None


def _month(m: regex.Match, years: Years) -> Optional[str]:
    year = _year_of(_g(m, "y"), years[1], years[2])
    month = int(_g(m, "m") or 0)
    return f"{year}-{month:02d}" if year and 1 <= month <= 12 else None


def _year(m: regex.Match, years: Years) -> Optional[str]:
    return _g(m, "a")


def _year_end(m: regex.Match, years: Years) -> Optional[str]:
    return f"..{years[2]}-12" if years[2] else None


def _relative_year(m: regex.Match, years: Years) -> Optional[str]:
    year = _relative(_g(m, "r") or "", years[1])
    return str(year) if year else None


def _this_year(m: regex.Match, years: Years) -> Optional[str]:
    return str(years[2]) if years[2] else None


def _years_back(m: regex.Match, years: Years) -> Optional[str]:
    n = _number(_g(m, "n") or "")
    own = years[0]
    if not n or own is None:
        return None
    return f"{own - n + 1}..{own}"


#: How each kind of period (``norm`` in ``data/scope.json``) resolves.
_NORMS: dict[str, Callable[[regex.Match, Years], Optional[str]]] = {
    "five_year_plan": _five_year, "by_year": _by_year, "year_span": _year_span, "as_of_month": _as_of_month,
    "as_of_year_end": _as_of_year_end, "none": _none, "month_range": _month_range,
    "first_three_quarters": _first_three_quarters, "quarter": _quarter, "half": _half, "month": _month,
    "since_year": _year, "year": _year, "relative_year": _relative_year, "this_year": _this_year,
    "years_back": _years_back, "as_of_now": _as_of_now, "second_half": _second_half, "first_half": _first_half,
    "year_end": _year_end,
}


def apply_report_context(metrics: Iterable[Metric], role_at: Callable[[int], Optional[str]], copy: str,
                         period_year: Optional[int], gov_report: bool) -> None:
    """Second step, once roles and the report's year are known (in place).

    A figure in a plan item is a target unless a past cue (已, 目前, 去年…) governs it in its
    sentence (recorded while the text was read: see ``_CUED``); ``period_norm`` is resolved with the report's years (a
    period written without a year takes the speaking year in plan items, the report's own
    year elsewhere).
    """
    own, speaking = report_years(period_year, gov_report)
    for metric in metrics:
        scope = metric.scope
        role = role_at(metric.start)
        status = scope.status
        if role == "plan" and status == "actual" and id(scope) not in _CUED:
            status = "target"
        norm = None
        if scope.period is not None:
            default = speaking if role == "plan" else own
            norm = normalise_period(scope.period, own, speaking, default)
        if status != scope.status or norm != scope.period_norm:
            key = (status, scope.period, norm, scope.aggregation, scope.area, id(scope) in _CUED)
            metric.__dict__["scope"] = _scope(key)  # see kpis.assign_kpis: no pydantic __setattr__ per metric
