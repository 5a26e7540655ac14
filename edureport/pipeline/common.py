"""Helpers the components share: the document's text and layout, computed once."""

from __future__ import annotations

from spacy.tokens import Doc

from edureport.text.layout import Layout, build_layout

#: ``doc.user_data`` key under which edureport.parse() leaves the input string.
#: ``doc.text`` rebuilds the string token by token, which costs as much as
#: segmenting it; the components read it once, from here when they can.
TEXT_KEY = ("edureport", "text")

#: ``doc.user_data`` key under which edureport.parse() says the Doc is discarded
#: after the Report is built, so the ``report`` component skips ``doc.spans``.
REPORT_ONLY_KEY = ("edureport", "report_only")


def text_of(doc: Doc) -> str:
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


def layout_of(doc: Doc) -> Layout:
    """The document's layout, computed by the first component that asks."""
    layout = doc._.edureport_layout
    if layout is None:
        layout = build_layout(text_of(doc))
        doc._.edureport_layout = layout
    return layout
