"""Which role a heading, paragraph or sentence plays: achievement, problem, plan or other.

All cues live in ``data/roles.json``; this module only applies them, to the
matching copy of the text (so 問題 and ： match 问题 and :).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, cast

import regex

from edureport.data import guarded, load_json
from edureport.models import Role
from edureport.text.normalize import matching_copy

_SENTENCE_END = regex.compile(r"[。!?]")
_OPENER_SENTENCES = 2  # "各位代表，…未能如期完成。我们清醒认识到…": the turn may come in the second sentence
_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})\s?年")


@dataclass(frozen=True)
class _Cues:
    heading: tuple[tuple[str, Optional[regex.Pattern[str]], bool, str], ...]
    """(role or "year", pattern, weak, deep): a weak cue yields to the document's genre; ``deep`` ("", "also",
    "only") says whether the rule decides a subsection under a heading that gave another role."""
    opener_at_start: regex.Pattern[str]
    """The ``^``-anchored openers, tried once at a sentence start (as one union they were tried everywhere)."""
    opener_anywhere: Optional[regex.Pattern[str]]
    """The others, behind a guard on their first characters."""
    other_paragraph: regex.Pattern[str]
    sentence: dict[Role, regex.Pattern[str]]
    any_sentence: regex.Pattern[str]


def _union_guarded(patterns: list[str], data: object) -> Optional[regex.Pattern[str]]:
    return regex.compile(guarded("|".join(f"(?:{p})" for p in patterns), data)) if patterns else None


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    table = load_json("roles.json")
    heading = tuple(
        (rule["role"], regex.compile(rule["pattern"]) if "pattern" in rule else None, bool(rule.get("weak")),
         str(rule.get("deep", "")))
        for rule in table["heading"]
    )
    return _Cues(
        heading=heading,
        opener_at_start=regex.compile("|".join(f"(?:{p})" for p in table["problem_opener"] if p.startswith("^"))),
        opener_anywhere=_union_guarded([p for p in table["problem_opener"] if not p.startswith("^")], table),
        other_paragraph=regex.compile("|".join(f"(?:{p})" for p in table["other_paragraph"])),
        sentence={role: regex.compile(p) for role, p in table["sentence"].items()},
        any_sentence=regex.compile("|".join(f"(?:{p})" for p in table["sentence"].values())),
    )


def heading_role(title: str, period_year: Optional[int] = None, second_half: bool = False,
                 genre: Optional[Role] = None, deep: bool = False) -> Optional[Role]:
    """Role a heading's wording gives its section, or None when it says nothing.

    A year in the title counts only where no stronger cue decided: after the
    reviewed period it marks plans (2026年主要工作 in a report on 2025). ``second_half``: the
    report reviews a second half-year, so its 下半年 is the reviewed period, not the next one
    (下半年主要工作 in 2023年下半年工作总结). ``genre``: what the title says the document is; a weak
    cue (目标, 主要工作) gives way to it (坚持…为目标 heads work done in a 工作总结). ``deep``: the heading is
    under one that gave its section a role; only the rules marked ``deep`` speak there ((二)存在的问题).
    """
    title = matching_copy(title)
    if second_half:
        title = title.replace("下半年", "")
    for role, pattern, weak, depth in _cues().heading:
        if (depth == "") if deep else (depth == "only"):
            continue
        if role == "year":
            years = [int(y) for y in _YEAR.findall(title)]
            if years and period_year is not None:
                return "plan" if max(years) > period_year else "achievement"
            continue
        if pattern is not None and pattern.search(title):
            return genre if weak and genre is not None else cast(Role, role)  # a rule names a role, or "year" (handled above)
    return None


def title_genre(title: str) -> Optional[Role]:
    """What the title says the whole document is: a review only (述职报告, 2023年工作总结), a plan
    only (2024年工作要点), or None (both, 总结及计划, or neither)."""
    genre = _genre()
    review, plan = genre["achievement"].search(title), genre["plan"].search(title)
    if review and not plan:
        return "achievement"
    if plan and not review:
        return "plan"
    return None


@lru_cache(maxsize=1)
def _genre() -> dict[str, regex.Pattern[str]]:
    return {role: regex.compile(pattern) for role, pattern in load_json("roles.json")["genre"].items()}


def opens_problems(paragraph: str, *, normalised: bool = False) -> bool:
    """Does this paragraph start a passage on shortcomings (我们也清醒看到…)?

    ``normalised``: the text already is a matching copy (the pipeline's case).
    """
    head = paragraph[:200] if normalised else matching_copy(paragraph[:200])
    cues = _cues()
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(head)][:_OPENER_SENTENCES - 1]
    for s in starts:
        window = head[s:s + 80]
        if cues.opener_at_start.match(window) or (cues.opener_anywhere and cues.opener_anywhere.search(window)):
            return True
    return False


def is_other_paragraph(paragraph: str, *, normalised: bool = False) -> bool:
    """Thanks, credit for the results, the closing call: not work items."""
    return _cues().other_paragraph.search(paragraph if normalised else matching_copy(paragraph)) is not None


def sentence_role(text: str, *, normalised: bool = False) -> Optional[Role]:
    """Role by sentence cues, for parts whose headings say nothing; None on a tie."""
    text = text if normalised else matching_copy(text)
    cues = _cues()
    if cues.any_sentence.search(text) is None:
        return None  # one scan instead of one per role: most short paragraphs carry no cue
    counts = {role: len(p.findall(text)) for role, p in cues.sentence.items()}
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked[0][1] == 0 or ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]
