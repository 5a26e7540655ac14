"""Indicator ids and scope against ``tests/gold/kpis.jsonl`` (see ``docs/kpi-annotation.md``).

Predictions come from ``edureport.parse()`` (scope status needs the report's roles) and are
paired with gold records by span overlap, one to one, in document order. Scores:

* indicator id: precision over matched predictions with a non-null id (correct = same id as
  gold), recall over gold records with a non-null id (found = a matched prediction with that id);
* scope: accuracy of ``status``, ``period`` (quotes and white space stripped), ``period_norm``,
  ``aggregation`` and ``area`` over matched pairs (None = None counts as agreement).

``edureport evaluate kpis [--errors] [--heldout] [--gold-dir DIR] [--segmenter NAME]``
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import click

from edureport.evaluate.command import Part
from edureport.evaluate.common import GOLD_DIR, doc_text, load_gold, overlap_pairs, scores_by_document, show_scores
from edureport.models import Metric

SCOPE_FIELDS = ("status", "period", "period_norm", "aggregation", "area")
#: Floors of issue 10 ("done when"), checked by tests/test_kpis.py.
FLOORS = {"id_precision": 0.95, "id_recall": 0.80, "status": 0.95, "period": 0.90}


@dataclass
class KpiCounts:
    matched: int = 0
    gold: int = 0
    id_predicted: int = 0      # matched predictions with a non-null id
    id_correct: int = 0        # … whose id equals gold's
    id_gold: int = 0           # gold records with a non-null id
    id_found: int = 0          # … matched by a prediction with the same id
    agree: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SCOPE_FIELDS, 0))
    errors: list[str] = field(default_factory=list)

    def add(self, other: KpiCounts) -> None:
        for name in ("matched", "gold", "id_predicted", "id_correct", "id_gold", "id_found"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for f in SCOPE_FIELDS:
            self.agree[f] += other.agree[f]
        self.errors.extend(other.errors)

    def as_dict(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 1.0

        out: dict[str, Any] = {
            "gold": self.gold, "matched": self.matched,
            "id_precision": ratio(self.id_correct, self.id_predicted), "id_recall": ratio(self.id_found, self.id_gold),
            "id_predicted": self.id_predicted, "id_gold": self.id_gold,
        }
        out.update({f: ratio(self.agree[f], self.matched) for f in SCOPE_FIELDS})
        return out


def _norm_period(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    value = "".join(ch for ch in value if ch not in "“”\"'‘’" and not ch.isspace())
    return value or None


def _field(pred: Metric, name: str) -> Any:
    if name == "indicator_id":
        return pred.indicator_id
    value = getattr(pred.scope, name)
    return _norm_period(value) if name == "period" else value


def score_document(gold: list[dict], predicted: Iterable[Metric], doc: str = "") -> KpiCounts:
    """Counts for one document: pairs by span overlap (first free overlapping prediction)."""
    counts = KpiCounts(gold=len(gold))
    for g, pred in overlap_pairs(gold, predicted):
        counts.id_gold += g.get("indicator_id") is not None
        where = f"{doc} {g['start']} {g['text']!r}"
        if pred is None:
            if g.get("indicator_id") is not None:
                counts.errors.append(f"{where}: no metric (gold id {g['indicator_id']})")
            continue
        counts.matched += 1
        gid, pid = g.get("indicator_id"), pred.indicator_id
        if pid is not None:
            counts.id_predicted += 1
            counts.id_correct += pid == gid
        if gid is not None and pid == gid:
            counts.id_found += 1
        if gid != pid:
            counts.errors.append(f"{where}: indicator_id gold {gid} predicted {pid}")
        for name in SCOPE_FIELDS:
            expected = _norm_period(g.get(name)) if name == "period" else g.get(name)
            got = _field(pred, name)
            if expected == got:
                counts.agree[name] += 1
            else:
                counts.errors.append(f"{where}: {name} gold {expected!r} predicted {got!r}")
    return counts


def score_kpis(gold: list[dict], predicted: dict[str, list[Metric]]) -> dict[str, Any]:
    """Scores per document, for ``seeds``/``gov`` and ``overall``."""
    return scores_by_document(gold, predicted, score_document, KpiCounts)


def predict(docs: Iterable[str], gold_dir: Path = GOLD_DIR,
            parser: Optional[Callable[[str], Any]] = None, segmenter: str = "char") -> dict[str, list[Metric]]:
    """The metrics of ``edureport.parse()`` (character segmentation unless told) for each gold document."""
    if parser is None:
        from edureport.api import parse

        def parser(text: str) -> Any:
            return parse(text, segmenter=segmenter)
    return {doc: parser(doc_text(doc, gold_dir)).metrics for doc in docs}


def evaluate(name: str = "kpis.jsonl", gold_dir: Path = GOLD_DIR, segmenter: str = "char") -> dict[str, Any]:
    """Load a gold file (``kpis.jsonl`` or ``kpis_heldout.jsonl``), predict and score.

    The documents of ``kpis_heldout.jsonl`` are those of ``gold_dir / "heldout"``.
    """
    gold = load_gold(name, gold_dir)
    text_dir = gold_dir / "heldout" if "heldout" in name else gold_dir
    predicted = predict(sorted({g["doc"] for g in gold}), text_dir, segmenter=segmenter)
    return score_kpis(gold, predicted)


HEADER = (f"{'document':<34} {'gold':>5} {'match':>5} {'id P':>6} {'id R':>6} {'status':>6} {'period':>6} "
          f"{'p_norm':>6} {'aggr':>6} {'area':>6}")


def _row(name: str, c: dict[str, Any]) -> str:
    return (f"{name:<34} {c['gold']:5d} {c['matched']:5d} {c['id_precision']:6.3f} {c['id_recall']:6.3f} "
            f"{c['status']:6.3f} {c['period']:6.3f} {c['period_norm']:6.3f} {c['aggregation']:6.3f} {c['area']:6.3f}")


def show(errors: bool = False, heldout: bool = False, gold_dir: Path = GOLD_DIR, segmenter: str = "char") -> None:
    """Print the scores on ``kpis.jsonl``, or with ``heldout`` on ``kpis_heldout.jsonl`` (``edureport evaluate kpis``)."""
    name = "kpis_heldout.jsonl" if heldout else "kpis.jsonl"
    show_scores("KPIs (indicator ids and scope)", gold_dir / name, lambda: evaluate(name, gold_dir, segmenter),
                HEADER, _row, errors)


PART = Part("kpis", show, segmenter="char")
command = PART.command(
    "Indicator ids and scope of metrics.",
    click.option("--heldout", is_flag=True, help="Score kpis_heldout.jsonl (宁夏) instead of kpis.jsonl."),
)

if __name__ == "__main__":
    command(prog_name="python -m edureport.evaluate.kpis")
