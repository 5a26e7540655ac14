"""Page-chunk numbers of document-sharing sites, taken out of the text.

Sites that show uploaded Word files (``…由会员分享，可在线阅读…``) cut the document into chunks of a
few hundred characters and number them ``1、`` ``2、`` ``3、`` at the start of a line, wherever the
cut falls: inside a sentence, inside a word, inside a number (``发放资助金额5⏎2、05.3万元``). Read as
written, the numbers become headings and the figure is lost. A chunk number is told from a real
list marker by where it stands: after a long line that stops in mid-sentence, in an unbroken run
1, 2, 3…; the working text joins the chunks back (offsets still point into the user's text).
A copy of such a page that lost its line breaks has them run in (``…搜索。1、某县教育局2022年工作总结一、…
金额52、05.3万元…``): chunk 1 opens the report's title, and the next ones stand in mid-sentence as far apart
as the first two (:func:`join_run_in_chunks`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from edureport.data import load_json
from edureport.text.layout import Layout, Line, Rewrite, rewritten

__all__ = ["join_chunks", "join_run_in_chunks", "opens_report_title"]

_CHUNK = regex.compile(r"[ \t]*([1-9][0-9]?)、")
_SENTENCE_END = frozenset("。！？；!?;")
_MIN_CHUNK = 120  # a chunk is a few hundred characters; a list item stopping without 。 is short


def join_chunks(layout: Layout) -> Optional[Rewrite]:
    """The text without its page-chunk numbers, the chunks joined where the site cut them; None
    when it has none (at least chunks 1 and 2, each cut after a long line in mid-sentence)."""
    text, lines = layout.text, layout.lines
    expected, chain = 1, []
    previous: Optional[int] = None  # the last non-empty line before
    for i, line in enumerate(lines):
        if line.empty:
            continue
        m = _CHUNK.match(text, line.start, line.end)
        if m is not None and int(m.group(1)) == expected:
            if expected == 1:
                chain = [(i, m.end())]
                expected = 2
            elif previous is not None and _cut(text, lines[previous].start, lines[previous].end):
                chain.append((i, m.end()))
                expected += 1
        previous = i
    if len(chain) < 2:
        return None
    # chunk 1 keeps the line break before it (the site's header ends there); the others join on
    return _without(text, [(lines[i].start if n == 0 else _line_end_before(lines, i), after)
                           for n, (i, after) in enumerate(chain)])


def _without(text: str, spans: list[tuple[int, int]]) -> Rewrite:
    """``text`` with the ``(start, end)`` spans (in order, apart) taken out."""
    pieces: list[tuple[int, str]] = []
    last = 0
    for start, end in spans:
        pieces.append((last, text[last:start]))
        last = end
    pieces.append((last, text[last:]))
    return rewritten(text, pieces)


def _cut(text: str, start: int, end: int) -> bool:
    """A line the site cut: long, and stopping in mid-sentence."""
    body = text[start:end].rstrip()
    return len(body) >= _MIN_CHUNK and body[-1] not in _SENTENCE_END


def _line_end_before(lines: list[Line], i: int) -> int:
    """The end of the last non-empty line before line ``i`` (where the site's cut fell)."""
    j = i - 1
    while j > 0 and lines[j].empty:
        j -= 1
    return lines[j].end


# --------------------------------------------------------------------------- chunks of a flattened copy

_RUN_IN_FIRST = regex.compile(r"(?:^|(?<=[。！？!?\s]))1、")
_FIRST_REACH = 3000  # the first chunk opens in the site's header, before the report
_GAP = (150, 1500)  # characters between two chunk numbers; later gaps within a fifth of the first
_GAP_SPREAD = 0.2
_MAX_CHUNKS = 400


@lru_cache(maxsize=1)
def _report_title() -> regex.Pattern[str]:
    return regex.compile(load_json("reflow.json")["chunk_title"])


def opens_report_title(copy: str, pos: int) -> bool:
    """Whether a report's title opens at ``pos`` (what a sharing site's chunk 1 stands before)."""
    return _report_title().match(copy, pos) is not None


def join_run_in_chunks(layout: Layout) -> Optional[Rewrite]:
    """The chunk numbers of a sharing site's copy that lost its line breaks: ``…搜索。1、某县教育局2022年工作
    总结一、…资助金额52、05.3万元…``. Chunk 1 opens the report's title; the next ones stand in mid-sentence
    as far apart as the first two (a site cuts chunks of one size). None when there is no such run."""
    text, copy = layout.text, layout.copy
    for first in _RUN_IN_FIRST.finditer(copy, 0, min(len(copy), _FIRST_REACH)):
        if not opens_report_title(copy, first.end()):
            continue
        chain = [first.start()]
        gap: Optional[int] = None
        while len(chain) < _MAX_CHUNKS:
            number = f"{len(chain) + 1}、"
            lo, hi = (_GAP if gap is None else (int(gap * (1 - _GAP_SPREAD)), int(gap * (1 + _GAP_SPREAD)) + 1))
            at = copy.find(number, chain[-1] + lo, chain[-1] + hi)
            while at >= 0 and copy[at - 1] in _SENTENCE_END:
                at = copy.find(number, at + 1, chain[-1] + hi)  # a list's point after a sentence: not a cut
            if at < 0:
                break
            gap = gap or at - chain[-1]
            chain.append(at)
        if len(chain) >= 2:
            return _without(text, [(at, at + len(f"{count}、")) for count, at in enumerate(chain, 1)])
    return None
