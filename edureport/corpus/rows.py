"""One Report → its rows of the reports, sections, items and metrics tables.

Done as soon as a document is parsed, in whichever process parsed it, so no
:class:`~edureport.models.Report` outlives its document.
"""

from __future__ import annotations

from typing import Any, Iterator, Optional, Sequence

from edureport.corpus.tables import PATH_SEP, TOPIC_SEP, Rows
from edureport.models import Report

_SENTENCE_ENDS = frozenset("。！？!?；;\n\r")
_SENTENCE_REACH = 200


def report_rows(report_id: str, report: Report) -> Rows:
    """The rows one report contributes to the reports, sections, items and metrics tables."""
    text = report.text
    sections = list(report.walk_sections())
    items = report.items
    out: Rows = {t: [] for t in ("reports", "sections", "items", "metrics")}
    out["reports"].append((
        report_id, report.source, report.source_format, _s(report.title), _s(report.issuer),
        _s(report.place), _s(report.period),
        _s(report.date), len(text), len(sections), len(report.achievements), len(report.problems), len(report.plans),
        len(report.metrics), len(report.warnings),
    ))
    out["sections"] = list(_section_rows(report_id, report))
    owner: dict[tuple[int, int], int] = {}
    for index, item in enumerate(items):
        out["items"].append((
            report_id, index, item.role, _s(item.title), PATH_SEP.join(item.section_path),
            TOPIC_SEP.join(item.topics), item.start, item.end, item.text, len(item.metrics), item.page,
        ))
        for metric in item.metrics:
            owner.setdefault((metric.start, metric.end), index)
    for index, metric in enumerate(report.metrics):
        item_index = owner.get((metric.start, metric.end))
        if item_index is None:
            item_index = _containing(items, metric.start, metric.end)
        holder = items[item_index] if item_index is not None else None
        change = metric.change
        scope = metric.scope
        out["metrics"].append((
            report_id, index, item_index, holder.role if holder else None,
            TOPIC_SEP.join(holder.topics) if holder else "",
            metric.text, metric.start, metric.end, metric.value, metric.value_max, _s(metric.unit),
            metric.kind, metric.approx, metric.masked, _s(metric.indicator), metric.indicator_start, metric.indicator_end,
            change.direction if change else None, _s(change.basis) if change else None,
            _s(change.cue) if change else None, change.role if change else None,
            change.partner_start if change else None,
            _sentence(text, metric.start, metric.end),
            metric.indicator_id, scope.status, scope.period, scope.period_norm, scope.aggregation, scope.area,
            metric.page,
        ))
    return out


def _section_rows(report_id: str, report: Report) -> Iterator[tuple]:
    counter = 0

    def walk(section, parent: Optional[int], path: list[str]) -> Iterator[tuple]:
        nonlocal counter
        index = counter
        counter += 1
        here = [*path, section.title]
        yield (report_id, index, parent, PATH_SEP.join(here), section.level, section.marker, section.ordinal,
               section.title, section.role, section.start, section.end, section.heading)
        for child in section.children:
            yield from walk(child, index, here)

    for top in report.sections:
        yield from walk(top, None, [])


def _s(value: Optional[str]) -> Optional[str]:
    """Nullable string columns hold NA, never ``""``, so CSV round trips are exact."""
    return value or None


def _containing(items: Sequence[Any], start: int, end: int) -> Optional[int]:
    best: Optional[int] = None
    for index, item in enumerate(items):
        if item.start <= start and end <= item.end:
            if best is None or item.end - item.start < items[best].end - items[best].start:
                best = index
    return best


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``, cut at sentence ends, at most 200 characters each side."""
    left = start
    floor = max(0, start - _SENTENCE_REACH)
    while left > floor and text[left - 1] not in _SENTENCE_ENDS:
        left -= 1
    right = end
    ceiling = min(len(text), end + _SENTENCE_REACH)
    while right < ceiling and text[right] not in _SENTENCE_ENDS:
        right += 1
    if right < len(text) and text[right] in "。！？!?；;":
        right += 1
    return text[left:right].strip()

