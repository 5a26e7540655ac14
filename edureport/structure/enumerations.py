"""Inline enumerations: 一是…二是…, 一要…二要…, 第一，…第二，…, 首先…其次…最后, （1）…（2）….

They are list items inside a paragraph, never headings. Only a run of markers
that starts at 1 and counts up is a list, so a stray 一是 or 统一是 is not.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from edureport.data import guarded, load_json
from edureport.text.numerals import ordinal_value


@dataclass(frozen=True, slots=True)
class ListItem:
    start: int
    end: int
    marker_end: int
    family: str
    ordinal: int


@dataclass(frozen=True)
class _Family:
    name: str
    pattern: regex.Pattern[str]
    words: tuple[str, ...]
    last: Optional[str]


@lru_cache(maxsize=1)
def _families() -> tuple[tuple[_Family, ...], regex.Pattern[str]]:
    table = load_json("lists.json")
    families = []
    for fam in table["families"]:
        words = tuple(fam.get("words", ()))
        source = fam.get("pattern") or "(?P<num>" + "|".join(map(regex.escape, words)) + ")"
        families.append(_Family(fam["name"], regex.compile(source), words, fam.get("last")))
    before = table["before"]
    combined = regex.compile(
        "(?:(?<=" + before + ")|(?<=^))(?:" + "|".join(f"(?P<f_{f.name}>{f.pattern.pattern})" for f in families) + ")",
        regex.MULTILINE,
    )
    return tuple(families), combined


@lru_cache(maxsize=1)
def _candidates() -> regex.Pattern[str]:
    families, _ = _families()
    return regex.compile(guarded("|".join(f"(?:{f.pattern.pattern})" for f in families), load_json("lists.json")))


def marker_positions(copy: str) -> list[int]:
    """Offsets where a list marker may start: a superset (no context checks), found in one scan,
    so that callers skip the paragraphs without any and a document of 10⁵ short lines stays fast."""
    return [m.start() for m in _candidates().finditer(copy)]


@lru_cache(maxsize=1)
def _family_slots() -> tuple[int, ...]:
    """Index in ``match.groups()`` of each family's group (name lookups cost ~0.3 µs each)."""
    families, combined = _families()
    return tuple(combined.groupindex[f"f_{f.name}"] - 1 for f in families)


def find_list_items(copy: str, start: int, end: int) -> list[ListItem]:
    """List items of the outermost enumeration in ``copy[start:end]`` (one paragraph)."""
    families, combined = _families()
    hits: dict[str, list[tuple[int, int, int]]] = {}
    for match in combined.finditer(copy, start, end):
        groups = match.groups()
        family = next(f for f, i in zip(families, _family_slots()) if groups[i] is not None)
        name = family.name
        token = match.group("num")  # only the matched family's group takes part
        ordinal = family.words.index(token) + 1 if family.words else ordinal_value(token)
        if ordinal is None:
            continue
        if family.last and token == family.last:
            ordinal = -1  # 最后 closes a run whatever its position
        hits.setdefault(name, []).append((match.start(), match.end(), ordinal))
    best: list[ListItem] = []
    for name, marks in hits.items():
        run = _first_run(marks)
        if len(run) >= 2 and (not best or run[0][0] < best[0].start):
            best = _items(name, run, end, copy)
    return best


def _first_run(marks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Longest prefix of markers counting 1, 2, 3, … (a closing marker may end it)."""
    run: list[tuple[int, int, int]] = []
    for mark in marks:
        expected = len(run) + 1
        if mark[2] == expected or (mark[2] == -1 and len(run) >= 1):
            run.append(mark)
            if mark[2] == -1:
                break
        elif run:
            if mark[2] == 1:
                break  # a second list starts; keep the first
    return run


def _items(name: str, run: list[tuple[int, int, int]], end: int, copy: str) -> list[ListItem]:
    items = []
    for i, (s, marker_end, ordinal) in enumerate(run):
        stop = run[i + 1][0] if i + 1 < len(run) else end
        while stop > s and copy[stop - 1] in " \t":
            stop -= 1
        items.append(ListItem(s, stop, marker_end, name, ordinal if ordinal > 0 else len(run)))
    return items


def leading_marker_end(copy: str, start: int, end: int) -> Optional[int]:
    """End of a list marker opening ``copy[start:end]`` (a paragraph that is one list entry)."""
    families, combined = _families()
    match = combined.match(copy, start, end)
    return match.end() if match else None
