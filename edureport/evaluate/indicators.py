"""What each figure measures, against ``tests/gold/indicators.jsonl`` (``ANNOTATION.md`` §3).

Predictions come from ``edureport.parse()`` and are paired with the gold records (one per
required metric) by span overlap, one to one. Scores, per document and for the education
reports (``seeds``), the government reports (``gov``) and ``overall``:

* indicator **coverage** = right / gold phrases and **precision** = right / phrases given (on
  metrics paired with gold). A phrase is right when it equals the gold phrase, or one contains
  the other and both end in the same character (a Chinese noun phrase's head is at its end:
  gold ``学前三年毛入园率``, predicted ``毛入园率`` is right). A phrase given where gold has none is wrong.
* ``indicator_id`` precision and recall, as in :mod:`edureport.evaluate.kpis`;
* ``status`` (actual / target / baseline) accuracy over paired metrics.

``edureport evaluate indicators [--errors] [--gold-dir DIR] [--segmenter NAME]``
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

import click

from edureport.evaluate.command import Part
from edureport.evaluate.common import GOLD_DIR, load_gold, overlap_pairs, scores_by_document, show_scores
from edureport.evaluate.kpis import predict
from edureport.models import Metric

GOLD_FILE = "indicators.jsonl"
#: Indicator gold the rules were not written against (government reports of tests/gold's manifest).
HELDOUT_FILE = "indicators_heldout.jsonl"
#: Floors of issue 16 on the project's own gold ("done when"), checked by tests/evaluate.
FLOORS = {"coverage": 0.95, "precision": 0.95}


def same_phrase(gold: str, predicted: str) -> bool:
    """The scheme's rule: equal, or one inside the other with the same last character (the head)."""
    if gold == predicted:
        return True
    return (gold in predicted or predicted in gold) and gold[-1] == predicted[-1]


@dataclass
class IndicatorCounts:
    gold: int = 0
    matched: int = 0
    phrase_gold: int = 0        # gold records that name an indicator
    phrase_given: int = 0       # paired predictions with an indicator
    phrase_right: int = 0       # … that name gold's
    id_gold: int = 0
    id_given: int = 0
    id_right: int = 0
    status_right: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: IndicatorCounts) -> None:
        for name in ("gold", "matched", "phrase_gold", "phrase_given", "phrase_right", "id_gold", "id_given",
                     "id_right", "status_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)

    def as_dict(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 1.0

        return {
            "gold": self.gold, "matched": self.matched, "phrase_gold": self.phrase_gold,
            "coverage": ratio(self.phrase_right, self.phrase_gold),
            "precision": ratio(self.phrase_right, self.phrase_given),
            "id_precision": ratio(self.id_right, self.id_given), "id_recall": ratio(self.id_right, self.id_gold),
            "status": ratio(self.status_right, self.matched),
        }


def score_document(gold: list[dict], predicted: Iterable[Metric], doc: str = "") -> IndicatorCounts:
    counts = IndicatorCounts(gold=len(gold))
    for g, pred in overlap_pairs(gold, predicted):
        expected: Optional[str] = g.get("indicator")
        gid = g.get("indicator_id")
        counts.phrase_gold += expected is not None
        counts.id_gold += gid is not None
        where = f"{doc} {g['start']} {g['text']!r}"
        if pred is None:
            counts.errors.append(f"{where}: no metric (gold indicator {expected!r})")
            continue
        counts.matched += 1
        got = pred.indicator
        if got is not None:
            counts.phrase_given += 1
        right = expected is not None and got is not None and same_phrase(expected, got)
        counts.phrase_right += right
        if not right and (expected is not None or got is not None):
            counts.errors.append(f"{where}: indicator gold {expected!r} predicted {got!r}")
        if pred.indicator_id is not None:
            counts.id_given += 1
        if gid is not None and pred.indicator_id == gid:
            counts.id_right += 1
        elif gid is not None or pred.indicator_id is not None:
            counts.errors.append(f"{where}: indicator_id gold {gid!r} predicted {pred.indicator_id!r} ({got!r})")
        counts.status_right += pred.scope.status == g.get("status", "actual")
    return counts


def score_indicators(gold: list[dict], predicted: dict[str, list[Metric]]) -> dict[str, Any]:
    """Scores per document, for ``seeds`` (education reports), ``gov`` and ``overall``."""
    return scores_by_document(gold, predicted, score_document, IndicatorCounts)


def evaluate(name: str = GOLD_FILE, gold_dir: Path = GOLD_DIR, segmenter: str = "char") -> dict[str, Any]:
    """Load ``indicators.jsonl`` (or ``indicators_heldout.jsonl``), predict and score."""
    gold = load_gold(name, gold_dir)
    return score_indicators(gold, predict(sorted({g["doc"] for g in gold}), gold_dir, segmenter=segmenter))


HEADER = (f"{'document':<34} {'gold':>5} {'match':>5} {'phrases':>7} {'cover':>6} {'prec':>6} "
          f"{'id P':>6} {'id R':>6} {'status':>6}")


def _row(name: str, c: dict[str, Any]) -> str:
    return (f"{name:<34} {c['gold']:5d} {c['matched']:5d} {c['phrase_gold']:7d} {c['coverage']:6.3f} "
            f"{c['precision']:6.3f} {c['id_precision']:6.3f} {c['id_recall']:6.3f} {c['status']:6.3f}")


def show(errors: bool = False, heldout: bool = False, gold_dir: Path = GOLD_DIR, segmenter: str = "char") -> None:
    """Print the scores (``edureport evaluate indicators [--heldout]``)."""
    name = HELDOUT_FILE if heldout else GOLD_FILE
    show_scores("Indicators (what each figure measures)", gold_dir / name, lambda: evaluate(name, gold_dir, segmenter),
                HEADER, _row, errors)


PART = Part("indicators", show, segmenter="char")
command = PART.command(
    "What each figure measures: indicator coverage and precision, KPI ids, status.",
    click.option("--heldout", is_flag=True,
                 help="Score indicators_heldout.jsonl (河北, 吉林, 西藏; their errors have been read). "
                      "The fresh held-out set is --gold-dir tests/gold/heldout (宁夏, 陕西)."),
)

if __name__ == "__main__":
    command(prog_name="python -m edureport.evaluate.indicators")
