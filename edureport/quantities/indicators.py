"""The measured thing of a metric ("indicator"): ``学前三年毛入园率`` for ``97.2%``.

A conservative rule, cues in ``data/indicators.json``: the noun phrase between the
start of the clause and the number, once verbs, qualifiers and change cues at its end and
adverbs at its start are stripped, when it ends like an indicator (率, 经费, 学位, 机构…);
else, after an action verb (新增, 建成, 改造…), the noun phrase right after the unit
(``改造244个中小学实验室`` → ``中小学实验室``). A change amount (``同比增长23.6%``) takes
the indicator of the metric before it in the clause, and ``由A至B`` takes A's. Anything else
is ``None``: no indicator is better than a wrong one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

import regex

from edureport.data import alternation, load_json
from edureport.models import Metric
from edureport.text.boundaries import Breaks

__all__ = ["assign_indicators"]

_HAN = regex.compile(r"\p{Han}+")  # compiled once: these checks run per metric
_SENTENCE_STOP = regex.compile(r"[。;；\n]")


class _Cues:
    def __init__(self) -> None:
        data = load_json("indicators.json")
        alt = alternation
        self.clause_break = re.compile(r"[,，。;；:：!！?？、\n()（）“”《》]")
        self.strip_end = regex.compile(rf"(?:{alt(data['strip_end'])})+$")
        self.strip_start = regex.compile(rf"(?:{alt(data['strip_start'])})+")
        self.noun_end = regex.compile(rf"(?:{alt(data['noun_endings'])})$")
        self.action_end = regex.compile(rf"(?:{alt(data['action_verbs'])})$")
        self.after_stop = regex.compile(rf"[,，。;；:：、()（）“”《》\n\d]|{alt(data['after_stop'])}")
        self.verbs = regex.compile(alt(data["verbs_inside"]))
        self.max_len = data["max_length"]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    return _Cues()


def assign_indicators(metrics: list[Metric], text: str, copy: str) -> None:
    """Set ``indicator`` on each metric (in place); ``copy`` is the text's matching copy.

    The phrase rules read only the clause before the number and the few characters after it,
    so their answers are kept per text by those strings: reports repeat their phrasing
    (``同比增长``, ``其中小学``), and a table of figures repeats it on every row.
    """
    if not metrics:
        return
    cues = _cues()
    clauses = Breaks(cues.clause_break, copy)
    by_start = {m.start: m for m in metrics}
    before_memo: dict[str, tuple[Optional[tuple[int, int]], bool]] = {}
    after_memo: dict[str, int] = {}
    previous: Optional[Metric] = None
    for metric in metrics:
        clause = clauses.start(metric.start, 40)  # at most 40 characters back
        same_clause = previous is not None and previous.end > clause
        window = copy[clause:metric.start]
        known = before_memo.get(window)
        if known is None:
            known = before_memo[window] = (_before(window, cues), _acts(window, cues))
        span, acts = known
        indicator = text[clause + span[0]:clause + span[1]] if span is not None else None
        if indicator is None and metric.change is not None:
            if metric.change.role == "to" and metric.change.partner_start in by_start:
                indicator = by_start[metric.change.partner_start].indicator
            elif metric.change.role == "delta" and previous is not None and _near(copy, previous, metric):
                indicator = previous.indicator
        if indicator is None and not same_clause and acts:
            after = copy[metric.end:metric.end + cues.max_len + 1]
            length = after_memo.get(after)
            if length is None:
                length = after_memo[after] = _after(after, cues)
            if length:
                indicator = text[metric.end:metric.end + length]
        # Through __dict__: pydantic's __setattr__ costs ~1.3 µs, and the field is already set
        # (extract_metrics builds every Metric with indicator=None).
        metric.__dict__["indicator"] = indicator
        previous = metric


def _near(copy: str, a: Metric, b: Metric) -> bool:
    """``b`` follows ``a`` in the same sentence with at most one comma between them."""
    between = copy[a.end:b.start]
    return len(between) <= 12 and not _SENTENCE_STOP.search(between) and between.count(",") + between.count("，") <= 1


def _before(window: str, cues: _Cues) -> Optional[tuple[int, int]]:
    """Offsets in ``window`` (the clause before the number) of the indicator named there, if any."""
    end = len(window)
    while end > 0 and window[end - 1] == " ":
        end -= 1
    tail = cues.strip_end.search(window, 0, end)
    if tail:
        end = tail.start()
    head = cues.strip_start.match(window, 0, end)
    begin = head.end() if head else 0
    phrase = window[begin:end]
    if (2 <= len(phrase) <= cues.max_len and _HAN.fullmatch(phrase) and cues.noun_end.search(phrase)
            and not cues.verbs.search(phrase)):
        return begin, end
    return None


def _acts(window: str, cues: _Cues) -> bool:
    """Whether the clause before the number ends with an action verb (新增, 改造…): the thing counted follows."""
    before = window.strip()
    return bool(cues.action_end.search(before) or cues.action_end.search(cues.strip_end.sub("", before)))


def _after(after: str, cues: _Cues) -> int:
    """Length of the noun phrase that opens ``after`` (the text right after the number), else 0."""
    stop = cues.after_stop.search(after)
    end = stop.start() if stop else 0
    phrase = after[:end]
    if (2 <= len(phrase) <= cues.max_len and _HAN.fullmatch(phrase) and not cues.verbs.search(phrase)
            and (len(phrase) <= 6 or cues.noun_end.search(phrase))):
        return end
    return 0
