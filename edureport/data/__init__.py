"""Data tables (units, cues, lexicons) shipped with edureport, loaded once per process."""

from __future__ import annotations

import json
import re
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


@lru_cache(maxsize=None)
def count_units() -> tuple[frozenset[str], frozenset[str]]:
    """(units of institutions, units of people) from ``kpi_cues.json`` ``count_classes``; 个 counts both and
    is left out of the institutions' (民办幼儿园×人 counts children; 6所学校建设项目 counts schools)."""
    classes = load_json("kpi_cues.json")["count_classes"]
    people = frozenset(classes["people"]["units"])
    return frozenset(classes["institutions"]["units"]) - people, people


def path(name: str) -> str:
    """File-system path of a data file (for libraries that want a path, like pkuseg)."""
    return str(resources.files(__name__).joinpath(name))


def alternation(words: list[str]) -> str:
    """Regex alternation of literal words, longest first (in an alternation the first match wins)."""
    import regex

    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


def first_chars(pattern: str, data: object) -> str:
    """A character class of every character a match of ``pattern`` can start with.

    Found by partial matching each character that occurs in the cue data (plus digits, masks
    and quotes); a character outside that set that could start a match (a pattern opening
    with ``\\p{Han}``) makes the class match anything. Lookbehinds are dropped first: they
    consume nothing, so the class stays a superset.
    """
    import regex

    compiled = regex.compile(_LOOKBEHIND.sub("", pattern))
    universe = set(json.dumps(data, ensure_ascii=False)) | set("0123456789*×Xx“”\"")
    for probe in "鑫龘a。":
        if compiled.match(probe, partial=True):
            return r"[\s\S]"
    chars = sorted(c for c in universe if compiled.match(c, partial=True))
    return "[" + "".join(regex.escape(c) for c in chars) + "]"


def guarded(pattern: str, data: object) -> str:
    """``pattern`` behind a lookahead on its first characters.

    A search tries a union's branches one by one at every position; with the guard, a
    position where no branch can start costs one character test.
    """
    return f"(?={first_chars(pattern, data)})(?:{pattern})"


# A lookbehind group, (?<=…) or (?<!…), with at most one level of nested groups.
_LOOKBEHIND = re.compile(r"\(\?<[=!](?:[^()]|\([^()]*\))*\)")
