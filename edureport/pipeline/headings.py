"""Component: section headings (一、 （一） 1. （1） ① 第一， and unmarked title lines)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from edureport.pipeline.common import layout_of
from edureport.pipeline.extensions import register_extensions
from edureport.structure.outline import find_headings


class HeadingFinder:
    """Finds headings and their levels; results in ``doc._.headings``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.headings = find_headings(layout_of(doc))
        return doc


@Language.factory("edureport_headings", assigns=["doc._.headings"], default_config={})
def make_headings(nlp: Language, name: str) -> HeadingFinder:
    register_extensions()
    return HeadingFinder(nlp, name)
