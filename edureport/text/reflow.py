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
import math
from collections import Counter
from functools import lru_cache
from typing import Callable, NamedTuple, Optional, Sequence

import regex

from edureport.data import load_json
from edureport.text.chunks import join_chunks, join_run_in_chunks, opens_report_title
from edureport.text.figure_lines import join_figure_lines
from edureport.text.layout import Layout, Rewrite, build_layout, is_debris, rewritten
from edureport.text.readings import drop_readings

__all__ = ["NOSPLIT", "Choice", "HeadingEndModel", "boundary_features", "heading_min", "learnt_choice", "marker_pattern",
           "title_end",
           "marker_style", "prepare", "resolve", "rewrite_lines", "stop_pattern"]

NOSPLIT = -1
"""The heading-end model's option "the heading runs to its full stop" (a run-in heading)."""


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
        self.space_breaks_min = int(data["space_breaks_min"])
        self.space_break_gap = int(data["space_break_gap"])
        self.space_heading_max = int(data["space_heading_max"])
        self.colon_title_max = int(data["colon_title_max"])
        self.heading_min = data["heading_min"]
        self.opener = regex.compile(data["body_openers"])
        self.sentence_opener = regex.compile(data["sentence_openers"])
        self.section_title = regex.compile(data["section_titles"])
        self.title_end_word = regex.compile(load_json("headings.json")["title_end_word"])
        self.governs = frozenset(data["governs"])
        self.takes_object = frozenset(data["takes_object"])
        self.place_opens = frozenset(data["place_opens"])
        self.stop = regex.compile(r"[。！？；：!?;:]")
        self.first_marker = regex.compile(data["first_marker"])
        self.notes_heading = regex.compile(data["notes_heading"])
        self.title_block = [regex.compile(p) for p in data["title_block"]]
        self.title_labels = regex.compile(data["title_labels"])
        self.title_reach = data["title_reach"]
        self.outline_line = regex.compile(data["outline_line"])
        self.by_width = data["by_width"]
        self.max_learnt = data["max_learnt"]
        self.sibling_pull = data["sibling_pull"]
        # a paragraph that opens the shortcomings (同时，我省…还面临一些困难和挑战): data/roles.json
        self.problem_opener = [regex.compile(p) for p in load_json("roles.json")["problem_opener"]]
        self.sentence_start = regex.compile(r"(?<=[。！？!?])")


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    return _Cues()


class HeadingEndModel:
    """The heading-end model: weights, and how often each character and character pair of the
    reports it was learnt from ends or opens a clause (``data/heading_ends.json``)."""

    def __init__(self, data: dict) -> None:
        self.weights: dict[str, float] = data["weights"]
        self.chars: dict[str, list[int]] = data["chars"]
        self.pairs: dict[str, list[int]] = data["pairs"]
        self.total: int = data["total"]
        self.reach: float = data.get("reach", 0.0)


@lru_cache(maxsize=1)
def _model() -> HeadingEndModel:
    return HeadingEndModel(load_json("heading_ends.json"))


def marker_pattern() -> regex.Pattern[str]:
    """The heading markers a flattened text is cut before (``一、``, ``（一）``, ``第一部分``, ``1.``)."""
    return _cues().marker


def stop_pattern() -> regex.Pattern[str]:
    return _cues().stop


def heading_min() -> int:
    """The fewest characters a heading has after its marker (a cut is never nearer)."""
    return int(_cues().heading_min)


def _bucket(n: int) -> str:
    for top in (1, 3, 5, 7, 9, 11, 14, 18, 24, 32):
        if n <= top:
            return str(top)
    return "more"


def _share(counts: Optional[list[int]], k: int, fallback: float) -> float:
    """log of the share of a character's (or pair's) occurrences that end (k=1) or open (k=2) a clause."""
    if not counts:
        return fallback
    return math.log((counts[k] + 0.5) / (counts[0] + 1.0))


def boundary_features(s: str, a: int, p: int, end: int, model: Optional[HeadingEndModel] = None) -> dict[str, float]:
    """What the heading-end model weighs for a heading opened at ``a`` (after its marker) ending at
    ``p``, with the sentence after it closed at ``end``; ``p == NOSPLIT``: it runs to ``end``.

    How often the characters either side of the cut end or open a clause in the reports the model
    was learnt from (a heading ends on 建设 发展 体系, a body opens on a verb or a subject), how often
    they stand together, the lengths of both parts, and for a heading in two halves (``A，B``) how
    long the second is against the first.
    """
    if p == NOSPLIT:
        return {"ns": 1.0, "ns_len:" + _bucket(end - a): 1.0, "ns_" + _halves(s, a, end): 1.0,
                "ns_verbs:" + str(min(3, _verbs(_verb_spans(s[a:end]), 0, end - a))): 1.0}
    m = model or _model()
    left1, right1 = m.chars.get(s[p - 1]), m.chars.get(s[p])
    end1, open1 = _share(left1, 1, -6.0), _share(right1, 2, -6.0)
    out = {"end1": end1, "end2": _share(m.pairs.get(s[p - 2:p]) if p - 2 >= a else None, 1, end1),
           "open1": open1, "open2": _share(m.pairs.get(s[p:p + 2]), 2, open1),
           "len:" + _bucket(p - a): 1.0, "rest:" + _bucket(end - p): 1.0,
           "L2:" + s[max(a, p - 2):p]: 1.0, "R2:" + s[p:p + 2]: 1.0, "H2:" + s[a:a + 2]: 1.0,
           "L1:" + s[p - 1]: 1.0, "R1:" + s[p]: 1.0}
    pair = m.pairs.get(s[p - 1:p + 1])
    if left1 and right1:
        out["glue"] = math.log(((pair[0] if pair else 0) + 0.5) * m.total / (left1[0] * right1[0]))
    if s[p] in "“《":
        out["quote"] = 1.0
    out[_halves(s, a, p)] = 1.0
    verbs = _verb_spans(s[a:end])
    out["head_verbs:" + str(min(2, _verbs(verbs, 0, p - a)))] = 1.0
    out["rest_verbs:" + str(min(2, _verbs(verbs, p - a, end - a)))] = 1.0
    if p + 2 <= end and s.find(s[p:p + 2], a, p) >= 0:
        out["repeat"] = 1.0  # the body takes up the heading's words: 二、“十五五”时期主要目标任务“十五五”时期，是…
    return out


def _verbs(spans: tuple[tuple[int, int], ...], lo: int, hi: int) -> int:
    """How many of the stretch's verbs of action (data/indicators.json) stand in ``[lo, hi)``: a
    heading has one or two."""
    return sum(1 for start, end in spans if start >= lo and end <= hi)


@lru_cache(maxsize=4096)
def _verb_spans(stretch: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in _verb_pattern().finditer(stretch))


@lru_cache(maxsize=1)
def _verb_pattern() -> regex.Pattern[str]:
    verbs = sorted(load_json("indicators.json")["verbs"], key=len, reverse=True)
    return regex.compile("|".join(regex.escape(v) for v in verbs))


def _halves(s: str, a: int, p: int) -> str:
    """Whether ``s[a:p]`` is one phrase or two halves (``A，B``), and how long the second against the first."""
    comma = max(s.rfind("，", a, p), s.rfind(",", a, p))
    if comma < 0:
        return "whole"
    first, second = comma - a, p - comma - 1
    return "half:" + ("short" if second * 2 < first else "long" if second > first * 2 else "even")


def prepare(text: str) -> Layout:
    """The layout the rules read: of ``text`` itself, or of its working text (``layout.rewrite`` set)."""
    layout = build_layout(text)
    rewrite: Optional[Rewrite] = None
    cleanups: list[Callable[[Layout], Optional[Rewrite]]] = [join_chunks, join_run_in_chunks, drop_readings,
                                                             join_figure_lines]
    # the lines a hard-wrapped text gained, measured on its lines as wrapped (readings and chunk numbers
    # count in their width); then page-chunk numbers, pinyin readings and a converter's figure lines,
    # including those the wrap hid across its lines; then the lines a flattened text (or a web copy's one
    # line under its own wrap) lost
    steps = [unwrap, *cleanups, unwrap, restore_breaks]
    while steps:
        step = steps.pop(0)
        made = step(layout)
        if made is not None:
            rewrite = made if rewrite is None else _compose(rewrite, made)
            layout = build_layout(made.text)
            if step is unwrap:
                steps = [step for step in steps if step is not unwrap]
    layout.rewrite = rewrite
    return layout


def _compose(first: Rewrite, second: Rewrite) -> Rewrite:
    """``second`` made from ``first``'s working text, mapped to ``first``'s original."""
    origin = [first.origin[o] if o >= 0 else -1 for o in second.origin]
    return Rewrite(second.text, origin, first.original)


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
    # a wrap by characters (a text tool) or by width (a PDF: a digit or a space is half a character):
    # the measure under which more lines are full
    # lines that open with a marker are an outline's or a list's, whatever their length: no evidence
    running = [i for i in content if cues.outline_line.match(layout.copy, lines[i].body, lines[i].end) is None]
    if len(running) < cues.min_lines:
        return None
    best: Optional[tuple[int, set[int], int, dict[int, int]]] = None
    for measure in (_chars_of, _width_of):
        sizes = {i: measure(text, lines[i].start, lines[i].end) for i in content}
        found = _width(Counter(sizes[i] for i in running), cues)
        if found is not None:
            full = {i for i in content if sizes[i] >= found - cues.slack}
            score = sum(1 for i in running if i in full)
            if best is None or score > best[0] * cues.by_width:  # by characters, unless clearly by width
                best = (score, full, found, sizes)
    if best is None or best[0] < cues.min_share * len(running):
        return None
    _, full, width, sizes = best
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
        joining = i in full and _continues(layout, i, sizes[i], width, cues)
    if pending_break is not None and pending_break[0] < len(text):
        pieces.append((pending_break[0], text[pending_break[0]:pending_break[1]]))
    rewrite = rewritten(text, pieces)
    return rewrite if rewrite.text != text else None


def _continues(layout: Layout, i: int, length: int, width: int, cues: _Cues) -> bool:
    """Whether full line ``i`` goes on in the next: it does not end a sentence, or it is as long as
    the width and the next line opens no heading (the wrap fell after a 。 inside a paragraph); a
    heading a little short of the width is whole."""
    line, lines, copy = layout.lines[i], layout.lines, layout.copy
    if copy[line.end - 1] in cues.sentence_end:
        following = lines[i + 1] if i + 1 < len(lines) else None
        return length >= width and following is not None and not following.empty and \
            cues.line_marker.match(copy, following.body, following.end) is None
    return length >= width or cues.line_marker.match(copy, line.body, line.end) is None


def _chars_of(text: str, start: int, end: int) -> int:
    return end - start


def _width_of(text: str, start: int, end: int) -> int:
    """A line's length as a page sets it: a Chinese character counts one, a digit, a Latin letter or
    a space half (a PDF wraps by width, so a line with ``15 次`` holds more characters)."""
    chars = end - start
    wide = (len(text[start:end].encode("utf-8")) - chars) // 2  # 3 bytes a character, 1 for ASCII
    return wide + (chars - wide + 1) // 2


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
            return width
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
    first = next((i for i, line in enumerate(lines) if not line.empty), None)  # the title, even a site's file name
    title = copy[lines[first].start:lines[first].end].strip() if first is not None else ""
    # the title (or its start) runs as a header
    headers = {body for body, n in near.items() if n >= 2 or (len(body) >= 4 and title.startswith(body))}
    if headers:
        for i, line in enumerate(lines):
            if i != first and not line.empty and copy[lines[i].start:lines[i].end].strip() in headers and _beside(i, pages):
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
    # the share is of the content: a sharing site's header lines (上传人…, 《…》由会员分享…) are not the report's
    content = sum(ln.end - ln.body for ln, debris in zip(layout.lines, layout.boilerplate) if not debris)
    if line.end - line.start < cues.flat_share * content:
        return None
    spaced = _space_breaks(copy, line.body, line.end, cues)
    headings = [pos for pos in _heading_breaks(copy, line.start, line.end, cues, spaced) if pos > line.body]
    headings = sorted(set(headings).union(spaced))
    first = min(headings, default=line.end)
    cuts = sorted(set(headings) | set(_paragraph_breaks(copy, line.start, line.end, cues))
                  | set(_debris_breaks(copy, line.body, line.end))
                  | {pos for pos in _title_breaks(copy, line.body, min(first, line.body + cues.title_reach), cues)
                     if line.body < pos < first})
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


# on the copy (！→!); a date may open the body: …再上新台阶 xx 年 12 月 28 日，…
_SPACE_BREAK = regex.compile(r"(?<=[\p{Han}。；：”!?;:])[ \u3000]+(?=[\p{Han}（(“]|(?:\d{4}|[xX*×]{2,4})\s?年)")


def _space_breaks(copy: str, start: int, end: int, cues: _Cues) -> list[int]:
    """Where a copy that turned its line breaks into spaces had them (…为宗旨。 一、围绕疫情防控抓统筹 教育系统…):
    a space after a sentence, or after a heading's short title, when such spaces stand as far apart
    as lines do (a PDF's spaced-out characters, a keyword line and a photo credit stand close)."""
    found = list(_SPACE_BREAK.finditer(copy, start, end))
    if len(found) < cues.space_breaks_min:
        return []
    ends = [m.end() for m in found]
    gaps = sorted(b - a for a, b in zip([start, *ends], ends))
    if gaps[len(gaps) // 2] < cues.space_break_gap:
        return []
    out: list[int] = []  # in order, for bisection
    line_start = start
    for m in found:
        if cues.stop.match(copy, m.start() - 1) or (
                m.start() - line_start <= cues.space_heading_max and cues.marker.match(copy, line_start, m.start())):
            out.append(m.end())  # after a sentence, or 一、围绕疫情防控抓统筹 教育系统…: a heading's title ends there
            line_start = m.end()
        else:
            stop = max(copy.rfind(ch, line_start, m.start()) for ch in "。!?")
            line_start = max(line_start, stop + 1)
    return out


_SENTENCE_END = regex.compile(r"[。！？!?]")
_DEBRIS_SENTENCE_MAX = 240  # a site's sentence is short; a longer stretch is not read as one


def _debris_breaks(copy: str, start: int, end: int) -> list[int]:
    """A site's sentences run into the text (1. 部分包含数学公式或PPT动画的文件,…请放心下载。2. 本文档由用户上传…):
    each gets a line of its own, which the layout then flags as it flags such a line."""
    out: list[int] = []
    last = start
    for m in _SENTENCE_END.finditer(copy, start, end):
        if m.end() - last <= _DEBRIS_SENTENCE_MAX:
            body = copy[last:m.end()].strip()
            if body and is_debris(body):
                out += [last, m.end()]
        last = m.end()
    return out


def _title_breaks(copy: str, start: int, end: int, cues: _Cues) -> list[int]:
    """Lines of the title block before the first heading: the title, the 在…会议上 line, 各位代表：
    on lines of their own, and a line opened by each 来源： 时间： label."""
    out = []
    for pattern in cues.title_block:  # the first of each: a title's words recur in the lead (省长…作政府工作报告)
        m = pattern.search(copy, start, end)
        if m is not None:
            out += [m.start(), m.end()]
    out += [m.start() for m in cues.title_labels.finditer(copy, start, end)]
    return out


def _paragraph_breaks(copy: str, start: int, end: int, cues: _Cues) -> list[int]:
    """Sentence starts that open a paragraph of their own: the shortcomings (同时，…还面临一些困难)."""
    out = []
    for m in cues.sentence_start.finditer(copy, start + 1, end):
        head = copy[m.start():m.start() + 60]
        if any(p.match(head) for p in cues.problem_opener):
            out.append(m.start())
    return out


def _heading_breaks(copy: str, start: int, end: int, cues: _Cues, spaced: Sequence[int] = ()) -> list[int]:
    """Where lines start: before each marker that opens a heading, and after the heading when the
    body follows it with no stop between (``（一）资源供给持续提升加大基本建设项目…``)."""
    out: list[Optional[int]] = []
    # siblings (a marker style under one parent heading): where each one's cut goes in out
    learnt: dict[tuple[str, int], list[tuple[int, Choice]]] = {}
    known: dict[tuple[str, int], int] = {}  # siblings that certainly end before their stop (a body opener, a marker)
    decided = 0  # headings whose end the model chose (bounded: a text of 10⁵ markers is no report)
    decisions: Decided = {}
    seen: dict[str, int] = {}  # marker styles in the order they first occur: the earlier are parents
    latest: dict[str, int] = {}  # the last marker of each style
    markers = list(cues.marker.finditer(copy, start, end))
    accepted_end = -1  # where the last accepted heading's phrase ended at the next marker
    listed: dict[str, list[str]] = {}  # the titles a flattened outline or table of contents gave, by their marker
    colons: dict[int, int] = {}  # slots of out whose heading runs to a colon: where the colon stands
    for k, m in enumerate(markers):
        opening = k == 0 and cues.first_marker.match(m.group()) is not None \
            and not (m.group()[0].isdigit() and opens_report_title(copy, m.end()))  # 1、区教育局2017年工作要点: a chunk's number
        style = marker_style(m.group())
        notes = cues.notes_heading.search(copy, max(start, m.start() - 4), m.start()) if style == "note" else None
        if notes is not None and _after_sentence(copy, notes.start(), start):
            out += [notes.start()]  # 注释［1］一降三减：…: the notes heading has a line of its own
        elif not (opening or m.start() == accepted_end or _after_sentence(copy, m.start(), start)):
            continue  # 西十、康渝等4条高铁: a marker inside a sentence opens no heading
        following = markers[k + 1].start() if k + 1 < len(markers) else end
        limit = min(end, m.end() + cues.phrase_max, following)
        found = cues.stop.search(copy, m.end(), limit)
        stop = found.start() if found is not None else limit
        at = bisect.bisect_right(spaced, m.end())
        body = spaced[at] if at < len(spaced) and spaced[at] <= stop else None  # 抓统筹 教育系统…: a lost break
        if body is None:
            gap = _TITLE_SPACE.search(copy, m.end() + 2, min(stop, m.end() + cues.space_heading_max))
            body = gap.end() if gap is not None else None  # 二、目标任务 始终坚持…: a space after the title
        # an entry of an outline or a table of contents (一、全面打赢防疫战役1二、…): the next marker ends it;
        # a later heading of the same marker that opens with its title ends there
        entry = found is None and stop == following
        page = _PAGE_AFTER.search(copy, m.end(), following) if entry else None
        if entry:
            titles = listed.setdefault(m.group(), [])
            if len(titles) < _LISTED_MAX:
                titles.append(copy[m.end():page.start() if page is not None else following])
        if page is None and body is None:
            title = _listed_title(copy, m, stop, listed)
            if title is None:
                stock = cues.section_title.match(copy, m.end(), stop)
                title = stock.end() if stock is not None and stock.end() < stop else None
            if title is None:  # 1.项目安排情况2021年安排…: the title ends with its 情况 (headings.json title_end_word)
                ends = cues.title_end_word.search(copy, m.end(), min(stop, m.end() + cues.space_heading_max))
                title = ends.end() if ends is not None else None
            body = title if title is not None else _body_start(cues.opener, copy, m.end() + cues.heading_min, stop, cues)
        if style == "note":  # a glossary entry: the term up to its colon
            body = stop + 1 if found is not None and copy[stop] in ":：" else None
        seen.setdefault(style, len(seen))
        parent = max((latest[other] for other in latest if seen[other] < seen[style]), default=-1)
        latest[style] = k
        if body is None and found is None and stop == following:
            accepted_end = following  # 一、2023年工作回顾（一）…: the next marker ends this heading
            known[(style, parent)] = known.get((style, parent), 0) + 1
        elif body is None and decided < cues.max_learnt:  # where it ends is learnt (its slot in out is filled below)
            decided += 1
            choice = learnt_choice(copy, m.end(), stop, found is not None, decisions)
            learnt.setdefault((style, parent), []).append((len(out) + 1, choice))
            if style in ("dun", "paren") and found is not None and copy[stop] in ":：" \
                    and stop - m.end() <= cues.colon_title_max and not _OPEN_BRACKET.search(copy, m.end(), stop) \
                    and not _SHORT_SECOND_PART.match(copy, stop + 1):
                colons[len(out) + 1] = stop  # a section's short title that runs to a colon ends there (not 1、中心小学:…)
        else:
            known[(style, parent)] = known.get((style, parent), 0) + 1
        out += [m.start(), body]
    for key, group in learnt.items():
        for (slot, _), cut in zip(group, resolve([choice for _, choice in group], known=known.get(key, 0))):
            stop_at = colons.get(slot)
            out[slot] = cut if cut is not None or stop_at is None else stop_at + 1  # 一、基本情况:我镇共有…
    return [pos for pos in out if pos is not None]


# a contents entry's page number, right before the next entry's marker
_PAGE_AFTER = regex.compile(r"(?<=\p{Han})\d{1,3}$")
_LISTED_MAX = 50  # titles a contents list gives under one marker
_GOES_ON = frozenset("，,、：:（(“《—")  # after a listed title: the heading goes on (一、…扎实推进,成效显著)


def _listed_title(copy: str, marker: regex.Match[str], stop: int, listed: dict[str, list[str]]) -> Optional[int]:
    """Where a heading ends that an outline or a table of contents before it listed (the longest listed title
    it opens with and goes on after)."""
    titles = listed.get(marker.group())
    if not titles:
        return None
    fits = [len(t) for t in titles if len(t) < stop - marker.end() and copy.startswith(t, marker.end())
            and copy[marker.end() + len(t)] not in _GOES_ON]
    return marker.end() + max(fits) if fits else None


def marker_style(marker: str) -> str:
    return "part" if marker.startswith("第") else "note" if marker[0] in "[［" else "paren" if marker[0] in "（(" else \
        "dun" if marker[0] in "一二三四五六七八九十" else "arabic"


class Choice(NamedTuple):
    """The heading-end model's best cut of one heading and how it scores against running to the stop."""

    cut: Optional[int]
    score: float
    run_in: Optional[float]
    """The score of "the heading runs to its full stop"; None when there is no stop to run to."""


Decided = dict[tuple[str, bool], tuple[Optional[int], float, Optional[float]]]


def learnt_choice(copy: str, a: int, stop: int, run_in: bool, memo: Optional[Decided] = None) -> Choice:
    """The heading-end model on a heading opened at ``a`` whose sentence closes at ``stop``
    (``memo``: the text's stretches decided so far; the same stretch gets the same answer)."""
    key = (copy[a:stop], run_in)
    known = memo.get(key) if memo is not None else None
    if known is None:
        known = _choose(copy, a, stop, run_in)
        if memo is not None:
            memo[key] = known
    cut, score, run = known
    return Choice(None if cut is None else a + cut, score, run)


def _choose(copy: str, a: int, stop: int, run_in: bool) -> tuple[Optional[int], float, Optional[float]]:
    model = _model()
    weights = model.weights

    def score(p: int) -> float:
        return sum(weights.get(f, 0.0) * v for f, v in boundary_features(copy, a, p, stop, model).items())
    best, top = None, -math.inf
    opened = 0  # quotes opened and not closed before p
    first = a + heading_min()
    for p in range(first, stop - 1):
        opened += (copy[p - 1] == "“") - (copy[p - 1] == "”") if p > first else \
            copy.count("“", a, p) - copy.count("”", a, p)
        if opened <= 0:
            value = score(p)
            if value > top:
                best, top = p, value
    return (None if best is None else best - a, top, score(NOSPLIT) if run_in or best is None else None)


def title_end(copy: str, a: int, stop: int) -> Optional[int]:
    """Where a heading opened at ``a`` ends when its body follows on the same line with no stop between
    (``一、2023年全县教育工作回顾2023年，全县…。``): where a sentence opens with its time and a comma
    (``sentence_openers``); None: it runs to ``stop``. Neither the body openers of flattened text (我县, 按照)
    nor the heading-end model: they cut the long run-in points of a list (1、根据年初工作安排…，督导室…。)."""
    cues = _cues()
    limit = min(stop, a + cues.phrase_max)
    return _body_start(cues.sentence_opener, copy, a + cues.heading_min, limit, cues)


def resolve(choices: list[Choice], reach: Optional[float] = None, known: int = 0) -> list[Optional[int]]:
    """Where each of a document's headings of one marker style under one parent ends (None: at its stop).

    Siblings are written one way in a document: all on lines of their own, or all run into their
    paragraphs. A heading the model is unsure of (a margin under ``reach``) follows the way its
    siblings lean: their scores, and ``known`` siblings that certainly have a line of their own
    (the next marker or an enumeration 一是 follows them).
    """
    reach = _model().reach if reach is None else reach
    margins = [c.score - c.run_in if c.run_in is not None else math.inf for c in choices]
    pull = _cues().sibling_pull
    lean = sum(max(-pull, min(pull, d)) for d in margins if d != math.inf) + pull * known
    out = []
    for c, d in zip(choices, margins):
        cut = d > 0
        if d != math.inf and abs(d) < reach and lean != 0:
            cut = lean > 0
        out.append(c.cut if cut and c.cut is not None else None)
    return out


_YEAR_ONLY = regex.compile(r"\s*(?:\d{4}|[xX*×]{2,4}|20[xX*×]{2})\s*年(?:度)?\s*")


# a space between a heading's title and its body (not a PDF's space inside a word: at most one run a title)
_TITLE_SPACE = regex.compile(r"(?<=\p{Han})[ \u3000]+(?=[\p{Han}（(“\d])")

_OPEN_BRACKET = regex.compile(r"[《(（“][^》)）”]*$")  # a colon inside a bracket: 实施步骤《繁:驟》
# a title in two parts, the second short and whole (彰显担当:政府履职评价再度夺冠。): it runs to its full stop
_SHORT_SECOND_PART = regex.compile(r"[^，,。；;!?！？]{2,20}[。!?！？]")

_SHORT_PREDICATE = regex.compile(r"\p{Han}{1,3}[。；;!?！？]")  # 全市领先。: a place and a word, and the sentence ends


def _body_start(opener: regex.Pattern[str], copy: str, pos: int, limit: int, cues: _Cues) -> Optional[int]:
    """The first place in ``copy[pos:limit]`` where ``opener`` says a body opens (outside quotes), if any."""
    for m in opener.finditer(copy, pos, limit):
        if copy.count("“", pos, m.start()) > copy.count("”", pos, m.start()):
            continue  # inside a quoted name
        if copy[m.start() - 1] in "，,":
            continue  # 做强教育质量，扎实推进素质教育; 落实…政策，全区共有…: a heading's line ends with no comma
        place = copy[m.start()] in cues.place_opens
        if place and _SHORT_PREDICATE.match(copy, m.end()):
            continue  # (一)教育发展水平全市领先。: the place is the title's, its predicate ends it
        if copy[m.start() - 1] in cues.governs or (place and copy[m.start() - 2:m.start()] in cues.takes_object):
            continue  # 主动适应…新形势,对全市教育事业…; 研究制定了我市《…》; 扎实推进全市…: the place is an object, not a subject
        if _YEAR_ONLY.fullmatch(copy, pos - cues.heading_min, m.start()):
            continue  # 一、xxxx年我县教育工作取得的成绩: a year alone is no heading
        return m.start()
    return None


def _after_sentence(copy: str, pos: int, start: int) -> bool:
    """``pos`` opens the line or follows the end of a sentence (spaces between; an ellipsis or a run of
    dashes ends one too: …达…………二、存在的困难, ---此处隐藏5372字,下载后查看---17.…)."""
    while pos > start and copy[pos - 1] in " \u3000":
        pos -= 1
    return pos == start or copy[pos - 1] in "。！？；：!?;:…" or copy.startswith("--", pos - 2)
