"""edureport: Chinese education work reports as typed, structured data.

>>> import edureport
>>> report = edureport.parse(open("seeds/001_89542f80b92cd7db.txt", encoding="utf-8").read())
>>> report.sections[0].title
'主要措施和成效'
"""

from __future__ import annotations

from edureport.api import MAX_CHARS, load, parse, parse_file, parse_html, parse_many
from edureport.errors import (
    ConfigError,
    DecodeError,
    EdureportError,
    InputError,
    InputTooLargeError,
    ModelError,
)
from edureport.models import Achievement, Change, Item, Metric, Plan, Problem, Report, Scope, Section, schema
from edureport.render import displacy_data, render, render_fragment
from edureport.segmenter.model import download
from edureport.text.read import decode, read_file, read_source

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    # Corpus pulls in pandas and pyarrow; import them only when a corpus is used.
    if name == "Corpus":
        from edureport.corpus.corpus import Corpus

        return Corpus
    raise AttributeError(f"module 'edureport' has no attribute {name!r}")

__all__ = [
    "Achievement",
    "Change",
    "ConfigError",
    "Corpus",
    "DecodeError",
    "EdureportError",
    "InputError",
    "InputTooLargeError",
    "Item",
    "MAX_CHARS",
    "Metric",
    "ModelError",
    "Plan",
    "Problem",
    "Report",
    "Scope",
    "Section",
    "__version__",
    "decode",
    "displacy_data",
    "download",
    "load",
    "parse",
    "parse_file",
    "parse_html",
    "parse_many",
    "read_file",
    "read_source",
    "render",
    "render_fragment",
    "schema",
]
