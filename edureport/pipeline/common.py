"""Helpers the components share: the per-document layout."""

from __future__ import annotations

from spacy.tokens import Doc

from ..layout import Layout, build_layout


def layout_of(doc: Doc) -> Layout:
    """The document's layout, computed by the first component that asks."""
    layout = doc._.edureport_layout
    if layout is None:
        layout = build_layout(doc.text)
        doc._.edureport_layout = layout
    return layout
