"""Term counts of a corpus (词频), by report, section and role: what a corpus study counts first.

Each report's text is segmented by the pipeline's tokenizer (pkuseg and the domain lexicon by
default, so 集团化办学 and 双减 stay whole), slogans the word level splits are joined back
(``data/phrases.txt``: 高质量发展), and each word is counted under the section and the
role of the item it stands in (the section's role outside items). Punctuation, numbers, spaces
and stop words (``data/stopwords.txt`` plus the caller's) are not terms; every other word is, so a
report's counts add up to its words less those.
"""

from __future__ import annotations

import bisect
from collections import Counter
from functools import lru_cache
from typing import Iterable, Iterator, Optional

import pandas as pd
import regex

from edureport.corpus.runners import Job
from edureport.corpus.sources import Document
from edureport.corpus.tables import PathLike, Rows
from edureport.data import load_lines
from edureport.errors import ConfigError
from edureport.models import Report, Section

__all__ = ["ROLES", "TERMS", "TERMS_DTYPES", "TermOptions", "default_phrases", "default_stop_words", "join_phrases",
           "report_terms", "term_options", "terms_frame", "words_of"]

#: The roles a term can be counted under (an item's, else its section's).
ROLES = ("achievement", "problem", "plan", "other")
#: ``(segmenter, pkuseg model path or None, stop words, roles or None, phrases, max_chars or None)``: what a
#: process needs, picklable.
TermOptions = tuple[str, Optional[str], frozenset[str], Optional[frozenset[str]], frozenset[str], Optional[int]]

#: Columns of the terms table, in order, with their pandas dtypes.
TERMS_DTYPES: dict[str, str] = {
    "report_id": "string",
    "section_path": "string",
    "role": "string",
    "term": "string",
    "count": "int64",
}
PATH_SEP = " / "
_WORD = regex.compile(r"[\p{Han}A-Za-z]")  # a term holds a Han character or a letter
_NUMERAL = regex.compile(r"[\d.,%％零〇一二两三四五六七八九十百千万亿几余多*×＊\-–—~～]+")
#: A figure glued into one token (2023年, 1-5月, 3000余名, ****人) or a masked name (**市): not a term.
_GLUED = regex.compile(r"(?P<number>[\d.,%％零〇一二两三四五六七八九十百千万亿几余多*×＊\-–—~～]+)(?P<rest>.+)")
_MASK = regex.compile(r"[*×＊]")
#: What follows a number inside one token besides a unit: dates and ordinals.
_DATE_WORDS = frozenset("年月日号季度天周届期批轮次")


def join_phrases(tokens: Iterable[tuple[int, str]], phrases: frozenset[str]) -> Iterator[tuple[int, str]]:
    """Adjacent tokens that spell one of ``phrases`` as one token (高质量|发展 → 高质量发展), longest first."""
    pending = list(tokens)
    longest = max(map(len, phrases), default=0)
    i = 0
    while i < len(pending):
        offset, text = pending[i]
        best = 0
        joined, end, j = text, offset + len(text), i + 1
        while j < len(pending) and len(joined) < longest and pending[j][0] == end:
            joined += pending[j][1]
            end += len(pending[j][1])
            j += 1
            if joined in phrases:
                best = j
        if best:
            yield offset, "".join(t for _, t in pending[i:best])
            i = best
        else:
            yield offset, text
            i += 1


def words_of(tokens: Iterable[tuple[int, str]], units: frozenset[str],
             phrases: frozenset[str] = frozenset()) -> Iterator[tuple[int, str]]:
    """The words of a tokenised text, ``phrases`` joined, without numerals and the classifier or unit
    right after one (3所, 十二个, 1.2万元: figures are the metrics table's business), a bare
    one-character classifier, dates glued to their number (2023年, 1-5月) and masked tokens (**市)."""
    after_number = False
    for offset, text in join_phrases(tokens, phrases) if phrases else tokens:
        if _NUMERAL.fullmatch(text) or _MASK.search(text):
            after_number = True
            continue
        glued = _GLUED.fullmatch(text)
        if glued and any(char.isdigit() for char in glued["number"]) and (
                glued["rest"] in units or glued["rest"] in _DATE_WORDS or glued["rest"][:1] in _DATE_WORDS):
            after_number = False
            continue
        if text in units and (after_number or len(text) == 1):  # a classifier alone (每所, 第三名) is no term
            after_number = False
            continue
        after_number = False
        yield offset, text


@lru_cache(maxsize=1)
def default_stop_words() -> frozenset[str]:
    """The shipped stop words (``data/stopwords.txt``)."""
    return frozenset(load_lines("stopwords.txt"))


@lru_cache(maxsize=1)
def default_phrases() -> frozenset[str]:
    """The shipped phrases counted whole (``data/phrases.txt``)."""
    return frozenset(load_lines("phrases.txt"))


def _sections(report: Report) -> tuple[list[int], list[tuple[int, str, str]]]:
    """Every section as (end, path, role), ordered so that the deepest one holding an offset is found."""
    flat: list[tuple[int, int, str, str]] = []

    def walk(section: Section, path: list[str]) -> None:
        here = [*path, section.title]
        flat.append((section.start, section.end, PATH_SEP.join(here), section.role))
        for child in section.children:
            walk(child, here)

    for top in report.sections:
        walk(top, [])
    flat.sort(key=lambda s: s[0])
    return [s[0] for s in flat], [(s[1], s[2], s[3]) for s in flat]


def report_terms(report_id: str, report: Report, words: Iterable[tuple[int, str]],
                 stop_words: frozenset[str], roles: Optional[frozenset[str]] = None) -> Iterator[tuple]:
    """Rows ``(report_id, section_path, role, term, count)`` for the ``words`` (offset, text) of a report."""
    starts, sections = _sections(report)
    items = sorted((item.start, item.end, item.role) for item in report.items)
    item_starts = [item[0] for item in items]
    counts: Counter[tuple[str, str, str]] = Counter()
    for offset, word in words:
        if word in stop_words or not _WORD.search(word):
            continue
        path, role = "", "other"
        k = bisect.bisect_right(starts, offset) - 1
        while k >= 0:  # the last section opening before the word that still holds it: the deepest
            end, section_path, section_role = sections[k]
            if offset < end:
                path, role = section_path, section_role
                break
            k -= 1
        i = bisect.bisect_right(item_starts, offset) - 1
        if i >= 0 and offset < items[i][1]:
            role = items[i][2]
        if roles is not None and role not in roles:
            continue
        counts[(path, role, word)] += 1
    for (path, role, term), count in sorted(counts.items()):
        yield report_id, path, role, term, count


def terms_frame(rows: Iterable[tuple]) -> pd.DataFrame:
    """The terms table with its dtypes."""
    frame = pd.DataFrame(list(rows), columns=list(TERMS_DTYPES))
    return frame.astype(TERMS_DTYPES)


def term_options(segmenter: str, pkuseg_model: Optional[PathLike], stop_words: Iterable[str],
                 roles: Optional[Iterable[str]], phrases: Iterable[str] = (), max_chars: Optional[int] = None) -> TermOptions:
    """The options of a term count, checked here rather than in every process."""
    if isinstance(stop_words, str) or isinstance(roles, str) or isinstance(phrases, str):
        raise ConfigError("stop_words, roles and phrases take a list of strings, not one string")
    wanted = None if roles is None else frozenset(roles)
    if wanted is not None and not wanted <= set(ROLES):
        raise ConfigError(f"roles={sorted(wanted)!r}: choose among {', '.join(ROLES)}")
    return (segmenter, str(pkuseg_model) if pkuseg_model else None, default_stop_words() | frozenset(stop_words), wanted,
            default_phrases() | frozenset(p for p in phrases if p), max_chars)


def term_outcome(doc: Document, segmenter: str, pkuseg_model: Optional[str], stops: frozenset[str],
                 roles: Optional[frozenset[str]], phrases: frozenset[str], max_chars: Optional[int] = None) -> Rows:
    """The term rows of one document (``terms``), or its error row: the same function in every process."""
    from edureport.api import MAX_CHARS, _shared, parse
    from edureport.quantities.extract import unit_forms

    if doc.error is not None:
        return {"terms": [], "errors": [(doc.report_id, doc.source, "read", doc.error[0], doc.error[1])]}
    try:
        report = parse(doc.text, source=doc.source, max_chars=max_chars or MAX_CHARS)  # type: ignore[arg-type]
        tokens = _shared(segmenter, pkuseg_model).make_doc(doc.text)  # type: ignore[arg-type]
        words = words_of(((token.idx, token.text) for token in tokens), unit_forms(), phrases)
        rows = list(report_terms(doc.report_id, report, words, stops, roles))
    except Exception as exc:  # one bad document must not end a count over thousands
        return {"terms": [], "errors": [(doc.report_id, doc.source, "parse", type(exc).__name__, str(exc))]}
    return {"terms": rows, "errors": []}


def term_warm(segmenter: str, pkuseg_model: Optional[str], stops: frozenset[str],
              roles: Optional[frozenset[str]], phrases: frozenset[str], max_chars: Optional[int] = None) -> None:
    """Load the segmenter now, so a missing model stops the run instead of failing every document."""
    from edureport.api import _shared

    _shared(segmenter, pkuseg_model)


#: The term count as a corpus job (:func:`edureport.corpus.runners.run`, Dask partitions).
TERMS = Job(term_outcome, term_warm)
