"""Component: inline enumerations (一是…二是…, 首先…其次…, （1）…（2）…) as list items."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from edureport.pipeline.common import layout_of
from edureport.pipeline.extensions import register_extensions
from edureport.structure.enumerations import find_list_items, marker_positions


class ListFinder:
    """List items of every paragraph, after any leading heading clause; in ``doc._.list_items``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        layout = layout_of(doc)
        heading_end = {h.line: h.end for h in (doc._.headings or [])}
        items = []
        # Only lines where a marker may start are searched: 10⁵ lines cost one scan, not 10⁵ searches.
        candidates = sorted({layout.line_at(pos) for pos in marker_positions(layout.copy)})
        for index in candidates:
            line = layout.lines[index]
            if line.empty or layout.boilerplate[index]:
                continue
            start = max(line.body, heading_end.get(index, line.body))
            items.extend(find_list_items(layout.copy, start, line.end))
        doc._.list_items = items
        return doc


@Language.factory(
    "edureport_lists",
    requires=["doc._.headings"],  # a paragraph's leading heading clause is not searched for list items
    assigns=["doc._.list_items"],
    default_config={},
)
def make_lists(nlp: Language, name: str) -> ListFinder:
    register_extensions()
    return ListFinder(nlp, name)
