"""Heading P/R/F1, level accuracy, item role accuracy and problem-passage coverage.

``edureport evaluate structure [--errors] [--gold-dir DIR] [--segmenter NAME]``
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from edureport.evaluate.command import Part
from edureport.evaluate.common import GOLD_DIR, SEED_PREFIXES, doc_text, load_gold, prf
from edureport.models import Report


@dataclass
class StructureScores:
    heading_tp: int = 0
    heading_pred: int = 0
    heading_gold: int = 0
    level_right: int = 0
    items: int = 0
    items_right: int = 0
    problem_passages: int = 0
    problem_passages_found: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: StructureScores) -> None:
        for name in ("heading_tp", "heading_pred", "heading_gold", "level_right", "items", "items_right",
                     "problem_passages", "problem_passages_found"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)

    @property
    def heading_prf(self) -> tuple[float, float, float]:
        return prf(self.heading_tp, self.heading_pred, self.heading_gold)

    @property
    def level_accuracy(self) -> float:
        return self.level_right / self.heading_tp if self.heading_tp else 1.0

    @property
    def role_accuracy(self) -> float:
        return self.items_right / self.items if self.items else 1.0

    def row(self, name: str) -> str:
        p, r, f = self.heading_prf
        return (f"{name:<34} {p:6.3f} {r:6.3f} {f:6.3f} {self.level_accuracy:7.3f} "
                f"{self.role_accuracy:7.3f} {self.items:6d} {self.problem_passages_found:3d}/{self.problem_passages:<3d}")


HEADER = f"{'document':<34} {'P':>6} {'R':>6} {'F1':>6} {'level':>7} {'role':>7} {'items':>6} problems"


def score_document(report: Report, headings: list[dict], roles: list[dict]) -> StructureScores:
    """Scores of one parsed document against its gold records."""
    s = StructureScores()
    doc = headings[0]["doc"] if headings else roles[0]["doc"]
    predicted = {(x.start, x.start + len(x.heading)): x for x in report.walk_sections()}
    gold = {(g["start"], g["end"]): g for g in headings}
    s.heading_pred, s.heading_gold = len(predicted), len(gold)
    for key, g in gold.items():
        section = predicted.get(key)
        if section is None:
            s.errors.append(f"{doc}: missed heading {g['text']!r} at {g['start']}")
            continue
        s.heading_tp += 1
        if section.level == g["level"]:
            s.level_right += 1
        else:
            s.errors.append(f"{doc}: level {section.level} for {g['text']!r}, gold {g['level']}")
    for key, section in predicted.items():
        if key not in gold:
            s.errors.append(f"{doc}: spurious heading {section.heading!r} at {section.start}")
    ranges = sorted(roles, key=lambda r: r["start"])
    starts = [r["start"] for r in ranges]
    for item in report.items:
        i = bisect.bisect_right(starts, item.start) - 1
        gold_role = ranges[i]["role"] if i >= 0 else "other"
        s.items += 1
        if gold_role == item.role:
            s.items_right += 1
        else:
            s.errors.append(f"{doc}: item at {item.start} is {item.role}, gold {gold_role}: {item.text[:30]!r}")
    for r in ranges:
        if r["role"] != "problem":
            continue
        s.problem_passages += 1
        if any(r["start"] <= p.start < r["end"] for p in report.problems):
            s.problem_passages_found += 1
        else:
            s.errors.append(f"{doc}: no Problem in problem passage {r['start']}-{r['end']}")
    return s


def evaluate(parse: Optional[Callable[[str], Report]] = None, gold_dir: Path = GOLD_DIR) -> dict[str, StructureScores]:
    """Scores per document plus ``seeds``, ``gov`` and ``all`` totals."""
    if parse is None:
        from edureport.api import parse as default_parse
        parse = default_parse
    headings, roles = defaultdict(list), defaultdict(list)
    for g in load_gold("headings.jsonl", gold_dir):
        headings[g["doc"]].append(g)
    for g in load_gold("roles.jsonl", gold_dir):
        roles[g["doc"]].append(g)
    out: dict[str, StructureScores] = {}
    totals = {"seeds": StructureScores(), "gov": StructureScores(), "all": StructureScores()}
    for doc in sorted(set(headings) | set(roles)):
        scores = score_document(parse(doc_text(doc, gold_dir)), headings[doc], roles[doc])
        out[doc] = scores
        totals["seeds" if doc.startswith(SEED_PREFIXES) else "gov"].add(scores)
        totals["all"].add(scores)
    out.update(totals)
    return out


def show(errors: bool = False, segmenter: str = "auto", gold_dir: Path = GOLD_DIR) -> None:
    """Print the table of :func:`evaluate` (``edureport evaluate structure``); ``errors``: every disagreement too."""
    from edureport.api import parse as api_parse

    missing = [name for name in ("headings.jsonl", "roles.jsonl") if not (gold_dir / name).exists()]
    if missing:
        print(f"Headings and roles: no {gold_dir / missing[0]}")
        return
    results = evaluate(lambda text: api_parse(text, segmenter=segmenter), gold_dir)
    print("Headings (exact span), levels, item roles, problem passages with a Problem")
    print(HEADER)
    for name, scores in results.items():
        if name in ("seeds", "gov", "all"):
            continue
        print(scores.row(name.removesuffix(".txt")))
    for name in ("seeds", "gov", "all"):
        print(results[name].row(f"== {name}"))
    if errors:
        for line in results["all"].errors:
            print("  " + line)


PART = Part("structure", show)
command = PART.command("Headings (exact span), levels, item roles, problem passages with a Problem.")

if __name__ == "__main__":
    command(prog_name="python -m edureport.evaluate.structure")
