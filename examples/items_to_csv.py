"""Every item of every report in a folder as one CSV row (role, title, path, figures).

    python examples/items_to_csv.py seeds/ items.csv
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import edureport


def main(folder: str, out: str) -> None:
    paths = sorted(Path(folder).glob("*.txt"))
    texts = (edureport.read_file(p) for p in paths)
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["report", "role", "title", "section_path", "start", "end", "metrics"])
        for path, report in zip(paths, edureport.parse_many(texts)):
            for item in report.items:
                writer.writerow([path.stem, item.role, item.title or "", " / ".join(item.section_path),
                                 item.start, item.end, "; ".join(m.text for m in item.metrics)])
    print(f"wrote {out}")


if __name__ == "__main__":
    main(*(sys.argv[1:3] if len(sys.argv) > 2 else ["seeds", "items.csv"]))
