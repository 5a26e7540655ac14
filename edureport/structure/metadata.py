"""Title, issuer, place, period and date from a report's title block and first paragraph."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from edureport.data import load_json
from edureport.structure.outline import Heading
from edureport.text.layout import Layout

_HEAD_LINES = 12  # the title block is within the first lines that carry text


@dataclass
class Metadata:
    title: Optional[str] = None
    issuer: Optional[str] = None
    period: Optional[str] = None
    date: Optional[str] = None
    period_year: Optional[int] = None
    title_copy: str = ""  # the title in the matching copy, for cue matching
    place: Optional[str] = None
    meeting: bool = False  # delivered at a people's congress: a government work report


@lru_cache(maxsize=1)
def _patterns() -> dict[str, regex.Pattern[str]]:
    table = load_json("metadata.json")
    return {key: regex.compile(value) for key, value in table.items() if not key.startswith("_")}


def extract_metadata(layout: Layout, headings: list[Heading]) -> Metadata:
    """What the report says about itself; None where it does not say."""
    p = _patterns()
    first_heading = headings[0].start if headings else len(layout.text)
    head = [
        line for i, line in enumerate(layout.lines)
        if not line.empty and not layout.boilerplate[i] and line.start < first_heading
    ][:_HEAD_LINES]
    meta = Metadata()
    for line in head:
        body = layout.body(line)
        original = layout.text[line.body:line.end]
        if meta.date is None:
            found = p["date_line"].match(body) or p["dateline"].match(body)
            if found:
                meta.date = layout.text[line.body + found.start(1):line.body + found.end(1)]
                continue
        spaced = _SPACED.fullmatch(body.strip())  # 政 府 工 作 报 告: a title set out with spaces
        if spaced is not None:
            body = regex.sub(r"\s+", "", body)
        if meta.title is None and len(body) <= 60 and not body.endswith(("。", ":")) and p["title_words"].search(body):
            meta.title, meta.title_copy = original.strip(), body.strip()
    if meta.title is None:
        _collection_title(meta, layout, first_heading)
    lead = layout.copy[head[0].body:first_heading] if head else ""
    meta.issuer = _issuer(layout, head, lead)
    meta.place, meta.meeting = _place(meta, layout.copy[:_PLACE_REACH])
    meta.period, meta.period_year = _period(meta, lead, layout, headings)
    return meta


def _collection_title(meta: Metadata, layout: Layout, first_heading: int) -> None:
    """The title of the first report of a collection page, after its number (第1篇, 篇一:)."""
    p = _patterns()
    for i, line in enumerate(layout.lines[:_HEAD_LINES * 4]):
        if line.start >= first_heading:
            return
        if line.empty or not layout.boilerplate[i]:
            continue
        number = p["collection_title"].match(layout.copy, line.body, line.end)
        if number is None:
            continue
        body = layout.copy[number.end():line.end].strip()
        if len(body) <= 60 and p["title_words"].search(body):
            meta.title, meta.title_copy = layout.text[number.end():line.end].strip(), body
            return


_SPACED = regex.compile(r"(?:\p{Han}[ \t\u3000]+){2,}\p{Han}")
#: The meeting line of a government work report stands within the first characters (after a site's header).
_PLACE_REACH = 3000


def is_gov_report(meta: Metadata) -> bool:
    """A government work report: delivered early in a year about the year before (see :func:`_period`)."""
    return meta.meeting or bool(_patterns()["gov_report"].search(meta.title_copy))


@lru_cache(maxsize=1)
def _place_cues() -> tuple[dict[str, regex.Pattern[str]], dict[str, str]]:
    table = load_json("places.json")
    unit = table["unit"]
    patterns = {key: regex.compile(table[key]) for key in ("meeting", "title", "issuer", "national")}
    patterns["unit_word"] = regex.compile(unit)  # 自治区 alone names no area
    # the last administrative unit of a name: a greedy prefix ending in a unit, then one more unit
    patterns["last"] = regex.compile(rf"^(?:.*{unit})?(?P<last>[^*×\s]{{1,12}}?{unit}|.*[*×].*)$")
    return patterns, table["provinces"]


def _place(meta: Metadata, top: str) -> tuple[Optional[str], bool]:
    """(the area the report speaks for, whether it was delivered at a people's congress).

    Read from the meeting line (在河北省第十四届人民代表大会…), else the title (2025年宁夏政府工作报告,
    国务院政府工作报告), else the issuer (海拉尔区人民政府, **市教育局); None when masked or unnamed.
    """
    patterns, provinces = _place_cues()
    meeting = patterns["meeting"].search(top)
    if meeting is not None:
        if meeting["national"] or patterns["national"].search(meeting["place"]):
            return "全国", True
        named = _area(meeting["place"], patterns, provinces)
        if named is not None:
            return named or None, True
    sources = ((patterns["title"], meta.title_copy), (patterns["issuer"], meta.issuer or ""))
    for pattern, text in sources:
        found = pattern.search(text)
        if found is None:
            continue
        if patterns["national"].search(found["place"]):
            return "全国", meeting is not None
        named = _area(found["place"], patterns, provinces)
        if named is not None:
            return named or None, meeting is not None
    return None, meeting is not None


def _area(name: str, patterns: dict[str, regex.Pattern[str]], provinces: dict[str, str]) -> Optional[str]:
    """The last administrative unit of ``name``; ``""`` when it is masked (**市: said, not named);
    None when ``name`` names no area."""
    if name in provinces:
        return provinces[name]
    found = patterns["last"].match(name)
    if found is None:
        return None
    last = found["last"]
    if "*" in last or "×" in last:
        return ""
    return None if patterns["unit_word"].fullmatch(last) else last


def _issuer(layout: Layout, head: list, lead: str) -> Optional[str]:
    p = _patterns()
    gov = p["issuer_gov"].search(lead[:2000])
    if gov:
        return gov.group(1)
    for line in head:
        body = layout.body(line)
        # Only a match near the start counts in a long line, so a long line is searched near its start.
        found = p["issuer"].search(body, 0, len(body) if len(body) <= 40 else 100)
        if found and (len(body) <= 40 or found.start() < 20):
            return layout.text[line.body + found.start():line.body + found.end()]
    return None


def _period(meta: Metadata, lead: str, layout: Layout, headings: list[Heading]) -> tuple[Optional[str], Optional[int]]:
    p = _patterns()
    if is_gov_report(meta):
        # A government work report is delivered early in a year and reviews the year before.
        delivered = meta.date or (p["period"].search(meta.title_copy) or [None])[0]
        if delivered:
            year = int(delivered[:4]) - 1
            return f"{year}年", year
    for source in (meta.title_copy, lead[:300]):
        found = p["period"].search(source)
        if found:
            part = found.group(2) or _part_from_headings(layout, headings)
            return found.group(1) + "年" + (part or ""), int(found.group(1))
    if meta.date:
        return None, int(meta.date[:4])
    return None, None


def _part_from_headings(layout: Layout, headings: list[Heading]) -> Optional[str]:
    for h in headings[:3]:
        title = layout.copy[h.marker_end:h.end]
        for part in ("上半年", "前三季度"):
            if part in title:
                return part
    return None
