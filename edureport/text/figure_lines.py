"""Figures a converter put on lines of their own, joined back into their sentences.

Some PDF-to-web converters break the text around every figure and leave tag residue behind
(``发放贫困寄宿生生活补助?/p>⏎225⏎万元，受助学⏎?/p>⏎3600⏎人次。``). Read as written, the figure loses its
unit and its name to the line breaks. When a text has several lines that hold a number alone with a
unit opening the next line, the working text joins such a line to the lines either side and drops the
residue; offsets still point into the user's text.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from edureport.data import load_json
from edureport.text.layout import Layout, Rewrite, rewritten

__all__ = ["join_figure_lines"]

_MIN_FIGURE_LINES = 2  # one may be a table's; two or more are the converter's


class _Cues:
    def __init__(self) -> None:
        data = load_json("reflow.json")["figure_lines"]
        self.figure = regex.compile(data["figure"])
        self.closers = frozenset(data["closers"])
        self.residue = regex.compile(data["residue"])
        dates = set(data["not_units"])  # 3⏎年来…: a page number before a line, as the quantity patterns read it
        self.units = frozenset(form for row in load_json("units.json")["units"] for form in row["forms"]
                               if form not in dates)
        self.unit_lengths = sorted({len(form) for form in self.units}, reverse=True)
        self.magnitudes = sorted(data["magnitudes"], key=len, reverse=True)

    def unit_end(self, text: str, pos: int, end: int) -> int:
        """Where a unit (after spaces and a magnitude) that opens ``text[pos:end]`` ends; -1 if none does.
        Set look-ups, not a union of the ~300 unit forms: this runs for every line holding a number alone."""
        while pos < end and text[pos] in " \t":
            pos += 1
        for magnitude in self.magnitudes:
            if text.startswith(magnitude, pos, end):
                pos += len(magnitude)
                break
        for length in self.unit_lengths:
            if pos + length <= end and text[pos:pos + length] in self.units:
                return pos + length
        return -1


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    return _Cues()


def join_figure_lines(layout: Layout) -> Optional[Rewrite]:
    """The text with its figure lines joined to their neighbours, None when it has fewer than two."""
    text, cues = layout.text, _cues()
    if "\n" not in text:
        return None
    joins: list[tuple[int, int]] = []  # line breaks to drop: (start, end) of the break and any residue
    units_after: set[int] = set()  # where lines start that open with the unit of a figure joined to them
    for found in cues.figure.finditer(text):  # a line holding a number alone, between two lines
        line_start, line_end = found.start("n"), found.end("n")
        after = line_end + 1
        after_end = _line_end(text, after)
        if cues.unit_end(text, after, after_end) < 0:
            continue  # 3⏎年来…: a page number before a line, not a figure
        joins.append((line_end, after))
        units_after.add(after)
        before = text.rfind("\n", 0, line_start - 1) + 1
        head = _residue_start(text, before, line_start - 1, cues) if text[line_start - 2] == ">" else line_start - 1
        if (head > before and text[head - 1] in cues.closers) or (
                head < line_start - 1 and before in units_after and cues.unit_end(text, before, head) == head):
            continue  # …万元?/p>⏎316⏎所: residue after a whole figure ends its sentence; the figure names what follows
        joins.append((head, line_start))
    if len(units_after) < _MIN_FIGURE_LINES:
        return None
    pieces: list[tuple[int, str]] = []
    last = 0
    for start, end in sorted(set(joins)):
        if start < last:
            continue
        pieces.append((last, text[last:start]))
        last = end
    pieces.append((last, text[last:]))
    return rewritten(text, pieces)


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _residue_start(text: str, start: int, end: int, cues: _Cues) -> int:
    """Where the line's text ends before the converter's residue at its end (补助?/p> → 补助)."""
    found = cues.residue.search(text, start, end)
    return found.start() if found is not None else end
