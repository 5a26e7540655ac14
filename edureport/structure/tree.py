"""From headings to a section tree with roles, and from sections to items.

Items are the finest meaningful units: a numbered subsection (title and body),
an inline list item, or a paragraph. Their role is their section's, except
where a paragraph itself says otherwise (a problem passage inside a review,
a thanks paragraph).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Iterator, Optional

import regex

from edureport.models import Role
from edureport.structure.enumerations import find_list_items, leading_marker_end
from edureport.structure.outline import Heading
from edureport.structure.roles import heading_role, is_other_paragraph, opens_problems, sentence_role
from edureport.text.layout import Layout

_SHORT_TITLE = 30  # a one-sentence paragraph this short titles the paragraph after it
_TITLE_STRIP = " \t*_"  # Markdown emphasis around a list marker's title (**一是**…)
_PUNCT = set(" \t。:;,.!?、“”\"'()[]—…-")
_NOT_PUNCT = regex.compile("[^" + regex.escape("".join(sorted(_PUNCT)), special_only=False) + "]")


@dataclass
class Node:
    heading: Heading
    start: int
    end: int
    title: str
    role: Role = "other"
    cued: bool = False
    children: list[Node] = field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class ItemSpan:
    start: int
    end: int
    role: Role
    title: Optional[str]
    section_path: list[str]


def build_tree(headings: list[Heading], layout: Layout) -> list[Node]:
    """Nest headings by level; a section ends where the next one of its level or higher begins."""
    text = layout.text
    doc_end = len(text.rstrip())
    roots: list[Node] = []
    stack: list[Node] = []
    for heading in headings:
        node = Node(heading, heading.start, doc_end, heading.title(text))
        while stack and stack[-1].heading.level >= heading.level:
            closed = stack.pop()
            closed.end = _trim_end(text, closed.start, heading.start)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def assign_roles(roots: list[Node], layout: Layout, period_year: Optional[int], second_half: bool = False,
                 genre: Optional[Role] = None) -> None:
    """Heading cues first, inherited downwards; then what the title says the document is
    (``genre``: a 述职报告 reviews, a 工作要点 plans); sentence cues where none tells."""
    def visit(node: Node, inherited: Optional[Role], source: str) -> None:
        """``source``: what gave ``inherited``: a heading above, the document's genre, or its sentences."""
        said = source == "heading"
        # under a heading that said a role, only a deep cue speaks: (二)存在的问题 under 一、工作回顾
        own = heading_role(node.title, period_year, second_half, genre,
                           deep=not (inherited is None or not said or node.heading.level == 1))
        if own == "plan" and source == "genre" and node.heading.level > 1:
            own = None  # (一)在规划决策上优先安排 in a 述职报告: a plan word in a point's title, not a plan
        if own is not None:
            node.role, node.cued, given = own, True, "heading"
        elif inherited is not None:
            node.role, node.cued, given = inherited, True, source
        elif genre is not None and node.heading.level == 1:
            node.role, node.cued, given = genre, True, "genre"
        else:
            guess = sentence_role(layout.copy[node.start:node.end], normalised=True)
            node.role, given = guess or "other", "guess"
        for child in node.children:
            # a role read from the whole section's sentences is a surer guess than one child's sentences;
            # a heading of its own outranks what the genre or the sentences above say (1.发展成就 in a 规划)
            visit(child, node.role if node.cued or node.role != "other" else None, given)

    for root in roots:
        visit(root, None, "guess")


class _Paragraphs:
    """Paragraph spans (content lines) of a layout, clipped to a range."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.starts = [line.start for line in layout.lines]

    def within(self, a: int, b: int) -> list[tuple[int, int]]:
        out = []
        first = max(bisect.bisect_right(self.starts, a) - 1, 0)
        for i in range(first, len(self.layout.lines)):
            line = self.layout.lines[i]
            if line.start >= b:
                break
            if line.empty or self.layout.boilerplate[i]:
                continue
            s, e = max(line.body, a), min(line.end, b)
            while s < e and self.layout.copy[s] in " \t":
                s += 1
            if e - s > 0 and _NOT_PUNCT.search(self.layout.copy, s, e):
                out.append((s, e))
        return out


def extract_items(roots: list[Node], layout: Layout) -> list[ItemSpan]:
    """Items of every section, in document order."""
    paragraphs = _Paragraphs(layout)
    items: list[ItemSpan] = []
    if not roots:
        for s, e in paragraphs.within(_body_start(layout), len(layout.text)):
            role = sentence_role(layout.copy[s:e], normalised=True) or "other"
            items.extend(_paragraph_items(layout, s, e, role, [], None))
        return items
    # the preamble before the first heading: only a passage that opens the shortcomings is an item
    # (但总体上看，学前教育仍是…薄弱环节。主要表现在：一是…: an excerpt that starts inside them)
    for s, e in paragraphs.within(_body_start(layout), roots[0].start):
        if opens_problems(layout.copy[s:e], normalised=True):
            items.extend(_paragraph_items(layout, s, e, "problem", [], None))
    for root in roots:
        _section_items(root, layout, paragraphs, [], items)
    return items


def _body_start(layout: Layout) -> int:
    """Skip the title block when a report has no headings at all."""
    for i, line in enumerate(layout.lines):
        if not line.empty and not layout.boilerplate[i] and (line.end - line.body > 40 or layout.copy[line.end - 1] == "。"):
            return line.body
    return 0


def _section_items(node: Node, layout: Layout, paragraphs: _Paragraphs, path: list[str], out: list[ItemSpan]) -> None:
    text_path = path + [node.title]
    body_end = node.children[0].start if node.children else node.end
    body = paragraphs.within(node.heading.end, body_end)
    if not node.children:
        has_list = any(find_list_items(layout.copy, s, e) for s, e in body)
        if len(body) <= 1 and not has_list:
            end = body[-1][1] if body else node.heading.end
            role = _paragraph_role(layout, node.heading.end, end, node.role)
            if role != "other":
                out.append(ItemSpan(node.start, end, role, node.title or None, list(path)))
            return
    out.extend(_group_items(layout, body, node.role, text_path))
    for child in node.children:
        _section_items(child, layout, paragraphs, text_path, out)


def _group_items(layout: Layout, body: list[tuple[int, int]], role: Role, path: list[str]) -> list[ItemSpan]:
    items: list[ItemSpan] = []
    i = 0
    while i < len(body):
        s, e = body[i]
        title = None
        if i + 1 < len(body) and _is_title_sentence(layout.copy, s, e):
            title = layout.text[s:e].rstrip("。. ")
            e = body[i + 1][1]
            i += 1
        items.extend(_paragraph_items(layout, s, e, _paragraph_role(layout, s, e, role), path, title))
        i += 1
    return items


def _is_title_sentence(copy: str, s: int, e: int) -> bool:
    segment = copy[s:e]
    return len(segment) <= _SHORT_TITLE and segment.endswith("。") and segment.count("。") == 1


def _paragraph_role(layout: Layout, s: int, e: int, role: Role) -> Role:
    segment = layout.copy[s:e]
    if is_other_paragraph(segment, normalised=True):
        return "other"
    if role != "problem" and opens_problems(segment, normalised=True):
        return "problem"
    return role


def _paragraph_items(
    layout: Layout, s: int, e: int, role: Role, path: list[str], title: Optional[str]
) -> list[ItemSpan]:
    if role == "other":
        return []
    entries = find_list_items(layout.copy, s, e)
    if not entries:
        lead = leading_marker_end(layout.copy, s, e) or s
        return [ItemSpan(s, e, role, title or _lead_title(layout, lead, e), list(path))]
    items = []
    intro = layout.copy[s:entries[0].start]
    if sum(1 for ch in intro if ch not in _PUNCT) >= 8:
        items.append(ItemSpan(s, _trim_end(layout.text, s, entries[0].start), role, title, list(path)))
    for entry in entries:
        items.append(ItemSpan(entry.start, entry.end, role, _lead_title(layout, entry.marker_end, entry.end), list(path)))
    return items


def _lead_title(layout: Layout, s: int, e: int) -> Optional[str]:
    """The leading phrase of an item (一是资源矛盾堵点问题仍然存在。… → 资源矛盾堵点问题仍然存在)."""
    copy = layout.copy
    for stop in range(s, min(e, s + _SHORT_TITLE + 1)):
        if copy[stop] in "。;:!?":
            return layout.text[s:stop].strip(_TITLE_STRIP) or None if stop - s >= 4 else None
    return None
