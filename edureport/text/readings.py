"""Pinyin readings a converted web page left inside the words (``總結(jié)``, ``辦學(xué)條件``).

Some sites that convert a report to traditional script print the reading of each character they
were unsure of after it, in brackets. The reading splits the word for every cue, unit and name
(``學(xué)校`` is no longer ``学校``). When a text has several, the working text goes without them;
offsets still point into the user's text.
"""

from __future__ import annotations

from typing import Optional

import regex

from edureport.text.layout import Layout, Rewrite, rewritten

__all__ = ["drop_readings", "reading_end"]

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ"
#: a bracketed syllable (or two) with a tone mark, right after a Han character: 結(jié), 預算(suàn)
_READING = regex.compile(rf"(?<=\p{{Han}})[(（](?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,7}}(?: [a-z{_TONED}]{{1,7}})?[)）]")
_MIN_READINGS = 3  # one bracketed syllable may be a real gloss; a page of them is the converter's


def drop_readings(layout: Layout) -> Optional[Rewrite]:
    """The text without the converter's pinyin readings, None when it has fewer than three."""
    text = layout.text
    if "(" not in text and "（" not in text:
        return None
    found = list(_READING.finditer(text))
    if len(found) < _MIN_READINGS:
        return None
    pieces: list[tuple[int, str]] = []
    last = 0
    for m in found:
        pieces.append((last, text[last:m.start()]))
        last = m.end()
    pieces.append((last, text[last:]))
    return rewritten(text, pieces)


def reading_end(text: str, pos: int) -> int:
    """``pos`` moved past a reading that follows it (a heading ending 任務(wù) keeps its (wù))."""
    found = _READING.match(text, pos) if text[pos:pos + 1] in ("(", "（") else None
    return found.end() if found is not None else pos
