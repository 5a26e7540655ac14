"""spaCy conventions of the components: declared requires/assigns, and component data saved with the pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

import edureport
from edureport.errors import ConfigError
from edureport.pipeline import COMPONENTS
from edureport.pipeline.quantities import VOCABULARY_FILE, QuantityFinder

TEXT = "点击率高达20万次，扩容学位数4000个。"
ENTRIES = [
    {"id": "click_count", "name": "点击率", "unit_kind": "count", "domain": "宣传"},
    {"id": "new_school_places", "aliases": ["扩容学位数"]},
]


def test_pipeline_in_order_has_no_problems() -> None:
    nlp = edureport.load(segmenter="char")
    analysis = nlp.analyze_pipes(pretty=False)
    assert all(not missing for missing in analysis["problems"].values()), analysis["problems"]
    summary = analysis["summary"]
    assert "doc._.metrics" in summary["edureport_quantities"]["assigns"]
    assert set(summary["edureport_report"]["requires"]) == {"doc._.headings", "doc._.list_items", "doc._.metrics"}


@pytest.mark.parametrize("late", ["edureport_headings", "edureport_quantities"])
def test_analyze_pipes_flags_a_component_before_what_it_needs(late: str) -> None:
    nlp = spacy.blank("zh")
    for name in [n for n in COMPONENTS if n != late] + [late]:
        nlp.add_pipe(name)
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assigned = {"edureport_headings": "doc._.headings", "edureport_quantities": "doc._.metrics"}[late]
    assert assigned in problems["edureport_report"]
    assert not problems[late]


def _vocabulary_file(folder: Path) -> Path:
    folder.mkdir()
    path = folder / "my_kpis.json"
    path.write_text(json.dumps({"indicators": ENTRIES}, ensure_ascii=False), encoding="utf-8")
    return path


def test_user_vocabulary_travels_with_the_saved_pipeline(tmp_path: Path) -> None:
    source = _vocabulary_file(tmp_path / "mine")
    nlp = edureport.load(segmenter="char", kpi_vocabulary=[source])
    expected = [m.indicator_id for m in nlp(TEXT)._.report.metrics]
    assert expected == ["click_count", "new_school_places"]
    assert str(source) not in nlp.config.to_str()  # data, not a path in the config
    (tmp_path / "elsewhere").mkdir()
    saved = tmp_path / "elsewhere" / "pipeline"
    nlp.to_disk(saved)
    assert json.loads((saved / "edureport_quantities" / VOCABULARY_FILE).read_text(encoding="utf-8")) == {"indicators": ENTRIES}
    source.unlink()
    source.parent.rmdir()
    loaded = spacy.load(saved)
    assert [m.indicator_id for m in loaded(TEXT)._.report.metrics] == expected
    again = spacy.blank("zh")
    again.add_pipe("edureport_quantities").from_bytes(nlp.get_pipe("edureport_quantities").to_bytes())
    assert again.get_pipe("edureport_quantities").kpi_entries == ENTRIES


def test_pipeline_without_user_vocabulary_round_trips(tmp_path: Path) -> None:
    nlp = edureport.load(segmenter="char")
    nlp.to_disk(tmp_path / "plain")
    loaded = spacy.load(tmp_path / "plain")
    component = loaded.get_pipe("edureport_quantities")
    assert isinstance(component, QuantityFinder) and component.vocabulary is None
    assert [m.indicator_id for m in loaded(TEXT)._.report.metrics] == [None, None]


def test_invalid_entries_change_nothing() -> None:
    component = edureport.load(segmenter="char").get_pipe("edureport_quantities")
    assert isinstance(component, QuantityFinder)
    component.add_kpi_vocabulary({"indicators": ENTRIES[:1]})
    with pytest.raises(ConfigError):
        component.add_kpi_vocabulary({"not": "a list"})
    with pytest.raises(ConfigError, match="string \"id\""):
        component.add_kpi_vocabulary([{"name": "no id"}])
    assert component.kpi_entries == ENTRIES[:1]
