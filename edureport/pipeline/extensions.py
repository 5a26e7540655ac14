"""Custom attributes on Doc, registered once per process."""

from __future__ import annotations

from spacy.tokens import Doc

_DOC_ATTRS: dict[str, object] = {
    "report": None,          # edureport.models.Report
    "edureport_layout": None,  # edureport.text.layout.Layout (shared by components)
    "headings": None,        # list[edureport.structure.outline.Heading]
    "list_items": None,      # list[edureport.structure.enumerations.ListItem]
    "metrics": None,         # list[edureport.models.Metric], exact char offsets
}


def register_extensions() -> None:
    for name, default in _DOC_ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
