"""Size benchmark: one large report (the seeds repeated) parsed with character segmentation.

    python benchmarks/size.py [--mb 20] [--mb 5 ...] [--segmenter char] [--json]

Each size runs in a fresh child process, which builds the text (``seeds/*.txt``
joined and repeated until the UTF-8 encoding reaches the size), then times one
``edureport.parse(text, segmenter=...)`` (wall and CPU time) and reports the
process's peak RSS before and after the parse. Figures: docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from typing import Sequence

from _shared import ROOT, peak_rss_mb


def build_text(megabytes: float) -> str:
    """The seeds, joined by blank lines and repeated until the text is ``megabytes`` MB in UTF-8."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    unit = "\n\n".join(seeds) + "\n\n"
    target = int(megabytes * 1_000_000)
    unit_bytes = len(unit.encode("utf-8"))
    text = unit * (target // unit_bytes + 1)
    # Cut at a character boundary so the UTF-8 size is as close to the target as possible.
    ratio = len(text.encode("utf-8")) / len(text)
    return text[: int(target / ratio)]


def measure(megabytes: float, segmenter: str) -> dict:
    sys.path.insert(0, str(ROOT))
    import edureport

    seg = None if segmenter == "rules" else segmenter  # rules: parse() with default settings
    edureport.parse("预热。", segmenter=seg)  # pipeline (and model) built before measuring
    text = build_text(megabytes)
    before = peak_rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    report = edureport.parse(text, segmenter=seg)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "mb": megabytes,
        "utf8_bytes": len(text.encode("utf-8")),
        "chars": len(text),
        "segmenter": segmenter,
        "wall_s": wall,
        "cpu_s": cpu,
        "chars_per_s": len(text) / cpu,
        "rss_before_mb": before,
        "peak_rss_mb": peak_rss_mb(),
        "sections": sum(1 for _ in report.walk_sections()),
        "metrics": len(report.metrics),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, action="append", help="size in MB of UTF-8 (default: 20)")
    parser.add_argument("--segmenter", default="char", help="char, pkuseg, auto, or rules (parse() with default settings)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sizes = args.mb or [20.0]
    if args.child:
        print(json.dumps(measure(sizes[0], args.segmenter)))
        return 0
    rows = []
    for mb in sizes:
        child = subprocess.run(
            [sys.executable, __file__, "--child", "--mb", str(mb), "--segmenter", args.segmenter],
            capture_output=True, text=True, cwd=ROOT,
        )
        if child.returncode != 0:
            print(child.stderr, file=sys.stderr)
            return child.returncode
        row = json.loads(child.stdout.strip().splitlines()[-1])
        rows.append(row)
        if not args.json:
            print(f"{row['mb']:g} MB ({row['chars']:,} chars, {row['segmenter']}): "
                  f"{row['wall_s']:.1f} s wall, {row['cpu_s']:.1f} s CPU, {row['chars_per_s']:,.0f} chars/s, "
                  f"peak RSS {row['peak_rss_mb']:,.0f} MB (before parse {row['rss_before_mb']:,.0f} MB), "
                  f"{row['sections']:,} sections, {row['metrics']:,} metrics", flush=True)
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
