"""Education work areas (党建, 学前教育, 义务教育, …) of an item, from keyword data.

The taxonomy lives in ``edureport/data/topics.json``: every topic has a stable
``id``, a Chinese ``name`` and keywords at three levels (strong, medium, weak)
plus negative cues. All literal keywords of all topics are compiled once into
one Aho-Corasick automaton (the few regular expressions, in Python's ``re``
syntax, form one small pattern), run over the matching copy of the item text
and of the enclosing section titles.

Matching: at each position the longest keyword wins, and a keyword lying wholly
inside an earlier accepted match is skipped (partial overlaps both count); so
高校毕业生 (毕业生就业) shields 高校 (高等教育), and an ``ignore`` phrase such as
国防教育 shields everything inside it.

Scoring: a topic's score is the sum, over the distinct keywords that matched,
of the keyword's weight (strong 3, medium 2, weak 1), counted ×``section_factor``
when the keyword is in the innermost enclosing section title,
×``outer_section_factor`` in an outer one, and ×``lead_factor`` when it is in
the item's own lead clause (its title sentence). A topic is assigned when
its score reaches ``threshold`` and at least one strong or medium keyword
matched. :func:`topics_of` returns the names best first (highest score; ties
in taxonomy order).

>>> topics_of("加强防溺水工作，开展心理健康测评。", ["加强平安校园建设"])
['校园安全', '体育与健康']
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Optional, cast

import ahocorasick

from edureport.data import guarded, load_json
from edureport.text.normalize import matching_copy

__all__ = ["TOPICS", "Topic", "explain", "taxonomy", "topics_of"]

_DATA_FILE = "topics.json"
_LEVELS = ("strong", "medium", "weak")


@dataclass(frozen=True)
class Topic:
    """One work area of the taxonomy."""

    id: str
    name: str
    group: str
    description: str


@dataclass(frozen=True)
class _Matcher:
    automaton: Optional[Any]
    """All literal keywords in one Aho-Corasick automaton (``pyahocorasick``): every keyword at every
    position in one C pass, 3× faster than a regex trie scanned position by position. A hit's value:
    (keyword, length, (topic index, weight) pairs); weight 0 for negatives and ignored phrases."""
    regex_pattern: Optional[re.Pattern]
    """The few ``re:`` keywords as one alternation of named groups (kept apart: a branch
    without a literal prefix would stop ``re`` from skipping ahead in the trie)."""
    regexes: dict[str, tuple[str, tuple[tuple[int, float], ...]]]
    """Group name → (source pattern, (topic index, weight) pairs)."""
    anchor_weight: float
    """Weight of a medium keyword: a topic needs one keyword at least this heavy."""
    threshold: float
    section_factor: float
    outer_section_factor: float
    lead_factor: float
    lead_max_chars: int


@lru_cache(maxsize=1)
def taxonomy() -> tuple[Topic, ...]:
    """Every topic of ``data/topics.json``, in taxonomy order."""
    return tuple(
        Topic(t["id"], t["name"], t.get("group", "education"), t.get("description", ""))
        for t in load_json(_DATA_FILE)["topics"]
    )


#: ``(id, name)`` of every topic, in taxonomy order.
TOPICS: tuple[tuple[str, str], ...] = tuple((t.id, t.name) for t in taxonomy())
_NAMES: tuple[str, ...] = tuple(name for _, name in TOPICS)


def topics_of(text: str, section_path: list[str], *, copy: Optional[str] = None) -> list[str]:
    """Topic names for an item's text and the titles of its enclosing sections, best first.

    ``copy``: ``matching_copy(text)`` when the caller has it (a slice of the document's copy).

    >>> topics_of("（四）“双减”工作深入落实。义务教育阶段课后延时服务全覆盖。", [])
    ['双减与课后服务', '义务教育']
    """
    matcher = _matcher()
    scores = _scores(matcher, _hits(matcher, text, section_path, copy))
    chosen = [(i, s) for i, (s, anchored) in scores.items() if anchored and s >= matcher.threshold]
    chosen.sort(key=lambda pair: (-pair[1], pair[0]))
    return [_NAMES[i] for i, _ in chosen]


def explain(text: str, section_path: Optional[list[str]] = None) -> dict[str, dict]:
    """Why each topic scored what it did: for every topic with a keyword hit, its score,
    whether it is assigned, and the matched keywords with where they matched
    (``section``, ``lead`` or ``text``) and the weight they contributed.

    Use it when extending the taxonomy (see docs/topics.md).
    """
    matcher = _matcher()
    hits = _hits(matcher, text, section_path or [])
    scores = _scores(matcher, hits)
    out: dict[str, dict] = {}
    for index in sorted(hits, key=lambda i: (-scores[i][0], i)):
        score, anchored = scores[index]
        out[_NAMES[index]] = {
            "score": score,
            "assigned": anchored and score >= matcher.threshold,
            "keywords": {k: {"where": where, "weight": w} for k, (w, where, _) in hits[index].items()},
        }
    return out


# --------------------------------------------------------------------------- building


@lru_cache(maxsize=1)
def _matcher() -> _Matcher:
    """Compile the taxonomy into one pattern (built once per process)."""
    data = load_json(_DATA_FILE)
    weights = {level: float(data["weights"][level]) for level in _LEVELS}
    literals: dict[str, dict[int, float]] = {}
    regex_sources: dict[str, dict[int, float]] = {}

    def add(keyword: str, index: int, weight: float) -> None:
        keyword = keyword.strip()
        if not keyword:
            return
        if keyword.startswith("re:"):
            table, key = regex_sources, keyword[3:]
        else:
            table, key = literals, matching_copy(keyword)
        slot = table.setdefault(key, {})
        if index >= 0:
            slot[index] = max(slot.get(index, 0.0), weight)

    for keyword in data.get("ignore", []):
        add(keyword, -1, 0.0)
    for index, topic in enumerate(data["topics"]):
        for keyword in topic.get("negative", []):
            add(keyword, index, 0.0)
        for level in _LEVELS:
            for keyword in topic.get(level, []):
                add(keyword, index, weights[level])

    regexes: dict[str, tuple[str, tuple[tuple[int, float], ...]]] = {}
    parts = []
    for n, (source, slot) in enumerate(regex_sources.items()):
        name = f"r{n}"
        regexes[name] = (source, tuple(slot.items()))
        parts.append(f"(?P<{name}>{source})")
    return _Matcher(
        automaton=_automaton({k: tuple(v.items()) for k, v in literals.items()}),
        # guarded: one branch opens with a lookbehind, which else is tried at every position
        regex_pattern=re.compile(guarded("|".join(parts), data)) if parts else None,
        regexes=regexes,
        anchor_weight=weights["medium"],
        threshold=float(data["threshold"]),
        section_factor=float(data.get("section_factor", 1)),
        outer_section_factor=float(data.get("outer_section_factor", data.get("section_factor", 1))),
        lead_factor=float(data.get("lead_factor", 1)),
        lead_max_chars=int(data.get("lead_max_chars", 0)),
    )


def _automaton(words: dict[str, Any]) -> Optional[Any]:
    """An Aho-Corasick automaton of the keys of ``words``; a hit's value is (word, length, ``words[word]``)."""
    if not words:
        return None
    automaton = ahocorasick.Automaton()
    for word, value in words.items():
        automaton.add_word(word, (word, len(word), value))
    automaton.make_automaton()
    return automaton


# --------------------------------------------------------------------------- scoring


def _every_start(pattern: re.Pattern, copy: str) -> Iterable[re.Match]:
    """The match of ``pattern`` at every position where one starts (an overlapped scan)."""
    pos, search = 0, pattern.search
    while True:
        m = search(copy, pos)
        if m is None:
            return
        yield m
        pos = m.start() + 1


def _lead_end(copy: str, max_chars: int) -> int:
    """End of the item's lead clause (a short title sentence followed by more text), or 0.

    >>> _lead_end("（一）党的领导持续加强。县委教育工委认真落实……", 40)
    11
    >>> _lead_end("一是全面从严治党。", 40)  # the whole item: no title to weigh up
    0
    """
    for i, ch in enumerate(copy[: max_chars + 1]):
        if ch in "。\n":
            return i if copy[i + 1:].strip() else 0
    return 0


_START_LONGEST = operator.itemgetter(0, 1)


def _matches(matcher: _Matcher, copy: str,
             lead: Optional[int] = None) -> list[tuple[int, str, tuple[tuple[int, float], ...]]]:
    """Accepted keyword matches in a matching copy: (start, keyword, (topic index, weight) pairs).

    At each start the longest match wins (a regex wins a tie with a literal); a match lying
    wholly inside an accepted one is dropped, a partial overlap is kept. ``lead``: keep only
    the first accepted match of a keyword before ``lead`` and the first from ``lead`` on
    (only those can raise the keyword's weight, see :func:`_hits`).
    """
    found = []
    if matcher.regex_pattern is not None:
        for m in _every_start(matcher.regex_pattern, copy):
            keyword, pairs = matcher.regexes[cast(str, m.lastgroup)]  # every branch is a named group
            found.append((m.start(), -m.end(), keyword, pairs))
    # every occurrence goes in: a shorter keyword at the same start lies inside the longer one,
    # so the filter below drops it (the longest at each start wins)
    if matcher.automaton is not None:  # every occurrence, nested ones included (高中 inside 高中阶段)
        found.extend((last - length + 1, -last - 1, word, pairs)
                     for last, (word, length, pairs) in matcher.automaton.iter(copy))
    if len(found) > 1:
        found.sort(key=_START_LONGEST)  # by start, longest first; stable
    accepted, last_end = [], 0
    seen: set[tuple[str, bool]] = set()
    for start, neg_end, keyword, pairs in found:
        if -neg_end > last_end:
            last_end = -neg_end
            if lead is not None:
                key = (keyword, start < lead)
                if key in seen:
                    continue
                seen.add(key)
            accepted.append((start, keyword, pairs))
    return accepted


@lru_cache(maxsize=4096)
def _title_matches(title: str) -> tuple[tuple[int, str, tuple[tuple[int, float], ...]], ...]:
    """Matches in a section title (titles repeat for every item below them, so they are cached)."""
    return tuple(_matches(_matcher(), matching_copy(title)))


def _hits(matcher: _Matcher, text: str, section_path: list[str],
          copy: Optional[str] = None) -> dict[int, dict[str, tuple[float, str, float]]]:
    """Topic index → keyword → (contributed weight, where it matched, level weight); best placement per keyword."""
    hits: dict[int, dict[str, tuple[float, str, float]]] = {}

    def add(matches, factor_at) -> None:
        for start, keyword, pairs in matches:
            for index, weight in pairs:
                if weight <= 0:
                    continue
                factor, where = factor_at(start)
                value = weight * factor
                seen = hits.setdefault(index, {})
                if value > seen.get(keyword, (0.0,))[0]:
                    seen[keyword] = (value, where, weight)

    last = len(section_path) - 1
    for depth, title in enumerate(section_path):
        if title:
            factor = matcher.section_factor if depth == last else matcher.outer_section_factor
            add(_title_matches(title), lambda _pos, f=factor: (f, "section"))
    if copy is None:
        copy = matching_copy(text)
    lead = _lead_end(copy, matcher.lead_max_chars)
    # Only the first occurrence of a keyword in the lead and the first after it can raise its weight
    # (a later one gives the same value, and a tie keeps the earlier): the rest are skipped.
    add(_matches(matcher, copy, lead), lambda pos: (matcher.lead_factor, "lead") if pos < lead else (1.0, "text"))
    return hits


def _scores(matcher: _Matcher, hits: dict[int, dict[str, tuple[float, str, float]]]) -> dict[int, tuple[float, bool]]:
    """Topic index → (score, anchored): anchored when a strong or medium keyword matched."""
    out: dict[int, tuple[float, bool]] = {}
    for index, keywords in hits.items():
        score = sum(w for w, _, _ in keywords.values())
        anchored = any(base >= matcher.anchor_weight for _, _, base in keywords.values())
        out[index] = (score, anchored)
    return out
