"""The physical layout of a report: lines, paragraphs, noise, title block.

Computed once per document and shared by every component (headings, lists,
roles, metadata), so that none of them re-splits the text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import regex

from .data import load_json
from .text import Line, matching_copy, split_lines


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    table = load_json("boilerplate.json")
    whole = regex.compile("(?:" + "|".join(table["lines"]) + r")\Z", regex.IGNORECASE)
    inline = regex.compile("|".join(table["inline"]), regex.IGNORECASE)
    return whole, inline


@dataclass
class Layout:
    """Offsets of a document's lines and which of them are content."""

    text: str
    copy: str
    lines: list[Line]
    boilerplate: list[bool]
    inline_noise: list[tuple[int, int]] = field(default_factory=list)

    @cached_property
    def line_starts(self) -> list[int]:
        """``start`` of every line, for bisecting an offset to its line."""
        return [line.start for line in self.lines]

    def line_at(self, pos: int) -> int:
        """Index of the line holding offset ``pos``."""
        return max(bisect.bisect_right(self.line_starts, pos) - 1, 0)

    @cached_property
    def noise_start_by_end(self) -> dict[int, int]:
        """Where each inline artefact starts, by where it ends (looked up per run-in marker)."""
        return {end: start for start, end in self.inline_noise}

    def body(self, line: Line) -> str:
        """The line's content in the matching copy."""
        return self.copy[line.body:line.end]

    def content_lines(self) -> list[int]:
        """Indexes of lines that carry report text (not empty, not boilerplate)."""
        return [i for i, line in enumerate(self.lines) if not line.empty and not self.boilerplate[i]]


def build_layout(text: str) -> Layout:
    """Split ``text`` into lines and flag page debris; linear in the text length."""
    copy = matching_copy(text)
    lines = split_lines(text, copy)
    whole, inline = _boilerplate()
    flags = []
    for line in lines:
        if line.empty:
            flags.append(False)
            continue
        # The whole line first: "- 3 -" is a page number, not a Markdown bullet before "3 -".
        full = copy[line.start:line.end].strip()
        if len(full) > 60:
            flags.append(False)
            continue
        hit = whole.match(full) or (line.body > line.start and whole.match(copy[line.body:line.end].strip()))
        flags.append(bool(hit))
    noise = [(m.start(), m.end()) for m in inline.finditer(copy)] if "[" in copy else []
    return Layout(text=text, copy=copy, lines=lines, boilerplate=flags, inline_noise=noise)
