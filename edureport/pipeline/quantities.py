"""Component: quantity mentions (metrics) with value, unit, qualifier and change."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .common import layout_of
from .extensions import register_extensions


class QuantityFinder:
    """Metrics of the document, exact character offsets, in ``doc._.metrics``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        layout_of(doc)
        doc._.metrics = []  # placeholder until the quantities work lands
        return doc


@Language.factory("edureport_quantities", assigns=["doc._.metrics"], default_config={})
def make_quantities(nlp: Language, name: str) -> QuantityFinder:
    register_extensions()
    return QuantityFinder(nlp, name)
