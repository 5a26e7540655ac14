"""Government reports that lost their line breaks, read against their own reading with them.

The shared corpus's reports that keep their lines (Hailar 2012–2019, the first 25 State Council
reports, the 23 provinces' 2025 reports as .docx) are flattened (every line break removed, as a web
copy gives them) and parsed; their headings are scored against the headings of the same report read
with its lines. No gold is needed, so this checks a change to the flattened-text rules on reports
of another genre than the education excerpts it was written from.

    .venv/bin/python scripts/flat_consistency.py            # prints P / R / F1
    .venv/bin/python scripts/flat_consistency.py --errors   # and every heading that differs
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import edureport  # noqa: E402
from edureport.evaluate.common import shared_dir  # noqa: E402
from edureport.evaluate.variants import flat  # noqa: E402
from edureport.text.read import read_file  # noqa: E402


def files(corpus: Path) -> list[Path]:
    return (sorted((corpus / "county-hailar-2012-2019").glob("*.txt"))
            + sorted((corpus / "state-council-1954-2017").glob("*.txt"))[:25]
            + sorted((corpus / "gov-reports-2025").glob("*.docx")))


def main() -> int:
    corpus = shared_dir() / "corpus"
    if not corpus.is_dir():
        print(f"{corpus} is absent: nothing to check")
        return 0
    found = files(corpus)
    tp = fp = fn = 0
    for path in found:
        text = read_file(path)
        lined = Counter(s.heading.replace("\n", "").replace("\r", "") for s in edureport.parse(text).walk_sections())
        flattened = Counter(s.heading for s in edureport.parse(flat(text).text).walk_sections())
        tp += sum((lined & flattened).values())
        fp += sum((flattened - lined).values())
        fn += sum((lined - flattened).values())
        if "--errors" in sys.argv:
            for heading in sorted((flattened - lined).elements()):
                print(f"{path.name}: spurious {heading[:80]!r}")
            for heading in sorted((lined - flattened).elements()):
                print(f"{path.name}: missed {heading[:80]!r}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{len(found)} reports, flattened against lined: headings P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
