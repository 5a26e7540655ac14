"""Component: quantity mentions (metrics) with value, unit, qualifier and change."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..quantities import extract_metrics
from .common import layout_of
from .extensions import register_extensions


class QuantityFinder:
    """Metrics of the document, exact character offsets, sorted by start, in ``doc._.metrics``.

    The work is :func:`edureport.quantities.extract_metrics` on the layout's matching copy;
    the ``report`` component turns the metrics into ``doc.spans["metrics"]``.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        layout = layout_of(doc)
        doc._.metrics = extract_metrics(layout.text, layout.copy)
        return doc


@Language.factory("edureport_quantities", assigns=["doc._.metrics"], default_config={})
def make_quantities(nlp: Language, name: str) -> QuantityFinder:
    register_extensions()
    return QuantityFinder(nlp, name)
