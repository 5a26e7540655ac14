"""Section headings and their nesting.

A heading is a marker (一、 （一） 1. （1） ① 第一， …) at the start of a line, a
short unmarked title line, or — in text whose line breaks were lost — a marker
after a full stop or run into the previous heading, when its ordinal continues
the outline. Levels come from the order in which marker styles nest in the
document at hand, never from a fixed table.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Optional

import regex

from edureport.data import first_chars, guarded, load_json
from edureport.text.layout import Layout, Line
from edureport.text.numerals import ordinal_value
from edureport.text.reflow import title_end

PLAIN = "plain"
_STOPS = "。:!?"  # a run-in heading may follow these (matching copy)
_CLAUSE_END = regex.compile(r"[。!?]")
_TITLE_SPACE = regex.compile(r"(?<=\p{Han})[ \t]+(?=\p{Han}{2})")  # on the copy (an ideographic space is " "); 学校 所: a figure left out
_TITLE_SPACE_MAX = 40  # a heading's title before the space that parts it from its body
def _arabic(style: str) -> bool:
    """A marker style with Arabic digits (1. 1、 1) 1。), by the naming of headings.json's styles."""
    return style.startswith("ar_")


_FIRST_ORDINAL_MAX = 9  # an Arabic count the document never began may open at most here (an excerpt's 3.…)
_LONG_TITLE = 45  # a heading's title to its stop longer than this ran into its body with no stop between
_TITLE_LINE_MAX = 40  # a report's title line (县教育和体育局2023年工作总结及2024年工作计划)
_TITLE_AGAIN_REACH = 15  # lines of a page's head in which a repeated line is its title again
_BODY_MIN = 20  # …and the body after it, with a full stop
_ENUM_START = regex.compile(r"(?:[一二三四五六七八九十]{1,2}是|首先)")  # a list run into a run-in heading
_TITLE_TRIM = " \t。:;,.!?、"
_ENUM_TITLE_MIN = 4  # a heading on its own line before a run-in 一是 has a title of its own
_CLAUSE_MARKS = frozenset(":;,、")  # …，一是…: an enumeration inside the heading's sentence, not its body
_RUNIN_REACH = 60  # a heading run into the next one is short: (一) follows 一、主要工作 closely
_HALF_TO_FULL = {"cn_half": "cn_paren", "ar_half": "ar_paren"}
_CN_STYLES = frozenset({"cn_dun", "cn_dot", "di"})
_EMBEDDED_STYLES = frozenset({"cn_paren", "ar_paren", "ar_dot", "cn_dun", "circled", "ar_dun"})


@dataclass
class Heading:
    """A heading found in the text; offsets are into the original string."""

    start: int
    end: int
    marker_end: int
    style: str
    ordinal: Optional[int]
    strong: bool
    line: int
    level: int = 0
    preface: bool = False  # an unmarked 序言/前言: a sibling of the parts after it, not their parent

    def marker(self, text: str) -> str:
        return text[self.start:self.marker_end].rstrip()

    def title(self, text: str) -> str:
        return text[self.marker_end:self.end].strip().rstrip(_TITLE_TRIM + "。：；，！？").strip()


@dataclass(frozen=True)
class _Rules:
    styles: tuple[tuple[str, regex.Pattern[str]], ...]
    any_style: regex.Pattern[str]
    anywhere: regex.Pattern[str]
    not_after: regex.Pattern[str]
    not_after_cn: regex.Pattern[str]
    max_unmarked: int
    unmarked_bad_end: regex.Pattern[str]
    not_heading_line: regex.Pattern[str]
    report_title_line: regex.Pattern[str]
    not_heading_title: regex.Pattern[str]
    any_title: frozenset[str]
    contents_line: regex.Pattern[str]
    preface: regex.Pattern[str]
    box_title: regex.Pattern[str]
    title_end_word: regex.Pattern[str]
    after_stop: regex.Pattern[str]
    """A stop (。:!?) and a character a marker can start with: a line without one, no heading
    before it and no export artefacts can hold no run-in heading, and is not scanned."""


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    table = load_json("headings.json")
    styles = tuple((s["name"], regex.compile(s["pattern"])) for s in table["styles"])
    inline = [s for s in table["styles"] if not s.get("line_start_only")]
    union = "|".join(f"(?P<s_{s['name']}>{s['pattern']})" for s in inline)
    anywhere = regex.compile(guarded(union, table))
    return _Rules(
        after_stop=regex.compile(f"[{regex.escape(_STOPS)}][ ]*(?={first_chars(union, table)})"),
        styles=styles,
        any_style=regex.compile("|".join(f"(?P<s_{s['name']}>{s['pattern']})" for s in table["styles"])),
        anywhere=anywhere,
        not_after=regex.compile(table["not_after_marker"]),
        not_after_cn=regex.compile(table["not_after_cn_marker"]),
        max_unmarked=int(table["max_unmarked_chars"]),
        unmarked_bad_end=regex.compile(table["unmarked_bad_end"]),
        not_heading_line=regex.compile("|".join(table["not_heading_line"])),
        report_title_line=regex.compile(table["report_title_line"]),
        not_heading_title=regex.compile(table["not_heading_title"]),
        any_title=frozenset(s["name"] for s in table["styles"] if s.get("any_title")),
        contents_line=regex.compile(table["contents_line"]),
        preface=regex.compile(table["preface_title"]),
        box_title=regex.compile(table["box_title"]),
        title_end_word=regex.compile(table["title_end_word"]),
    )


def _style_of(match: regex.Match[str]) -> str:
    return next(name[2:] for name, value in match.groupdict().items() if name.startswith("s_") and value is not None)


def _marker_at(copy: str, pos: int, end: int) -> Optional[tuple[str, regex.Match[str]]]:
    rules = _rules()
    if pos >= end:
        return None
    # One match of the union (styles in table order) instead of one per style; its named
    # group tells the style. Only when that style is rejected are the later ones tried.
    union = rules.any_style.match(copy, pos, end)
    if union is None:
        return None
    groups = union.groups()
    first = next(i for i, slot in enumerate(_style_slots()) if groups[slot] is not None)
    name = rules.styles[first][0]
    if _marker_ok(copy, union.end(), end, name):
        return name, union
    for name, pattern in rules.styles[first + 1:]:
        match = pattern.match(copy, pos, end)
        if match and _marker_ok(copy, match.end(), end, name):
            return name, match
    return None


@lru_cache(maxsize=1)
def _style_slots() -> tuple[int, ...]:
    """Index in ``any_style`` match groups of each style's group, in table order."""
    rules = _rules()
    return tuple(rules.any_style.groupindex[f"s_{name}"] - 1 for name, _ in rules.styles)


def _marker_ok(copy: str, after: int, end: int, style: str) -> bool:
    """A marker must be followed by title text, not by a number or a unit (一、二年级, 1、2)."""
    if after >= end:
        return False
    rules = _rules()
    if style in rules.any_title:
        return True
    if rules.not_after.match(copy, after) or rules.not_heading_title.match(copy, after):
        return False
    return not (style in _CN_STYLES and rules.not_after_cn.match(copy, after))


class _Outline:
    """Left-to-right scan that keeps the open marker styles and their last ordinals."""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.last: dict[str, int] = {}
        self.seen: set[str] = set()  # every style met so far, open or closed

    def consistent(self, style: str, ordinal: Optional[int]) -> bool:
        if ordinal is None:
            return False
        if style in self.stack:
            return ordinal == self.last.get(style, 0) + 1
        return ordinal == 1

    def accept(self, style: str, ordinal: Optional[int]) -> int:
        if style == PLAIN:
            self.stack[:] = [PLAIN]
            self.last.clear()
        elif style in self.stack:
            del self.stack[self.stack.index(style) + 1:]
        else:
            self.stack.append(style)
            self.last.pop(style, None)
        if ordinal is not None:
            self.last[style] = ordinal
        self.seen.add(style)
        return len(self.stack)

    def far_first(self, style: str, ordinal: Optional[int]) -> bool:
        """An Arabic marker far into a count that the document never began (70.本地区义务教育发展状况调查 under a
        site's list of articles): an index of something else, not a heading."""
        return _arabic(style) and ordinal is not None and ordinal > _FIRST_ORDINAL_MAX and style not in self.seen


def find_headings(layout: Layout) -> list[Heading]:
    """All headings of a document, in order, with levels assigned."""
    found: list[Heading] = []
    outline = _Outline()
    leads: dict[int, Optional[tuple[str, regex.Match[str]]]] = {}
    first_paragraph = _first_paragraph_line(layout, leads)
    list_lines = _semicolon_lists(layout) if ";" in layout.copy else frozenset()
    for index, line in enumerate(layout.lines):
        if line.empty or layout.boilerplate[index]:
            continue
        found.extend(_line_headings(layout, index, outline, first_paragraph, leads, list_lines))
    found = _drop_lone_runins(found)
    found = _drop_contents(found, layout)
    assign_levels(found)
    return found


_CONTENTS_TAIL = regex.compile(r"[\s.…·．_\-—\d]+$")  # 一、工作回顾……………3: leader dots and a page number
_PAGE_TAIL = regex.compile(r"(?<=\p{Han}[\s.…·．_\-—]*)\d{1,3}$")  # 一、全面打赢防疫战役1 (not a 2023 year)


def _drop_contents(headings: list[Heading], layout: Layout) -> list[Heading]:
    """A table of contents (目录, or a site's outline of the document) lists the headings the body
    repeats: a run of two or more headings with no text under them, each of whose titles a later
    heading has again, is the list, not the document's outline."""
    headings = _drop_announced_contents(headings, layout)
    headings = _drop_outline_before_title(headings, layout)
    if len(headings) < 4:
        return headings
    text = layout.text
    titles = [_CONTENTS_TAIL.sub("", h.title(text)) for h in headings]
    later: dict[str, int] = {}
    for k, title in enumerate(titles):
        later[title] = k  # the last heading with this title
    listed = [False] * len(headings)
    pages: list[Optional[int]] = [None] * len(headings)  # an entry's page number, with no text under it
    for k, h in enumerate(headings[:-1]):
        following = _next_content(layout, h.line)
        empty = following is not None and headings[k + 1].line == following and h.end >= layout.lines[h.line].end - 1
        listed[k] = empty and bool(titles[k]) and later[titles[k]] > k
        page = _PAGE_TAIL.search(h.title(text)) if empty else None
        pages[k] = int(page.group()) if page is not None else None
    drop: set[int] = set()
    for k, j in _runs([p is not None for p in pages]):  # 一、全面打赢防疫战役1⏎二、党建领路固本强基3⏎…: a contents list
        if j - k >= 3 and pages[k:j] == sorted(pages[k:j]):  # type: ignore[type-var]
            drop.update(range(k, j))
    for k, j in _runs(listed):
        if j - k >= 2:
            drop.update(range(k, j))
            if j < len(headings) and later.get(titles[j], j) > j:
                drop.add(j)  # the last entry of the list has a heading after it, not text
    return [h for k, h in enumerate(headings) if k not in drop] if drop else headings


def _runs(flags: list[bool]) -> Iterator[tuple[int, int]]:
    """Each ``[k, j)`` of consecutive true flags (and the empty run before each false one)."""
    k = 0
    while k < len(flags):
        j = k
        while j < len(flags) and flags[j]:
            j += 1
        yield k, j
        k = j + 1


def _semicolon_lists(layout: Layout) -> frozenset[int]:
    """Lines of a numbered list that a paragraph runs through (1.…被评为文明单位；⏎2.…；⏎3.…。): from a
    numbered line that ends with a semicolon, the lines of its marker style that follow it."""
    copy, out = layout.copy, set()
    style: Optional[str] = None
    for index, line in enumerate(layout.lines):
        if line.empty or layout.boilerplate[index]:
            continue
        if style is None and copy[line.end - 1] != ";":  # the copy folds ； to ;
            if _inline_points(copy, line):
                out.add(index)  # (1)按照…;(2)依据…: the points of a list, in one paragraph
            continue  # only a line ending in a semicolon opens such a list: no marker to read here
        lead = _marker_at(copy, line.body, line.end)
        name = lead[0] if lead is not None else None
        if name is not None and name == style:
            out.add(index)
        elif name is not None and copy[line.end - 1] == ";" and _CLAUSE_END.search(copy, line.body, line.end) is None:
            out.add(index)
            style = name
            continue
        else:
            style = None
        if index in out and copy[line.end - 1] != ";":
            style = None  # the list's last point
    return frozenset(out)


def _inline_points(copy: str, line: Line) -> bool:
    """A line that opens with a marker and names the next point after a semicolon: (1)…;(2)…."""
    semicolon = copy.find(";", line.body, line.end)
    if semicolon < 0:
        return False
    lead = _marker_at(copy, line.body, line.end)
    if lead is None:
        return False
    following = _marker_at(copy, semicolon + 1, line.end)
    return following is not None and following[0] == lead[0] and \
        ordinal_value(following[1].group("num")) == (ordinal_value(lead[1].group("num")) or 0) + 1


_GLUED_TITLE_MIN = 4  # characters of a heading's own before a report title run on from it


def _drop_outline_before_title(headings: list[Heading], layout: Layout) -> list[Heading]:
    """A site's outline of the report above its title (一、…⏎(一)…⏎…⏎市教育局2025年工作总结⏎2025年，…): the
    headings before a report's title line with no running text above it are that outline; the body repeats
    them or not, the document starts at its title."""
    if len(headings) < 2:
        return headings
    copy, lines, title_line = layout.copy, layout.lines, _rules().report_title_line
    title: Optional[int] = None
    glued = False  # the title runs on from the outline's last heading (a copy that lost its line breaks)
    for index, line in enumerate(lines):
        if line.empty or layout.boilerplate[index]:
            continue
        if _running_text(copy, line):
            break
        body = layout.body(line)
        if len(body) > _TITLE_LINE_MAX:
            continue
        found = title_line.search(body)
        if found is None:
            continue
        marker = _marker_at(copy, line.body, line.end)
        if marker is None:
            title, glued = index, False
        elif found.start() >= marker[1].end() - line.body + _GLUED_TITLE_MIN:
            title, glued = index, True  # (四)深化融合赋能县教育局2025年党建工作总结
    if title is None:
        return headings
    before = sum(1 for h in headings if h.line < title)
    if before < 2:
        return headings
    return [h for h in headings if h.line > title] if glued else headings[before:]


def _drop_announced_contents(headings: list[Heading], layout: Layout) -> list[Heading]:
    """The headings under a line that announces a table of contents (目录, 目錄/提綱:……), up to the
    first line of running text or the first title the list has had already (the body begins): a
    site's outline may list the 一是 points between its headings and stop before the body repeats them."""
    if not headings:
        return headings
    copy, lines, cue = layout.copy, layout.lines, _rules().contents_line
    at = {h.line: k for k, h in enumerate(headings)}
    drop: set[int] = set()
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if line.empty or not cue.match(copy, line.body, line.end):
            continue
        seen: set[str] = set()
        while index < len(lines):
            line = lines[index]
            if not line.empty and not layout.boilerplate[index]:
                if _running_text(copy, line):
                    break
                k = at.get(index)
                if k is not None:
                    title = _CONTENTS_TAIL.sub("", headings[k].title(layout.text))
                    if title in seen:
                        break
                    seen.add(title)
                    drop.add(k)
            index += 1
    return [h for k, h in enumerate(headings) if k not in drop] if drop else headings


def _running_text(copy: str, line: Line) -> bool:
    """A line of running text, not of a title block or a list of headings: long, or a sentence."""
    return line.end - line.body > 40 or copy[line.end - 1] == "。"


def _first_paragraph_line(layout: Layout, leads: dict[int, Optional[tuple[str, regex.Match[str]]]]) -> int:
    """Index of the first line of running text; lines above it form the title block.

    The markers it looks up are kept in ``leads`` (line index → marker) for the heading scan.
    """
    copy = layout.copy
    for index, line in enumerate(layout.lines):
        if line.empty or layout.boilerplate[index]:
            continue
        if _running_text(copy, line):
            return index
        lead = leads[index] = _marker_at(copy, line.body, line.end)
        if lead:
            return index
    return len(layout.lines)


def _line_headings(layout: Layout, index: int, outline: _Outline, first_paragraph: int,
                   leads: dict[int, Optional[tuple[str, regex.Match[str]]]],
                   list_lines: frozenset[int] = frozenset()) -> list[Heading]:
    copy, line = layout.copy, layout.lines[index]
    rules = _rules()
    out: list[Heading] = []
    lead = leads[index] if index in leads else _marker_at(copy, line.body, line.end)
    if lead is not None and index in list_lines:
        lead = None  # 1.市教育局被评为文明单位;⏎2.…: a list item of a paragraph, not a heading
    if lead is not None and outline.far_first(lead[0], ordinal_value(lead[1].group("num"))) \
            and not _continued(layout, index, lead[0], ordinal_value(lead[1].group("num"))):
        lead = None
    if lead is not None:
        style, match = lead
        ordinal = ordinal_value(match.group("num"))
        start = line.body
        if style in _HALF_TO_FULL and index > 0 and layout.body(layout.lines[index - 1]) == "(":
            # A web page broke "（三）" after its bracket: "（⏎三）…".
            style, start = _HALF_TO_FULL[style], layout.lines[index - 1].body
        out.append(Heading(start, line.end, _marker_end(copy, match), style, ordinal, True, index))
        outline.accept(style, ordinal)
    elif ((preface := _is_preface(layout, index)) or index > first_paragraph) and _is_unmarked_heading(layout, index):
        out.append(Heading(line.body, line.end, line.body, PLAIN, None, True, index, preface=preface))
        outline.accept(PLAIN, None)
        return out
    # Run-in headings: markers later in the same line.
    if line.end - line.body > 3 and _may_hold_runins(copy, line.body, line.end) and (
            out or layout.inline_noise or rules.after_stop.search(copy, line.body, line.end)):
        scan_from = out[0].marker_end if out else line.body + 1
        for match in rules.anywhere.finditer(copy, scan_from, line.end):
            style = _style_of(match)
            if not _marker_ok(copy, match.end(), line.end, style):
                continue
            before = _prev_char(copy, _skip_noise_back(layout, match.start()), line.body)
            ordinal = ordinal_value(match.group("num"))
            if before in _STOPS:
                # (一)资助政策宣传落实情况。1.召开推进会、班主任会,全面排查…。: a point of a paragraph, not a title
                ok = outline.consistent(style, ordinal) and not (out and _long_point(copy, match.end(), line.end)) \
                    and not _figure_point(copy, match.end(), line.end, style, ordinal)
            else:
                ok = (
                    style in _EMBEDDED_STYLES
                    and before not in ";,、"  # 比如:1.…单位;2.…: points of a list, not headings run into each other
                    and bool(out)
                    and match.start() - out[-1].start <= _RUNIN_REACH
                    and _CLAUSE_END.search(copy, out[-1].marker_end, match.start()) is None
                    and outline.consistent(style, ordinal)
                )
            if ok:
                out.append(Heading(match.start(), line.end, _marker_end(copy, match), style, ordinal, False, index))
                outline.accept(style, ordinal)
    for current, following in zip(out, out[1:] + [None]):
        limit = following.start if following is not None else line.end
        noise = layout.inline_noise
        k = bisect.bisect_left(noise, (current.marker_end, -1)) if noise else 0
        if k < len(noise) and noise[k][0] < limit:
            limit = _rstrip(copy, current.marker_end, noise[k][0])  # 一、2017年主要工作 公文汇 www.…: the site's, not the title's
        enum = _ENUM_START.search(copy, current.marker_end, limit)
        if enum is not None and (not current.strong or (
                enum.start() - current.marker_end >= _ENUM_TITLE_MIN and copy[enum.start() - 1] not in _CLAUSE_MARKS)):
            limit = enum.start()  # (一)加强领导,落实工作责任一是加强领导。: the list opens the body
        stop = _CLAUSE_END.search(copy, current.marker_end, limit)
        space = _TITLE_SPACE.search(copy, current.marker_end, min(limit, current.marker_end + _TITLE_SPACE_MAX))
        if space is not None and (stop is None or space.start() < stop.start()) and limit - space.end() >= _BODY_MIN \
                and (_CLAUSE_END.search(copy, space.end(), limit) is not None  # a body with its full stop, or
                     or (limit - space.end() >= 2 * _BODY_MIN and "," in copy[space.end():limit])):  # one a page cut
            current.end = space.start()  # 一、领导重视,认真履职 我县始终把教育…。: the title ends at the space
        else:
            current.end = stop.end() if stop else _rstrip(copy, current.start, limit)
            if current.strong and (current.end - current.marker_end > _LONG_TITLE or stop is not None):
                cut = title_end(copy, current.marker_end, current.end)  # 一、…工作回顾2023年，全县…: no stop between
                # a shorter line is cut only where a sentence in clauses follows (目标任务为进一步扩大…,…。)
                if cut is not None and (current.end - current.marker_end > _LONG_TITLE
                                        or copy.find(",", cut, current.end) >= 0):
                    current.end = _rstrip(copy, current.start, cut)
            if current.strong:
                ends = _rules().title_end_word.search(copy, current.marker_end, current.end)
                if ends is not None:
                    current.end = ends.end()  # 2、党组织设置情况据此次调查来看,…: the title ends with its 情况
    return out


def _continued(layout: Layout, index: int, style: str, ordinal: Optional[int]) -> bool:
    """A later line opens with the next number of the same style (an excerpt that starts at 17.…, 18.…)."""
    copy = layout.copy
    for line in layout.lines[index + 1:index + 1 + _CONTINUE_REACH]:
        if line.empty:
            continue
        lead = _marker_at(copy, line.body, line.end)
        if lead is not None and lead[0] == style and ordinal is not None \
                and ordinal_value(lead[1].group("num")) == ordinal + 1:
            return True
    return False


_CONTINUE_REACH = 40  # lines


_RUNIN_CHARS = regex.compile("[、.)①-⑳]")
_POINT_COMMAS = 2  # a run-in title has at most one comma before its full stop…
_POINT_LENGTH = 30  # …or is no longer than this


def _long_point(copy: str, start: int, end: int) -> bool:
    """The first sentence after a marker reads as a point of a list, not a title: long and in clauses."""
    stop = _CLAUSE_END.search(copy, start, end)
    stop_at = stop.start() if stop is not None else end
    return stop_at - start > _POINT_LENGTH and copy.count(",", start, stop_at) >= _POINT_COMMAS


_FIGURE = regex.compile(r"\d")


def _figure_point(copy: str, start: int, end: int, style: str, ordinal: Optional[int]) -> bool:
    """A sentence with a figure and nothing after it but the next marker of its list (①…比例达到80%。②…):
    a point of a list, not a title (a title has a body before its sibling)."""
    stop = _CLAUSE_END.search(copy, start, end)
    if stop is None or ordinal is None or _FIGURE.search(copy, start, stop.start()) is None:
        return False
    after = stop.end()
    while after < end and copy[after] == " ":
        after += 1
    nxt = _rules().anywhere.match(copy, after, end)
    return nxt is not None and _style_of(nxt) == style and ordinal_value(nxt.group("num")) == ordinal + 1


def _may_hold_runins(copy: str, start: int, end: int) -> bool:
    """Cheap pre-check: a run-in marker needs 、 . ) or a circled digit in the line."""
    return _RUNIN_CHARS.search(copy, start, end) is not None


def _marker_end(copy: str, match: regex.Match[str]) -> int:
    end = match.end()
    while end > match.start() and copy[end - 1] == " ":
        end -= 1
    return end


def _skip_noise_back(layout: Layout, pos: int) -> int:
    """Position before any export artefact that ends at ``pos`` ([bookmark: …])."""
    return layout.noise_start_by_end.get(pos, pos)


def _prev_char(copy: str, pos: int, floor: int) -> str:
    pos -= 1
    while pos >= floor and copy[pos] == " ":
        pos -= 1
    return copy[pos] if pos >= floor else ""


def _rstrip(copy: str, start: int, end: int) -> int:
    while end > start and copy[end - 1] in " \t":
        end -= 1
    return end


def _is_preface(layout: Layout, index: int) -> bool:
    """序 言, 前言: a preface's own title, also right under the document's title."""
    line = layout.lines[index]
    if line.end - line.body > 8:  # a title of two or three characters, spaced out at most
        return False
    return _rules().preface.fullmatch("".join(layout.body(line).split())) is not None


def _is_unmarked_heading(layout: Layout, index: int) -> bool:
    rules = _rules()
    line = layout.lines[index]
    body = layout.body(line)
    if rules.box_title.match(body):
        return True  # 专栏3:基础教育…重大工程: a plan's box, whatever its table holds
    if len(body) > rules.max_unmarked or len(body) < 2 or _in_box(layout, index):
        return False
    if rules.unmarked_bad_end.search(body) or rules.not_heading_line.search(body) \
            or rules.report_title_line.search(body):
        return False
    if rules.not_heading_title.match(body):
        return False
    for j in range(min(index, _TITLE_AGAIN_REACH)):
        if not layout.lines[j].empty and (layout.body(layout.lines[j]) == body or f"《{body}》" in layout.body(layout.lines[j])):
            return False  # the title again (a page repeats it above the report; 关于印发《…》的通知 names it)
    following = _next_content(layout, index)
    if following is None:
        return False
    nxt = layout.body(layout.lines[following])
    if _marker_at(layout.copy, layout.lines[following].body, layout.lines[following].end):
        return True
    return len(nxt) > rules.max_unmarked or nxt.endswith("。")


_BOX_REACH = 12  # lines of a box's table read back to its title


def _in_box(layout: Layout, index: int) -> bool:
    """The line is a cell of a box's table (专栏3:…⏎普惠性学前教育⏎巩固提升行动计划 …): no marked line
    between it and the box's title above."""
    copy, box = layout.copy, _rules().box_title
    for j in range(index - 1, max(-1, index - 1 - _BOX_REACH), -1):
        line = layout.lines[j]
        if line.empty or layout.boilerplate[j]:
            continue
        if box.match(copy, line.body, line.end):
            return True
        if _marker_at(copy, line.body, line.end):
            return False
    return False


def _next_content(layout: Layout, index: int) -> Optional[int]:
    for j in range(index + 1, len(layout.lines)):
        if not layout.lines[j].empty and not layout.boilerplate[j]:
            return j
    return None


def _drop_lone_runins(headings: list[Heading]) -> list[Heading]:
    """A run-in marker that opens a style nobody continues was an inline list, not a heading."""
    next_same: list[Optional[Heading]] = [None] * len(headings)
    seen: dict[str, Heading] = {}
    for i in range(len(headings) - 1, -1, -1):  # one backward pass: the next heading of each style
        next_same[i] = seen.get(headings[i].style)
        seen[headings[i].style] = headings[i]
    keep = []
    for i, (h, sibling) in enumerate(zip(headings, next_same)):
        if not h.strong and h.ordinal == 1 and (sibling is None or sibling.ordinal != 2) \
                and not _heads_next_line(h, headings[i + 1] if i + 1 < len(headings) else None):
            continue
        keep.append(h)
    return keep


_LINE_END_TITLE_MAX = 20  # a run-in title that ends its line: …高质量发展。一、成绩亮点


def _heads_next_line(h: Heading, following: Optional[Heading]) -> bool:
    """A run-in heading whose short title ends its line, with the first heading of another style opening
    the next line (…发展。一、成绩亮点⏎(一)彰显担当…): the part's heading, though the excerpt has no 二、."""
    return following is not None and following.strong and following.style != h.style \
        and following.ordinal == 1 and h.line < following.line <= h.line + 2 \
        and h.end - h.marker_end <= _LINE_END_TITLE_MAX


#: Styles that stand above the numbered ones in every report (一、 over 1.), and the numbered ones.
_TOP_STYLES = frozenset({"cn_dun", "cn_dot"})
_LOWER_STYLES = frozenset({"ar_paren", "ar_half", "ar_dot", "ar_stop", "ar_dun", "circled", "ar_bracket"})


def assign_levels(headings: list[Heading]) -> None:
    """Level = depth of the heading's marker style in the stack of open styles."""
    stack: list[str] = []
    marked: list[Heading] = []  # headings outside an unmarked title's part
    last: dict[str, Optional[int]] = {}
    seen: set[str] = set()
    for h in headings:
        top = stack[-1] if stack else None
        if top is not None and h.style not in stack and _arabic(h.style) and _arabic(top) \
                and h.ordinal is not None and last.get(top) == h.ordinal - 1:
            h.style = top  # 1.教育投入不断加大。…2、队伍建设不断加强。: one count, written two ways
        last[h.style] = h.ordinal
        if h.style == PLAIN and h.preface:
            stack[:] = []  # 序 言 before 一、: a top-level part of its own, not a parent of what follows
            h.level = 1
            continue
        if h.style == PLAIN:
            stack[:] = [PLAIN]  # unmarked titles (名词解释, an appendix title) sit at the top level
        elif h.style in _TOP_STYLES and h.style not in stack and h.style not in seen and (h.ordinal or 0) >= 2 \
                and stack and all(style in _LOWER_STYLES for style in stack):
            stack[:] = [h.style]  # 1.加快…⏎二、名校品牌…: an excerpt begun inside 一、's part; 二、 is above 1.
        elif h.style in stack:
            del stack[stack.index(h.style) + 1:]
        else:
            stack.append(h.style)
        h.level = len(stack)
        seen.add(h.style)
        if stack[0] != PLAIN:
            marked.append(h)
    deepest: dict[str, int] = {}
    for h in marked:
        deepest[h.style] = max(deepest.get(h.style, 0), h.level)
    for h in marked:  # a style has one level in a document: 1. straight under 二、 is still below (一)
        h.level = deepest[h.style]


def numbering_warnings(headings: list[Heading], text: str) -> list[str]:
    """Gaps and restarts in heading numbering, as readable warnings."""
    warnings: list[str] = []
    last: dict[tuple[int, str], int] = {}
    for h in headings:
        # Deeper levels restart under every new parent.
        for key in [k for k in last if k[0] > h.level]:
            del last[key]
        if h.ordinal is None:
            continue
        key = (h.level, h.style)
        expected = last.get(key, 0) + 1
        if h.ordinal != expected:
            kind = "restarts" if h.ordinal < expected else "skips"
            warnings.append(
                f"heading numbering {kind}: expected {expected}, found {h.marker(text)!r} at offset {h.start}"
            )
        last[key] = h.ordinal
    return warnings
