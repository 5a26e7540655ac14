"""Throughput benchmark: edureport.parse() against the tools it is built on, in one process and one run.

    python benchmarks/throughput.py [--repeat 3] [--corpus DIR] [--json]

Texts: ``seeds/*.txt`` plus the ``full_text`` column of
``../shared/corpus/gov-reports-2026/*.csv`` (or ``--corpus DIR``). In this one
process, on the same texts, each run below is timed in CPU seconds
(``time.process_time``); rounds interleave the runs so that a change in machine
load hits all of them alike, and each run's best of ``--repeat`` rounds counts:

* ``parse()``: ``edureport.parse(text)`` with default settings (the rules alone, no segmenter);
* ``parse(pkuseg)``: ``edureport.parse(text, segmenter="pkuseg")`` (the spaCy pipeline with words);
* ``nlp(text)``: ``edureport.load(segmenter="pkuseg")(text)``, span groups and all;
* ``parse(char)``: ``edureport.parse(text, segmenter="char")``;
* raw pkuseg: ``edureport.segmenter.shared_pkuseg().cut(text)`` (the very
  model the pipeline uses, without the domain lexicon);
* blank zh: ``spacy.blank("zh").make_doc(text)`` (spaCy's character tokenizer alone);
* jionlp ``jionlp.ner.extract_money(text, with_parsing=True)`` (skipped with a message if jionlp is missing);
* regex: ``re.finditer(r"\\d+(?:\\.\\d+)?", text)`` run to the end.

Ratios: parse() / jionlp (target ≥ 1.0, issue 20), parse(char) / blank zh (target ≥ 0.6),
parse(pkuseg) / raw pkuseg (target ≥ 0.85) and nlp(text) / raw pkuseg (target ≥ 0.9). Peak RSS:
fresh child processes, one that loads the segmenter alone (``shared_pkuseg()``) and cuts every
text, one that runs ``parse(segmenter="pkuseg")`` on every text (target ≤ 1.2 ×), one that runs
``parse()`` (target ≤ 0.5 × the segmenter alone).
Figures and method: docs/performance.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Callable, Sequence

from _shared import DEFAULT_CORPUS, ROOT, best_rates, peak_rss_mb, read_texts

NUMBER = re.compile(r"\d+(?:\.\d+)?")


def child_rss(mode: str, corpus: Path) -> dict:
    """In a fresh process: peak RSS of the segmenter alone, or of parse(pkuseg), over every text."""
    sys.path.insert(0, str(ROOT))
    texts = [text for _, text in read_texts(corpus)]
    base = peak_rss_mb()
    if mode == "segmenter":
        from edureport import segmenter

        seg = segmenter.shared_pkuseg()
        for text in texts:
            seg.cut(text)
    else:
        import edureport

        words = "pkuseg" if mode == "pipeline" else None
        for text in texts:
            edureport.parse(text, segmenter=words)
    return {"mode": mode, "rss_before_mb": base, "peak_rss_mb": peak_rss_mb()}


def _regex_scan(texts: list[str]) -> int:
    return sum(1 for text in texts for _ in NUMBER.finditer(text))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--child", choices=("segmenter", "pipeline", "default"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child_rss(args.child, args.corpus)))
        return 0

    rss = {}
    for mode in ("segmenter", "pipeline", "default"):
        child = subprocess.run(
            [sys.executable, __file__, "--child", mode, "--corpus", str(args.corpus)],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )
        rss[mode] = json.loads(child.stdout.strip().splitlines()[-1])

    sys.path.insert(0, str(ROOT))
    import spacy

    import edureport
    from edureport import segmenter

    texts = [text for _, text in read_texts(args.corpus)]
    chars = sum(len(t) for t in texts)
    raw = segmenter.shared_pkuseg()
    blank = spacy.blank("zh")
    assert blank.tokenizer.segmenter == "char"
    for mode in ("pkuseg", "char", None):
        edureport.parse("预热。", segmenter=mode)
    nlp = edureport.load(segmenter="pkuseg")

    runs: dict[str, Callable[[], object]] = {
        "parse()": lambda: [edureport.parse(t) for t in texts],
        "parse(pkuseg)": lambda: [edureport.parse(t, segmenter="pkuseg") for t in texts],
        "nlp(text)": lambda: [nlp(t) for t in texts],
        "raw pkuseg": lambda: [raw.cut(t) for t in texts],
        "parse(char)": lambda: [edureport.parse(t, segmenter="char") for t in texts],
        "blank zh": lambda: [blank.make_doc(t) for t in texts],
    }
    skipped = []
    try:
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):  # jionlp prints a banner
            import jionlp

            jionlp.ner.extract_money("预热：共计3万元。")
        runs["jionlp extract_money"] = lambda: [jionlp.ner.extract_money(t, with_parsing=True) for t in texts]
    except ImportError:
        skipped.append("jionlp extract_money: jionlp is not installed (pip install edureport[bench])")
    runs["regex scan"] = lambda: _regex_scan(texts)

    rates = best_rates(runs, chars, args.repeat)
    figures = {
        "texts": len(texts),
        "chars": chars,
        "chars_per_cpu_s": rates,
        "ratio_default_vs_jionlp": (rates["parse()"] / rates["jionlp extract_money"]
                                    if "jionlp extract_money" in rates else None),
        "ratio_char_vs_blank_zh": rates["parse(char)"] / rates["blank zh"],
        "ratio_pkuseg_vs_raw": rates["parse(pkuseg)"] / rates["raw pkuseg"],
        "ratio_nlp_vs_raw": rates["nlp(text)"] / rates["raw pkuseg"],
        "peak_rss_parse_default_mb": rss["default"]["peak_rss_mb"],
        "rss_default_ratio": rss["default"]["peak_rss_mb"] / rss["segmenter"]["peak_rss_mb"],
        "peak_rss_segmenter_alone_mb": rss["segmenter"]["peak_rss_mb"],
        "peak_rss_parse_pkuseg_mb": rss["pipeline"]["peak_rss_mb"],
        "rss_ratio": rss["pipeline"]["peak_rss_mb"] / rss["segmenter"]["peak_rss_mb"],
        "peak_rss_this_process_mb": peak_rss_mb(),
        "skipped": skipped,
        "repeat": args.repeat,
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
    }
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        return 0
    print(f"texts: {len(texts)} ({chars:,} characters); characters per CPU-second, "
          f"best of {args.repeat} interleaved rounds")
    for name, rate in rates.items():
        print(f"  {name:22} {rate:12,.0f} chars/s")
    for message in skipped:
        print(f"  skipped: {message}")
    if figures["ratio_default_vs_jionlp"] is not None:
        print(f"parse() / jionlp           {figures['ratio_default_vs_jionlp']:.2f}  (target ≥ 1.0, issue 20)")
    print(f"parse(char) / blank zh     {figures['ratio_char_vs_blank_zh']:.2f}  (target ≥ 0.6)")
    print(f"parse(pkuseg) / raw pkuseg {figures['ratio_pkuseg_vs_raw']:.2f}  (target ≥ 0.85)")
    print(f"nlp(text) / raw pkuseg     {figures['ratio_nlp_vs_raw']:.2f}  (target ≥ 0.9, issue 20)")
    print(f"peak RSS: segmenter alone {figures['peak_rss_segmenter_alone_mb']:,.0f} MB, "
          f"parse(pkuseg) {figures['peak_rss_parse_pkuseg_mb']:,.0f} MB, "
          f"ratio {figures['rss_ratio']:.2f}  (target ≤ 1.2); parse() {figures['peak_rss_parse_default_mb']:,.0f} MB, "
          f"ratio {figures['rss_default_ratio']:.2f}  (target ≤ 0.5, issue 20)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
