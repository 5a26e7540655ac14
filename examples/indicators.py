"""What each figure measures, across reports: one row per figure, grouped by canonical indicator.

    python examples/indicators.py seeds/ indicators.csv

Every row keeps the phrase of the text that names the figure (``indicator``) and where it stands
(``indicator_start``/``indicator_end``), so a reader can check it in its sentence.
"""

from __future__ import annotations

import sys
from collections import Counter

import edureport


def main(folder: str, out: str) -> None:
    corpus = edureport.Corpus.from_dir(folder).parse(progress=False)
    metrics = corpus.metrics
    named = metrics[metrics["indicator"].notna()]
    print(f"{len(named)} of {len(metrics)} figures name what they measure")
    for phrase, count in Counter(named["indicator"]).most_common(8):
        print(f"  {count:3d} × {phrase}")
    columns = ["report_id", "text", "value", "unit", "indicator", "indicator_start", "indicator_end",
               "indicator_id", "status", "sentence"]
    named[columns].to_csv(out, index=False)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(*(sys.argv[1:3] if len(sys.argv) > 2 else ["seeds", "indicators.csv"]))
