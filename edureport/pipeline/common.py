"""Helpers the components share: the document's text and layout, computed once."""

from __future__ import annotations

from typing import Any, cast

from spacy.tokens import Doc

from edureport.text.layout import Layout
from edureport.text.reflow import prepare

#: ``doc.user_data`` key under which edureport.parse() leaves the input string.
#: ``doc.text`` rebuilds the string token by token, which costs as much as
#: segmenting it; the components read it once, from here when they can.
TEXT_KEY = ("edureport", "text")

#: ``doc.user_data`` key under which edureport.parse() says the Doc is discarded
#: after the Report is built, so the ``report`` component skips ``doc.spans``.
REPORT_ONLY_KEY = ("edureport", "report_only")


def user_data(doc: Doc) -> dict[Any, Any]:
    """``doc.user_data``, which spaCy types ``dict[str, Any]`` although it takes any key (ours are tuples)."""
    return cast(dict[Any, Any], doc.user_data)


def text_of(doc: Doc) -> str:
    data = user_data(doc)
    text = data.get(TEXT_KEY)
    if text is None:
        text = data[TEXT_KEY] = doc.text
    return cast(str, text)


def layout_of(doc: Doc) -> Layout:
    """The document's layout, computed by the first component that asks."""
    layout = doc._.edureport_layout
    if layout is None:
        layout = prepare(text_of(doc))
        doc._.edureport_layout = layout
    return layout
