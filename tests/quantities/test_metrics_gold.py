"""Metric scores against tests/gold/metrics.jsonl stay at or above the issue's floors.

Seeds: detection F1 ≥ 0.99 and exact F1 ≥ 0.98 (issue 3). Government reports in gold:
detection F1 ≥ 0.97 and exact F1 ≥ 0.94. These figures are reached (1.000/1.000 on the seeds
and 0.999/0.999 on the government reports when this test was written), so the assertions
are the issue's floors, not regression floors.
"""

from __future__ import annotations

import pytest
from support import GOLD, HELDOUT, require_shared

from edureport.evaluate.common import load_gold
from edureport.evaluate.metrics import predict, same_value, score_document, score_metrics


@pytest.fixture(scope="module")
def result():
    require_shared()
    gold = load_gold("metrics.jsonl", GOLD)
    return score_metrics(gold, predict(sorted({g["doc"] for g in gold}), gold_dir=GOLD))


def test_seed_floors(result):
    assert result["seeds"]["detection"]["f1"] >= 0.99
    assert result["seeds"]["exact"]["f1"] >= 0.98


def test_government_report_floors(result):
    assert result["gov"]["detection"]["f1"] >= 0.97
    assert result["gov"]["exact"]["f1"] >= 0.94


def test_held_out_government_floors():
    """tests/gold/heldout/metrics.jsonl was annotated without seeing the code or its output."""
    require_shared()
    gold = load_gold("metrics.jsonl", HELDOUT)
    scores = score_metrics(gold, predict(sorted({g["doc"] for g in gold}), gold_dir=HELDOUT))["gov"]
    assert scores["gold"] == 489
    assert scores["detection"]["f1"] >= 0.97, scores
    assert scores["exact"]["f1"] >= 0.94, scores


def test_every_gold_document_is_scored(result):
    assert len(result["docs"]) == 12
    assert result["overall"]["gold"] == 1223  # required mentions (1,360 minus 137 optional)


def _g(start, end, value=1, unit="个", optional=False, masked=False):
    return {"doc": "d", "start": start, "end": end, "text": "x" * (end - start), "value": value,
            "unit": unit, "optional": optional, "masked": masked}


def _p(start, end, value=1, unit="个", masked=False, kind="count"):
    return {"start": start, "end": end, "text": "x" * (end - start), "value": value, "unit": unit,
            "masked": masked, "kind": kind}


def test_scoring_is_one_to_one_by_overlap():
    counts = score_document([_g(0, 4), _g(4, 8)], [_p(2, 6)])
    assert (counts.tp, counts.fp, counts.gold) == (1, 0, 2)


def test_optional_gold_is_neither_rewarded_nor_penalised():
    counts = score_document([_g(0, 2, optional=True), _g(10, 12)], [_p(0, 2), _p(10, 12)])
    assert (counts.tp, counts.fp, counts.gold) == (1, 0, 1)


def test_exact_needs_unit_and_value():
    counts = score_document([_g(0, 3, 100), _g(5, 8, 5, "%"), _g(10, 12, None, masked=True)],
                            [_p(0, 3, 100.00000001), _p(5, 8, 5, "个百分点"), _p(10, 12, None, masked=True)])
    assert (counts.tp, counts.exact) == (3, 2)
    assert same_value(_g(0, 1, 5, "％"), _p(0, 1, 5, "%"))
