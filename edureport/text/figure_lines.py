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

from edureport.data import alternation, load_json
from edureport.text.layout import Layout, Rewrite, rewritten

__all__ = ["join_figure_lines"]

_MIN_FIGURE_LINES = 2  # one may be a table's; two or more are the converter's


class _Cues:
    def __init__(self) -> None:
        data = load_json("reflow.json")["figure_lines"]
        self.figure = regex.compile(data["figure"])
        self.closers = frozenset(data["closers"])
        self.residue = regex.compile(data["residue"])
        units = [form for row in load_json("units.json")["units"] for form in row["forms"]]
        self.unit_first = regex.compile(rf"[ \t]*(?:{data['magnitudes']})?(?:{alternation(units)})")


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    return _Cues()


def join_figure_lines(layout: Layout) -> Optional[Rewrite]:
    """The text with its figure lines joined to their neighbours, None when it has fewer than two."""
    text, lines, cues = layout.text, layout.lines, _cues()
    joins: list[tuple[int, int]] = []  # line breaks to drop: (start, end) of the break and any residue
    units_after: set[int] = set()  # lines that open with the unit of a figure joined to them
    for i in range(1, len(lines) - 1):
        line, before, after = lines[i], lines[i - 1], lines[i + 1]
        if line.empty or before.empty or after.empty or not cues.figure.fullmatch(text, line.start, line.end):
            continue
        if not cues.unit_first.match(text, after.start, after.end):
            continue  # 3⏎年来…: a page number before a line, not a figure
        joins.append((line.end, after.start))
        units_after.add(i + 1)
        head = _residue_start(text, before.start, before.end, cues)
        if (head > before.start and text[head - 1] in cues.closers) or (
                head < before.end and i - 1 in units_after and cues.unit_first.fullmatch(text, before.start, head)):
            continue  # …万元?/p>⏎316⏎所: residue after a whole figure ends its sentence; the figure names what follows
        joins.append((head, line.start))
    if len(joins) < 2 * _MIN_FIGURE_LINES:
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


def _residue_start(text: str, start: int, end: int, cues: _Cues) -> int:
    """Where the line's text ends before the converter's residue at its end (补助?/p> → 补助)."""
    found = cues.residue.search(text, start, end)
    return found.start() if found is not None else end
