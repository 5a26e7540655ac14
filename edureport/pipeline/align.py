"""Component: make every heading, list item and metric boundary a token boundary.

pkuseg may glue a quantity to its neighbour (``达97.2%``, ``增长23.6%以上``)
or a heading marker to its title; the components before this one keep exact
character offsets on ``doc._``, and this one splits the few tokens that
straddle one of those offsets, so every span maps onto whole tokens.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Union

import numpy
from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc, Token

from edureport.pipeline.common import layout_of
from edureport.pipeline.extensions import register_extensions

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
    wanted = sorted(set(offsets))
    if not wanted or len(doc) == 0:
        return {}
    # No Token objects, one vectorised binary search: this runs on every document.
    table = doc.to_array([IDX, LENGTH]).astype(numpy.int64)
    starts, lengths = table[:, 0], table[:, 1]
    points = numpy.asarray(wanted, dtype=starts.dtype)
    index = numpy.searchsorted(starts, points, side="right") - 1
    valid = index >= 0
    relative = points - starts[numpy.maximum(index, 0)]
    inside = valid & (relative > 0) & (relative < lengths[numpy.maximum(index, 0)])
    cuts: dict[int, set[int]] = {}
    for i, rel in zip(index[inside].tolist(), relative[inside].tolist()):
        cuts.setdefault(i, set()).add(rel)
    return {i: sorted(rel) for i, rel in cuts.items()}


def _split(doc: Doc, cuts: dict[int, list[int]]) -> None:
    with doc.retokenize() as retokenizer:
        for i, relative in cuts.items():
            token = doc[i]
            text = token.text  # once: a glued run (12万亿12万亿…) can be one huge token cut thousands of times
            bounds = [0, *relative, len(text)]
            orths = [text[a:b] for a, b in zip(bounds, bounds[1:])]
            heads: list[Union[Token, tuple[Token, int]]] = [(token, k) for k in range(len(orths))]
            retokenizer.split(token, orths, heads=heads)


@Language.factory(
    "edureport_align",
    requires=["doc._.headings", "doc._.list_items", "doc._.metrics"],
    # It re-tokenizes; spaCy has no attribute name for token boundaries, so it assigns nothing.
    default_config={},
)
def make_align(nlp: Language, name: str) -> BoundaryAligner:
    register_extensions()
    return BoundaryAligner(nlp, name)
