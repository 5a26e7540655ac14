"""HTML pictures of a parsed report: a self-contained page and a notebook fragment.

``render(report)`` returns one self-contained HTML page (inline CSS and a
little inline JavaScript, no network assets): the report text with its
headings, items coloured by role and metrics highlighted, an outline of the
heading tree on the left and the metrics table on the right.
``render_fragment(report)`` is the same picture as a ``<div>`` for notebooks
(:func:`edureport.render.jupyter.register_jupyter` makes IPython show a
``Report`` with it). The style sheet and the script are package data,
``static/report.css`` and ``static/report.js``, inlined into every picture.

The markup is stable so that tests and style sheets can rely on it:

==========================  ====================================================
``.er-section``             a section (heading and body); ``data-level``
``.er-heading .er-h{n}``    a heading; ``id`` is the outline's anchor
``.er-item .er-{role}``     an achievement, problem or plan; ``data-role``
``.er-metric``              a metric; details in ``title`` and ``data-*``
``.er-nav``                 an outline entry (one per section)
``.er-row``                 a row of the metrics table (one per metric)
``.er-frag``                the continuation of an element split to keep the
                            markup nested (an item crossing a section end)
==========================  ====================================================

Every element above carries ``data-start``/``data-end`` offsets into
``report.text``; only the first piece of a split element has the class that
names it, so ``.er-item`` elements are exactly the report's items.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from importlib.resources import files
from typing import Any, Iterable, Mapping, Optional, Sequence

from edureport.models import Item, Metric, Report, Section

__all__ = ["render", "render_fragment"]

ROLE_LABELS = {"achievement": "成绩", "problem": "问题", "plan": "计划", "other": "其他"}
APPROX_SIGNS = {"over": ">", "nearly": "≲", "about": "≈", "at_least": "≥", "at_most": "≤"}


# --------------------------------------------------------------------------- style and script


@lru_cache(maxsize=None)
def _static(name: str) -> str:
    """A file of ``edureport/render/static``, read once: style and script stay CSS and JS, not Python strings."""
    return files("edureport.render").joinpath("static").joinpath(name).read_text(encoding="utf-8")


def _stylesheet() -> str:
    return _static("report.css")


def _script() -> str:
    # Progressive enhancement only: the page is complete without it. The script
    # finds its own root (several pictures can share a notebook) and wires the
    # outline, the legend toggles and the metric <-> table highlighting.
    return _static("report.js")



# --------------------------------------------------------------------------- page


def render(report: Report, *, title: Optional[str] = None, outcomes: Optional[Iterable[Mapping[str, Any]]] = None) -> str:
    """A self-contained HTML page showing ``report``.

    ``title`` overrides the page title (default: the report's title). ``outcomes``: rows of
    :meth:`edureport.Corpus.target_outcomes` for this report's targets (``target_start``,
    ``target_end``, ``outcome``, ``result_text``, ``result_report``, ``result_sentence``, ``rule``):
    each target figure then shows its result in a later report and the outcome, and is coloured by it.

    >>> page = render(Report(text="一、总体情况"))
    >>> page.startswith("<!DOCTYPE html>") and "er-root" in page
    True
    """
    heading = _page_title(report, title)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="edureport">\n'
        f"<title>{escape(heading)}</title>\n"
        f"<style>\nhtml, body {{ margin: 0; height: 100%; }}\n\n{_stylesheet()}</style>\n"
        "</head>\n<body>\n"
        f"{_root(report, heading, page=True, outcomes=outcomes)}\n"
        "</body>\n</html>\n"
    )


def render_fragment(report: Report, *, title: Optional[str] = None,
                    outcomes: Optional[Iterable[Mapping[str, Any]]] = None) -> str:
    """The picture of :func:`render` as one ``<div>`` (with its own style), for notebooks."""
    heading = _page_title(report, title)
    return f"<style>\n{_stylesheet()}</style>\n{_root(report, heading, page=False, outcomes=outcomes)}"


def _page_title(report: Report, title: Optional[str]) -> str:
    return title or report.title or (report.source or "Report")


def _root(report: Report, heading: str, *, page: bool, outcomes: Optional[Iterable[Mapping[str, Any]]] = None) -> str:
    prefix = "er" + hashlib.sha1(report.text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    sections = list(report.walk_sections())
    items = report.items
    roles = _metric_roles(report.metrics, items)
    kind = "er-page" if page else "er-fragment"
    return (
        f'<div class="er-wrap {kind}">'
        f'<div class="er-root" data-er-version="1" data-sections="{len(sections)}" '
        f'data-items="{len(items)}" data-metrics="{len(report.metrics)}">\n'
        f"{_header(report, heading)}\n"
        f'<nav class="er-outline" aria-label="Outline">{_outline(report.sections, sections, prefix)}</nav>\n'
        f'<main class="er-text" lang="zh-CN">{_body(report, sections, items, roles, prefix, _by_target(outcomes))}</main>\n'
        f'<aside class="er-panel" aria-label="Metrics">{_metrics_table(report.metrics, roles)}</aside>\n'
        f"<script>\n{_script()}</script>\n"
        "</div></div>"
    )


def _header(report: Report, heading: str) -> str:
    meta = [value for value in (report.issuer, report.period, report.date, report.source) if value]
    counts = report.summary()
    legend = "".join(
        f'<button type="button" class="er-key er-{role}" data-role="{role}" aria-pressed="true">'
        f'<span class="er-swatch"></span>{ROLE_LABELS[role]} {role}'
        f'<span class="er-count" data-count="{role}">{counts[role + "s"]}</span></button>'
        for role in ("achievement", "problem", "plan")
    )
    legend += (
        '<button type="button" class="er-key er-key-metric" data-role="metric" aria-pressed="true">'
        f'<span class="er-swatch"></span>指标 metric<span class="er-count" data-count="metric">'
        f'{counts["metrics"]}</span></button>'
    )
    return (
        '<header class="er-header">'
        f'<div class="er-titles"><h1 class="er-title">{escape(heading)}</h1>'
        f'<p class="er-meta">{" · ".join(escape(v) for v in meta)}'
        f'{" · " if meta else ""}{counts["sections"]} sections</p></div>'
        f'<div class="er-legend" role="group" aria-label="Legend">{legend}</div>'
        "</header>"
    )


def _outline(tree: Sequence[Section], flat: list[Section], prefix: str) -> str:
    if not tree:
        return '<h2 class="er-pane-title">Outline</h2><p class="er-none">No headings found.</p>'
    index = {id(section): n for n, section in enumerate(flat)}

    def branch(sections: Sequence[Section]) -> str:
        rows = []
        for section in sections:
            n = index[id(section)]
            label = section.title or section.heading.strip() or "…"
            marker = f'<span class="er-marker">{escape(section.marker)}</span>' if section.marker else ""
            rows.append(
                f'<li><a class="er-nav er-role-{section.role}" href="#{prefix}-s{n}" data-sec="{n}" '
                f'data-start="{section.start}" data-end="{section.end}" data-level="{section.level}" '
                f'title="{escape(section.heading.strip())} ({ROLE_LABELS[section.role]} {section.role})">'
                f'<span class="er-dot"></span>{marker}{escape(label)}</a>'
                f'{branch(section.children) if section.children else ""}</li>'
            )
        return "<ul>" + "".join(rows) + "</ul>"

    return '<h2 class="er-pane-title">Outline</h2>' + branch(tree)


def _metrics_table(metrics: Sequence[Metric], roles: list[Optional[str]]) -> str:
    title = f'<h2 class="er-pane-title">Metrics <span class="er-count">{len(metrics)}</span></h2>'
    if not metrics:
        return title + '<p class="er-none">No metrics found.</p>'
    rows = []
    for n, (metric, role) in enumerate(zip(metrics, roles)):
        change = _change_text(metric)
        arrow = ""
        if metric.change and metric.change.direction:
            arrow = f' <span class="er-arrow er-{metric.change.direction}" title="{escape(change)}">' \
                    f'{"▲" if metric.change.direction == "up" else "▼"}</span>'
        approx = APPROX_SIGNS.get(metric.approx or "", "")
        pill = f'<span class="er-pill">{ROLE_LABELS[role]}</span>' if role else "—"
        rows.append(
            f'<tr class="er-row er-{role or "none"}" data-metric="{n}" data-start="{metric.start}" '
            f'data-end="{metric.end}" title="{escape(_metric_tip(metric, role))}">'
            f'<td class="er-c-text">{escape(metric.text)}</td>'
            f'<td class="er-c-value">{escape(approx)}{escape(_value_text(metric))}{arrow}</td>'
            f"<td>{escape(metric.unit)}</td>"
            f'<td class="er-c-kind">{escape(metric.kind)}</td>'
            f'<td class="er-c-indicator">{escape(metric.indicator or "")}</td>'
            f'<td class="er-c-role">{pill}</td>'
            "</tr>"
        )
    return (
        title + '<table class="er-table"><thead><tr><th>text</th><th>value</th><th>unit</th>'
        "<th>kind</th><th>indicator</th><th>role</th></tr></thead><tbody>"
        + "".join(rows) + "</tbody></table>"
    )


# --------------------------------------------------------------------------- text with marks


@dataclass(eq=False)
class _Mark:
    """One element to wrap around ``text[start:end]``."""

    start: int
    end: int
    rank: int  # nesting preference: sections outside items outside headings outside metrics
    order: int
    classes: str  # classes of the first piece
    kind_class: str  # classes every piece keeps (colour by role, kind, level)
    attrs: dict[str, Any] = field(default_factory=dict)
    first_only: dict[str, Any] = field(default_factory=dict)
    opened: bool = False

    def open_tag(self) -> str:
        attrs = dict(self.attrs)
        if self.opened:
            classes = f"er-frag {self.kind_class}"
        else:
            classes = f"{self.classes} {self.kind_class}"
            attrs.update(self.first_only)
        self.opened = True
        text = "".join(f' {name}="{escape(str(value))}"' for name, value in attrs.items() if value is not None)
        return f'<span class="{classes.strip()}"{text}>'


def _by_target(outcomes: Optional[Iterable[Mapping[str, Any]]]) -> dict[tuple[int, int], Mapping[str, Any]]:
    """The outcome rows by their target's offsets (the first row of a target wins)."""
    found: dict[tuple[int, int], Mapping[str, Any]] = {}
    for row in outcomes or ():
        found.setdefault((int(row["target_start"]), int(row["target_end"])), row)
    return found


def _missing(value: Any) -> bool:
    return value is None or value != value or str(value) == "<NA>"  # None, NaN, pandas' NA


def _outcome_tip(row: Mapping[str, Any]) -> str:
    lines = [f"target: {row['outcome']}"]
    if not _missing(row.get("result_text")):
        lines.append(f"result: {row['result_text']} ({row.get('result_report')})")
        if not _missing(row.get("result_sentence")):
            lines.append(str(row["result_sentence"]))
    if not _missing(row.get("rule")):
        lines.append(str(row["rule"]))
    return "\n".join(lines)


def _body(report: Report, sections: list[Section], items: Sequence[Item],
          roles: list[Optional[str]], prefix: str,
          outcomes: Optional[dict[tuple[int, int], Mapping[str, Any]]] = None) -> str:
    if not report.text:
        return '<p class="er-none">The report is empty.</p>'
    marks: list[_Mark] = []
    for n, section in enumerate(sections):
        marks.append(_Mark(
            section.start, section.end, 0, len(marks), "er-section", f"er-l{section.level}",
            {"data-sec": n, "data-level": section.level, "data-role": section.role},
            {"data-start": section.start, "data-end": section.end},
        ))
        heading_end = min(section.end, section.start + len(section.heading))
        marks.append(_Mark(
            section.start, heading_end, 2, len(marks), "er-heading", f"er-h{min(section.level, 4)}",
            {"data-sec": n},
            {"id": f"{prefix}-s{n}", "data-start": section.start, "data-end": heading_end,
             "data-level": section.level},
        ))
    for n, item in enumerate(items):
        marks.append(_Mark(
            item.start, item.end, 1, len(marks), "er-item", f"er-{item.role}",
            {"data-item": n, "data-role": item.role},
            {"data-start": item.start, "data-end": item.end, "data-label": ROLE_LABELS[item.role],
             "data-topics": " ".join(item.topics) or None},
        ))
    for n, (metric, role) in enumerate(zip(report.metrics, roles)):
        outcome = (outcomes or {}).get((metric.start, metric.end))
        tip = _metric_tip(metric, role) + ("\n" + _outcome_tip(outcome) if outcome is not None else "")
        marks.append(_Mark(
            metric.start, metric.end, 3, len(marks), "er-metric",
            f"er-kind-{metric.kind}" + (f" er-outcome er-outcome-{outcome['outcome']}" if outcome is not None else ""),
            {"data-metric": n},
            {"data-start": metric.start, "data-end": metric.end, "data-kind": metric.kind,
             "data-unit": metric.unit, "data-value": _value_text(metric), "data-role": role,
             "data-indicator": metric.indicator, "title": tip, "tabindex": 0,
             "data-outcome": None if outcome is None else outcome["outcome"],
             "data-result": None if outcome is None or _missing(outcome.get("result_text")) else outcome["result_text"]},
        ))
    # What each figure measures, where the text names it: lit with the figure (several figures can
    # share one phrase: 小麦、玉米产量分别增长…, 新增60家、累计达到1016家).
    named: dict[tuple[int, int], list[int]] = {}
    for n, metric in enumerate(report.metrics):
        if metric.indicator_start is not None and metric.indicator_end is not None:
            named.setdefault((metric.indicator_start, metric.indicator_end), []).append(n)
    for (start, end), figures in named.items():
        marks.append(_Mark(start, end, 4, len(marks), "er-ind", "",
                           {"data-ind-of": " ".join(map(str, figures))}, {"data-start": start, "data-end": end}))
    return _nest(report.text, marks)


def _nest(text: str, marks: list[_Mark]) -> str:
    """``text`` escaped, with every mark as a ``<span>``; overlapping marks are split so tags nest.

    Walks the sorted boundary offsets. At each offset the open elements that
    end there are closed together with everything opened inside them; those of
    the latter that go on are opened again as continuation pieces. Offsets are
    clamped to the text; a mark left empty is still written, as an empty
    element, so that every section, item and metric has its element.

    >>> a = _Mark(0, 4, 1, 0, "a", "", {}); b = _Mark(2, 6, 2, 1, "b", "", {})
    >>> _nest("abcdef", [a, b])
    '<span class="a">ab<span class="b">cd</span></span><span class="er-frag">ef</span>'
    """
    size = len(text)
    starts: dict[int, list[_Mark]] = {}
    empties: dict[int, list[_Mark]] = {}
    points = {0, size}
    for mark in marks:
        mark.start = min(max(0, mark.start), size)
        mark.end = max(mark.start, min(size, mark.end))
        (starts if mark.start < mark.end else empties).setdefault(mark.start, []).append(mark)
        points.update((mark.start, mark.end))
    ordered = sorted(points)
    out: list[str] = []
    stack: list[_Mark] = []
    for here, after in zip(ordered, ordered[1:] + [None]):
        reopen: list[_Mark] = []
        ending = [depth for depth, mark in enumerate(stack) if mark.end <= here]
        if ending:
            depth = ending[0]
            popped = stack[depth:]
            del stack[depth:]
            out.append("</span>" * len(popped))
            reopen = [mark for mark in popped if mark.end > here]
        opening = reopen + starts.get(here, [])
        opening.sort(key=lambda mark: (mark.rank, -mark.end, mark.order))
        for mark in opening:
            out.append(mark.open_tag())
            stack.append(mark)
        out.extend(mark.open_tag() + "</span>" for mark in empties.get(here, []))
        if after is not None:
            out.append(escape(text[here:after], quote=False))
    out.append("</span>" * len(stack))
    return "".join(out)


# --------------------------------------------------------------------------- metric text


def _metric_roles(metrics: Sequence[Metric], items: Sequence[Item]) -> list[Optional[str]]:
    """The role of the item holding each metric (None outside every item)."""
    starts = [item.start for item in items]
    roles: list[Optional[str]] = []
    for metric in metrics:
        role = None
        at = bisect_right(starts, metric.start) - 1
        for item in items[max(0, at - 7):at + 1][::-1]:  # items do not nest; look a few back in case
            if item.start <= metric.start and metric.end <= item.end:
                role = item.role
                break
        roles.append(role)
    return roles


def _number(value: float) -> str:
    return format(value, ",.10g")


def _value_text(metric: Metric) -> str:
    if metric.value is None:
        return "**" if metric.masked else ""
    text = _number(metric.value)
    if metric.value_max is not None:
        text += "–" + _number(metric.value_max)
    return text


def _change_text(metric: Metric) -> str:
    change = metric.change
    if change is None:
        return ""
    parts = [change.direction, change.basis, change.cue, change.role]
    return " · ".join(part for part in parts if part)


def _metric_tip(metric: Metric, role: Optional[str]) -> str:
    lines = [metric.text, f"value: {_value_text(metric) or '—'} {metric.unit}".rstrip(), f"kind: {metric.kind}"]
    if metric.indicator:
        lines.append(f"indicator: {metric.indicator}")
    if metric.approx:
        lines.append(f"approx: {metric.approx}")
    if metric.masked:
        lines.append("masked: digits hidden in the source")
    if metric.change:
        lines.append(f"change: {_change_text(metric)}")
    lines.append(f"item: {ROLE_LABELS[role] + ' ' + role if role else '—'}")
    return "\n".join(lines)

