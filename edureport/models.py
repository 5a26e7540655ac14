"""Typed result models: the public contract of edureport.

The models hold data only; building them is the pipeline's job. Every object
with ``start``/``end`` is grounded in ``Report.text``:
``report.text[o.start:o.end] == o.text``.
"""

from __future__ import annotations

import json
from typing import Any, Iterator, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["achievement", "problem", "plan", "other"]
Approx = Literal["over", "nearly", "about", "at_least", "at_most"]
Direction = Literal["up", "down"]
ChangeRole = Literal["delta", "from", "to"]
MetricKind = Literal[
    "money", "percent", "percentage_point", "multiple", "count", "area", "length",
    "mass", "power", "energy", "volume", "concentration", "duration", "ratio",
    "fraction", "other",
]

ROLES: tuple[str, ...] = ("achievement", "problem", "plan", "other")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Grounded(_Model):
    """A piece of the report text, located by code-point offsets."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Change(_Model):
    """How a metric moves: ``同比增长23.6%``, ``下降4.23个百分点``, ``由176家压减至2家``."""

    direction: Optional[Direction] = None
    basis: Optional[str] = None
    """Comparison basis as written: 同比, 环比, 较上年, …"""
    cue: Optional[str] = None
    """The verb or noun that signals the change: 增长, 下降, 提高, 增幅, 压减…"""
    role: Optional[ChangeRole] = None
    """``delta``: the metric is the amount of change; ``from``/``to``: the ends of 由A至B."""
    partner_start: Optional[int] = None
    """``start`` of the linked metric for ``from``/``to`` pairs."""


Status = Literal["actual", "target", "baseline"]
Aggregation = Literal["cumulative", "annual_average", "new", "year_on_year", "average"]


class Scope(_Model):
    """What a metric's figure covers: result or target, when, how aggregated, where.

    Frozen, so one instance can be shared by every metric with the same scope.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: Status = "actual"
    """``target`` (力争达到95%, plan sections), ``baseline`` (A in 由A提高到B), else ``actual``."""
    period: Optional[str] = None
    """Time span as written in the sentence: 上半年, 2023年, 1-5月, 截至6月底, 五年来, “十五五”时期."""
    period_norm: Optional[str] = None
    """``period`` resolved with the report's year: 2025, 2025-H1, 2025-Q3, 2025-06, 2025-01..2025-05,
    ..2025-06 (as of), 2021..2025, ..2030 (by); None when not written or not resolvable."""
    aggregation: Optional[Aggregation] = None
    """累计/共计 → cumulative, 年均 → annual_average, 新增 → new, 同比/比上年 → year_on_year, 平均 → average."""
    area: Optional[str] = None
    """Subject area as written when stated: 全县, 城区, 全省, 农村."""


#: The scope of a metric whose sentence says nothing about it (shared: Scope is frozen).
EMPTY_SCOPE = Scope()


class Metric(Grounded):
    """A quantity mention: number plus unit, resolved to a value."""

    value: Optional[float] = None
    value_max: Optional[float] = None
    unit: str = ""
    kind: MetricKind = "other"
    approx: Optional[Approx] = None
    masked: bool = False
    indicator: Optional[str] = None
    """What the figure measures or counts, as written: the shortest phrase of the text that names it
    (``学前三年毛入园率`` for ``97.2%``, ``乡村少年宫`` for ``建成12个乡村少年宫``); None when the text does not say."""
    indicator_start: Optional[int] = None
    """Offset of ``indicator`` in the report text: ``text[indicator_start:indicator_end] == indicator``."""
    indicator_end: Optional[int] = None
    change: Optional[Change] = None
    indicator_id: Optional[str] = None
    """Canonical indicator id from ``data/kpis.json`` (``preschool_gross_enrollment_rate``); None unless sure."""
    scope: Scope = Field(default_factory=lambda: EMPTY_SCOPE)
    page: Optional[int] = None
    """The page it is printed on (1 = first), for a report read from a PDF; None otherwise."""


_new = object.__new__
_set = object.__setattr__
_METRIC_FIELDS = frozenset(Metric.model_fields)


def trusted_metric(text: str, start: int, end: int, value: Optional[float], value_max: Optional[float], unit: str,
                   kind: str, approx: Optional[str], masked: bool, change: Optional[Change]) -> Metric:
    """A Metric from values the extractor computed and typed itself, without validation.

    Validation costs ≈ 4 µs and runs for every figure (a table of figures holds one every
    few characters); this does what ``model_construct`` does, at a third of validation's cost.
    Values must already have their final types (``float``, not ``int``). Tests re-validate
    every metric of the seeds and compare.
    """
    metric = _new(Metric)
    _set(metric, "__dict__", {
        "text": text, "start": start, "end": end, "value": value, "value_max": value_max, "unit": unit,
        "kind": kind, "approx": approx, "masked": masked, "indicator": None, "indicator_start": None,
        "indicator_end": None, "change": change,
        "indicator_id": None, "scope": EMPTY_SCOPE, "page": None,
    })
    _set(metric, "__pydantic_fields_set__", set(_METRIC_FIELDS))
    _set(metric, "__pydantic_extra__", None)
    _set(metric, "__pydantic_private__", None)
    return metric


class Item(Grounded):
    """The finest meaningful unit of a report: numbered subsection, list item or paragraph."""

    role: Role
    title: Optional[str] = None
    section_path: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    """Education work areas the item is about (党建, 学前教育, …), from ``data/topics.json``."""
    metrics: list[Metric] = Field(default_factory=list)
    page: Optional[int] = None
    """The page it starts on (1 = first), for a report read from a PDF; None otherwise."""


class Achievement(Item):
    role: Literal["achievement"] = "achievement"


class Problem(Item):
    role: Literal["problem"] = "problem"


class Plan(Item):
    role: Literal["plan"] = "plan"


AnyItem = Union[Achievement, Problem, Plan]


class Section(_Model):
    """A heading and everything under it up to the next heading of the same or higher level."""

    heading: str
    marker: str = ""
    ordinal: Optional[int] = None
    title: str = ""
    level: int = Field(ge=1)
    role: Role = "other"
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    children: list[Section] = Field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        """This section and all below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


class Report(_Model):
    """A parsed report. ``text`` is the input, unchanged."""

    text: str
    title: Optional[str] = None
    issuer: Optional[str] = None
    place: Optional[str] = None
    """The area the report speaks for (河北省, 海拉尔区; 全国 for the State Council): its last
    administrative unit, from the meeting line, the title or the issuer; None when masked or unnamed."""
    period: Optional[str] = None
    date: Optional[str] = None
    source: Optional[str] = None
    source_format: Optional[str] = None
    """What the text was read from: ``text``, ``docx``, ``html`` or ``pdf`` (``parse_file``); None for a string."""
    sections: list[Section] = Field(default_factory=list)
    achievements: list[Achievement] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)
    plans: list[Plan] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def walk_sections(self) -> Iterator[Section]:
        """Every section, depth first, in document order."""
        for section in self.sections:
            yield from section.walk()

    @property
    def items(self) -> list[AnyItem]:
        """Achievements, problems and plans together, in document order."""
        merged: list[AnyItem] = [*self.achievements, *self.problems, *self.plans]
        return sorted(merged, key=lambda item: (item.start, item.end))

    def summary(self) -> dict[str, Any]:
        """The per-report figures the CLI prints."""
        return {
            "title": self.title,
            "issuer": self.issuer,
            "period": self.period,
            "sections": sum(1 for _ in self.walk_sections()),
            "achievements": len(self.achievements),
            "problems": len(self.problems),
            "plans": len(self.plans),
            "metrics": len(self.metrics),
        }


def schema() -> dict[str, Any]:
    """JSON Schema of :class:`Report` (what ``Report.model_dump_json`` produces)."""
    return Report.model_json_schema()


def schema_json(indent: int = 2) -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=indent)
