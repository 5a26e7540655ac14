"""Assemble the public :class:`Report` from what the components found.

Data flows one way: layout and headings → section tree with roles → items,
each collecting the metrics that fall inside it → Report. :func:`analyze` runs the
same steps as the spaCy components, on the string alone: the Report needs no words.
"""

from __future__ import annotations

import bisect
from typing import Any, Callable, Optional

from edureport.models import Achievement, AnyItem, Item, Metric, Plan, Problem, Report, Section
from edureport.quantities.extract import extract_metrics
from edureport.quantities.scope import apply_report_context
from edureport.structure.metadata import extract_metadata, is_gov_report
from edureport.structure.outline import Heading, find_headings, numbering_warnings
from edureport.structure.roles import title_genre
from edureport.structure.topics import topics_of
from edureport.structure.tree import ItemSpan, Node, assign_roles, build_tree, extract_items
from edureport.text.layout import Layout, Rewrite
from edureport.text.readings import reading_end
from edureport.text.reflow import prepare

_ITEM_CLASSES: dict[str, type[AnyItem]] = {"achievement": Achievement, "problem": Problem, "plan": Plan}


def analyze(text: str, source: Optional[str] = None) -> Report:
    """The Report of ``text`` by the rules alone: what the pipeline's components compute, without
    building a spaCy ``Doc`` (tokens are what costs most, and nothing in the Report reads them)."""
    layout = prepare(text)
    headings = find_headings(layout)
    metrics = extract_metrics(layout.text, layout.copy)
    return build_report(layout, headings, metrics, source)


def build_report(
    layout: Layout,
    headings: list[Heading],
    metrics: list[Metric],
    source: Optional[str] = None,
) -> Report:
    text = layout.text
    metrics = _outside_debris(metrics, layout)
    meta = extract_metadata(layout, headings)
    roots = build_tree(headings, layout)
    assign_roles(roots, layout, meta.period_year, bool(meta.period and meta.period.endswith("下半年")),
                 title_genre(meta.title_copy) if meta.title_copy else None)
    spans = extract_items(roots, layout)
    apply_report_context(metrics, _role_finder(spans, roots), layout.copy, meta.period_year, is_gov_report(meta))
    report = Report(
        text=text,
        title=meta.title,
        issuer=meta.issuer,
        place=meta.place,
        period=meta.period,
        date=meta.date,
        source=source,
        sections=[_section(node, text) for node in roots],
        metrics=metrics,
        warnings=numbering_warnings(headings, text),
    )
    starts = [m.start for m in metrics]
    for span in spans:
        item = _item(span, layout, metrics, starts)
        getattr(report, span.role + "s").append(item)
    if layout.rewrite is not None:
        _to_original(report, layout.rewrite)
    return report


def _outside_debris(metrics: list[Metric], layout: Layout) -> list[Metric]:
    """The figures of the report, not of a site's debris around it (阅读:700次, 第3页 共12页, 大小:28.07KB,
    …工作计划(精选4篇)): a figure on a line the layout flags as boilerplate is the page's."""
    if not metrics or not any(layout.boilerplate):
        return metrics
    starts = [line.start for line in layout.lines]
    flags = layout.boilerplate
    return [m for m in metrics if not flags[bisect.bisect_right(starts, m.start) - 1]]


def _to_original(report: Report, rewrite: Rewrite) -> None:
    """Every offset of a Report read from a working text, moved into the user's text (and every
    grounded text taken from it: a figure broken at a line end keeps its line break)."""
    text = rewrite.original
    seen: set[int] = set()

    def ground(obj: Any, start: int, end: int) -> None:
        a, b = rewrite.span(start, end)
        fields = obj.__dict__  # no validation: the values are offsets of the same text
        fields["start"], fields["end"], fields["text"] = a, b, text[a:b]

    def metric(m: Metric) -> None:
        if id(m) in seen:
            return
        seen.add(id(m))
        ground(m, m.start, m.end)
        if m.indicator_start is not None and m.indicator_end is not None:
            a, b = rewrite.span(m.indicator_start, m.indicator_end)
            m.__dict__.update(indicator_start=a, indicator_end=b, indicator=text[a:b])
        if m.change is not None and m.change.partner_start is not None:
            m.__dict__["change"] = m.change.model_copy(update={"partner_start": rewrite.start(m.change.partner_start)})

    for m in report.metrics:
        metric(m)
    for item in report.items:
        ground(item, item.start, item.end)
        end = reading_end(text, item.end)  # the reading of its last character is the item's
        if end > item.end:
            item.__dict__.update(end=end, text=text[item.start:end])
        for m in item.metrics:
            metric(m)
    for section in report.walk_sections():
        a, b = rewrite.span(section.start, section.start + len(section.heading))
        b = reading_end(text, b)
        section.__dict__.update(start=a, heading=text[a:b], end=max(b, rewrite.end(section.end)))
    report.__dict__["text"] = text


def _role_finder(spans: list[ItemSpan], roots: list[Node]) -> Callable[[int], Optional[str]]:
    """Role of the item holding a position (items do not overlap), else of the section whose heading holds it
    (二、实施步骤⏎(一)新建公办幼儿园、中小学9所,…: a figure in a plan's heading is planned), for scope status."""
    spans = sorted(spans, key=lambda span: span.start)
    starts = [span.start for span in spans]
    heads = sorted((node.heading.start, node.heading.end, node.role) for root in roots for node in root.walk())
    head_starts = [head[0] for head in heads]

    def role_at(pos: int) -> Optional[str]:
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and pos < spans[i].end:
            return spans[i].role
        j = bisect.bisect_right(head_starts, pos) - 1
        return heads[j][2] if j >= 0 and pos < heads[j][1] else None

    return role_at


def _section(node: Node, text: str) -> Section:
    h = node.heading
    return Section(
        heading=text[h.start:h.end],
        marker=h.marker(text),
        ordinal=h.ordinal,
        title=node.title,
        level=h.level,
        role=node.role,
        start=node.start,
        end=node.end,
        children=[_section(child, text) for child in node.children],
    )


def _item(span: ItemSpan, layout: Layout, metrics: list[Metric], starts: list[int]) -> Item:
    # Walk by index: slicing ``metrics[lo:]`` copied the rest of the list for every
    # item, quadratic on a long report (items × metrics).
    inside = []
    for index in range(bisect.bisect_left(starts, span.start), len(metrics)):
        metric = metrics[index]
        if metric.start >= span.end:
            break
        if metric.end <= span.end:
            inside.append(metric)
    text = layout.text
    return _ITEM_CLASSES[span.role](
        text=text[span.start:span.end],
        start=span.start,
        end=span.end,
        title=span.title,
        section_path=span.section_path,
        topics=topics_of(text[span.start:span.end], span.section_path, copy=layout.copy[span.start:span.end]),
        metrics=inside,
    )
