"""Corpus.terms(): term counts by report, section and role (issue 20)."""

from __future__ import annotations

import pandas as pd
import pytest
from support import require_shared, seed_texts

import edureport
from edureport.corpus.terms import TERMS_DTYPES, default_phrases, default_stop_words, join_phrases, words_of
from edureport.quantities.extract import unit_forms


@pytest.fixture(scope="module")
def nlp():
    return edureport.api._shared("auto", None)


@pytest.fixture(scope="module")
def seeds_terms():
    return edureport.Corpus.from_texts(list(seed_texts().values())).terms(progress=False)


def _words(nlp, text: str, stops: frozenset[str]) -> list[str]:
    import regex

    tokens = ((t.idx, t.text) for t in nlp.make_doc(text))
    return [w for _, w in words_of(tokens, unit_forms(), default_phrases()) if w not in stops and regex.search(r"[\p{Han}A-Za-z]", w)]


def test_counts_add_up_to_the_words_of_each_report_less_stop_words(seeds_terms, nlp) -> None:
    assert list(seeds_terms.columns) == list(TERMS_DTYPES)
    assert {str(t) for t in seeds_terms.dtypes} == set(TERMS_DTYPES.values()) | {"string"}
    for index, text in enumerate(seed_texts().values()):
        rows = seeds_terms[seeds_terms.report_id == str(index)]
        words = _words(nlp, text, default_stop_words())
        assert rows["count"].sum() == len(words)
        assert rows.groupby("term")["count"].sum().to_dict() == {w: words.count(w) for w in set(words)}


def test_domain_terms_are_whole_and_figures_are_not_terms(seeds_terms) -> None:
    totals = seeds_terms.groupby("term")["count"].sum()
    assert totals.get("集团化办学", 0) > 0 and totals.get("双减", 0) > 0 and totals.get("高质量发展", 0) > 0
    assert not ({"一", "二", "三", "所", "名", "的", "了"} & set(totals.index))


def test_phrases_join_adjacent_words_only() -> None:
    tokens = [(0, "推动"), (2, "高质量"), (5, "发展"), (7, "，"), (8, "高质量"), (12, "发展")]
    assert list(join_phrases(tokens, frozenset({"高质量发展"}))) == [
        (0, "推动"), (2, "高质量发展"), (7, "，"), (8, "高质量"), (12, "发展")]  # a gap at 11: not one phrase
    assert list(join_phrases([(0, "乡村"), (2, "振兴"), (4, "战略")], frozenset({"乡村振兴", "乡村振兴战略"}))) == [
        (0, "乡村振兴战略")]


def test_roles_and_stop_words_narrow_the_count(seeds_terms) -> None:
    corpus = edureport.Corpus.from_texts(list(seed_texts().values()))
    problems = corpus.terms(roles=["problem"], progress=False)
    assert set(problems.role) == {"problem"}
    assert 0 < problems["count"].sum() < seeds_terms["count"].sum()
    fewer = corpus.terms(stop_words=["教育"], progress=False)
    assert "教育" not in set(fewer.term)
    assert fewer["count"].sum() == seeds_terms["count"].sum() - seeds_terms[seeds_terms.term == "教育"]["count"].sum()


def test_terms_of_the_shared_corpus_add_up_per_report(nlp) -> None:
    folder = require_shared()
    corpus = edureport.Corpus.from_dir(folder)
    table = corpus.terms(progress=False, n_process=2)
    assert table.report_id.nunique() == 23
    first = next(iter(corpus))
    words = _words(nlp, first.text, default_stop_words())
    assert table[table.report_id == first.report_id]["count"].sum() == len(words)


def test_processes_and_dask_give_the_same_rows(seeds_terms) -> None:
    corpus = edureport.Corpus.from_texts(list(seed_texts().values()))
    pd.testing.assert_frame_equal(corpus.terms(progress=False, n_process=2), seeds_terms)
    pytest.importorskip("distributed")
    on_dask = corpus.terms(progress=False, workers=1, partition_chars=20_000)
    pd.testing.assert_frame_equal(on_dask, seeds_terms)


def test_bad_documents_are_error_rows_and_bad_options_are_refused(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("一、工作成效\n全县新建幼儿园3所，集团化办学覆盖率达到85%。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary\xff" * 50)
    with pytest.warns(UserWarning, match="1 document"):
        table = edureport.Corpus.from_dir(tmp_path).terms(progress=False)
    assert set(table.report_id) == {"a"}
    assert [row["report_id"] for row in table.attrs["errors"]] == ["b"]
    assert "集团化办学" in set(table.term) and "幼儿园" in set(table.term)
    with pytest.raises(edureport.ConfigError, match="roles"):
        edureport.Corpus.from_dir(tmp_path).terms(roles=["problems"])
    with pytest.raises(edureport.ConfigError):
        edureport.Corpus.from_dir(tmp_path).terms(stop_words="的")


def test_a_document_over_max_chars_is_an_error_row_not_a_count() -> None:
    texts = ["一、工作回顾\n集团化办学覆盖率达到85%。", "一、工作回顾\n" + "集团化办学深入推进。" * 20]
    with pytest.warns(UserWarning, match="1 document"):
        table = edureport.Corpus.from_texts(texts, ids=["short", "long"]).terms(progress=False, max_chars=60)
    assert set(table.report_id) == {"short"}
    assert [(row["report_id"], row["error"]) for row in table.attrs["errors"]] == [("long", "InputTooLargeError")]
