"""Component: quantity mentions (metrics) with value, unit, qualifier and change."""

from __future__ import annotations

from typing import Optional, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from edureport.pipeline.common import layout_of
from edureport.pipeline.extensions import register_extensions
from edureport.quantities.extract import extract_metrics
from edureport.quantities.kpis import Vocabulary, assign_kpis, load_vocabulary


class QuantityFinder:
    """Metrics of the document, exact character offsets, sorted by start, in ``doc._.metrics``.

    The work is :func:`edureport.quantities.extract.extract_metrics` on the layout's matching copy;
    the ``report`` component turns the metrics into ``doc.spans["metrics"]``.
    """

    def __init__(self, nlp: Language, name: str, kpi_vocabulary: Sequence[str] = ()) -> None:
        self.name = name
        # The shipped KPI vocabulary is applied while the metrics are built; a user's files
        # (merged with it, loaded once here) replace that result.
        self.vocabulary: Optional[Vocabulary] = load_vocabulary(tuple(kpi_vocabulary)) if kpi_vocabulary else None

    def __call__(self, doc: Doc) -> Doc:
        layout = layout_of(doc)
        metrics = extract_metrics(layout.text, layout.copy)
        if self.vocabulary is not None:
            assign_kpis(metrics, layout.text, layout.copy, self.vocabulary)
        doc._.metrics = metrics
        return doc


@Language.factory("edureport_quantities", assigns=["doc._.metrics"], default_config={"kpi_vocabulary": []})
def make_quantities(nlp: Language, name: str, kpi_vocabulary: list[str]) -> QuantityFinder:
    register_extensions()
    return QuantityFinder(nlp, name, kpi_vocabulary)
