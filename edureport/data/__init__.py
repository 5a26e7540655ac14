"""Data tables (units, cues, lexicons) shipped with edureport, loaded once per process."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """Parsed content of ``edureport/data/<name>``; cached, so treat it as read-only."""
    with resources.files(__name__).joinpath(name).open("r", encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a text table (``#`` starts a comment)."""
    with resources.files(__name__).joinpath(name).open("r", encoding="utf-8") as handle:
        rows = (line.split("#", 1)[0].strip() for line in handle)
        return tuple(row for row in rows if row)


def path(name: str) -> str:
    """File-system path of a data file (for libraries that want a path, like pkuseg)."""
    return str(resources.files(__name__).joinpath(name))


def alternation(words: list[str]) -> str:
    """Regex alternation of literal words, longest first (in an alternation the first match wins)."""
    import regex

    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))
