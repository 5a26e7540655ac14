"""Write the indicator tables of docs/kpis.md from edureport/data/kpis.json (one row per id, by sector).

    .venv/bin/python scripts/kpi_docs.py           # rewrites the two tables and the count sentence
    .venv/bin/python scripts/kpi_docs.py --check   # exit 1 when docs/kpis.md is not what kpis.json gives
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "kpis.md"
HEAD = "| id | name | unit kind | domain | aliases (some) | note |\n|---|---|---|---|---|---|\n"
ALIASES_SHOWN = 4


def _row(entry: dict) -> str:
    note = (entry.get("note") or "").replace("|", "\\|")
    aliases = "、".join(entry.get("aliases", [])[:ALIASES_SHOWN])
    return f"| `{entry['id']}` | {entry['name']} | {entry['unit_kind']} | {entry['domain']} | {aliases} | {note} |"


def rendered(text: str, entries: list[dict]) -> str:
    for title, sector in (("## Education indicators", "education"), ("## General indicators", "general")):
        start = text.index(HEAD, text.index(title)) + len(HEAD)
        end = start
        while text.startswith("| `", end):
            end = text.index("\n", end) + 1
        rows = "".join(_row(e) + "\n" for e in entries if e.get("sector", "education") == sector)
        text = text[:start] + rows + text[end:]
    education = sum(1 for e in entries if e.get("sector", "education") == "education")
    return re.sub(r"The vocabulary has \d+ education indicators and \d+ general ones",
                  f"The vocabulary has {education} education indicators and {len(entries) - education} general ones",
                  text)


def main() -> int:
    entries = json.loads((ROOT / "edureport" / "data" / "kpis.json").read_text(encoding="utf-8"))["indicators"]
    text = DOCS.read_text(encoding="utf-8")
    new = rendered(text, entries)
    if "--check" in sys.argv:
        return int(new != text)
    DOCS.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
