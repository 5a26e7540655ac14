"""The physical layout of a report: lines, paragraphs, noise, title block.

Computed once per document and shared by every component (headings, lists,
roles, metadata), so that none of them re-splits the text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Iterable, NamedTuple, Optional

import regex

from edureport.data import load_json
from edureport.text.normalize import matching_copy


class Line(NamedTuple):
    """One physical line: ``start``/``end`` exclude the line break; ``body`` skips leading noise.

    A tuple, not a dataclass: a document can have 10⁵ lines, and a tuple is built 3× faster.
    """

    start: int
    end: int
    body: int
    empty: bool
    """True when the line holds nothing but spaces and noise (``body >= end``)."""


_LINE_BREAK = regex.compile(r"\r\n|[\n\r\u2028\u2029\x85]")
# Leading whitespace and Word/HTML export artefacts such as "[bookmark: _GoBack]".
# Markdown line prefixes (# headings, > quotes, list bullets, ** bold before a marker) are skipped
# the same way; "**市…" at a line start is a masked name, not emphasis. A document-sharing site's
# banner glued to the first line (下载后可任意编辑2024年…小结) is skipped too.
_LEADING_NOISE = regex.compile(
    r"(?:[ \t]+|\[bookmark:[^\]\n]{0,80}\]|<a name=[^>\n]{0,80}>|\#{1,6}(?=[ \t])|>(?=[ \t])|[-+](?=[ \t])"
    r"|(?:\*\*|__)(?=[一二三四五六七八九十第首其再最(（])|下载后可任意编辑\s*)+"
)


def split_lines(text: str, copy: str) -> list[Line]:
    """Lines of ``text`` with offsets; ``copy`` is its matching copy."""
    lines: list[Line] = []
    pos = 0
    for match in _LINE_BREAK.finditer(text):
        lines.append(_line(copy, pos, match.start()))
        pos = match.end()
    lines.append(_line(copy, pos, len(text)))
    return lines


_NOISE_FIRST = frozenset(" \t[<#>-+*_下")  # the first characters _LEADING_NOISE can match


def _line(copy: str, start: int, end: int) -> Line:
    body = start
    if start < end and copy[start] in _NOISE_FIRST:
        noise = _LEADING_NOISE.match(copy, start, end)
        if noise:
            body = noise.end()
    stop = end
    while stop > body and copy[stop - 1] == " ":
        stop -= 1
    return Line(start, stop, body, body >= stop)



_LONG_BOILERPLATE = 240  # a document-sharing site's 《…》由会员分享… line
_SEEN_MAX = 100_000  # lines whose debris decision is kept per text (bounded memory)


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    table = load_json("boilerplate.json")
    whole = regex.compile("(?:" + "|".join(table["lines"]) + r")\Z", regex.IGNORECASE)
    long = regex.compile("(?:" + "|".join(table["long_lines"]) + r")\Z", regex.IGNORECASE)
    keys = regex.compile(table["long_keys"])
    inline = regex.compile("|".join(table["inline"]), regex.IGNORECASE)
    return whole, long, keys, inline


@dataclass(frozen=True)
class Rewrite:
    """A working text and, for each of its characters, the offset in the user's text (-1: added)."""

    text: str
    origin: list[int]
    original: str

    def start(self, pos: int) -> int:
        """The user's offset of a span starting at working offset ``pos``."""
        origin, n = self.origin, len(self.origin)
        while pos < n and origin[pos] < 0:
            pos += 1
        return origin[pos] if pos < n else len(self.original)

    def end(self, pos: int) -> int:
        """The user's offset of a span ending at working offset ``pos`` (after its last character)."""
        origin = self.origin
        while pos > 0 and origin[pos - 1] < 0:
            pos -= 1
        return origin[pos - 1] + 1 if pos > 0 else 0

    def span(self, start: int, end: int) -> tuple[int, int]:
        a = self.start(start)
        return a, max(a, self.end(end))


def rewritten(original: str, pieces: Iterable[tuple[int, str]]) -> Rewrite:
    """``pieces``: (user offset, or -1 for added characters; the characters)."""
    out: list[str] = []
    origin: list[int] = []
    for index, chars in pieces:
        out.append(chars)
        if index < 0:
            origin.extend([-1] * len(chars))
        else:
            origin.extend(range(index, index + len(chars)))
    return Rewrite("".join(out), origin, original)


@dataclass
class Layout:
    """Offsets of a document's lines and which of them are content."""

    text: str
    copy: str
    lines: list[Line]
    boilerplate: list[bool]
    inline_noise: list[tuple[int, int]] = field(default_factory=list)
    rewrite: Optional[Rewrite] = None
    """Set when ``text`` is a working text made from the user's (see :mod:`edureport.text.reflow`)."""

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


_SHORT_LINE = 60  # longer lines are debris only by the long patterns (a sharing site's 《…》由会员分享…)


def is_debris(full: str) -> bool:
    """Whether a stripped line (of the matching copy) is a page's debris: a site's line, a page number."""
    whole, long, keys, _ = _boilerplate()
    long_hit = len(full) <= _LONG_BOILERPLATE and keys.search(full) is not None and long.match(full) is not None
    if len(full) > _SHORT_LINE:
        return long_hit
    return whole.match(full) is not None or long_hit


def build_layout(text: str) -> Layout:
    """Split ``text`` into lines and flag page debris; linear in the text length."""
    copy = matching_copy(text)
    lines = split_lines(text, copy)
    whole, _, _, inline = _boilerplate()
    flags = []
    seen: dict[tuple[str, int], bool] = {}  # a page repeats its debris (and a list its short lines): decided once
    for line in lines:
        if line.empty:
            flags.append(False)
            continue
        # The whole line first: "- 3 -" is a page number, not a Markdown bullet before "3 -".
        full = copy[line.start:line.end].strip()
        key = (full, line.body - line.start)
        flag = seen.get(key)
        if flag is None:
            flag = is_debris(full) or (line.body > line.start and len(full) <= _SHORT_LINE
                                       and whole.match(copy[line.body:line.end].strip()) is not None)
            if len(seen) < _SEEN_MAX:
                seen[key] = flag
        flags.append(flag)
    # artefacts open with a bracket ([bookmark:…]) or carry a site's address (一、主要工作 公文汇 www.…)
    noisy = "[" in copy or "www." in copy or "WWW." in copy
    noise = [(m.start(), m.end()) for m in inline.finditer(copy)] if noisy else []
    return Layout(text=text, copy=copy, lines=lines, boilerplate=flags, inline_noise=noise)
