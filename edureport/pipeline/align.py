"""Component: make every heading, list item and metric boundary a token boundary.

pkuseg may glue a quantity to its neighbour (``达97.2%``, ``增长23.6%以上``)
or a heading marker to its title; the components before this one keep exact
character offsets on ``doc._``, and this one splits the few tokens that
straddle one of those offsets, so every span maps onto whole tokens.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterable, Iterator

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from .common import layout_of
from .extensions import register_extensions

#: The ``doc._`` attributes whose items (objects with ``start``/``end``) must align with tokens.
SOURCES = ("headings", "list_items", "metrics")


class BoundaryAligner:
    """Splits tokens at the ``start``/``end`` (and ``marker_end``) offsets of headings, list items and metrics."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        cuts = _cuts_inside_tokens(doc, _offsets(doc))
        if cuts:
            _split(doc, cuts)
        return doc


def _offsets(doc: Doc) -> Iterator[int]:
    """Character offsets that must be token boundaries."""
    for attr in SOURCES:
        for item in getattr(doc._, attr) or ():
            yield from _item_offsets(item)


def _item_offsets(item: object) -> Iterable[int]:
    for name in ("start", "end", "marker_end"):
        value = getattr(item, name, None)
        if isinstance(value, int):
            yield value


def _cuts_inside_tokens(doc: Doc, offsets: Iterable[int]) -> dict[int, list[int]]:
    """``{token index: [offsets inside it, relative to the token start]}`` for offsets strictly inside a token.

    Offsets at a token edge, in the whitespace after a token, or outside the
    text need nothing. Cost: one binary search per offset.
    """
    if len(doc) >= len(layout_of(doc).text):
        return {}  # one token per character: every offset already is a boundary
    starts = doc.to_array([IDX]).ravel().tolist()  # no Token objects: this runs on every document
    cuts: dict[int, set[int]] = {}
    for offset in offsets:
        i = bisect_right(starts, offset) - 1
        if i < 0:
            continue
        token = doc[i]
        relative = offset - token.idx
        if 0 < relative < len(token.text):
            cuts.setdefault(i, set()).add(relative)
    return {i: sorted(rel) for i, rel in cuts.items()}


def _split(doc: Doc, cuts: dict[int, list[int]]) -> None:
    with doc.retokenize() as retokenizer:
        for i, relative in cuts.items():
            token = doc[i]
            bounds = [0, *relative, len(token.text)]
            orths = [token.text[a:b] for a, b in zip(bounds, bounds[1:])]
            heads = [(token, k) for k in range(len(orths))]
            retokenizer.split(token, orths, heads=heads)


@Language.factory("edureport_align", default_config={})
def make_align(nlp: Language, name: str) -> BoundaryAligner:
    register_extensions()
    return BoundaryAligner(nlp, name)
