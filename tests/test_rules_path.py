"""parse() reads the text with the rules alone; the spaCy pipeline gives the same Report.

The Report reads no token (issue 20): parse() with default settings builds no ``Doc`` and loads
no segmenter, and ``nlp(text)._.report`` with character or pkuseg words is the same object.
"""

from __future__ import annotations

import pytest
from support import GOLD, HELDOUT, gold_text, manifest, seed_texts

import edureport
from edureport.segmenter.model import model_path

GOLD_DOCS = sorted({doc for folder in (GOLD, HELDOUT) for doc in manifest(folder)})


@pytest.fixture(scope="module")
def char_nlp():
    return edureport.load(segmenter="char")


@pytest.mark.parametrize("doc", GOLD_DOCS)
def test_parse_equals_the_pipeline_on_every_gold_document(doc: str, char_nlp) -> None:
    text = gold_text(doc)
    assert edureport.parse(text) == char_nlp(text)._.report
    assert edureport.parse(text, segmenter="char") == edureport.parse(text)


@pytest.mark.skipif(model_path() is None, reason="the pkuseg model is not provisioned (edureport download)")
def test_parse_equals_the_pkuseg_pipeline_on_the_seeds() -> None:
    nlp = edureport.load(segmenter="pkuseg")
    for name, text in seed_texts().items():
        doc = nlp(text)
        assert len(doc) < len(text) / 1.2, name  # words, not characters
        assert edureport.parse(text) == doc._.report, name


def test_parse_loads_no_pipeline() -> None:
    before = dict(edureport.api._CACHE)
    edureport.parse("一、工作回顾\n全县新建幼儿园3所，新增学位1200个。")
    assert edureport.api._CACHE == before


def test_parse_many_default_is_parse(tmp_path) -> None:
    texts = list(seed_texts().values())
    assert [r.model_dump_json() for r in edureport.parse_many(texts, n_process=2, batch_size=2)] == \
        [edureport.parse(t).model_dump_json() for t in texts]
