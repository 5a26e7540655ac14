"""Segmenter benchmark: model load time and peak RSS, and pipeline throughput relative to raw pkuseg.

    python benchmarks/segmenter.py [--repeat 3] [--json]

One run measures:

* load: in a fresh child process, the wall time of ``segmenter.blank("pkuseg")``
  (model from the cache, lexicon added) and the process's peak RSS before and after;
* throughput on the same texts (``seeds/*.txt`` plus ``full_text`` of
  ``../shared/corpus/gov-reports-2026/*.csv``, or ``--corpus DIR``):
  raw ``spacy_pkuseg.pkuseg.cut`` (the same loaded model, no lexicon), the
  pipeline's tokenizer alone (``nlp.make_doc``), and the full ``edureport.load()``
  pipeline (``nlp(text)``), in characters per CPU-second, each the best of
  ``--repeat`` interleaved rounds;
  the ratios to raw pkuseg are the figures the issue asks for (target ≥ 0.85).

Method and figures: docs/segmentation.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Sequence

from _shared import DEFAULT_CORPUS, ROOT, best_rates, peak_rss_mb, read_texts


def measure_load() -> dict:
    """Run in a fresh process: import, then build a pkuseg pipeline with the model from the cache."""
    sys.path.insert(0, str(ROOT))
    before = peak_rss_mb()
    start = time.perf_counter()
    from edureport import segmenter

    segmenter.download(quiet=True)
    imported = time.perf_counter()
    segmenter.blank("pkuseg")
    loaded = time.perf_counter()
    return {
        "import_s": imported - start,
        "load_s": loaded - imported,
        "rss_before_mb": before,
        "peak_rss_mb": peak_rss_mb(),
        "model": str(segmenter.model_path()),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--load-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.load_only:
        print(json.dumps(measure_load()))
        return 0

    child = subprocess.run(
        [sys.executable, __file__, "--load-only"], capture_output=True, text=True, check=True, cwd=ROOT
    )
    load = json.loads(child.stdout.strip().splitlines()[-1])

    sys.path.insert(0, str(ROOT))
    import edureport
    from edureport import segmenter

    texts = [text for _, text in read_texts(args.corpus)]
    chars = sum(len(t) for t in texts)
    nlp = edureport.load(segmenter="pkuseg")
    raw = segmenter.shared_pkuseg()  # the very object the pipeline copies, without the lexicon
    nlp("预热。")

    rates = best_rates(
        {
            "raw": lambda: [raw.cut(t) for t in texts],
            "tokenizer": lambda: [nlp.make_doc(t) for t in texts],
            "pipeline": lambda: [nlp(t) for t in texts],
        },
        chars,
        args.repeat,
    )
    raw_rate, tok_rate, pipe_rate = rates["raw"], rates["tokenizer"], rates["pipeline"]
    figures = {
        **load,
        "texts": len(texts),
        "chars": chars,
        "raw_pkuseg_chars_per_s": raw_rate,
        "tokenizer_chars_per_s": tok_rate,
        "pipeline_chars_per_s": pipe_rate,
        "tokenizer_ratio": tok_rate / raw_rate,
        "pipeline_ratio": pipe_rate / raw_rate,
        "repeat": args.repeat,
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"model: {load['model']}")
    print(f"load: import {load['import_s']:.2f} s, pkuseg pipeline {load['load_s']:.2f} s, "
          f"peak RSS {load['peak_rss_mb']:.0f} MB (before import {load['rss_before_mb']:.0f} MB)")
    print(f"texts: {len(texts)} ({chars:,} characters); characters per CPU-second, best of {args.repeat} interleaved rounds")
    print(f"raw spacy_pkuseg.pkuseg.cut  {raw_rate:10,.0f} chars/s")
    print(f"pipeline tokenizer (lexicon) {tok_rate:10,.0f} chars/s  ratio {tok_rate / raw_rate:.2f}")
    print(f"full edureport pipeline      {pipe_rate:10,.0f} chars/s  ratio {pipe_rate / raw_rate:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
