"""What the benchmark scripts share: where the texts are, how they are read, how runs are timed."""

from __future__ import annotations

import csv
import resource
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "gov-reports-2026"


def peak_rss_mb() -> float:
    """Peak resident set size of this process, MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def read_texts(corpus: Path = DEFAULT_CORPUS) -> list[tuple[str, str]]:
    """(name, text) of ``seeds/*.txt`` plus the ``full_text`` rows of the corpus CSVs."""
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    csv.field_size_limit(1 << 30)
    for path in sorted(corpus.glob("*.csv")) if corpus.is_dir() else []:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            texts += [(path.name, row["full_text"]) for row in csv.DictReader(fh) if row.get("full_text")]
    return texts


def best_rates(runs: dict[str, Callable[[], object]], chars: int, repeat: int) -> dict[str, float]:
    """Characters per CPU-second of each run, best of ``repeat`` rounds.

    Rounds interleave the runs so that a change in machine load hits all of
    them alike; CPU time of this process, not wall time, so other processes on
    a shared machine count less.
    """
    best = {name: float("inf") for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.process_time()
            run()
            best[name] = min(best[name], time.process_time() - start)
    return {name: chars / seconds for name, seconds in best.items()}
