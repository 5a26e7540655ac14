"""edureport.render.displacy: a report's spans in displaCy's manual format, checked by displaCy itself."""

from __future__ import annotations

import doctest
import sys

import pytest

import edureport
from edureport.models import Report
from edureport.render.displacy import DISPLACY_COLORS, SpanKind, displacy_data, displacy_options


@pytest.mark.parametrize("kind", ["items", "metrics", "sections"])
def test_displacy_span_data(seed_report: Report, kind: SpanKind) -> None:
    from spacy import displacy

    data = displacy_data(seed_report, kind)
    assert set(data) == {"text", "spans", "tokens", "title", "settings"}
    assert "".join(data["tokens"]) == seed_report.text
    offsets = [0]
    for token in data["tokens"]:
        offsets.append(offsets[-1] + len(token))
    for span in data["spans"]:
        assert offsets[span["start_token"]] == span["start"] and offsets[span["end_token"]] == span["end"]
        assert span["start_token"] < span["end_token"]
    expected = {"items": len(seed_report.items), "metrics": len(seed_report.metrics),
                "sections": sum(1 for _ in seed_report.walk_sections())}[kind]
    assert len(data["spans"]) == expected
    markup = displacy.render(data, style="span", manual=True, options=displacy_options(), jupyter=False)
    assert data["spans"][0]["label"] in markup
    if kind == "items":
        assert "ACHIEVEMENT" in markup and "PLAN" in markup


def test_displacy_ent_data(seed_report: Report) -> None:
    from spacy import displacy

    data = displacy_data(seed_report, "metrics", style="ent")
    assert set(data) == {"text", "ents", "title"}
    assert [(e["start"], e["end"]) for e in data["ents"]] == [(m.start, m.end) for m in seed_report.metrics]
    markup = displacy.render(data, style="ent", manual=True, options=displacy_options(), jupyter=False)
    assert markup.count("<mark") == len(seed_report.metrics)


def test_displacy_data_of_an_empty_report_and_bad_arguments() -> None:
    from spacy import displacy

    data = displacy_data(Report(text=""), "items")
    assert data["spans"] == [] and data["tokens"] == []
    displacy.render(data, style="span", manual=True, jupyter=False)
    with pytest.raises(edureport.EdureportError):
        displacy_data(Report(text=""), "words")  # type: ignore[arg-type]
    with pytest.raises(edureport.EdureportError):
        displacy_data(Report(text=""), "items", style="dep")  # type: ignore[arg-type]


def test_options_carry_the_label_colours() -> None:
    options = displacy_options(spans_key="items")
    assert options["colors"] == DISPLACY_COLORS and options["spans_key"] == "items"
    options["colors"]["PLAN"] = "#000"
    assert DISPLACY_COLORS["PLAN"] != "#000", "displacy_options() must hand out a copy"


def test_docstring_examples() -> None:
    result = doctest.testmod(sys.modules["edureport.render.displacy"])
    assert result.attempted >= 3 and result.failed == 0
