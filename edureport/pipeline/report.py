"""Component: build the :class:`~edureport.models.Report` and the span groups spaCy users read."""

from __future__ import annotations

from typing import Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from edureport.assemble import build_report
from edureport.pipeline.common import REPORT_ONLY_KEY, TEXT_KEY, layout_of, user_data
from edureport.pipeline.extensions import register_extensions

SPAN_KEYS = ("sections", "headings", "items", "lists", "metrics")


class ReportBuilder:
    """Sets ``doc._.report`` and ``doc.spans[key]`` for key in :data:`SPAN_KEYS`."""

    def __init__(self, nlp: Language, name: str, spans: bool) -> None:
        self.name = name
        self.spans = spans

    def __call__(self, doc: Doc) -> Doc:
        layout = layout_of(doc)
        headings = doc._.headings or []
        report = build_report(layout, headings, list(doc._.metrics or []))
        doc._.report = report
        if self.spans and not user_data(doc).get(REPORT_ONLY_KEY):  # parse() discards the Doc
            sections = list(report.walk_sections())
            doc.spans["sections"] = _spans(doc, ((s.start, s.end, s.role) for s in sections))
            doc.spans["headings"] = _spans(doc, ((s.start, s.start + len(s.heading), f"H{s.level}") for s in sections))
            doc.spans["items"] = _spans(doc, ((i.start, i.end, i.role) for i in report.items))
            doc.spans["lists"] = _spans(doc, ((i.start, i.end, "LIST_ITEM") for i in (doc._.list_items or [])))
            doc.spans["metrics"] = _spans(doc, ((m.start, m.end, m.kind) for m in report.metrics))
        # Intermediate results are not part of the Doc's public state.
        doc._.edureport_layout = None
        doc._.headings = None
        doc._.list_items = None
        user_data(doc).pop(TEXT_KEY, None)
        user_data(doc).pop(REPORT_ONLY_KEY, None)
        return doc


def _spans(doc: Doc, triples: Iterable[tuple[int, int, str]]) -> list[Span]:
    out = []
    for start, end, label in triples:
        span: Optional[Span] = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            out.append(span)
    return out


@Language.factory(
    "edureport_report",
    requires=["doc._.headings", "doc._.list_items", "doc._.metrics"],
    assigns=["doc._.report", "doc.spans"],
    default_config={"spans": True},
)
def make_report(nlp: Language, name: str, spans: bool) -> ReportBuilder:
    register_extensions()
    return ReportBuilder(nlp, name, spans)
