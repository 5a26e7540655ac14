"""The accuracy floors of issue 2, measured against the gold in tests/gold."""

from __future__ import annotations

import pytest
from support import GOLD, HELDOUT, require_shared

from edureport.evaluate.structure import evaluate


@pytest.fixture(scope="module")
def dev(char_parse):
    require_shared()
    return evaluate(char_parse, GOLD)


@pytest.fixture(scope="module")
def heldout(char_parse):
    require_shared()
    return evaluate(char_parse, HELDOUT)


def test_seed_headings_are_exact_with_every_level_right(dev) -> None:
    seeds = dev["seeds"]
    assert seeds.heading_gold == 91
    assert seeds.heading_prf[2] == 1.0, seeds.errors
    assert seeds.level_accuracy == 1.0, seeds.errors


def test_seed_item_roles(dev) -> None:
    assert dev["seeds"].role_accuracy >= 0.98, dev["seeds"].errors


@pytest.mark.parametrize("which", ["dev", "heldout"])
def test_government_reports(which, dev, heldout) -> None:
    gov = (dev if which == "dev" else heldout)["gov"]
    assert gov.heading_prf[2] >= 0.95, gov.errors
    assert gov.level_accuracy >= 0.95, gov.errors
    assert gov.role_accuracy >= 0.90, gov.errors
    assert gov.problem_passages_found == gov.problem_passages, gov.errors


@pytest.mark.parametrize("gold, predicted, same", [
    ("幢", "栋", True), ("平米", "平方米", True), ("㎡", "平方米", True), ("個", "个", True), ("％", "%", True),
    ("栋", "个", False), ("平方米", "亩", False),
])
def test_units_that_differ_only_in_spelling_score_as_one(gold: str, predicted: str, same: bool) -> None:
    from edureport.evaluate.metrics import canonical_unit

    assert (canonical_unit(gold) == canonical_unit(predicted)) is same
