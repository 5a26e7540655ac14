"""Lines as the author wrote them: text that lost its line breaks or gained some (issue 17).

Structure is read line by line, so a report copied out of a web page as one line, or out of a
PDF hard-wrapped every ~36 characters with page numbers and running headers between the lines,
is first given back the lines it was written with: a *working text* the rules read, and a map
from each of its characters to the text the user passed, so that every offset of the Report
still points into that text (:func:`edureport.assemble.build_report` maps them back).

* **Hard-wrapped** (:func:`unwrap`): when most lines are "full" (as long as the longest lines,
  within a couple of characters), a line break after a full line that does not end a sentence is
  removed, and so are page numbers (``— 3 —``, ``第3页 共12页``) and running headers (a short line
  repeated next to them); a number broken at the line end (``1126⏎.6亿元``) is whole again.
* **Flattened** (:func:`restore_breaks`): when one line holds most of a long text, a line break
  is put before each heading marker (``一、``, ``（一）``, ``(一)``, ``第一部分``) that is judged a
  heading by what follows it: a short phrase, then a full stop, a colon or another marker.

The cue data (markers, sentence ends, thresholds) is in ``data/reflow.json``.
"""

from __future__ import annotations

import bisect
from collections import Counter
from functools import lru_cache
from typing import Optional

import regex

from edureport.data import load_json
from edureport.text.layout import Layout, Rewrite, build_layout, rewritten

__all__ = ["prepare", "rewrite_lines"]


class _Cues:
    def __init__(self) -> None:
        data = load_json("reflow.json")
        self.sentence_end = frozenset(data["sentence_end"])
        self.min_lines = data["min_wrapped_lines"]
        self.min_share = data["min_full_share"]
        self.min_width = data["min_width"]
        self.slack = data["full_slack"]
        self.header_max = data["running_header_max"]
        self.flat_min = data["flat_min_chars"]
        self.flat_share = data["flat_share"]
        self.marker = regex.compile(data["marker"])
        self.line_marker = regex.compile(data["line_marker"])
        self.page_number = regex.compile(data["page_number"])
        self.phrase_max = data["heading_phrase_max"]
        self.heading_min = data["heading_min"]
        self.opener = regex.compile(data["body_openers"])
        self.weak = regex.compile(data["weak_openers"])
        self.run_in_max = data["run_in_max"]
        self.half_min, self.half_max = data["parallel_half"]
        verbs = load_json("indicators.json")["verbs"] + data["policy_verbs"]
        self.verb = regex.compile("|".join(regex.escape(v) for v in sorted(set(verbs), key=len, reverse=True)))
        self.adverbs = tuple(data["body_adverbs"])
        self.stop = regex.compile(r"[。！？；：!?;:]")
        self.comma = regex.compile(r"[，,]")
        self.first_marker = regex.compile(data["first_marker"])
        self.body_min = data["body_min"]
        # a paragraph that opens the shortcomings (同时，我省…还面临一些困难和挑战): data/roles.json
        self.problem_opener = [regex.compile(p) for p in load_json("roles.json")["problem_opener"]]
        self.sentence_start = regex.compile(r"(?<=[。！？!?])")


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    return _Cues()


def prepare(text: str) -> Layout:
    """The layout the rules read: of ``text`` itself, or of its working text (``layout.rewrite`` set)."""
    layout = build_layout(text)
    rewrite = rewrite_lines(layout)
    if rewrite is None:
        return layout
    working = build_layout(rewrite.text)
    working.rewrite = rewrite
    return working


def rewrite_lines(layout: Layout) -> Optional[Rewrite]:
    """The working text of a hard-wrapped or flattened report, None for one with its own lines."""
    return unwrap(layout) or restore_breaks(layout)


# --------------------------------------------------------------------------- hard-wrapped text


def unwrap(layout: Layout) -> Optional[Rewrite]:
    """Join hard-wrapped lines and drop page furniture, when most lines are full."""
    cues = _cues()
    text, lines = layout.text, layout.lines
    content = [i for i, line in enumerate(lines) if not line.empty and not layout.boilerplate[i]]
    if len(content) < cues.min_lines:
        return None
    lengths = Counter(lines[i].end - lines[i].start for i in content)
    width = _width(lengths, cues)
    if width is None:
        return None
    full = {i for i in content if lines[i].end - lines[i].start >= width - cues.slack}
    if len(full) < cues.min_share * len(content):
        return None
    furniture = _furniture(layout, content)
    pieces: list[tuple[int, str]] = []
    pending_break: Optional[tuple[int, int]] = None  # the line break after the last kept line
    joining = False
    for i, line in enumerate(lines):
        if i in furniture or (line.empty and joining):
            continue  # a page number, a running header, or a blank line inside a wrapped paragraph
        if pending_break is not None and not joining:
            pieces.append((pending_break[0], text[pending_break[0]:pending_break[1]]))
        pieces.append((line.start, text[line.start:line.end]))
        following = lines[i + 1].start if i + 1 < len(lines) else len(text)
        pending_break = (line.end, following)
        joining = i in full and _continues(layout, i, width, cues)
    if pending_break is not None and pending_break[0] < len(text):
        pieces.append((pending_break[0], text[pending_break[0]:pending_break[1]]))
    rewrite = rewritten(text, pieces)
    return rewrite if rewrite.text != text else None


def _continues(layout: Layout, i: int, width: int, cues: _Cues) -> bool:
    """Whether full line ``i`` goes on in the next: it does not end a sentence, or it is as long as
    the width and the next line opens no heading (the wrap fell after a 。 inside a paragraph); a
    heading a little short of the width is whole."""
    line, lines, copy = layout.lines[i], layout.lines, layout.copy
    length = line.end - line.start
    if copy[line.end - 1] in cues.sentence_end:
        following = lines[i + 1] if i + 1 < len(lines) else None
        return length >= width and following is not None and not following.empty and \
            cues.line_marker.match(copy, following.body, following.end) is None
    return length >= width or cues.line_marker.match(copy, line.body, line.end) is None


def _width(lengths: Counter[int], cues: _Cues) -> Optional[int]:
    """The wrap width: the longest length many lines share (within the slack), if there is one."""
    if not lengths:
        return None
    longest = max(lengths)
    # lines of a wrapped text are as long as the longest, give or take the slack (a wide character, a digit run)
    top = sorted(lengths, reverse=True)
    for width in top:
        near = sum(n for length, n in lengths.items() if width - cues.slack <= length <= width + cues.slack)
        if width >= cues.min_width and near >= cues.min_share * sum(lengths.values()):
            return min(width + cues.slack, longest)
        if width < longest * 0.6:
            break
    return None


def _furniture(layout: Layout, content: list[int]) -> set[int]:
    """Page numbers (boilerplate lines that are only a page number) and running headers: short lines
    repeated beside them. Other boilerplate (a site's 打印, 来源：) stays: the layout flags it."""
    cues = _cues()
    lines, copy = layout.lines, layout.copy
    pages = [i for i, flag in enumerate(layout.boilerplate)
             if flag and cues.page_number.fullmatch(copy[lines[i].start:lines[i].end].strip())]
    out = set(pages)
    beside = {j for page in pages for j in (page - 2, page - 1, page + 1, page + 2)
              if 0 <= j < len(lines) and j not in out and not lines[j].empty
              and lines[j].end - lines[j].start <= cues.header_max}
    near = Counter(copy[lines[j].start:lines[j].end].strip() for j in beside)  # each line once
    title = copy[lines[content[0]].start:lines[content[0]].end].strip() if content else ""
    # the title (or its start) runs as a header
    headers = {body for body, n in near.items() if n >= 2 or (len(body) >= 4 and title.startswith(body))}
    if headers:
        for i in content[1:]:  # the first line is the title itself
            if copy[lines[i].start:lines[i].end].strip() in headers and _beside(i, pages):
                out.add(i)
    return out


def _beside(i: int, pages: list[int]) -> bool:
    k = bisect.bisect_left(pages, i - 2)
    return k < len(pages) and pages[k] <= i + 2


# --------------------------------------------------------------------------- flattened text


def restore_breaks(layout: Layout) -> Optional[Rewrite]:
    """A line break before each heading marker of a line that holds most of a long text."""
    cues = _cues()
    text, copy = layout.text, layout.copy
    if len(text) < cues.flat_min:
        return None
    line = max(layout.lines, key=lambda ln: ln.end - ln.start)
    if line.end - line.start < cues.flat_share * len(text.strip()):
        return None
    cuts = sorted({pos for pos in _heading_breaks(copy, line.start, line.end, cues) if pos > line.body}
                  | set(_paragraph_breaks(copy, line.start, line.end, cues)))
    if not cuts:
        return None
    pieces: list[tuple[int, str]] = []
    last = 0
    for pos in cuts:
        pieces.append((last, text[last:pos]))
        pieces.append((-1, "\n"))
        last = pos
    pieces.append((last, text[last:]))
    return rewritten(text, pieces)


def _paragraph_breaks(copy: str, start: int, end: int, cues: _Cues) -> list[int]:
    """Sentence starts that open a paragraph of their own: the shortcomings (同时，…还面临一些困难)."""
    out = []
    for m in cues.sentence_start.finditer(copy, start + 1, end):
        head = copy[m.start():m.start() + 60]
        if any(p.match(head) for p in cues.problem_opener):
            out.append(m.start())
    return out


def _heading_breaks(copy: str, start: int, end: int, cues: _Cues) -> list[int]:
    """Where lines start: before each marker that opens a heading, and after the heading when the
    body follows it with no stop between (``（一）资源供给持续提升加大基本建设项目…``)."""
    out = []
    markers = list(cues.marker.finditer(copy, start, end))
    accepted_end = -1  # where the last accepted heading's phrase ended at the next marker
    for k, m in enumerate(markers):
        opening = k == 0 and cues.first_marker.match(m.group()) is not None
        if not (opening or m.start() == accepted_end or _after_sentence(copy, m.start(), start)):
            continue  # 西十、康渝等4条高铁: a marker inside a sentence opens no heading
        following = markers[k + 1].start() if k + 1 < len(markers) else end
        limit = min(end, m.end() + cues.phrase_max, following)
        found = cues.stop.search(copy, m.end(), limit)
        stop = found.start() if found is not None else limit
        body = _body_start(cues.opener, copy, m.end() + cues.heading_min, stop, cues) or \
            _second_half_end(copy, m.end(), stop, cues)
        if body is None and found is None and stop == following:
            accepted_end = following  # 一、2023年工作回顾（一）…: the next marker ends this heading
        elif body is None and (found is None or stop - m.end() > cues.run_in_max):
            body = _body_start(cues.weak, copy, m.end() + cues.heading_min, stop, cues)
        out += [m.start(), body] if body is not None else [m.start()]
    return out


def _body_start(opener: regex.Pattern[str], copy: str, pos: int, limit: int, cues: _Cues) -> Optional[int]:
    """The first place in ``copy[pos:limit]`` where ``opener`` says a body opens (outside quotes), if any."""
    for m in opener.finditer(copy, pos, limit):
        if copy.count("“", pos, m.start()) > copy.count("”", pos, m.start()):
            continue  # inside a quoted name
        if copy[m.start() - 1] in "，," and m.group().startswith(cues.adverbs):
            continue  # 做强教育质量，扎实推进素质教育: the heading's second half
        return m.start()
    return None


def _second_half_end(copy: str, pos: int, limit: int, cues: _Cues) -> Optional[int]:
    """Where the body opens after a heading in two halves (充分挖掘内需潜力，推动经济稳定增长促进消费…):
    at a verb that makes the second half about as long as the first, with a body sentence after it."""
    found = cues.comma.search(copy, pos + cues.half_min, min(limit, pos + cues.half_max + 1))
    if found is None:
        return None
    comma = found.start()
    half = comma - pos
    for verb in cues.verb.finditer(copy, comma + half, min(limit, comma + 1 + half + 6)):
        if limit - verb.start() >= cues.body_min:
            return verb.start()
    return None


def _after_sentence(copy: str, pos: int, start: int) -> bool:
    """``pos`` opens the line or follows the end of a sentence."""
    return pos == start or copy[pos - 1] in "。！？；：!?;:"
