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

from functools import lru_cache
from typing import Optional

import regex

from .data import alternation, load_json
from .models import Metric

__all__ = ["assign_indicators"]

_HAN = regex.compile(r"\p{Han}+")  # compiled once: these checks run per metric
_SENTENCE_STOP = regex.compile(r"[。;；\n]")


class _Cues:
    def __init__(self) -> None:
        data = load_json("indicators.json")
        alt = alternation
        self.clause_break = regex.compile(r"[,，。;；:：!！?？、\n()（）“”《》]")
        self.clause_break_back = regex.compile(self.clause_break.pattern, regex.REVERSE)  # finds the last one
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
    """Set ``indicator`` on each metric (in place); ``copy`` is the text's matching copy."""
    cues = _cues()
    by_start = {m.start: m for m in metrics}
    previous: Optional[Metric] = None
    for metric in metrics:
        clause = _clause_start(copy, metric.start, cues)
        same_clause = previous is not None and previous.end > clause
        indicator = _before(text, copy, clause, metric.start, cues)
        if indicator is None and metric.change is not None:
            if metric.change.role == "to" and metric.change.partner_start in by_start:
                indicator = by_start[metric.change.partner_start].indicator
            elif metric.change.role == "delta" and previous is not None and _near(copy, previous, metric):
                indicator = previous.indicator
        if indicator is None and not same_clause:
            indicator = _after(text, copy, clause, metric, cues)
        # Through __dict__: pydantic's __setattr__ costs ~1.3 µs, and the field is already set
        # (extract_metrics builds every Metric with indicator=None).
        metric.__dict__["indicator"] = indicator
        previous = metric


def _clause_start(copy: str, pos: int, cues: _Cues) -> int:
    """After the last clause break before ``pos``, at most 40 characters back (one reverse search)."""
    window = max(0, pos - 40)
    last = cues.clause_break_back.search(copy, window, pos)
    return last.end() if last else window


def _near(copy: str, a: Metric, b: Metric) -> bool:
    """``b`` follows ``a`` in the same sentence with at most one comma between them."""
    between = copy[a.end:b.start]
    return len(between) <= 12 and not _SENTENCE_STOP.search(between) and between.count(",") + between.count("，") <= 1


def _before(text: str, copy: str, clause: int, start: int, cues: _Cues) -> Optional[str]:
    end = start
    while end > clause and copy[end - 1] == " ":
        end -= 1
    tail = cues.strip_end.search(copy, clause, end)
    if tail:
        end = tail.start()
    head = cues.strip_start.match(copy, clause, end)
    begin = head.end() if head else clause
    phrase = copy[begin:end]
    if (2 <= len(phrase) <= cues.max_len and _HAN.fullmatch(phrase) and cues.noun_end.search(phrase)
            and not cues.verbs.search(phrase)):
        return text[begin:end]
    return None


def _after(text: str, copy: str, clause: int, metric: Metric, cues: _Cues) -> Optional[str]:
    before = copy[clause:metric.start].strip()
    if not cues.action_end.search(before) and not cues.action_end.search(cues.strip_end.sub("", before)):
        return None
    stop = cues.after_stop.search(copy, metric.end, min(len(copy), metric.end + cues.max_len + 1))
    end = stop.start() if stop else metric.end
    phrase = copy[metric.end:end]
    if (2 <= len(phrase) <= cues.max_len and _HAN.fullmatch(phrase) and not cues.verbs.search(phrase)
            and (len(phrase) <= 6 or cues.noun_end.search(phrase))):
        return text[metric.end:end]
    return None
