"""``python -m edureport.evaluate``: every evaluation against tests/gold."""

from __future__ import annotations

import importlib
import sys

from edureport.evaluate import structure


def main() -> int:
    status = structure.main(sys.argv[1:])
    for name in ("metrics", "topics", "segmentation", "kpis"):
        try:
            module = importlib.import_module(f"{__package__}.{name}")
        except ImportError:
            continue
        if hasattr(module, "main"):
            print()
            status |= module.main([]) or 0
    return status


if __name__ == "__main__":
    raise SystemExit(main())
