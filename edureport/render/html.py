"""HTML pictures of a parsed report, and displaCy data for spaCy users.

``render(report)`` returns one self-contained HTML page (inline CSS and a
little inline JavaScript, no network assets): the report text with its
headings, items coloured by role and metrics highlighted, an outline of the
heading tree on the left and the metrics table on the right.
``render_fragment(report)`` is the same picture as a ``<div>`` for notebooks
(``Report._repr_html_`` uses it). ``displacy_data(report)`` gives the spans in
the manual format of ``spacy.displacy.render``.

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
from html import escape
from typing import Any, Literal, Optional, Sequence

from edureport.errors import ConfigError
from edureport.models import Item, Metric, Report, Section

__all__ = ["DISPLACY_COLORS", "displacy_data", "displacy_options", "render", "render_fragment"]

ROLE_LABELS = {"achievement": "成绩", "problem": "问题", "plan": "计划", "other": "其他"}
APPROX_SIGNS = {"over": ">", "nearly": "≲", "about": "≈", "at_least": "≥", "at_most": "≤"}

#: Label colours for ``spacy.displacy.render(..., options=displacy_options())``.
DISPLACY_COLORS = {
    "ACHIEVEMENT": "#b7e4b0", "PROBLEM": "#f8c4bd", "PLAN": "#bcd3f5", "OTHER": "#e0e0e0",
    "H1": "#c9d6ea", "H2": "#dde6f3", "H3": "#eef2f9", "H4": "#f5f7fb",
    "MONEY": "#ffe08a", "PERCENT": "#ffd6a5", "PERCENTAGE_POINT": "#ffd6a5", "COUNT": "#fff3bf",
}


# --------------------------------------------------------------------------- page


def render(report: Report, *, title: Optional[str] = None) -> str:
    """A self-contained HTML page showing ``report``.

    ``title`` overrides the page title (default: the report's title).

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
        f"<style>\nhtml, body {{ margin: 0; height: 100%; }}\n{_CSS}</style>\n"
        "</head>\n<body>\n"
        f"{_root(report, heading, page=True)}\n"
        "</body>\n</html>\n"
    )


def render_fragment(report: Report, *, title: Optional[str] = None) -> str:
    """The picture of :func:`render` as one ``<div>`` (with its own style), for notebooks."""
    heading = _page_title(report, title)
    return f"<style>{_CSS}</style>\n{_root(report, heading, page=False)}"


def _page_title(report: Report, title: Optional[str]) -> str:
    return title or report.title or (report.source or "Report")


def _root(report: Report, heading: str, *, page: bool) -> str:
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
        f'<main class="er-text" lang="zh-CN">{_body(report, sections, items, roles, prefix)}</main>\n'
        f'<aside class="er-panel" aria-label="Metrics">{_metrics_table(report.metrics, roles)}</aside>\n'
        f"<script>{_JS}</script>\n"
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


def _body(report: Report, sections: list[Section], items: list[Item],
          roles: list[Optional[str]], prefix: str) -> str:
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
        marks.append(_Mark(
            metric.start, metric.end, 3, len(marks), "er-metric", f"er-kind-{metric.kind}",
            {"data-metric": n},
            {"data-start": metric.start, "data-end": metric.end, "data-kind": metric.kind,
             "data-unit": metric.unit, "data-value": _value_text(metric), "data-role": role,
             "data-indicator": metric.indicator, "title": _metric_tip(metric, role), "tabindex": 0},
        ))
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


# --------------------------------------------------------------------------- displaCy


SpanKind = Literal["items", "metrics", "sections"]


def displacy_data(report: Report, kind: SpanKind = "items", *,
                  style: Literal["span", "ent"] = "span") -> dict[str, Any]:
    """``report``'s items, metrics or headings in displaCy's manual format.

    ``style="span"`` (default) gives ``{"text", "spans", "tokens", "title",
    "settings"}`` for ``spacy.displacy.render(data, style="span", manual=True)``;
    tokens are the text cut at every span boundary, at white space and after
    punctuation, and each span names its tokens (``start_token``, exclusive
    ``end_token``) as well as its characters (``start``, ``end``).
    ``style="ent"`` gives ``{"text", "ents", "title"}`` with character offsets
    for ``style="ent"``; overlapping spans (none among items or metrics) are
    dropped there, since entities cannot overlap.

    Labels: ``ACHIEVEMENT``/``PROBLEM``/``PLAN`` for items, the metric kind
    (``MONEY``, ``PERCENT``, …) for metrics, ``H1``, ``H2``, … for headings.
    Colours: ``options=displacy_options()``.

    >>> data = displacy_data(Report(text="一、总体情况", sections=[Section(
    ...     heading="一、总体情况", marker="一、", title="总体情况", level=1, start=0, end=6)]), "sections")
    >>> data["spans"][0]["label"], data["tokens"]
    ('H1', ['一、', '总体情况'])
    """
    text = report.text
    if kind == "items":
        raw = [(item.start, item.end, item.role.upper()) for item in report.items]
    elif kind == "metrics":
        raw = [(metric.start, metric.end, metric.kind.upper()) for metric in report.metrics]
    elif kind == "sections":
        raw = [(s.start, min(s.end, s.start + len(s.heading)), f"H{s.level}") for s in report.walk_sections()]
    else:
        raise ConfigError(f"displacy_data: kind must be 'items', 'metrics' or 'sections', not {kind!r}")
    spans = sorted({(max(0, a), min(len(text), b), label) for a, b, label in raw if 0 <= a < b})
    title = report.title
    if style == "ent":
        ents, last = [], 0
        for start, end, label in spans:
            if start >= last:
                ents.append({"start": start, "end": end, "label": label})
                last = end
        return {"text": text, "ents": ents, "title": title}
    if style != "span":
        raise ConfigError(f"displacy_data: style must be 'span' or 'ent', not {style!r}")
    cuts = _token_cuts(text, [offset for start, end, _ in spans for offset in (start, end)])
    tokens = [text[a:b] for a, b in zip(cuts, cuts[1:])]
    index = {offset: n for n, offset in enumerate(cuts)}
    return {
        "text": text,
        "spans": [
            {"start": start, "end": end, "start_token": index[start], "end_token": index[end], "label": label}
            for start, end, label in spans
        ],
        "tokens": tokens,
        "title": title,
        "settings": {"lang": "zh", "direction": "ltr"},
    }


def displacy_options(**extra: Any) -> dict[str, Any]:
    """``options`` for ``spacy.displacy.render`` with edureport's label colours."""
    return {"colors": dict(DISPLACY_COLORS), **extra}


_BREAK_AFTER = set("。；！？，、：;!?,:")


def _token_cuts(text: str, boundaries: list[int]) -> list[int]:
    """Token boundaries: span ends, changes between space and non-space, and after punctuation."""
    cuts = {0, len(text), *boundaries}
    for n in range(1, len(text)):
        if text[n - 1].isspace() != text[n].isspace() or text[n - 1] in _BREAK_AFTER:
            cuts.add(n)
    return sorted(cuts)


# --------------------------------------------------------------------------- style and script

_CSS = """
.er-wrap { container-type: inline-size; --er-ach: #2f8a3b; --er-ach-bg: #e6f4e3; --er-pro: #c8453b;
  --er-pro-bg: #fde8e5; --er-pla: #2f6fc4; --er-pla-bg: #e4eefb; --er-met: #e0a100; --er-met-bg: #ffecb0;
  --er-ach-line: #a9d5a2; --er-pro-line: #eeaaa2; --er-pla-line: #a9c4ea;
  --er-ink: #1f2430; --er-mute: #6b7280; --er-line: #e3e6ec; --er-side: #f7f8fa; }
.er-wrap .er-root { box-sizing: border-box; display: grid; grid-template-columns: 250px minmax(0, 1fr) 470px;
  grid-template-rows: auto minmax(0, 1fr); color: var(--er-ink); background: #fff; text-align: left;
  font: 14px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  "WenQuanYi Micro Hei", "Hiragino Sans GB", system-ui, sans-serif; }
.er-wrap.er-page, .er-wrap.er-page .er-root { height: 100%; }
.er-wrap.er-fragment .er-root { height: 640px; border: 1px solid var(--er-line); border-radius: 8px; overflow: hidden; }
.er-wrap .er-root * { box-sizing: border-box; }
.er-wrap .er-header { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: center;
  justify-content: space-between; padding: 12px 20px; border-bottom: 1px solid var(--er-line);
  background: linear-gradient(#fff, #fafbfc); }
.er-wrap .er-title { margin: 0; font-size: 19px; font-weight: 700; line-height: 1.35; }
.er-wrap .er-meta { margin: 2px 0 0; color: var(--er-mute); font-size: 13px; }
.er-wrap .er-legend { display: flex; flex-wrap: wrap; gap: 6px; }
.er-wrap .er-key { display: inline-flex; align-items: center; gap: 6px; padding: 3px 10px; font: inherit;
  font-size: 13px; color: var(--er-ink); background: #fff; border: 1px solid var(--er-line); border-radius: 999px;
  cursor: pointer; }
.er-wrap .er-key[aria-pressed="false"] { opacity: .45; text-decoration: line-through; }
.er-wrap .er-swatch { width: 12px; height: 12px; border-radius: 3px; display: inline-block; }
.er-wrap .er-key.er-achievement .er-swatch { background: var(--er-ach-bg); border: 2px solid var(--er-ach); }
.er-wrap .er-key.er-problem .er-swatch { background: var(--er-pro-bg); border: 2px solid var(--er-pro); }
.er-wrap .er-key.er-plan .er-swatch { background: var(--er-pla-bg); border: 2px solid var(--er-pla); }
.er-wrap .er-key-metric .er-swatch { background: var(--er-met-bg); border: 2px solid var(--er-met); }
.er-wrap .er-count { display: inline-block; min-width: 1.6em; padding: 0 5px; border-radius: 999px;
  background: #eef0f4; color: var(--er-mute); font-size: 12px; text-align: center; font-weight: 600; }
.er-wrap .er-outline, .er-wrap .er-text, .er-wrap .er-panel { overflow: auto; min-height: 0; }
.er-wrap .er-outline { background: var(--er-side); border-right: 1px solid var(--er-line); padding: 12px 10px 24px; }
.er-wrap .er-panel { background: var(--er-side); border-left: 1px solid var(--er-line); padding: 12px 12px 24px; }
.er-wrap .er-pane-title { margin: 0 0 8px 6px; font-size: 12px; font-weight: 700; letter-spacing: .06em;
  text-transform: uppercase; color: var(--er-mute); }
.er-wrap .er-none { color: var(--er-mute); margin: 6px; }
.er-wrap .er-outline ul { list-style: none; margin: 0; padding: 0; }
.er-wrap .er-outline ul ul { margin-left: 14px; padding-left: 6px; border-left: 1px solid var(--er-line); }
.er-wrap .er-nav { display: flex; gap: 4px; align-items: baseline; padding: 3px 6px; border-radius: 6px;
  color: var(--er-ink); text-decoration: none; font-size: 13px; line-height: 1.45; }
.er-wrap .er-nav[data-level="1"] { font-weight: 700; margin-top: 6px; }
.er-wrap .er-nav:hover { background: #e9edf3; }
.er-wrap .er-nav.er-active { background: #dfe7f3; }
.er-wrap .er-marker { color: var(--er-mute); white-space: nowrap; }
.er-wrap .er-dot { flex: none; width: 8px; height: 8px; border-radius: 50%; background: #c4c9d2;
  position: relative; top: -1px; }
.er-wrap .er-role-achievement .er-dot { background: var(--er-ach); }
.er-wrap .er-role-problem .er-dot { background: var(--er-pro); }
.er-wrap .er-role-plan .er-dot { background: var(--er-pla); }
.er-wrap .er-text { padding: 18px 36px 48px; white-space: pre-wrap; overflow-wrap: anywhere;
  font-size: 15.5px; line-height: 2.05; }
.er-wrap .er-heading { scroll-margin-top: 12px; }
.er-wrap .er-text :is(.er-h1, .er-h2, .er-h3, .er-h4) { font-weight: 700; color: #14213d; }
.er-wrap .er-text .er-h1 { font-size: 1.22em; color: #0d2a5c; }
.er-wrap .er-text .er-h2 { font-size: 1.06em; }
.er-wrap .er-item { box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.er-wrap .er-achievement:is(.er-item, .er-frag) { background: var(--er-ach-bg); box-shadow: inset 0 -1px var(--er-ach-line); }
.er-wrap .er-problem:is(.er-item, .er-frag) { background: var(--er-pro-bg); box-shadow: inset 0 -1px var(--er-pro-line); }
.er-wrap .er-plan:is(.er-item, .er-frag) { background: var(--er-pla-bg); box-shadow: inset 0 -1px var(--er-pla-line); }
.er-wrap .er-item::before { content: attr(data-label); display: inline-block; margin-right: 4px; padding: 0 5px;
  border-radius: 4px; font-size: 11px; line-height: 1.55; font-weight: 700; color: #fff; vertical-align: 2px;
  white-space: nowrap; }
.er-wrap .er-achievement.er-item::before { background: var(--er-ach); }
.er-wrap .er-problem.er-item::before { background: var(--er-pro); }
.er-wrap .er-plan.er-item::before { background: var(--er-pla); }
.er-wrap .er-text [data-metric] { background: var(--er-met-bg); box-shadow: inset 0 -2px var(--er-met); border-radius: 3px;
  padding: 1px 1px; font-weight: 700; color: #5a3b00; cursor: help; }
.er-wrap .er-text [data-metric]:is(:hover, :focus, .er-lit) { background: #ffd24d; outline: none; }
.er-wrap .er-flash { animation: er-flash 1.4s ease-out; }
@keyframes er-flash { 0%, 40% { background: #ff9f1c; } }
.er-wrap.er-hide-achievement .er-achievement:is(.er-item, .er-frag),
.er-wrap.er-hide-problem .er-problem:is(.er-item, .er-frag),
.er-wrap.er-hide-plan .er-plan:is(.er-item, .er-frag) { background: none; box-shadow: none; }
.er-wrap.er-hide-achievement .er-achievement.er-item::before, .er-wrap.er-hide-problem .er-problem.er-item::before,
.er-wrap.er-hide-plan .er-plan.er-item::before { display: none; }
.er-wrap.er-hide-metric .er-text [data-metric] { background: none; box-shadow: none; font-weight: inherit; color: inherit; }
.er-wrap .er-table { width: 100%; border-collapse: collapse; font-size: 12.5px; line-height: 1.4; background: #fff;
  border: 1px solid var(--er-line); }
.er-wrap .er-table th { position: sticky; top: -12px; background: #eef1f5; text-align: left; font-weight: 600;
  padding: 5px 6px; color: #3b4252; border-bottom: 1px solid var(--er-line); }
.er-wrap .er-table td { padding: 4px 6px; border-top: 1px solid #eef0f3; vertical-align: top; }
.er-wrap .er-row { cursor: pointer; }
.er-wrap .er-row:hover, .er-wrap .er-row.er-lit { background: #fff6d6; }
.er-wrap .er-row.er-achievement td:first-child { box-shadow: inset 3px 0 var(--er-ach); }
.er-wrap .er-row.er-problem td:first-child { box-shadow: inset 3px 0 var(--er-pro); }
.er-wrap .er-row.er-plan td:first-child { box-shadow: inset 3px 0 var(--er-pla); }
.er-wrap .er-c-text { font-weight: 600; white-space: nowrap; }
.er-wrap .er-c-value { font-variant-numeric: tabular-nums; text-align: right; white-space: nowrap; }
.er-wrap .er-c-kind { color: var(--er-mute); }
.er-wrap .er-arrow { font-size: 10px; }
.er-wrap .er-arrow.er-up { color: var(--er-ach); }
.er-wrap .er-arrow.er-down { color: var(--er-pro); }
.er-wrap .er-pill { display: inline-block; padding: 0 5px; border-radius: 4px; color: #fff; font-size: 11px;
  background: #9aa1ad; white-space: nowrap; }
.er-wrap .er-achievement .er-pill { background: var(--er-ach); }
.er-wrap .er-problem .er-pill { background: var(--er-pro); }
.er-wrap .er-plan .er-pill { background: var(--er-pla); }
@container (max-width: 1100px) {
  .er-wrap .er-root { grid-template-columns: 200px minmax(0, 1fr);
    grid-template-rows: auto minmax(0, 3fr) minmax(0, 2fr); }
  .er-wrap.er-fragment .er-root { height: 760px; }
  .er-wrap .er-panel { grid-column: 1 / -1; border-left: 0; border-top: 1px solid var(--er-line); }
}
@container (max-width: 640px) {
  .er-wrap .er-root { grid-template-columns: minmax(0, 1fr); grid-template-rows: auto minmax(0, 3fr) minmax(0, 2fr); }
  .er-wrap .er-outline { display: none; }
  .er-wrap .er-text { padding: 12px 16px 32px; }
}
@media print {
  .er-wrap .er-root { display: block; height: auto; }
  .er-wrap .er-outline { display: none; }
}
"""

# Progressive enhancement only: the page is complete without it. The script
# finds its own root (several pictures can share a notebook) and wires the
# outline, the legend toggles and the metric <-> table highlighting.
_JS = r"""
(function () {
  var root = document.currentScript && document.currentScript.parentElement;
  if (!root || root.dataset.erReady) return;
  var wrap = root.parentElement, text = root.querySelector('.er-text');
  var all = function (sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); };
  all('[data-count]').forEach(function (el) {
    var role = el.getAttribute('data-count');
    el.textContent = role === 'metric' ? all('.er-metric').length : all('.er-item.er-' + role).length;
  });
  all('.er-nav').forEach(function (link) {
    link.addEventListener('click', function (event) {
      var target = root.querySelector('.er-heading[data-sec="' + link.dataset.sec + '"]');
      if (target) { event.preventDefault(); target.scrollIntoView({behavior: 'smooth', block: 'start'}); }
    });
  });
  all('.er-key').forEach(function (key) {
    key.addEventListener('click', function () {
      var on = key.getAttribute('aria-pressed') !== 'true';
      key.setAttribute('aria-pressed', on ? 'true' : 'false');
      wrap.classList.toggle('er-hide-' + key.dataset.role, !on);
    });
  });
  var light = function (n, on) {
    all('[data-metric="' + n + '"]').forEach(function (el) { el.classList.toggle('er-lit', on); });
  };
  all('.er-text [data-metric], .er-row').forEach(function (el) {
    var n = el.dataset.metric;
    el.addEventListener('mouseenter', function () { light(n, true); });
    el.addEventListener('mouseleave', function () { light(n, false); });
  });
  all('.er-row').forEach(function (row) {
    row.addEventListener('click', function () {
      var target = root.querySelector('.er-metric[data-metric="' + row.dataset.metric + '"]');
      if (!target) return;
      target.scrollIntoView({behavior: 'smooth', block: 'center'});
      target.classList.remove('er-flash'); void target.offsetWidth; target.classList.add('er-flash');
    });
  });
  all('.er-text [data-metric]').forEach(function (metric) {
    metric.addEventListener('click', function () {
      var row = root.querySelector('.er-row[data-metric="' + metric.dataset.metric + '"]');
      if (row) row.scrollIntoView({behavior: 'smooth', block: 'nearest'});
    });
  });
  var headings = all('.er-heading'), navs = {}, ticking = false;
  all('.er-nav').forEach(function (link) { navs[link.dataset.sec] = link; });
  var spy = function () {
    ticking = false;
    var top = text.getBoundingClientRect().top + 24, current = null;
    headings.forEach(function (h) { if (h.getBoundingClientRect().top <= top) current = h; });
    all('.er-nav.er-active').forEach(function (el) { el.classList.remove('er-active'); });
    if (current && navs[current.dataset.sec]) navs[current.dataset.sec].classList.add('er-active');
  };
  text.addEventListener('scroll', function () { if (!ticking) { ticking = true; requestAnimationFrame(spy); } });
  spy();
  root.dataset.erReady = '1';
})();
"""
