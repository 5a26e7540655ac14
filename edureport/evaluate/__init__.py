"""Scoring edureport against gold annotations (see ``tests/gold/README.md``).

``python -m edureport.evaluate`` prints every score; each submodule can be run
on its own (``python -m edureport.evaluate.structure``).
"""

from __future__ import annotations

from edureport.evaluate.common import GOLD_DIR, doc_text, load_gold

__all__ = ["GOLD_DIR", "doc_text", "load_gold"]
