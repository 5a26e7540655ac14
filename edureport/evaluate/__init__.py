"""Scoring edureport against gold annotations (see ``tests/gold/README.md``).

``edureport evaluate`` (or ``python -m edureport.evaluate``) prints every score;
``edureport evaluate <part>`` one of them (``structure``, ``metrics``, ``topics``,
``segmentation``, ``kpis``). The gold's documents are read through
:func:`doc_text`, which checks them against the gold folder's ``documents.json``.
"""

from __future__ import annotations

from edureport.evaluate.common import GOLD_DIR, GoldTextError, doc_text, load_gold

__all__ = ["GOLD_DIR", "GoldTextError", "doc_text", "load_gold"]
