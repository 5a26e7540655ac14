"""Topic assignment: micro/macro P/R/F1 and per-topic figures against ``tests/gold/topics.jsonl``.

    edureport evaluate topics [--errors [N]] [--json]

Each gold line is one item as edureport produces it (``doc``, ``start``,
``end``, ``text``, ``section_path``) with its hand-assigned ``topics`` and its
``split``: ``tuning`` items (the 5 seeds and the 6 government reports of
``tests/gold/documents.json``) were looked at while the keyword data was tuned,
``heldout`` items (two reports of ``tests/gold/heldout/documents.json``) were labelled
after the data was frozen and give the unbiased figure. The documents are parsed (``segmenter="char"``) and a gold item is matched to the
parsed item with the same ``doc``/``start``/``end``; its predicted topics are
that item's ``topics``. A gold item that no longer matches a parsed item (the
item segmentation changed) is scored by running ``topics_of`` on the gold text
and section path instead, and counted as ``unmatched`` in the report. Every
(item, topic) pair counts once for the micro figures. How the gold was made:
docs/topics.md.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any, Optional, Sequence

import click

from edureport.evaluate.command import Part
from edureport.evaluate.common import GOLD_DIR, doc_text, load_gold, manifest, prf

GOLD_FILE = "topics.jsonl"
_SEED = re.compile(r"\d{3}_")


def _is_seed(doc: str) -> bool:
    """Education reports (``seeds/NNN_*.txt``) as opposed to government work reports."""
    return bool(_SEED.match(doc))


def _text(doc: str, gold_dir: Path = GOLD_DIR) -> str:
    """A gold document of ``gold_dir``'s manifest, else of its ``heldout/`` folder's (the held-out items)."""
    held = Path(gold_dir) / "heldout"
    return doc_text(doc, held if doc not in manifest(gold_dir) and doc in manifest(held) else gold_dir)


def predict(rows: Sequence[dict], gold_dir: Path = GOLD_DIR, segmenter: str = "char") -> tuple[list[list[str]], int]:
    """Predicted topics for every gold row, and how many rows matched no parsed item."""
    from edureport.api import parse
    from edureport.structure.topics import topics_of

    by_doc: dict[str, dict[tuple[int, int], list[str]]] = {}
    for doc in dict.fromkeys(r["doc"] for r in rows):
        report = parse(_text(doc, gold_dir), segmenter=segmenter)
        by_doc[doc] = {(item.start, item.end): list(item.topics) for item in report.items}
    predicted, unmatched = [], 0
    for row in rows:
        topics = by_doc[row["doc"]].get((row["start"], row["end"]))
        if topics is None:
            unmatched += 1
            topics = topics_of(row["text"], row.get("section_path", []))
        predicted.append(topics)
    return predicted, unmatched


def score(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> dict[str, Any]:
    """Micro and macro P/R/F1, per-topic counts and exact-set accuracy.

    >>> s = score([["党建"], ["学前教育", "义务教育"]], [["党建"], ["学前教育"]])
    >>> round(s["micro"]["f1"], 3), s["exact"]
    (0.8, 0.5)
    """
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    exact = 0
    for gold_topics, predicted_topics in zip(gold, predicted):
        g, p = set(gold_topics), set(predicted_topics)
        exact += g == p
        for t in g & p:
            counts[t]["tp"] += 1
        for t in p - g:
            counts[t]["fp"] += 1
        for t in g - p:
            counts[t]["fn"] += 1
    tp = sum(c["tp"] for c in counts.values())
    fp = sum(c["fp"] for c in counts.values())
    fn = sum(c["fn"] for c in counts.values())
    mp, mr, mf = prf(tp, tp + fp, tp + fn)
    per_topic: dict[str, dict[str, Any]] = {}
    for name, c in counts.items():
        precision, recall, f1 = prf(c["tp"], c["tp"] + c["fp"], c["tp"] + c["fn"])
        per_topic[name] = {**c, "gold": c["tp"] + c["fn"], "p": precision, "r": recall, "f1": f1}
    scored = [v for v in per_topic.values() if v["gold"]]
    macro = {k: sum(v[k] for v in scored) / len(scored) if scored else 0.0 for k in ("p", "r", "f1")}
    return {
        "items": len(gold),
        "micro": {"tp": tp, "fp": fp, "fn": fn, "p": mp, "r": mr, "f1": mf},
        "macro": macro,
        "exact": exact / len(gold) if gold else 1.0,
        "per_topic": per_topic,
    }


def evaluate(rows: Optional[Sequence[dict]] = None, gold_dir: Path = GOLD_DIR, segmenter: str = "char") -> dict[str, Any]:
    """Scores of edureport's topics on the gold sample, overall and for seeds/government reports."""
    rows = list(rows if rows is not None else load_gold(GOLD_FILE, gold_dir))
    predicted, unmatched = predict(rows, gold_dir, segmenter)
    gold = [r["topics"] for r in rows]
    result = score(gold, predicted)
    result["unmatched"] = unmatched
    parts = (
        ("tuning", lambda r: r.get("split", "tuning") == "tuning"),
        ("heldout", lambda r: r.get("split") == "heldout"),
        ("seeds", lambda r: _is_seed(r["doc"])),
        ("gov", lambda r: not _is_seed(r["doc"])),
    )
    for label, keep in parts:
        idx = [i for i, r in enumerate(rows) if keep(r)]
        part = score([gold[i] for i in idx], [predicted[i] for i in idx])
        result[label] = {"items": part["items"], "micro": part["micro"], "exact": part["exact"]}
    result["errors"] = [
        {"doc": r["doc"], "start": r["start"], "split": r.get("split", "tuning"),
         "missed": sorted(set(g) - set(p)), "spurious": sorted(set(p) - set(g)),
         "text": r["text"][:80]}
        for r, g, p in zip(rows, gold, predicted) if set(g) != set(p)
    ]
    return result


def _order() -> list[str]:
    from edureport.structure.topics import TOPICS

    return [name for _, name in TOPICS]


def show(errors: int = 0, as_json: bool = False, gold_dir: Path = GOLD_DIR, segmenter: str = "char") -> None:
    """Print the scores (``edureport evaluate topics``), then the first ``errors`` items whose topics differ
    from gold; with ``as_json`` the whole result of :func:`evaluate` as JSON instead."""
    path = Path(gold_dir) / GOLD_FILE
    if not path.exists():
        print(f"topics: no {path}")
        return
    result = evaluate(gold_dir=gold_dir, segmenter=segmenter)
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    m = result["micro"]
    print(f"topics: {result['items']} items, {m['tp'] + m['fn']} gold topic labels ({path})"
          + (f", {result['unmatched']} not matched to a parsed item" if result["unmatched"] else ""))
    print(f"  micro  P={m['p']:.4f} R={m['r']:.4f} F1={m['f1']:.4f}  (tp {m['tp']}, fp {m['fp']}, fn {m['fn']})")
    ma = result["macro"]
    print(f"  macro  P={ma['p']:.4f} R={ma['r']:.4f} F1={ma['f1']:.4f}   exact-set accuracy {result['exact']:.4f}")
    for label in ("tuning", "heldout", "seeds", "gov"):
        part = result[label]
        if not part["items"]:
            continue
        pm = part["micro"]
        print(f"  {label:7s} {part['items']:4d} items  P={pm['p']:.4f} R={pm['r']:.4f} F1={pm['f1']:.4f}  exact {part['exact']:.4f}")
    print(f"\n  {'topic':<14}{'gold':>6}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}")
    per_topic = result["per_topic"]
    for name in _order() + sorted(set(per_topic) - set(_order())):
        c = per_topic.get(name)
        if c is None:
            continue
        label = name + " " * max(1, 14 - 2 * len(name))  # CJK characters are two columns wide
        print(f"  {label}{c['gold']:>6}{c['tp']:>5}{c['fp']:>5}{c['fn']:>5}{c['p']:>8.3f}{c['r']:>8.3f}{c['f1']:>8.3f}")
    for err in result["errors"][:errors]:
        print(f"\n  {err['doc']} @{err['start']}: missed {err['missed']} spurious {err['spurious']}\n    {err['text']}")


PART = Part("topics", show, counted=True, segmenter="char")
command = PART.command(
    "Topic labels of items: micro/macro and per-topic P/R/F1.",
    click.option("--json", "as_json", is_flag=True, help="Print the whole result as JSON."),
)

if __name__ == "__main__":
    command(prog_name="python -m edureport.evaluate.topics")
