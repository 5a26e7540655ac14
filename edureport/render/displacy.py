"""displaCy data of a parsed report, for spaCy users.

``displacy_data(report, kind)`` gives a report's items, metrics or headings in
the manual format of ``spacy.displacy.render``; ``displacy_options()`` the
label colours. The HTML page itself is :mod:`edureport.render.html`.
"""

from __future__ import annotations

from typing import Any, Literal

from edureport.errors import ConfigError
from edureport.models import Report

__all__ = ["DISPLACY_COLORS", "SpanKind", "displacy_data", "displacy_options"]

#: Label colours for ``spacy.displacy.render(..., options=displacy_options())``.
DISPLACY_COLORS = {
    "ACHIEVEMENT": "#b7e4b0", "PROBLEM": "#f8c4bd", "PLAN": "#bcd3f5", "OTHER": "#e0e0e0",
    "H1": "#c9d6ea", "H2": "#dde6f3", "H3": "#eef2f9", "H4": "#f5f7fb",
    "MONEY": "#ffe08a", "PERCENT": "#ffd6a5", "PERCENTAGE_POINT": "#ffd6a5", "COUNT": "#fff3bf",
}

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

    >>> from edureport.models import Section
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

