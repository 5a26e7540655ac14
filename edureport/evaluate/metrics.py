"""Metric (quantity mention) detection and exact P/R/F1 against ``tests/gold/metrics.jsonl``.

Scoring follows ``shared/ANNOTATION.md`` §1 "Scoring": a prediction matches a
gold mention when their spans overlap (one-to-one); detection counts matched
pairs; *exact* also needs the same unit (after trivial synonyms, in simplified script: 個 is 个) and the same
value (relative difference below 1e-6, or both masked). Gold mentions marked
``optional`` are neither rewarded nor penalised: they do not count for recall,
and a prediction overlapping one is left out of precision.

``edureport evaluate metrics [--errors] [--docs NAME]... [--pipeline] [--gold-dir DIR]``
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence, Union

import click

from edureport.evaluate.command import Part
from edureport.evaluate.common import GOLD_DIR, SEED_PREFIXES, doc_text, load_gold, prf, print_scores
from edureport.models import Metric
from edureport.text.normalize import matching_copy

#: Trivial unit synonyms, mapped to the scheme's canonical spelling.
UNIT_SYNONYMS = {"％": "%", "百分点": "个百分点", "人民币": "元", "元人民币": "元",
                 "幢": "栋", "平米": "平方米", "方米": "平方米", "㎡": "平方米", "mm": "毫米"}  # 幢 and 栋 count buildings

Prediction = Union[Metric, dict]


@dataclass
class Counts:
    tp: int = 0          # matched pairs (detection)
    exact: int = 0       # matched pairs with the same unit and value
    fp: int = 0          # predictions matching no gold mention (optional ones excepted)
    gold: int = 0        # required gold mentions
    errors: list[str] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.exact += other.exact
        self.fp += other.fp
        self.gold += other.gold
        self.errors.extend(other.errors)

    @property
    def detection(self) -> tuple[float, float, float]:
        return prf(self.tp, self.tp + self.fp, self.gold)

    @property
    def exact_prf(self) -> tuple[float, float, float]:
        return prf(self.exact, self.tp + self.fp, self.gold)

    def as_dict(self) -> dict[str, Any]:
        (dp, dr, df), (ep, er, ef) = self.detection, self.exact_prf
        return {"tp": self.tp, "exact_tp": self.exact, "fp": self.fp, "gold": self.gold,
                "detection": {"p": dp, "r": dr, "f1": df}, "exact": {"p": ep, "r": er, "f1": ef}}


def _get(pred: Prediction, name: str) -> Any:
    return pred.get(name) if isinstance(pred, dict) else getattr(pred, name)


def canonical_unit(unit: Optional[str]) -> str:
    unit = matching_copy((unit or "").strip())  # 個 and 个 are one unit, as they are one classifier
    return UNIT_SYNONYMS.get(unit, unit)


def same_value(gold: dict, pred: Prediction) -> bool:
    """Same unit, and same value within 1e-6 relative (or both masked)."""
    if canonical_unit(gold.get("unit")) != canonical_unit(_get(pred, "unit")):
        return False
    if gold.get("masked") or _get(pred, "masked"):
        return bool(gold.get("masked")) and bool(_get(pred, "masked"))
    g, p = gold.get("value"), _get(pred, "value")
    if g is None or p is None:
        return g is None and p is None
    return abs(g - p) <= 1e-6 * max(abs(g), abs(p), 1e-12)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score_document(gold: list[dict], predicted: Iterable[Prediction], kind_of: Optional[Callable[[str], str]] = None,
                   by_kind: Optional[dict[str, Counts]] = None) -> Counts:
    """Counts for one document. ``by_kind`` (optional) collects per-kind counts: matched pairs and
    recall under the gold mention's kind (``kind_of(unit)``), false positives under the prediction's ``kind``."""
    preds = sorted(predicted, key=lambda p: (_get(p, "start"), _get(p, "end")))
    required = sorted((g for g in gold if not g.get("optional")), key=lambda g: g["start"])
    optional = [g for g in gold if g.get("optional")]
    counts = Counts(gold=len(required))
    used: set[int] = set()
    matched: dict[int, dict] = {}
    # Greedy one-to-one matching in document order; spans on each side do not overlap each
    # other, so taking the first free overlapping prediction maximises the number of pairs.
    # Among overlapping candidates an exact one is preferred.
    j0 = 0
    for g in required:
        while j0 < len(preds) and _get(preds[j0], "end") <= g["start"]:
            j0 += 1
        candidates = []
        j = j0
        while j < len(preds) and _get(preds[j], "start") < g["end"]:
            if j not in used and _overlaps(g["start"], g["end"], _get(preds[j], "start"), _get(preds[j], "end")):
                candidates.append(j)
            j += 1
        if not candidates:
            counts.errors.append(f"missed {g['text']!r} at {g['start']} ({g.get('unit')!r} {g.get('value')})")
            if by_kind is not None and kind_of:
                by_kind[kind_of(g.get("unit") or "")].gold += 1
            continue
        best = next((k for k in candidates if same_value(g, preds[k])), candidates[0])
        used.add(best)
        matched[best] = g
        counts.tp += 1
        pred = preds[best]
        exact = same_value(g, pred)
        counts.exact += exact
        if not exact:
            counts.errors.append(
                f"wrong {g['text']!r} at {g['start']}: gold {g.get('value')} {g.get('unit')!r}"
                f"{' masked' if g.get('masked') else ''}, predicted {_get(pred, 'text')!r} "
                f"{_get(pred, 'value')} {_get(pred, 'unit')!r}{' masked' if _get(pred, 'masked') else ''}")
        if by_kind is not None and kind_of:
            gk = kind_of(g.get("unit") or "")
            by_kind[gk].gold += 1
            by_kind[gk].tp += 1
            by_kind[gk].exact += exact
    for j, pred in enumerate(preds):
        if j in used:
            continue
        s, e = _get(pred, "start"), _get(pred, "end")
        if any(_overlaps(s, e, g["start"], g["end"]) for g in optional):
            continue
        counts.fp += 1
        counts.errors.append(f"spurious {_get(pred, 'text')!r} at {s} ({_get(pred, 'unit')!r} {_get(pred, 'value')})")
        if by_kind is not None:
            by_kind[_get(pred, "kind") or "other"].fp += 1
    return counts


def score_metrics(gold: list[dict], predicted: dict[str, list[Prediction]]) -> dict[str, Any]:
    """Detection and exact P/R/F1 per document, for ``seeds``/``gov`` and ``overall``, and per kind.

    ``gold``: records of ``metrics.jsonl``; ``predicted``: document name → its predicted metrics
    (``Metric`` objects or dicts with start, end, text, value, unit, masked, kind). Documents of
    ``gold`` missing from ``predicted`` count as predicting nothing.
    """
    from edureport.quantities.extract import unit_info

    def kind_of(unit: str) -> str:
        info = unit_info(unit)
        return info.kind if info else ("count" if unit == "" else "other")

    by_doc: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        by_doc[g["doc"]].append(g)
    docs: dict[str, Counts] = {}
    totals = {"seeds": Counts(), "gov": Counts(), "overall": Counts()}
    by_kind: dict[str, Counts] = defaultdict(Counts)
    for doc in sorted(set(by_doc) | set(predicted)):
        counts = score_document(by_doc.get(doc, []), predicted.get(doc, []), kind_of, by_kind)
        counts.errors = [f"{doc}: {e}" for e in counts.errors]
        docs[doc] = counts
        totals["seeds" if doc.startswith(SEED_PREFIXES) else "gov"].add(counts)
        totals["overall"].add(counts)
    result: dict[str, Any] = {"docs": {d: c.as_dict() for d, c in docs.items()}}
    result.update({name: c.as_dict() for name, c in totals.items()})
    result["by_kind"] = {k: c.as_dict() for k, c in sorted(by_kind.items())}
    result["errors"] = [e for c in docs.values() for e in c.errors]
    return result


def predict(
    docs: Iterable[str],
    extractor: Optional[Callable[[str], Sequence[Prediction]]] = None,
    gold_dir: Path = GOLD_DIR,
) -> dict[str, list[Prediction]]:
    """edureport's metrics for each gold document (the pure extractor unless one is given)."""
    if extractor is None:
        from edureport.quantities.extract import extract_metrics

        extractor = extract_metrics
    return {doc: list(extractor(doc_text(doc, gold_dir))) for doc in docs}


HEADER = f"{'document':<34} {'gold':>5} {'pred':>5} {'det P':>6} {'det R':>6} {'det F1':>6} {'ex P':>6} {'ex R':>6} {'ex F1':>6}"


def _row(name: str, c: dict[str, Any]) -> str:
    d, e = c["detection"], c["exact"]
    return (f"{name:<34} {c['gold']:5d} {c['tp'] + c['fp']:5d} {d['p']:6.3f} {d['r']:6.3f} {d['f1']:6.3f} "
            f"{e['p']:6.3f} {e['r']:6.3f} {e['f1']:6.3f}")


def show(errors: bool = False, docs: Sequence[str] = (), pipeline: bool = False, gold_dir: Path = GOLD_DIR,
         segmenter: str = "auto") -> None:
    """Print the scores on ``metrics.jsonl`` (``edureport evaluate metrics``): only the gold documents whose
    name contains one of ``docs`` when given; through ``edureport.parse()`` with ``pipeline``."""
    if not (gold_dir / "metrics.jsonl").exists():
        print(f"Metrics: no {gold_dir / 'metrics.jsonl'}")
        return
    gold = load_gold("metrics.jsonl", gold_dir)
    names = sorted({g["doc"] for g in gold})
    if docs:
        names = [n for n in names if any(d in n for d in docs)]
        gold = [g for g in gold if g["doc"] in names]
    extractor: Optional[Callable[[str], Sequence[Prediction]]] = None
    if pipeline:
        from edureport.api import parse

        extractor = lambda text: parse(text, segmenter=segmenter).metrics  # noqa: E731
    started = time.perf_counter()
    predicted = predict(names, extractor, gold_dir)
    seconds = time.perf_counter() - started
    chars = sum(len(doc_text(n, gold_dir)) for n in names)
    result = score_metrics(gold, predicted)
    print_scores(HEADER, result, _row, title=f"Metrics (quantity mentions) against {gold_dir / 'metrics.jsonl'}",
                 footer=f"{chars:,} characters in {seconds:.2f} s ({chars / max(seconds, 1e-9):,.0f} chars/s)",
                 errors=errors)


PART = Part("metrics", show)
command = PART.command(
    "Quantity mentions: detection and exact P/R/F1 (the pure extractor unless --pipeline).",
    click.option("--docs", multiple=True, metavar="NAME", help="Only the gold documents whose name contains NAME (repeatable)."),
    click.option("--pipeline", is_flag=True, help="Go through edureport.parse() (and --segmenter) instead of the pure extractor."),
)

if __name__ == "__main__":
    command(prog_name="python -m edureport.evaluate.metrics")
