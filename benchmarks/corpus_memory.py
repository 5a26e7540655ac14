"""Peak memory of a corpus parse as the corpus grows: it must stay flat (streaming).

Parses the shared government corpus repeated 1, 10 and 50 times (a folder of
one-row CSVs, as `edureport corpus` reads it), each size in a fresh process,
and prints documents, characters, seconds, chars/s and peak RSS.

    python benchmarks/corpus_memory.py [--segmenter char|pkuseg] [--repeats 1 10 50]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _shared import DEFAULT_CORPUS as CORPUS

CHILD = r"""
import json, resource, sys, time
import edureport
folder, segmenter = sys.argv[1], sys.argv[2]
corpus = edureport.Corpus.from_dir(folder)
start = time.perf_counter()
n_docs = n_metrics = chars = 0
for tables in corpus.iter_tables(segmenter=segmenter, progress=False):
    n_docs += len(tables["reports"])
    n_metrics += len(tables["metrics"])
    chars += int(tables["reports"]["n_chars"].sum())
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"docs": n_docs, "chars": chars, "metrics": n_metrics, "seconds": seconds, "peak_rss_mb": rss}))
"""


def make_corpus(dest: Path, repeats: int) -> None:
    for i in range(repeats):
        for csv in sorted(CORPUS.glob("*.csv")):
            shutil.copyfile(csv, dest / f"{i:03d}_{csv.name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--segmenter", default="char")
    parser.add_argument("--repeats", type=int, nargs="+", default=[1, 10, 50])
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"shared corpus not found at {CORPUS}")
    print(f"{'repeats':>7} {'docs':>6} {'chars':>12} {'metrics':>8} {'seconds':>8} {'chars/s':>10} {'peak RSS MB':>12}")
    for repeats in args.repeats:
        with tempfile.TemporaryDirectory() as tmp:
            make_corpus(Path(tmp), repeats)
            out = subprocess.run([sys.executable, "-c", CHILD, tmp, args.segmenter], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{repeats:>7} {r['docs']:>6} {r['chars']:>12,} {r['metrics']:>8,} {r['seconds']:>8.1f} "
              f"{r['chars'] / r['seconds']:>10,.0f} {r['peak_rss_mb']:>12.0f}")


if __name__ == "__main__":
    main()
