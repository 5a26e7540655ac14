"""The gold documents flattened and hard-wrapped with page furniture (issue 17), scored like the originals."""

from __future__ import annotations

import pytest
from support import require_shared

pytest.importorskip("trafilatura", reason="the html extra (trafilatura) is not installed")
pytest.importorskip("reportlab", reason="reportlab (test extra) prints the PDF variant")

from edureport.evaluate.variants import evaluate, flat, original, variants


@pytest.fixture(scope="module")
def rows() -> dict:
    require_shared()
    return evaluate()


def test_variants_carry_every_gold_offset() -> None:
    text = "一、回顾\r\n全县新建幼儿园3所。\n二、计划"
    for variant in variants(text, files=False):
        a, b = variant.span(text.index("幼儿园"), text.index("幼儿园") + 3)
        assert variant.text[a:b] == "幼儿园"
    assert flat(text).text == "一、回顾全县新建幼儿园3所。二、计划"
    assert original(text).text == text


def test_hard_wrapped_web_page_and_pdf_variants_read_like_the_originals(rows: dict) -> None:
    """Issue 17: headings, levels and roles >= 0.97 (0.99 here), every problem passage, metrics within 0.01."""
    clean = rows["clean"]
    for name in ("wrap36", "wrap60", "html", "pdf"):
        s, m = rows[name].structure, rows[name].metrics
        assert s.heading_prf[2] >= 0.99 and s.level_accuracy >= 0.99 and s.role_accuracy >= 0.99, name
        assert s.problem_passages_found == s.problem_passages == clean.structure.problem_passages, name
        assert m.exact_prf[2] >= clean.metrics.exact_prf[2] - 0.01, name


def test_flattened_variant_does_not_fall_below_todays_level(rows: dict) -> None:
    """2026-12-05 (session 7): headings F1 0.970 with the learnt heading ends (0.787 in session 5,
    0.616 before the line breaks were restored), levels 1.000, roles 0.997 with the title block's
    lines back (0.917), every problem passage found (4 of 14 before); issue 17 asks 0.97."""
    s, m = rows["flat"].structure, rows["flat"].metrics
    assert s.heading_prf[2] >= 0.96 and s.level_accuracy >= 0.99 and s.role_accuracy >= 0.99
    assert s.problem_passages_found == s.problem_passages
    assert m.exact_prf[2] >= rows["clean"].metrics.exact_prf[2] - 0.01


def test_clean_text_is_unchanged(rows: dict) -> None:
    s = rows["clean"].structure
    assert s.heading_prf[2] == 1.0 and s.role_accuracy >= 0.99
