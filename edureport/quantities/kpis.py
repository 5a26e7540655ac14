"""Canonical indicators ("KPIs"): ``学前三年毛入园率 97.2%`` → ``preschool_gross_enrollment_rate``.

The vocabulary is data (``data/kpis.json``, documented in ``docs/kpis.md``): each
indicator has a stable ``id``, a Chinese ``name``, ``aliases`` (literal phrases),
optional ``patterns`` (regexes searched in the sentence around the number, the number
itself written ``#``: ``#学生参与课后服务``), the ``unit_kind`` its figures have, a
``domain``, optional ``context`` words (one must occur near the number), ``exclude`` words
(actions that, in the number's clause, make it a count of something else: 撤并15所小规模学校
is not the number of small schools) and ``change_kind`` (the kind of a change amount that keeps
the id, for indicators whose changes are the same measure).

Matching is deliberately strict, because a wrong id is worse than none. In order:

1. the phrase before the number in its clause, cut one trailing cue word at a time
   (达到, 增长, 同比…) and tried as it stands, without its leading scope words (2025年,
   全省, 力争, 开展…) and after its last 的/等/和: it must *equal* an alias;
2. the free-text ``Metric.indicator``, the same way;
3. an alias that starts right after the number and ends at a word boundary
   (改造244个 *中小学实验室*);
4. the patterns;
5. inheritance: the to-end of 由A至B takes A's indicator; a change amount right after a
   figure takes that figure's indicator when it fits (or its growth sibling: retail_sales →
   retail_sales_growth); a ``其中`` part is not its total and takes none (ANNOTATION.md §3).

Every candidate must fit the metric's unit kind; two indicators may share an alias when
their unit kinds differ (社会消费品零售总额 in 元 / in %). ``refinements`` in
``data/kpi_cues.json`` narrow a generic id when the sentence names one level only
(新增学位 next to 幼儿园 → new_preschool_places).

:func:`assign_kpis` is the hook the metric builder calls once per text: it sets
``indicator_id`` and the text-level part of ``scope`` (:mod:`edureport.quantities.scope`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple, Optional, Sequence, Union, cast

import regex

from edureport.data import alternation, count_units, guarded, load_json
from edureport.errors import ConfigError
from edureport.models import Metric, Scope
from edureport.quantities.indicators import COORDINATED, glossed
from edureport.quantities.scope import TextScope, with_fields

__all__ = ["JOINT_AREA", "Indicator", "Vocabulary", "area_ids", "assign_kpis", "default_vocabulary", "load_vocabulary"]

#: The area of a figure said of the towns and the countryside alike (城乡居民人均可支配收入分别增长7.5%).
JOINT_AREA = "城乡"

#: Metric kinds a figure of an indicator may have, by the indicator's ``unit_kind``.
_COMPATIBLE: dict[str, frozenset[str]] = {
    "percent": frozenset({"percent", "percentage_point"}),
}


@dataclass(frozen=True)
class Indicator:
    """One entry of the vocabulary."""

    id: str
    name: str
    unit_kind: str
    domain: str
    sector: str = "education"
    aliases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    change_kind: Optional[str] = None
    note: Optional[str] = None
    context_in_sentence: bool = False  # a context word anywhere in the number's sentence will do
    exclude_before: bool = False  # an exclude word in the clause before the number's counts too

    @property
    def ratio(self) -> bool:
        """A share or rate (its figures are percents but it does not 增长X%)."""
        return self.unit_kind == "percent" and bool(_RATIO_NAME.search(self.name))

    def fits(self, kind: str, is_change: bool) -> bool:
        """Whether a metric of ``kind`` can be a figure of this indicator. A change in percentage
        points (大班额占比下降4.23个百分点) is not the share itself unless ``change_kind`` says so."""
        if kind in _COMPATIBLE.get(self.unit_kind, (self.unit_kind,)) and not (
                is_change and kind == "percentage_point" and self.change_kind != "percentage_point"):
            return True
        return is_change and self.change_kind is not None and kind in _COMPATIBLE.get(self.change_kind, (self.change_kind,))


_ID = regex.compile(r"[a-z][a-z0-9_]*")
_RATIO_NAME = regex.compile(r"(?:率|比|比例|比重|占比)$")


def _indicator(row: dict[str, Any], source: str) -> Indicator:
    try:
        ident = row["id"]
        if not _ID.fullmatch(ident):
            raise ConfigError(f"{source}: indicator id {ident!r} is not ascii snake_case")
        return Indicator(
            id=ident, name=row["name"], unit_kind=row["unit_kind"], domain=row.get("domain", ""),
            sector=row.get("sector", "education"), aliases=tuple(row.get("aliases", ())),
            patterns=tuple(row.get("patterns", ())), context=tuple(row.get("context", ())),
            exclude=tuple(row.get("exclude", ())), change_kind=row.get("change_kind"), note=row.get("note"),
            context_in_sentence=row.get("context_reach") == "sentence",
            exclude_before=row.get("exclude_reach") == "clause_before",
        )
    except KeyError as missing:
        raise ConfigError(f"{source}: indicator {row!r} lacks {missing}") from None


def _merge(base: Indicator, row: dict[str, Any]) -> Indicator:
    """A user row with a known id adds aliases, patterns and context; other fields it gives replace."""
    def extend(name: str) -> tuple[str, ...]:
        old = getattr(base, name)
        return old + tuple(x for x in row.get(name, ()) if x not in old)

    return Indicator(
        id=base.id, name=row.get("name", base.name), unit_kind=row.get("unit_kind", base.unit_kind),
        domain=row.get("domain", base.domain), sector=row.get("sector", base.sector),
        aliases=extend("aliases"), patterns=extend("patterns"), context=extend("context"), exclude=extend("exclude"),
        change_kind=row.get("change_kind", base.change_kind), note=row.get("note", base.note),
        context_in_sentence=row.get("context_reach", "sentence" if base.context_in_sentence else "") == "sentence",
        exclude_before=row.get("exclude_reach", "clause_before" if base.exclude_before else "") == "clause_before",
    )


class _Cues:
    """Phrase trimming and the other matching cues, built once from ``data/kpi_cues.json``."""

    def __init__(self) -> None:
        data = load_json("kpi_cues.json")
        # Trimming runs for every metric: the longest literal word at the end (a backward match) or start,
        # the few patterns only where they can apply.
        self.end_words = regex.compile(alternation(data["strip_end"]), regex.REVERSE)
        self.end_patterns = regex.compile(rf"(?:{'|'.join(data['strip_end_patterns'])})$")
        one = rf"(?:{'|'.join(data['strip_start_patterns'])}|{alternation(data['strip_start'])})"
        self.strip_start = regex.compile(rf"{one}+")
        self.start_words = regex.compile(alternation(data["strip_start"]))
        self.start_patterns = regex.compile(rf"(?:{'|'.join(data['strip_start_patterns'])})")
        self.split_re = re.compile("|".join(re.escape(w) for w in sorted(data["split_after"], key=len, reverse=True)))
        self.to_between = regex.compile(data["to_between"])
        lists = data["area_lists"]
        self.area_list = regex.compile(lists["pattern"])
        self.joint_areas: list[str] = lists["joint_areas"]
        self.area_names: dict[str, str] = lists["area_names"]
        self.area_list_ids: dict[str, dict[str, str]] = lists["ids"]
        self.area_list_between = regex.compile(lists["between"])
        self.area_list_then = regex.compile(lists["then"])
        self.sentence_reach = int(data["context_sentence_reach"])
        # 高技术制造业和装备制造业增加值分别…: the members of a list of names, as the indicator phrases split them
        self.name_list = regex.compile(load_json("indicators.json")["member_separators"])
        self.qualifier_gap = regex.compile(alternation(load_json("indicators.json")["qualifiers_after"]))
        self.area_joint = regex.compile(lists["joint"])
        self.level_between = regex.compile(data["level_between"])
        self.class_heads = regex.compile(data["level_classes"]["heads"])
        self.class_units = frozenset(data["level_classes"]["units"])
        self.after_end = regex.compile(data["after_end"])
        self.respectively = regex.compile(data["respectively"])
        self.list_lead = regex.compile(alternation(data["list_leads"]))
        self.threshold_after = regex.compile(data["threshold_after"])
        self.growth_cues = frozenset(data["growth_cues"])
        self.own_name = regex.compile(data["own_name"])
        self.bare_change = regex.compile(data["bare_change"])
        self.bare_change_reach = int(data["bare_change_reach"])
        self.clause_end = re.compile(r"[,，。;；:：!！?？\n]")
        self.max_len = data["max_length"]
        self.context_reach = data["context_reach"]
        self.change_reach = data["change_reach"]
        self.pattern_reach = data["pattern_reach"]
        self.max_cuts = data["max_cuts"]
        self.after_min_free = data["after_min_free"]
        schools = data["education_document"]
        self.education_words = regex.compile(alternation(schools["words"]))
        self.education_density = float(schools["min_per_thousand"]) / 1000
        self._school_context: dict[str, bool] = {}
        self.suffix_kinds = frozenset(schools["suffix_kinds"])
        self.parts: dict[str, dict[str, str]] = data["parts"]["ids"]
        self.alike_units = frozenset(data["parts"]["alike_units"])
        self.count_classes = [(tuple(row["heads"]), frozenset(row["units"]))
                              for name, row in data["count_classes"].items() if not name.startswith("_")]
        self.school_words = frozenset(schools["words"])
        self.money_before = regex.compile(data["money_without_unit"]["before"])
        self.refinements = [
            (row["from"], row["to"], tuple(row["any"]), tuple(row.get("none", ())))
            for row in data["refinements"]
        ]
        self.composed = _Composed(data["composed"])

    def school_context(self, ind: Indicator) -> bool:
        """Whether the indicator's context words say only that the figure is a school's (学校, 幼儿园…): a
        report about schools is that context; 营养 for a nutrition figure it is not."""
        known = self._school_context.get(ind.id)
        if known is None:
            known = self._school_context[ind.id] = not self.school_words.isdisjoint(ind.context)
        return known


class _Composed:
    """``composed`` in kpi_cues.json: a name no alias spells, read as level + fillers + head
    (学龄儿童入学率 → primary_enrollment_rate), or a level alone by its unit class (职高x所)."""

    _NOISE = regex.compile(r"[“”\"'‘’「」『』]|\([^()]{1,2}\)")

    def __init__(self, data: dict[str, Any]) -> None:
        self.levels: list[str] = list(data["levels"])
        levels = "|".join(f"(?P<{name}>{pattern})" for name, pattern in data["levels"].items())
        self.head_ids: list[dict[str, str]] = [dict(row["ids"]) for row in data["heads"]]
        heads = "|".join(f"(?P<h{i}>{row['head']})" for i, row in enumerate(data["heads"]))
        self.named = regex.compile(rf"(?:{levels})(?:{data['fillers']})*?(?:{heads})")
        self.level_alone = regex.compile(rf"(?:{levels})")
        self.bare: dict[str, dict[str, str]] = {key: dict(ids) for key, ids in data["bare"].items()}
        self.bare_people = frozenset(data["bare_people_words"])
        self.rate_exclude = regex.compile(data["rate_exclude"])
        self.intake = regex.compile(data["intake_verbs"]["verbs"])
        self.students_head = data["intake_verbs"]["students_head"]
        self.intake_head = data["intake_verbs"]["intake_head"]
        students, intakes = self.head_ids[self.students_head], self.head_ids[self.intake_head]
        self.intake_of = {ident: intakes[level] for level, ident in students.items() if level in intakes}
        self.institution_units, self.people_units = count_units()

    def clean(self, phrase: str) -> str:
        return self._NOISE.sub("", phrase) if self._NOISE.search(phrase) else phrase

    def level(self, found: regex.Match[str]) -> Optional[str]:
        return next((name for name in self.levels if found.group(name) is not None), None)

    def ident(self, phrase: str, intake: bool = False) -> Optional[str]:
        """The id the phrase composes, if any (its unit kind still to be checked); ``intake``: an intake
        verb opens the clause, so students are the intake."""
        if intake:
            verb = self.intake.match(phrase)
            phrase = phrase[verb.end():] if verb is not None else phrase
        found = self.named.fullmatch(phrase)
        if found is None:
            return None
        level = self.level(found)
        head = next(i for i in range(len(self.head_ids)) if found.group(f"h{i}") is not None)
        if intake and head == self.students_head:
            head = self.intake_head
        ident = self.head_ids[head].get(level) if level is not None else None
        if ident is not None and phrase.endswith("率") and self.rate_exclude.search(phrase):
            return None  # 学前一年入园率: not the three-year rate
        return ident

    def bare_ident(self, name: str, unit: str) -> Optional[str]:
        """A level alone as the whole name of a count (职高x所, 其中幼儿xxxx人): by its unit's class."""
        found = self.level_alone.fullmatch(name)
        level = self.level(found) if found is not None else None
        if level is None:
            return None
        if unit in self.institution_units:
            return self.bare["institutions"].get(level)
        if unit in self.people_units and name in self.bare_people:
            return self.bare["people"].get(level)
        return None


    def stock_of(self, name: str) -> Optional[str]:
        """The students' id of the level a name of schools is (初级中学 → junior_secondary_enrollment)."""
        at = name.find("有")  # 明光镇有初级中学1所: where, then what
        if 0 <= at <= 8:
            name = name[at + 1:]
        return self.ident(name + "在校生", False) if self.level_alone.fullmatch(name) is not None else None


def area_ids(kind: str) -> dict[str, str]:
    """The id of each area's income figure of ``kind`` (城镇 → urban_disposable_income_growth for a percent):
    a figure of :data:`JOINT_AREA` stands for one of each."""
    return dict(_cues().area_list_ids.get(kind, {}))


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    return _Cues()


@dataclass
class Vocabulary:
    """Indicators by id, with the alias index and the pattern regex built once."""

    indicators: dict[str, Indicator]
    _by_alias: dict[str, list[Indicator]] = field(default_factory=dict, repr=False)
    _lengths_by_head: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)
    _patterns: Optional[regex.Pattern[str]] = field(default=None, repr=False)
    _pattern_owner: dict[str, Indicator] = field(default_factory=dict, repr=False)
    _sibling: dict[tuple[str, str], Optional[Indicator]] = field(default_factory=dict, repr=False)
    _by_tail: dict[str, list[tuple[str, Indicator]]] = field(default_factory=dict, repr=False)
    _near_memo: dict[tuple[str, str, bool, bool], Optional[Indicator]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        heads: dict[str, set[int]] = {}
        for ind in self.indicators.values():
            for alias in (ind.name, *ind.aliases):
                key = _fold(alias)
                bucket = self._by_alias.setdefault(key, [])
                if ind not in bucket:
                    bucket.append(ind)
                    if len(key) >= _near().min_length:
                        self._by_tail.setdefault(key[-2:], []).append((key, ind))
                if len(key) >= 2:
                    heads.setdefault(key[:2], set()).add(len(key))
        self._lengths_by_head = {head: tuple(sorted(lengths, reverse=True)) for head, lengths in heads.items()}
        keys = list(self._by_alias)
        # None (no pruning) if some alias is shorter than two characters
        self.tails: Optional[frozenset[str]] = (
            frozenset(k[-2:] for k in keys) if all(len(k) >= 2 for k in keys) else None)
        branches: list[str] = []
        sources: list[str] = []
        for ind in self.indicators.values():
            for pattern in ind.patterns:
                group = f"p{len(branches)}"
                branches.append(f"(?P<{group}>{pattern})")
                sources.append(pattern)
                self._pattern_owner[group] = ind
        data = [ind.patterns for ind in self.indicators.values()]
        if branches:
            self._patterns = regex.compile(guarded("|".join(branches), data))
        else:
            self._patterns = None
        # Every shipped pattern holds the number (#): the leftmost match either opens before the #
        # (the few patterns that name the thing first) or at it. Split that way, a window costs one
        # search over those few and one match at the #, not every branch at every position.
        self._before_hash: Optional[regex.Pattern[str]] = None
        self._at_hash: Optional[regex.Pattern[str]] = None
        if branches and all("#" in p for p in sources):
            before = [b for b, p in zip(branches, sources) if not p.startswith("#")]
            at = [b for b, p in zip(branches, sources) if p.startswith("#")]
            self._before_hash = regex.compile(guarded("|".join(before), data)) if before else None
            self._at_hash = regex.compile("|".join(at)) if at else None
            self._split = True
        else:
            self._split = False

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[dict[str, Any], str]]) -> Vocabulary:
        indicators: dict[str, Indicator] = {}
        for row, source in rows:
            ident = row.get("id")
            base = indicators.get(ident) if isinstance(ident, str) else None
            if base is not None:
                indicators[base.id] = _merge(base, row)
            else:
                ind = _indicator(row, source)  # checks the id
                indicators[ind.id] = ind
        return cls(indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    def __getitem__(self, ident: str) -> Indicator:
        return self.indicators[ident]

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.indicators.values())

    def lookup(self, phrase: str, kind: str, is_change: bool = False, growth: bool = False) -> Optional[Indicator]:
        """The indicator one of whose aliases equals ``phrase`` and whose unit kind fits ``kind``;
        ``growth``: the figure is a percent growth, which no share or rate has."""
        for ind in self._by_alias.get(phrase, ()):
            if ind.fits(kind, is_change) and not (growth and ind.ratio):
                return ind
        return None

    def lookup_near(self, phrase: str, kind: str, is_change: bool = False, growth: bool = False) -> Optional[Indicator]:
        """The indicator an alias of which ``phrase`` writes with a word more or less
        (学前三年幼儿入园率 for 学前三年入园率, 残疾儿童义务教育入学率 for 残疾儿童少年义务教育入学率):
        the same last two characters (the head), one inside the other with at most ``max_gap`` filler
        characters (``near`` in kpi_cues.json); None when no alias, or aliases of two indicators, are that near."""
        if len(phrase) < _near().min_length or _near().list_marks.search(phrase):
            return None  # 民办学校、幼儿园: two things, not a name written with a word more
        key = (phrase, kind, is_change, growth)
        if key in self._near_memo:
            return self._near_memo[key]
        found = self._near(phrase, kind, is_change, growth)
        if len(self._near_memo) > 50_000:
            self._near_memo.clear()
        self._near_memo[key] = found
        return found

    def _near(self, phrase: str, kind: str, is_change: bool, growth: bool) -> Optional[Indicator]:
        best: Optional[Indicator] = None
        max_gap = _near().max_gap
        best_gap = max_gap + 1
        for alias, ind in self._by_tail.get(phrase[-2:], ()):
            gap = abs(len(alias) - len(phrase))
            if gap == 0 or gap > max_gap or gap > best_gap or not ind.fits(kind, is_change) or (growth and ind.ratio):
                continue
            short, long = (alias, phrase) if len(alias) < len(phrase) else (phrase, alias)
            if not _inside(short, long):
                continue
            if gap < best_gap:
                best, best_gap = ind, gap
            elif best is not None and ind is not best:
                best = None  # two indicators as near: neither
        if best is None:
            best = self._headed(phrase, kind, is_change, growth)
        return best

    def _headed(self, phrase: str, kind: str, is_change: bool, growth: bool) -> Optional[Indicator]:
        """An education indicator whose long alias ends ``phrase`` after a few words that say where
        or for whom (农村义务教育阶段家庭经济困难学生 for 家庭经济困难学生)."""
        found: Optional[Indicator] = None
        rules = _near()
        for alias, ind in self._by_tail.get(phrase[-2:], ()):
            if (len(alias) >= rules.head_min and len(alias) < len(phrase) <= len(alias) + rules.head_reach
                    and ind.sector == "education" and phrase.endswith(alias)
                    and ind.fits(kind, is_change) and not (growth and ind.ratio)):
                if found is not None and found is not ind:
                    return None
                found = ind
        return found

    def lookup_suffix(self, phrase: str, kind: str, is_change: bool = False) -> Optional[Indicator]:
        """The education indicator whose longest alias ending ``phrase`` is longest of all
        (区投资, 学前教育投入资金 → an investment); None when two indicators' aliases end it as long."""
        best: Optional[Indicator] = None
        best_len = 0
        for length in range(len(phrase) - 1, 1, -1):
            for ind in self._by_alias.get(phrase[-length:], ()):
                if ind.sector != "education" or not ind.fits(kind, is_change) or ind.ratio:
                    continue
                if best is not None and ind is not best and best_len == length:
                    return None
                if best is None:
                    best, best_len = ind, length
            if best is not None:
                return best
        return None

    def lookup_prefix(self, text: str, kind: str, boundary: regex.Pattern[str], free: int) -> Optional[Indicator]:
        """The longest alias that starts ``text`` and is followed by a word boundary (改造244个 *中小学实验室*，);
        an alias of ``free`` characters or more needs no boundary."""
        for length in self._lengths_by_head.get(text[:2], ()):
            if length <= len(text) and (length >= free or length == len(text) or boundary.match(text, length)):
                ind = self.lookup(text[:length], kind)
                if ind is not None:
                    return ind
        return None

    def starts_name(self, copy: str, pos: int) -> bool:
        """Whether some alias starts at ``copy[pos]`` (any unit kind)."""
        for length in self._lengths_by_head.get(copy[pos:pos + 2], ()):
            if copy[pos:pos + length] in self._by_alias:
                return True
        return False

    def search_patterns(self, window: str, kind: str, is_change: bool) -> Optional[Indicator]:
        """The first pattern found in ``window`` (the sentence around the number, the number as ``#``)."""
        if self._patterns is None:
            return None
        if self._split and window.count("#") == 1:
            hash_at = window.index("#")
            found = self._before_hash.search(window) if self._before_hash is not None else None
            if found is None or found.start() < hash_at:
                if found is None and self._at_hash is not None:
                    found = self._at_hash.match(window, hash_at)
                if found is None:
                    return None
                ind = self._pattern_owner[cast(str, found.lastgroup)]  # every branch is a named group
                return ind if ind.fits(kind, is_change) else None
        for found in self._patterns.finditer(window, overlapped=False):
            ind = self._pattern_owner[cast(str, found.lastgroup)]
            if ind.fits(kind, is_change):
                return ind
        return None

    def sibling(self, ind: Indicator, kind: str) -> Optional[Indicator]:
        """``ind`` itself, or the indicator sharing its name with a unit kind that fits ``kind``
        (retail_sales → retail_sales_growth for a percent), for a change amount after a figure of ``ind``."""
        key = (ind.id, kind)
        if key not in self._sibling:
            found: Optional[Indicator] = None
            if ind.fits(kind, True):
                found = ind
            else:
                for alias in (ind.name, *ind.aliases):
                    found = next((o for o in self._by_alias.get(_fold(alias), ()) if o.fits(kind, False)), None)
                    if found is not None:
                        break
            self._sibling[key] = found
        return self._sibling[key]


class _NearRules(NamedTuple):
    """``near`` in kpi_cues.json: how a figure's own phrase may match an alias it writes differently."""

    fillers: frozenset[str]
    min_length: int
    max_gap: int
    head_min: int
    head_reach: int
    list_marks: regex.Pattern[str]


@lru_cache(maxsize=1)
def _near() -> _NearRules:
    data = load_json("kpi_cues.json")["near"]
    return _NearRules(frozenset(data["fillers"]), data["min_length"], data["max_gap"], data["head_min"],
                      data["head_reach"], regex.compile(data["list_marks"]))


def _inside(short: str, long: str) -> bool:
    """``short`` is ``long`` without one or two ``near`` fillers inside it (its first
    character and its head kept: a word before the name, 城乡 or 规模以上, changes what it measures)."""
    if short[0] != long[0]:
        return False
    fillers = _near().fillers
    i, runs = 0, 0
    for ch in short:
        j = long.find(ch, i)
        if j < 0:
            return False
        if j > i:
            if long[i:j] not in fillers:
                return False
            runs += 1
        i = j + 1
    return runs <= 2 and i == len(long)


@lru_cache(maxsize=8192)
def _fold(phrase: str) -> str:
    """Aliases are matched on the matching copy: full-width letters and digits folded to ASCII."""
    from edureport.text.normalize import matching_copy

    return matching_copy(phrase)


def vocabulary_entries(data: Any, source: str) -> list[tuple[dict[str, Any], str]]:
    """``{"indicators": [...]}`` or a bare list as ``(entry, source)`` pairs; a clear error otherwise."""
    rows = data.get("indicators") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise ConfigError(f"{source}: expected a list of indicators or {{\"indicators\": [...]}}")
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("id"), str):
            raise ConfigError(f"{source}: every indicator is an object with a string \"id\", not {row!r:.80}")
    return [(row, source) for row in rows]


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """The shipped vocabulary (``data/kpis.json``), built once per process."""
    return Vocabulary.from_rows(vocabulary_entries(load_json("kpis.json"), "kpis.json"))


@lru_cache(maxsize=16)
def load_vocabulary(paths: Sequence[Union[str, Path]] = ()) -> Vocabulary:
    """The shipped vocabulary with the user's JSON files merged in, in order (cached per tuple of paths).

    A file holds ``{"indicators": [...]}`` (or the bare list) in the format of
    ``data/kpis.json``; an entry with a new id is added, one with a known id
    extends that indicator's aliases, patterns and context (and replaces the other fields it gives).
    """
    if not paths:
        return default_vocabulary()
    return merged_vocabulary([entry for path in paths for entry in read_vocabulary(path)])


def read_vocabulary(path: Union[str, Path]) -> list[tuple[dict[str, Any], str]]:
    """The entries of a user's vocabulary file, each with the file's name for error messages."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ConfigError(f"KPI vocabulary {path}: {err}") from None
    return vocabulary_entries(data, str(path))


def merged_vocabulary(entries: Sequence[tuple[dict[str, Any], str]]) -> Vocabulary:
    """The shipped vocabulary with ``entries`` (from :func:`read_vocabulary`) merged in, in order."""
    if not entries:
        return default_vocabulary()
    return Vocabulary.from_rows(vocabulary_entries(load_json("kpis.json"), "kpis.json") + list(entries))


# --------------------------------------------------------------------------- matching


def _cut_end(copy: str, begin: int, end: int, cues: _Cues) -> int:
    """``end`` moved before one trailing cue word (达到, 增长…), or -1 when there is none."""
    found = cues.end_words.match(copy, begin, end)  # backward: the longest word ending at ``end``
    best = found.start() if found is not None else -1
    if copy[end - 1:end] in ("年", "底", "末", "的"):
        found = cues.end_patterns.search(copy, max(begin, end - 18), end)
        if found is not None and (best < 0 or found.start() < best):
            best = found.start()
    return best


def _cut_start(copy: str, first: int, end: int, cues: _Cues) -> int:
    """``first`` moved past one leading scope word (2025年, 全省, 力争…), or -1 when there is none."""
    found = cues.start_words.match(copy, first, end - 1)  # the longest word that leaves a character
    if found is not None:
        return found.end()
    found = cues.start_patterns.match(copy, first, end)
    return found.end() if found is not None and found.end() < end else -1


_JOINS = frozenset("和与及")


def _unspaced(phrase: str) -> str:
    """A phrase without the spaces a PDF's line ends left inside words (新增校 舍面积, 全区教育 总投入): no alias has one."""
    return phrase.replace(" ", "") if " " in phrase else phrase


def _phrases(copy: str, begin: int, start: int, free: Optional[str], cues: _Cues,
             tails: Optional[frozenset[str]] = None) -> Iterator[str]:
    """Candidate names of the measured thing, most specific first.

    The clause before the number (from ``begin``) is cut one trailing cue word at a time
    (达到, 增长, 同比…); each cut is tried as it stands, after its last 的/等/和, and with its
    leading scope words (2025年, 全省, 力争, 开展…) removed one by one. ``tails``: the last two
    characters of every alias; the candidates of a cut that ends otherwise cannot match and are
    not made (this runs for every metric).
    """
    end = start
    while end > begin and copy[end - 1] == " ":
        end -= 1
    begin = max(begin, end - cues.max_len - 8)
    splits = [m.end() for m in cues.split_re.finditer(copy, begin, end)]
    for _ in range(cues.max_cuts):
        if end - begin < 2:
            break
        if tails is not None and copy[end - 2:end] not in tails:
            end = _cut_end(copy, begin, end, cues)
            if end < 0:
                break
            continue
        # 户籍学生数与随迁子女数: two names of one head joined, not a clause and the name after it
        split = max((at for at in splits if at <= end - 2 and not (
            copy[at - 1] in _JOINS and copy[at - 2] in copy[end - 1:end + 1])), default=-1) if splits else -1
        starts = (begin, split) if split > begin else (begin,)
        for first in starts:
            if end - first <= cues.max_len:
                yield _unspaced(copy[first:end])
            for _ in range(cues.max_cuts):
                first = _cut_start(copy, first, end, cues)
                if first < 0:
                    break
                if end - first <= cues.max_len:
                    yield _unspaced(copy[first:end])
        end = _cut_end(copy, begin, end, cues)
        if end < 0:
            break
    if free:
        yield free
        head = cues.strip_start.match(free)
        if head is not None and head.end() < len(free):
            yield free[head.end():]


def _context_ok(ind: Indicator, copy: str, metric: Metric, cues: _Cues, sentence: tuple[int, int],
                clause: int, schools: bool = False) -> bool:
    """One of the indicator's context words stands in the number's sentence, near it, and none of
    its ``exclude`` words in the number's clause (from ``clause`` to the next break after it)."""
    if ind.exclude:
        hi = min(sentence[1], metric.end + cues.context_reach)
        stop = cues.clause_end.search(copy, metric.end, hi)
        hi = stop.start() if stop is not None else hi
        lo = _clause_before(copy, clause, sentence[0], cues) if ind.exclude_before else clause
        if any(copy.find(word, lo, hi) >= 0 for word in ind.exclude):
            return False
    if not ind.context or (schools and ind.sector == "education" and cues.school_context(ind)):
        return True  # in a report about schools, the report is the context of words that only say "a school"
    if ind.context_in_sentence:  # 县春晖路小学,占地24亩,…,累计投入资金2600万元: the school is the sentence's topic
        reach = cues.sentence_reach  # a run-on "sentence" of a page without stops is bounded all the same
        lo, hi = max(sentence[0], metric.start - reach), min(sentence[1], metric.end + reach)
    else:
        lo, hi = max(sentence[0], metric.start - cues.context_reach), min(sentence[1], metric.end + cues.context_reach)
    return _any_of(ind.context).search(copy, lo, hi) is not None  # one scan, not one per word


def _clause_before(copy: str, clause: int, floor: int, cues: _Cues) -> int:
    """Where the clause before the one starting at ``clause`` starts (not before ``floor``, the sentence's start,
    nor more than ``context_reach`` back)."""
    lo = max(floor, clause - 1 - cues.context_reach)
    breaks = [found.end() for found in cues.clause_end.finditer(copy, lo, max(lo, clause - 1))]
    return breaks[-1] if breaks else lo


@lru_cache(maxsize=1024)
def _any_of(words: tuple[str, ...]) -> regex.Pattern[str]:
    return regex.compile(alternation(list(words)))


_SENTENCE_STOPS = frozenset("。;；\n")
_QUALIFIER_REACH = 6  # a qualifier between a count and its noun: 100所一级以上优质幼儿园
_MAGNITUDE_ENDS = frozenset("万亿萬億")


def _percent_growth(metric: Metric, cues: _Cues) -> bool:
    """A percent change said with a growth word (增长5%): no share or rate is one."""
    change = metric.change
    return metric.kind == "percent" and change is not None and change.role == "delta" and change.cue in cues.growth_cues


class _Matcher:
    """Indicator ids of the metrics of one text, in document order."""

    def __init__(self, copy: str, vocabulary: Vocabulary) -> None:
        self.copy = copy
        self.vocab = vocabulary
        self.cues = _cues()
        self.previous: Optional[Metric] = None
        self.previous_ind: Optional[Indicator] = None
        self.by_start: dict[int, Optional[Indicator]] = {}
        self.inherited_change = False
        self.total: Optional[tuple[Metric, Indicator]] = None  # the last figure whose parts have ids of their own
        self._counts_memo: dict[tuple[str, str], bool] = {}
        self._pattern_memo: dict[tuple[str, str, bool], Optional[Indicator]] = {}  # the patterns' answer per window
        self._own_memo: dict[str, str] = {}
        self._threshold_memo: dict[str, bool] = {}
        self._named_memo: dict[tuple[str, Optional[str], str, bool, bool], tuple[Indicator, ...]] = {}
        self._composed_memo: dict[tuple[str, Optional[str], str, bool, bool, str, bool], Optional[Indicator]] = {}
        words = len(self.cues.education_words.findall(copy))
        self.schools = words >= self.cues.education_density * len(copy)  # a report about schools

    def match(self, metric: Metric, clause: int, sentence: tuple[int, int], coarse: int) -> Optional[Indicator]:
        """``coarse``: where the number's clause starts when only commas, colons and semicolons break it
        (at most 60 characters back, not before the sentence)."""
        self.inherited_change = False
        ind, inherited = self._match(metric, clause, sentence, coarse)
        if ind is not None and not inherited:
            ind = self._refine(ind, metric, sentence)
            if ind.id in self.cues.parts:
                ind = self._level_of_schools(ind, metric, sentence)
            intake = self.cues.composed.intake_of.get(ind.id)
            if intake is not None and self.cues.composed.intake.search(self.copy, coarse, metric.start):
                ind = self.vocab.indicators.get(intake, ind)  # 扩招普高学生300人、中职学生500人: the intake
        if ind is not None and metric.unit and ind.unit_kind == "count" and not self._counts(ind, metric.unit):
            ind = None  # 民办幼儿园×人: children, not kindergartens
        self.previous, self.previous_ind = metric, ind
        self.by_start[metric.start] = ind
        if ind is not None and ind.id in self.cues.parts:
            self.total = (metric, ind)
        return ind

    def _match(self, metric: Metric, clause: int, sentence: tuple[int, int],
               coarse: int) -> tuple[Optional[Indicator], bool]:
        copy, vocab, cues = self.copy, self.vocab, self.cues
        kind = metric.kind
        if not metric.unit and metric.text[-1:] in _MAGNITUDE_ENDS \
                and cues.money_before.search(copy, max(0, metric.start - 6), metric.start):
            kind = "money"  # 投入5000万开展…: a sum whose 元 is left out
        change = metric.change
        is_change = change is not None and change.role == "delta"
        begin = clause
        prev = self.previous
        if prev is not None and clause < prev.end <= metric.start:
            begin = prev.end
        free = _fold(metric.indicator) if metric.indicator else None
        topic = False
        if free and copy.find(free, max(0, clause - len(free)), metric.start) < 0 and not self._after_qualifier(free, metric):
            topic = self._topic(free, clause, metric)
            if not topic:
                free = None  # taken over from another figure (同比增长 after 教育经费支出…): inheritance decides
        growth = _percent_growth(metric, cues)
        said = cues.respectively.search(copy, coarse, metric.start) if copy.find("分别", coarse, metric.start) >= 0 \
            else None
        if said is not None:
            if cues.name_list.search(copy, coarse, said.start()) is not None:
                # 高技术制造业和装备制造业增加值分别增长13.8%、18.1%: each figure its member, the head shared
                member = _fold(metric.indicator) if metric.indicator else None
                return self._member(member, coarse, said.start(), kind, is_change, growth), False
            if copy.find("、", coarse, metric.start) >= 0:
                if self._one_name_list(metric):
                    # 2019年至2021年教育事业支出分别为3.1亿元、3.3亿元、3.6亿元: one name, a figure a year
                    return self.previous_ind, True
                return None, False
        if topic and free:  # 工农业总产值，比1980年预计增长5.5%: the clause before is the name alone
            ind = vocab.lookup(free, kind, is_change, growth)
            if ind is not None and _context_ok(ind, copy, metric, cues, sentence, clause, self.schools):
                return ind, False
        after = copy[metric.end:metric.end + 8]
        threshold = self._threshold_memo.get(after)
        if threshold is None:  # 以上的…, 的: the number is a threshold or a modifier, not a figure of a name before it
            threshold = self._threshold_memo[after] = cues.threshold_after.match(after) is not None
        for named in () if threshold else self._named(begin, metric.start, free, kind, is_change, growth):
            if _context_ok(named, copy, metric, cues, sentence, clause, self.schools):
                return named, False
        if not threshold and prev is not None and prev.end <= begin <= prev.end + 1 and copy.startswith("、", prev.end):
            ind = self._led(metric, prev, coarse, kind, is_change, growth)
            if ind is not None and _context_ok(ind, copy, metric, cues, sentence, clause, self.schools):
                return ind, False
        after = copy[metric.end:min(len(copy), metric.end + cues.max_len + 1)]
        if after.startswith("的"):
            after = after[1:]
        ind = vocab.lookup_prefix(after, kind, cues.after_end, cues.after_min_free)
        if ind is not None and _context_ok(ind, copy, metric, cues, sentence, clause, self.schools):
            return ind, False
        lo, hi = sentence
        reach = cues.pattern_reach
        # a PDF's spaces either side of the figure (普通小学生均支出 12345.67 元) are no part of the pattern
        window = copy[max(lo, metric.start - reach):metric.start].rstrip(" ") + "#" + \
            copy[metric.end:min(hi, metric.end + reach)].lstrip(" ")
        key = (window, kind, is_change)
        if key in self._pattern_memo:
            ind = self._pattern_memo[key]
        else:
            ind = self._pattern_memo[key] = vocab.search_patterns(window, kind, is_change)
        if ind is not None and _context_ok(ind, copy, metric, cues, sentence, clause, self.schools):
            return ind, False
        part = self._part(metric, clause, sentence) or self._share(metric)
        if part is not None:
            return part, False
        if not threshold:
            ind = self._composed(metric, begin, clause, coarse, free, kind, is_change, growth)
            if ind is not None and _context_ok(ind, copy, metric, cues, sentence, clause, self.schools):
                return ind, False
        listed = copy[metric.end:metric.end + 1] == "、" or copy[metric.start - 1:metric.start] == "、"
        # 城乡…分别增长, 城乡居民收入增长5.3%、7.7%: which is which is not named
        if not threshold and not listed and not cues.respectively.search(copy, coarse, metric.start):
            for near in self._near(metric, clause, kind, is_change, growth):
                if _context_ok(near, copy, metric, cues, sentence, clause, self.schools):
                    return near, False
            if self.schools and kind in cues.suffix_kinds and not is_change:
                ind = self._suffix(metric, clause, kind)
                if ind is not None:
                    return ind, False
        return self._inherit(metric, clause, is_change), True

    def _member(self, free: Optional[str], begin: int, end: int, kind: str, is_change: bool,
                growth: bool) -> Optional[Indicator]:
        """The id of the figure's own member of a list of names (its free phrase, found among them); a member
        before the last takes the head the last one carries (高技术制造业 + 增加值)."""
        copy = self.copy
        at = copy.find(free, begin, end) if free else -1
        if free is None or at < 0:
            return None
        marks = list(self.cues.name_list.finditer(copy, begin, end))
        last = copy[marks[-1].end():end]
        lookup = self.vocab.lookup
        stems = [free, *self._stripped(free)]
        names = list(stems)
        if at < marks[-1].start():  # not the last member: the shared head follows the last one
            names += [stem + last[k:] for k in range(1, len(last)) for stem in stems]
        return next((ind for ind in (lookup(name, kind, is_change, growth) for name in names) if ind is not None), None)

    def _led(self, metric: Metric, prev: Metric, coarse: int, kind: str, is_change: bool,
             growth: bool) -> Optional[Indicator]:
        """A list member after a figure, read with the verb that opens the list (新增公立幼儿园园位1000个、
        中小学学位4000个: 新增 + 中小学学位), where the member alone names nothing."""
        copy = self.copy
        lead = self.cues.list_lead.search(copy, coarse, prev.start)
        if lead is None:
            return None
        verb = lead.group()
        lookup = self.vocab.lookup
        for phrase in _phrases(copy, prev.end + 1, metric.start, None, self.cues):
            if not phrase.startswith(verb):
                ind = lookup(verb + phrase, kind, is_change, growth)
                if ind is not None:
                    return ind
        return None

    def _one_name_list(self, metric: Metric) -> bool:
        """The figure follows one of its kind and unit across a list mark only, and that one has an id."""
        prev = self.previous
        return prev is not None and self.previous_ind is not None and prev.kind == metric.kind \
            and prev.unit == metric.unit and self.copy[prev.end:metric.start] in COORDINATED

    def _topic(self, free: str, clause: int, metric: Metric) -> bool:
        """The clause before the number's is the name alone (工农业总产值，比1980年增长5.5%), and the number's
        own clause names nothing."""
        copy = self.copy
        at = clause - len(free) - 1
        if at < 0 or copy[clause - 1] not in "，," or not copy.startswith(free, at):
            return False
        lead = at
        while lead > 0 and copy[lead - 1] not in _TOPIC_BEFORE and at - lead <= 8:
            lead -= 1
        if lead < at:  # 全市生产总值，: scope words may come first
            head = self.cues.strip_start.match(copy, lead, at)
            if head is None or head.end() != at:
                return False
        return not self._own_name(clause, metric)

    def _near(self, metric: Metric, clause: int, kind: str, is_change: bool, growth: bool) -> Iterator[Indicator]:
        """The indicator the figure's own phrase names with a word more or less (the last resort), when
        that phrase stands before the number (not the noun after a classifier, 完成***家营利性…培训机构转非:
        that is what the action was done to)."""
        if not metric.indicator or len(metric.indicator) < _near().min_length:
            return
        phrase = _fold(metric.indicator)
        if self.copy.find(phrase, max(0, clause - len(phrase)), metric.start) < 0:
            return
        near = self.vocab.lookup_near
        for candidate in (phrase, *self._stripped(phrase)):
            ind = near(candidate, kind, is_change, growth)
            if ind is not None:
                yield ind
                return

    def _share(self, metric: Metric) -> Optional[Indicator]:
        """A percent that took the name of the figure before it (a share, 公办幼儿园幼儿1230人，占38.4%; a growth,
        收入超1.6万亿元、较“十三五”增长16.3%): the percent indicator that name has in the vocabulary."""
        prev = self.previous
        if prev is None or metric.kind != "percent" or prev.kind == "percent" or not prev.indicator \
                or metric.indicator_start is None or metric.indicator_start != prev.indicator_start:
            return None
        return self.vocab.lookup(_fold(prev.indicator), "percent")

    def _counts(self, ind: Indicator, unit: str) -> bool:
        """Whether a count in ``unit`` can count what ``ind`` counts (``count_classes`` in kpi_cues.json)."""
        key = (ind.id, unit)
        known = self._counts_memo.get(key)
        if known is None:
            known = next((unit in units for heads, units in self.cues.count_classes if ind.name.endswith(heads)), True)
            self._counts_memo[key] = known
        return known

    def _part(self, metric: Metric, clause: int, sentence: tuple[int, int]) -> Optional[Indicator]:
        """A part of a total after 其中, or in a bracket after it, that names a level (在校学生79151人，其中中学生21763人，
        小学生34379人，幼儿21839人; 在校生43569人(教学点441人,小学24482人,中学18646人)):
        that level's indicator (``parts`` in kpi_cues.json), in the total's unit or one alike (名 and 人)."""
        if self.total is None:
            return None
        total, ind = self.total
        alike = total.unit == metric.unit or {total.unit, metric.unit} <= self.cues.alike_units
        if total.start < sentence[0] or total.end > metric.start or not alike:
            return None
        if self.copy.find("其中", total.end, metric.start) < 0 and not self._bracketed(total.end, metric.start):
            return None
        ident = self.cues.parts[ind.id].get(self._own_name(clause, metric))
        return self.vocab.indicators.get(ident) if ident is not None else None

    def _after_qualifier(self, free: str, metric: Metric) -> bool:
        """The figure's own phrase follows it, right after or past a qualifier (100所一级以上优质幼儿园), not a verb."""
        at = self.copy.find(free, metric.end, metric.end + len(free) + _QUALIFIER_REACH)
        return at == metric.end or (at > metric.end and self.cues.qualifier_gap.fullmatch(self.copy, metric.end, at) is not None)

    def _bracketed(self, after: int, start: int) -> bool:
        """A bracket opens right after the total and is still open at ``start``: 在校生43569人(…小学24482人,…)."""
        copy = self.copy
        return copy.startswith(("(", "（"), after) and copy.find(")", after, start) < 0 and copy.find("）", after, start) < 0

    def _suffix(self, metric: Metric, clause: int, kind: str) -> Optional[Indicator]:
        """In a report about schools, the figure's own phrase before it ends with the name of an education
        indicator after a word that says whose or which (区投资, 学前教育投入资金, 城乡各学校自筹资金)."""
        if not metric.indicator:
            return None
        phrase = _fold(metric.indicator)
        if self.copy.find(phrase, max(0, clause - len(phrase)), metric.start) < 0:
            return None
        return self.vocab.lookup_suffix(phrase, kind)

    def _stripped(self, phrase: str) -> Iterator[str]:
        head = self.cues.strip_start.match(phrase)
        if head is not None and head.end() < len(phrase):
            yield phrase[head.end():]

    def _named(self, begin: int, start: int, free: Optional[str], kind: str, is_change: bool,
               growth: bool) -> tuple[Indicator, ...]:
        """The indicators the phrases before the number name, most specific first (see :func:`_phrases`).

        A pure function of the phrase window, so kept per text: reports repeat their phrasing.
        """
        copy = self.copy
        end = start
        while end > begin and copy[end - 1] == " ":
            end -= 1
        begin = max(begin, end - self.cues.max_len - 8)
        key = (copy[begin:end], free, kind, is_change, growth)
        found = self._named_memo.get(key)
        if found is None:
            lookup = self.vocab.lookup
            # where a level is named, a phrase that composes an id (初中在校生的年辍学率) comes before an alias of
            # its tail, so every cut is tried (no pruning by the aliases' last characters)
            level = self.cues.composed.level_alone.search(key[0]) is not None
            found = tuple(ind for ind in (
                lookup(phrase, kind, is_change, growth)
                or (self._compose(self.cues.composed.clean(phrase), kind, is_change, growth) if level else None)
                for phrase in _phrases(copy, begin, end, free, self.cues, None if level else self.vocab.tails))
                if ind is not None)
            self._named_memo[key] = found
        return found

    def _compose(self, phrase: str, kind: str, is_change: bool, growth: bool,
                 intake: bool = False) -> Optional[Indicator]:
        """The indicator a cleaned ``phrase`` (quotation marks and short brackets out) composes, if it fits."""
        ident = self.cues.composed.ident(phrase, intake)
        ind = self.vocab.indicators.get(ident) if ident is not None else None
        return ind if ind is not None and ind.fits(kind, is_change) and not (growth and ind.ratio) else None

    def _composed(self, metric: Metric, begin: int, clause: int, coarse: int, free: Optional[str], kind: str,
                  is_change: bool, growth: bool) -> Optional[Indicator]:
        """The indicator a phrase before the number composes from a level and a head (``composed`` in
        kpi_cues.json), when no alias names it; a level alone by the unit, when it is the clause's whole name."""
        copy, cues = self.copy, self.cues
        composed = cues.composed
        intake = composed.intake.search(copy, coarse, metric.start) is not None  # 扩招普高学生190人、职高学生…
        key = (copy[begin:metric.start], free, kind, is_change, growth, metric.unit, intake)
        if key in self._composed_memo:
            return self._composed_memo[key]
        found: Optional[Indicator] = None
        window = composed.clean(key[0])
        if window == key[0] and composed.level_alone.search(window) is None:
            self._composed_memo[key] = None  # no level named, no quotation marks: nothing to read here
            return None
        if free and copy.find(free, max(0, clause - len(free)), metric.start) < 0:
            free = None  # the noun after the unit (*万名小学生通过…) is who took part, not a level's stock
        for phrase in _phrases(copy, begin, metric.start, free, cues):
            clean = composed.clean(phrase)
            found = self._compose(clean, kind, is_change, growth, intake)
            if found is None and clean != phrase:  # “两免一补”资金: an alias in quotation marks
                found = self.vocab.lookup(clean, kind, is_change, growth)
            if found is not None:
                break
        if found is None and kind == "count" and not is_change and metric.unit:
            ident = composed.bare_ident(composed.clean(self._own_name(clause, metric)), metric.unit)
            found = self.vocab.indicators.get(ident) if ident is not None else None
        self._composed_memo[key] = found
        return found

    def _own_name(self, clause: int, metric: Metric) -> str:
        """What the number's clause names once cue words are cut (居民消费价格 in 居民消费价格上涨0.1%)."""
        copy, cues = self.copy, self.cues
        begin = max(clause, self.previous.end if self.previous is not None and self.previous.end > clause else clause)
        window = copy[begin:metric.start]
        own = self._own_memo.get(window)
        if own is None:
            end = len(window)
            for _ in range(cues.max_cuts):
                cut = _cut_end(window, 0, end, cues)
                if cut < 0:
                    break
                end = cut
            head = cues.strip_start.match(window, 0, end)
            own = self._own_memo[window] = window[head.end() if head is not None else 0:end]
        return own

    def _inherit(self, metric: Metric, clause: int, is_change: bool) -> Optional[Indicator]:
        copy, cues = self.copy, self.cues
        change = metric.change
        if change is not None and change.role == "to" and change.partner_start is not None:
            partner = self.by_start.get(change.partner_start)
            if partner is not None and partner.fits(metric.kind, False):
                self.inherited_change = True
                return partner
        prev, prev_ind = self.previous, self.previous_ind
        if prev is None:
            return None
        between = copy[prev.end:metric.start]
        if not _SENTENCE_STOPS.isdisjoint(between):
            # …控制在百分之十以内。虽然…，涨幅仍然高达百分之二十一点七: a bare 涨幅 is the last sentence's figure's
            if prev_ind is not None and prev.kind == metric.kind and len(between) <= cues.bare_change_reach \
                    and sum(between.count(stop) for stop in _SENTENCE_STOPS) == 1 \
                    and cues.bare_change.fullmatch(self._own_name(clause, metric)) and prev_ind.fits(metric.kind, False):
                return prev_ind
            return None
        if prev_ind is None:
            # 固定资产投资完成194亿元，同比增长25%: the level has no id, its growth has one
            if not (is_change and prev.indicator and len(between) <= cues.change_reach) or \
                    cues.own_name.search(self._own_name(clause, metric)):
                return None
            growth = _percent_growth(metric, cues)
            phrase = _fold(prev.indicator)
            found = next((ind for ind in (self.vocab.lookup(name, metric.kind, True, growth)
                                          for name in (phrase, *self._stripped(phrase))) if ind is not None), None)
            # …同期增加3.5亿元，增幅11%: the comparison basis and area hold, whether or not an id does
            self.inherited_change = True
            return found
        prev_change = prev.change is not None and prev.change.role == "delta"  # 增长4.7%，…实际增长1.8%: said again
        if (not is_change or prev_change) and metric.indicator_start is not None \
                and metric.indicator_start == prev.indicator_start \
                and prev.kind == metric.kind and prev_ind.fits(metric.kind, False):
            self.inherited_change = True  # the figure before's comparison basis and area hold too
            return prev_ind  # 经济总量连跨5万亿元、6万亿元: one named thing, one id
        own = self._own_name(clause, metric)
        named = bool(cues.own_name.search(own))
        if is_change and len(between) <= cues.change_reach and not named:
            self.inherited_change = True
            sibling = self.vocab.sibling(prev_ind, metric.kind)
            # 本一上线591人，比去年增加100人: a change of a figure is not that figure (ANNOTATION.md §3), unless
            # its indicator says its changes keep it; its growth sibling (retail_sales → _growth) is another id,
            # and a change after a change is the same change said again (增长57.3%，年均增长9.5%)
            return None if sibling is prev_ind and prev_ind.change_kind is None and not prev_change else sibling
        if prev.kind == metric.kind and cues.to_between.search(between):
            self.inherited_change = True
            return prev_ind
        if prev.kind != metric.kind and not is_change and not named and cues.level_between.match(between):
            return self.vocab.sibling(prev_ind, metric.kind)  # 地区生产总值增长20%，达到282亿元: the level
        return None

    def _level_of_schools(self, ind: Indicator, metric: Metric, sentence: tuple[int, int]) -> Indicator:
        """Students counted right after a level's schools or classes are that level's (有初级中学1所,在校生1387人,
        小学10所,在校生2351人; 小学教学班865个,在校学生36558人)."""
        prev = self.previous
        if prev is None or prev.start < sentence[0] or not prev.indicator or metric.start - prev.end > 12 \
                or self.copy[prev.end:prev.end + 1] not in ",，":
            return ind
        name = self.cues.composed.clean(_fold(prev.indicator))
        if prev.unit not in self.cues.composed.institution_units:
            classes = self.cues.class_heads.search(name) if prev.unit in self.cues.class_units else None
            if classes is None:
                return ind
            name = name[:classes.start()]  # 小学教学班865个,在校学生36558人: a level's classes, then its students
        if self.copy.find("其中", max(sentence[0], prev.start - 30), prev.start) >= 0:
            return ind  # 中小学42所,其中特教学校1所,在校学生31200人: the students of all, after a part
        ident = self.cues.composed.stock_of(name)
        found = self.vocab.indicators.get(ident) if ident is not None else None
        return found if found is not None and found.fits(metric.kind, False) else ind

    def _refine(self, ind: Indicator, metric: Metric, sentence: tuple[int, int]) -> Indicator:
        for source, target, wanted, unwanted in self.cues.refinements:
            if ind.id == source and target in self.vocab.indicators:
                lo = max(sentence[0], metric.start - 200)
                text = self.copy[lo:metric.end]
                text = text[max(text.rfind("；"), text.rfind(";")) + 1:]
                if any(w in text for w in wanted) and not any(w in text for w in unwanted):
                    return self.vocab.indicators[target]
        return ind


def assign_kpis(metrics: list[Metric], text: str, copy: str, vocabulary: Optional[Vocabulary] = None) -> None:
    """Set ``indicator_id`` and the text-level ``scope`` of each metric (in place).

    Sentence and clause boundaries and the scope cues are found once per text and
    per sentence (:class:`edureport.quantities.scope.TextScope`); each metric then costs a few
    bisections and dictionary look-ups.
    """
    if not metrics:
        return

    vocab = vocabulary or default_vocabulary()
    scope = TextScope(copy, lambda pos: vocab.starts_name(copy, pos))
    matcher = _Matcher(copy, vocab)
    previous: Optional[Metric] = None
    sentence_at, clause_at, coarse_at = scope.sentence, scope.clauses.start, scope.coarse.start
    reach, coarse_reach = scope.cues.clause_reach, scope.cues.coarse_reach
    match, scope_of = matcher.match, scope.scope_of
    for metric in metrics:
        pos = metric.start
        s = sentence_at(pos)
        clause = clause_at(pos, reach)
        end = metric.indicator_end
        if end is not None and metric.indicator_start is not None and s.start <= end < clause \
                and glossed(copy, end, clause):
            clause = clause_at(metric.indicator_start, reach)  # 新增图书(含电子图书)54.5万册: the name before the note
        coarse = coarse_at(pos, coarse_reach, s.start)
        ind = match(metric, clause, (s.start, s.end), coarse)
        found = scope_of(metric, s, clause, coarse, partial(_name_start, copy, metric, clause, ind))
        if matcher.inherited_change and previous is not None:
            found = _carry(previous.scope, found)
        # Set through __dict__: pydantic's __setattr__ costs ~2 µs a call, and this runs for every
        # metric (the masked-metric benchmark has one every 7.5 characters).
        fields = metric.__dict__
        fields["indicator_id"] = ind.id if ind is not None else None
        fields["scope"] = found
        previous = metric
    _area_lists(metrics, copy, vocab, matcher.cues)


def _area_lists(metrics: list[Metric], copy: str, vocab: Vocabulary, cues: _Cues) -> None:
    """城乡居民人均可支配收入分别达到37820元和28104元: the first figure is the towns', the second the
    countryside's (``area_lists`` in kpi_cues.json); each takes its area and its area's income id, and so does
    a second list of as many figures right after (…，同比分别增长6.5%、9.4%)."""
    k = 0
    while k < len(metrics):
        metric = metrics[k]
        k += 1
        respectively = copy.find("分别", max(0, metric.start - 8), metric.start) >= 0
        found = cues.area_list.search(copy, max(0, metric.start - 30), metric.start) if respectively else None
        if found is None:
            if metric.kind == "percent" and copy.find("收入", max(0, metric.start - 12), metric.start) >= 0 \
                    and _clause_ends(copy, metric.end) \
                    and cues.area_joint.search(copy, max(0, metric.start - 40), metric.start):
                _one_for_all(metric, cues)  # 城乡居民可支配收入增长18%: each area's growth
            continue
        areas = cues.joint_areas if found["joint"] else [cues.area_names[found["first"]], cues.area_names[found["second"]]]
        first: Optional[int] = k - 1
        follows = False
        while first is not None:
            run = _area_run(metrics, first, len(areas), copy, cues)
            if run is None:
                if follows or _clause_ends(copy, metrics[first].end):
                    _one_for_all(metrics[first], cues)
                break
            aggregation = run[0].scope.aggregation  # 同比分别增长6.5%、9.4%: one list, one comparison
            for figure, area in zip(run, areas):
                fields = figure.__dict__
                ident = cues.area_list_ids.get(figure.kind, {}).get(area)
                if ident is not None and ident in vocab.indicators:
                    fields["indicator_id"] = ident
                fields["scope"] = with_fields(figure.scope, area=area,
                                              aggregation=figure.scope.aggregation or aggregation)
            k = first + len(run)
            then = k < len(metrics) and cues.area_list_then.match(copy[run[-1].end:metrics[k].start])
            first, follows = (k, True) if then else (None, False)


def _one_for_all(metric: Metric, cues: _Cues) -> None:
    """城乡居民人均可支配收入分别增长7.5%, …分别达35512元、25689元，分别同比增长7.8%: one figure said of
    both areas is neither area's, and no id names it; its area is both (城乡), so that a target of each
    area can be paired with it."""
    if metric.kind in cues.area_list_ids:
        fields = metric.__dict__
        fields["indicator_id"] = None
        fields["scope"] = with_fields(metric.scope, area=JOINT_AREA)



#: What may stand before a name that is a clause of its own (工农业总产值，增长5.5%).
_TOPIC_BEFORE = frozenset("。；;：:\n，,　 ")

_CLAUSE_END = regex.compile(r"(?:左右|以上)?(?:[，,；;。！!\n]|$)")


def _clause_ends(copy: str, at: int) -> bool:
    return _CLAUSE_END.match(copy, at) is not None


def _area_run(metrics: list[Metric], first: int, size: int, copy: str, cues: _Cues) -> Optional[list[Metric]]:
    """The ``size`` figures from ``first`` on, when only a list separator stands between them."""
    run = [metrics[first]]
    for later in metrics[first + 1:first + size]:
        if not cues.area_list_between.match(copy[run[-1].end:later.start]):
            return None
        run.append(later)
    return run if len(run) == size else None


def _carry(before: Scope, scope: Scope) -> Scope:
    """A change amount of the figure before it (…同期增加3.5亿元，增幅11%) shares its comparison basis and area."""
    changes = {}
    if scope.aggregation is None and before.aggregation == "year_on_year":
        changes["aggregation"] = "year_on_year"
    if scope.area is None and before.area is not None:
        changes["area"] = before.area
    return with_fields(scope, **changes) if changes else scope


@lru_cache(maxsize=4096)
def _folded_names(ind: Indicator) -> tuple[str, ...]:
    """The indicator's names as matched, without a leading 全省/全市 (an area, not part of the name)."""
    return tuple(_LEADING_AREA.sub("", _fold(alias)) or _fold(alias) for alias in (ind.name, *ind.aliases))


_LEADING_AREA = regex.compile(r"^全[省市县区州]")


def _name_start(copy: str, metric: Metric, clause: int, ind: Optional[Indicator]) -> int:
    """Where the indicator's name starts before the number (areas inside it are not the scope), else -1."""
    if ind is None:
        return -1
    window = copy[clause:metric.start]
    best = -1
    for alias in _folded_names(ind):
        at = window.rfind(alias)
        if at >= 0 and (best < 0 or at < best):
            best = at
    return clause + best if best >= 0 else -1
