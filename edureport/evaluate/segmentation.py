"""Word segmentation: word-level P/R/F1 of pkuseg against tests/gold/segmentation.jsonl, with and without the lexicon.

    python -m edureport.evaluate.segmentation [--errors N]

Each gold line holds a sentence (``text``) and its hand-checked ``words``. A
predicted word is correct when its character span equals a gold word's span;
whitespace is ignored. ``--errors N`` shows the first N sentences where the
segmenter with the lexicon disagrees. How the gold was made: docs/segmentation.md.
"""

from __future__ import annotations

import argparse
from typing import Iterable, Optional, Sequence

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


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edureport.evaluate.segmentation", description=__doc__.split("\n")[0])
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="show N disagreements (with the lexicon)")
    args = parser.parse_args(argv)
    from edureport.segmenter.tokenizer import lexicon_terms

    rows = load_gold(GOLD_FILE)
    n_words = sum(len(spans(r["words"])) for r in rows)
    print(f"segmentation: {len(rows)} sentences, {n_words} gold words ({GOLD_DIR / GOLD_FILE})")
    results = {}
    for label, lexicon in (("without lexicon", False), ("with lexicon", True)):
        (p, r, f), results[lexicon] = evaluate(rows, lexicon)
        extra = f", {len(lexicon_terms())} terms" if lexicon else ""
        print(f"  pkuseg {label:16s} P={p:.4f} R={r:.4f} F1={f:.4f}{extra}")
    shown = 0
    for row, words in zip(rows, results[True]):
        if shown >= args.errors:
            break
        if spans(words) != spans(row["words"]):
            shown += 1
            print(f"\n  #{row['id']} gold: {' '.join(row['words'])}\n  #{row['id']} pred: {' '.join(words)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
