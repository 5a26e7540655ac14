"""Targets against results against ``tests/gold/targets.jsonl`` (convention: ``tests/gold/TARGETS.md``).

The gold's reports are read from the shared corpus (``../shared/corpus/<doc>``) and parsed into
one corpus, whose :meth:`~edureport.Corpus.target_outcomes` rows are the predictions. A gold
target is located by its verbatim excerpt; a predicted row matches it when it comes from the
same report and its target figure overlaps the gold one (of several, the one of the gold's indicator). Scores:

* pairs: a predicted pair (a target of a gold report, with an indicator the gold uses in that corpus, and a result,
  in a paragraph that holds a gold target: the gold covers the main-target passages) is right when
  its target matches a gold target and its result overlaps the gold result; precision
  over predicted pairs, recall over gold pairs (gold targets with a result);
* outcome accuracy over matched targets (``not_reported`` included);
* targets found: gold targets matched by a row (whatever its result).

``edureport evaluate targets [--errors] [--gold-dir DIR]``
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import pandas as pd

from edureport.errors import ConfigError
from edureport.evaluate.command import Part
from edureport.evaluate.common import GOLD_DIR, load_gold, prf, shared_dir

GOLD_FILE = "targets.jsonl"
#: Floors of issue 21 ("done when") on the team's gold.
FLOORS = {"pair_precision": 0.95, "pair_recall": 0.90, "outcome_accuracy": 0.95}


def read_doc(doc: str) -> str:
    """The text of a gold report: the first ``full_text`` of a CSV file, else the file as edureport reads it."""
    from edureport.text.read import read_source

    path = shared_dir() / "corpus" / doc
    if not path.exists():
        raise ConfigError(f"{path} is not there (the shared corpus is needed: set EDUREPORT_SHARED_DIR)")
    if path.suffix == ".csv":
        csv.field_size_limit(10**9)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return next(csv.DictReader(handle))["full_text"]
    return read_source(path).text


def _locate(text: str, excerpt: Optional[str], figure: Optional[str]) -> Optional[tuple[int, int]]:
    if not excerpt or not figure:
        return None
    at = text.find(excerpt)
    inner = excerpt.find(figure)
    if at < 0 or inner < 0:
        raise ConfigError(f"gold excerpt {excerpt!r} (figure {figure!r}) is not in its report")
    return at + inner, at + inner + len(figure)


def _passages(text: str, spans: list[Optional[tuple[int, int]]]) -> list[tuple[int, int]]:
    """The paragraphs (lines) of ``text`` that hold the given spans."""
    out = []
    for span in spans:
        if span is None:
            continue
        start = text.rfind("\n", 0, span[0]) + 1
        end = text.find("\n", span[1])
        out.append((start, end if end >= 0 else len(text)))
    return out


def _overlaps(a: Optional[tuple[int, int]], start: Any, end: Any) -> bool:
    return a is not None and not pd.isna(start) and not pd.isna(end) and int(start) < a[1] and int(end) > a[0]


@dataclass
class TargetScores:
    gold: int = 0
    gold_pairs: int = 0
    predicted_pairs: int = 0
    right_pairs: int = 0
    matched: int = 0
    right_outcomes: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        p, r, f = prf(self.right_pairs, self.predicted_pairs, self.gold_pairs)
        return {"gold": self.gold, "found": self.matched / self.gold if self.gold else 1.0,
                "pair_precision": p, "pair_recall": r, "pair_f1": f,
                "outcome_accuracy": self.right_outcomes / self.matched if self.matched else 1.0,
                "predicted_pairs": self.predicted_pairs, "gold_pairs": self.gold_pairs}


def score_targets(gold: list[dict]) -> dict[str, Any]:
    """Scores overall and per corpus (the first folder of ``target_doc``)."""
    from edureport.corpus import Corpus

    docs = sorted({g["target_doc"] for g in gold} | {g["result_doc"] for g in gold if g.get("result_doc")})
    texts = {doc: read_doc(doc) for doc in docs}
    corpus = Corpus.from_texts([texts[d] for d in docs], ids=docs).parse(progress=False)
    rows = corpus.target_outcomes()
    # the indicators the gold covers in each corpus (the State Council's gold: growth and prices only)
    covered = {(g["target_doc"].split("/")[0], g["indicator_id"]) for g in gold}
    target_docs = {g["target_doc"] for g in gold}
    rows = rows[rows["target_report"].isin(target_docs)]
    rows = rows[[(str(r).split("/")[0], str(i)) in covered for r, i in zip(rows["target_report"], rows["indicator_id"])]]
    totals: dict[str, TargetScores] = {"overall": TargetScores()}
    used: set[int] = set()
    for g in gold:
        group = totals.setdefault(g["target_doc"].split("/")[0], TargetScores())
        target_at = _locate(texts[g["target_doc"]], g["target_excerpt"], g["target_text"])
        result_at = _locate(texts[g["result_doc"]], g.get("result_excerpt"), g.get("result_text")) \
            if g.get("result_doc") else None
        where = f"{g['target_doc']} {g['indicator_id']} {g['target_text']!r}"
        found = rows[(rows["target_report"] == g["target_doc"]) & (rows["target_start"] < (target_at or (0, 0))[1])
                     & (rows["target_end"] > (target_at or (0, 0))[0])]
        for scores in (group, totals["overall"]):
            scores.gold += 1
            scores.gold_pairs += result_at is not None
        if found.empty:
            for scores in (group, totals["overall"]):
                scores.errors.append(f"{where}: target not found")
            continue
        # one figure can be two targets (城乡…分别增长7.5%: the towns' and the countryside's): the row of the
        # gold's indicator first, a row not matched yet before one that is
        pick = min(range(len(found)), key=lambda i: (found["indicator_id"].iloc[i] != g["indicator_id"],
                                                     int(found.index[i]) in used, i))
        row = found.iloc[pick]
        used.add(int(found.index[pick]))
        right_pair = result_at is not None and not pd.isna(row["result_report"]) \
            and row["result_report"] == g["result_doc"] and _overlaps(result_at, row["result_start"], row["result_end"])
        for scores in (group, totals["overall"]):
            scores.matched += 1
            scores.right_outcomes += row["outcome"] == g["outcome"]
            scores.right_pairs += right_pair
            if row["outcome"] != g["outcome"]:
                scores.errors.append(f"{where}: outcome gold {g['outcome']} predicted {row['outcome']} "
                                     f"(result gold {g.get('result_text')!r}, predicted {row['result_text']!r})")
            elif result_at is not None and not right_pair:
                scores.errors.append(f"{where}: result gold {g.get('result_text')!r} predicted {row['result_text']!r}")
    passages = {doc: _passages(texts[doc], [_locate(texts[doc], g["target_excerpt"], g["target_text"])
                                            for g in gold if g["target_doc"] == doc]) for doc in target_docs}
    for index, row in rows.iterrows():
        if pd.isna(row["result_text"]):
            continue
        if not any(a <= int(row["target_start"]) < b for a, b in passages[str(row["target_report"])]):
            continue  # a target outside the passages the gold covers
        group = totals.setdefault(str(row["target_report"]).split("/")[0], TargetScores())
        for scores in (group, totals["overall"]):
            scores.predicted_pairs += 1
            if index not in used:
                scores.errors.append(f"{row['target_report']} {row['indicator_id']} {row['target_text']!r}: "
                                     f"a pair the gold does not have (result {row['result_text']!r})")
    result: dict[str, Any] = {name: s.as_dict() for name, s in totals.items()}
    result["errors"] = totals["overall"].errors
    return result


def show(errors: bool = False, gold_dir: Path = GOLD_DIR) -> None:
    path = gold_dir / GOLD_FILE
    if not path.exists():
        print(f"targets: no {path}")
        return
    started = time.perf_counter()
    result = score_targets(load_gold(GOLD_FILE, gold_dir))
    print(f"Targets against results (issue 21) against {path}")
    print(f"{'':26s} {'gold':>5s} {'found':>6s} {'pair P':>7s} {'pair R':>7s} {'pair F1':>7s} {'outcome':>8s}")
    for name, s in result.items():
        if name == "errors":
            continue
        print(f"{name:26s} {s['gold']:5d} {s['found']:6.3f} {s['pair_precision']:7.3f} {s['pair_recall']:7.3f} "
              f"{s['pair_f1']:7.3f} {s['outcome_accuracy']:8.3f}")
    print(f"{time.perf_counter() - started:.2f} s")
    if errors:
        for line in result["errors"]:
            print("  " + line)


PART = Part("targets", show, segmenter=None)
command = PART.command("Targets paired with results, and outcomes, against tests/gold/targets.jsonl.")
