"""Word segmentation: word-level P/R/F1 of pkuseg against tests/gold/segmentation.jsonl, with and without the lexicon.

    edureport evaluate segmentation [--errors [N]]

Each gold line holds a sentence (``text``) and its hand-checked ``words``. A
predicted word is correct when its character span equals a gold word's span;
whitespace is ignored. ``--errors N`` shows the first N sentences where the
segmenter with the lexicon disagrees (``--errors`` alone: all of them). How the
gold was made: docs/segmentation.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

from edureport.evaluate.command import Part
from edureport.evaluate.common import GOLD_DIR, load_gold, prf

GOLD_FILE = "segmentation.jsonl"


def spans(words: Iterable[str]) -> set[tuple[int, int]]:
    """Character spans of the words over the text without whitespace.

    >>> sorted(spans(["毛入园率", "97.2%"]))
    [(0, 4), (4, 9)]
    """
    out, pos = set(), 0
    for word in words:
        word = "".join(word.split())
        if word:
            out.add((pos, pos + len(word)))
            pos += len(word)
    return out


def score(gold: Sequence[set], pred: Sequence[set]) -> tuple[float, float, float]:
    """Micro-averaged word precision, recall and F1."""
    tp = sum(len(g & p) for g, p in zip(gold, pred))
    return prf(tp, sum(len(p) for p in pred), sum(len(g) for g in gold))


def evaluate(rows: Sequence[dict], lexicon: bool) -> tuple[tuple[float, float, float], list[list[str]]]:
    """Scores and predicted words of the pkuseg segmenter (the model comes from segmenter.download())."""
    from edureport.segmenter.tokenizer import blank

    nlp = blank("pkuseg", lexicon=lexicon)
    predicted = [[t.text for t in nlp.make_doc(r["text"]) if t.text.strip()] for r in rows]
    return score([spans(r["words"]) for r in rows], [spans(p) for p in predicted]), predicted


def show(errors: int = 0, gold_dir: Path = GOLD_DIR) -> None:
    """Print the scores (``edureport evaluate segmentation``), then the first ``errors`` sentences where the
    segmenter with the lexicon disagrees with gold."""
    from edureport.segmenter.tokenizer import lexicon_terms

    path = Path(gold_dir) / GOLD_FILE
    if not path.exists():
        print(f"segmentation: no {path}")
        return
    rows = load_gold(GOLD_FILE, gold_dir)
    n_words = sum(len(spans(r["words"])) for r in rows)
    print(f"segmentation: {len(rows)} sentences, {n_words} gold words ({path})")
    results = {}
    for label, lexicon in (("without lexicon", False), ("with lexicon", True)):
        (p, r, f), results[lexicon] = evaluate(rows, lexicon)
        extra = f", {len(lexicon_terms())} terms" if lexicon else ""
        print(f"  pkuseg {label:16s} P={p:.4f} R={r:.4f} F1={f:.4f}{extra}")
    shown = 0
    for row, words in zip(rows, results[True]):
        if shown >= errors:
            break
        if spans(words) != spans(row["words"]):
            shown += 1
            print(f"\n  #{row['id']} gold: {' '.join(row['words'])}\n  #{row['id']} pred: {' '.join(words)}")


PART = Part("segmentation", show, counted=True, segmenter=None)
command = PART.command("Word P/R/F1 of pkuseg, with and without the lexicon.")

if __name__ == "__main__":
    command(prog_name="python -m edureport.evaluate.segmentation")
