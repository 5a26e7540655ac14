"""edureport.segmenter and the edureport_align component.

Tests that need the real pkuseg model get it through ``model.download()``
(the README's set-up runs ``edureport download`` first; without it the first
such test fetches the archive from the package index).
"""

from __future__ import annotations

import hashlib
import io
import json
import pickle
import tarfile
import warnings
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc

import edureport
from edureport.errors import ConfigError, ModelError
from edureport.pipeline.align import BoundaryAligner
from edureport.segmenter import model, tokenizer

ROOT = Path(__file__).resolve().parents[2]
CHECK_TERMS = "毛入园率 县管校聘 控辍保学 大班额 集团化办学 课后服务 普惠性 教坛新星 双减 五育并举 公参民 营改非 专精特新 以旧换新".split()


# --------------------------------------------------------------------------- helpers


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _tiny_model_files() -> dict[str, bytes]:
    """A two-tag model spacy-pkuseg can load (it makes every whitespace-free run one word)."""
    features = {"unigram": ["双", "减"], "bigram": [], "feature_to_idx": {"/": 0}, "tag_to_idx": {"B": 0, "I": 1}}
    weights = io.BytesIO()
    np.savez(weights, sizes=np.array([2, 1]), w=np.zeros(2 * (1 + 2)))
    return {"features.pkl": pickle.dumps(features), "weights.npz": weights.getvalue()}


def _make_archive(path: Path, files: dict[str, bytes], extra: dict[str, bytes] | None = None) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in {**{model.MODEL_MEMBER_DIR + k: v for k, v in files.items()}, **(extra or {})}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """No model anywhere, no network: an empty cache, an empty spacy-pkuseg home, fetching fails."""
    monkeypatch.setenv(model.ENV_CACHE, str(tmp_path / "cache"))
    monkeypatch.setenv("PKUSEG_HOME", str(tmp_path / "pkuseg-home"))
    monkeypatch.delenv(model.ENV_MODEL, raising=False)
    monkeypatch.delenv(model.ENV_ARCHIVE, raising=False)
    monkeypatch.setattr(model, "_FETCH_FAILED", [])
    calls = []

    def no_network(dest, quiet=False):
        calls.append(dest)
        raise model._FetchError("network disabled in this test")

    monkeypatch.setattr(model, "_fetch_archive", no_network)
    return SimpleNamespace(tmp=tmp_path, fetch_calls=calls)


@pytest.fixture
def never_unpickle(monkeypatch):
    """Fail the test if anything tries to unpickle."""

    def refuse(*args, **kwargs):
        raise AssertionError("something was unpickled")

    class Refusing:
        def __init__(self, *args, **kwargs):
            refuse()

    monkeypatch.setattr(model, "_DataOnlyUnpickler", Refusing)
    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(pickle, "Unpickler", Refusing)


@pytest.fixture(scope="session")
def model_dir() -> Path:
    return model.download(quiet=True)


@pytest.fixture(scope="session")
def nlp(model_dir):
    return edureport.load()


# --------------------------------------------------------------------------- options


def test_unknown_segmenter_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown segmenter"):
        tokenizer.blank("stanza")


def test_char_segmenter_makes_one_token_per_character():
    nlp = tokenizer.blank("char")
    assert nlp.tokenizer.segmenter == "char"
    assert [t.text for t in nlp("双减工作")] == ["双", "减", "工", "作"]


def test_jieba_without_jieba_is_a_config_error(monkeypatch):
    monkeypatch.setattr(tokenizer, "find_spec", lambda name: None)
    with pytest.raises(ConfigError, match="pip install jieba"):
        tokenizer.blank("jieba")


# --------------------------------------------------------------------------- no model


def test_auto_without_model_falls_back_to_char_with_one_warning(isolated):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nlp = tokenizer.blank("auto")
    assert nlp.tokenizer.segmenter == "char"
    ours = [w for w in caught if "edureport" in str(w.message)]
    assert len(ours) == 1 and len(caught) == 1
    assert "edureport download" in str(ours[0].message)
    assert len(isolated.fetch_calls) == 1


def test_auto_does_not_retry_a_failed_fetch_in_the_same_process(isolated):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tokenizer.blank("auto")
        tokenizer.blank("auto")
    assert len(isolated.fetch_calls) == 1


def test_explicit_pkuseg_without_model_raises(isolated):
    with pytest.raises(ModelError, match="edureport download"):
        tokenizer.blank("pkuseg")


def test_explicit_model_folder_must_exist(isolated):
    with pytest.raises(ModelError, match="does not exist"):
        tokenizer.blank("pkuseg", pkuseg_model=isolated.tmp / "nowhere")


def test_explicit_folder_with_unpinned_pickle_is_refused(isolated, never_unpickle, monkeypatch):
    folder = isolated.tmp / "model"
    folder.mkdir()
    for name, data in _tiny_model_files().items():
        (folder / name).write_bytes(data)
    monkeypatch.setenv(model.ENV_MODEL, str(folder))
    with pytest.raises(ModelError, match="refusing to unpickle"):
        model.model_path()


# --------------------------------------------------------------------------- provisioning


def test_tampered_archive_is_rejected_before_opening(isolated, never_unpickle, monkeypatch):
    archive = _make_archive(isolated.tmp / model.SDIST_FILENAME, _tiny_model_files())
    opened = []
    monkeypatch.setattr(tarfile, "open", lambda *a, **k: opened.append(a) or pytest.fail("archive opened"))
    with pytest.raises(ModelError, match="SHA-256"):
        model.download(archive=archive, quiet=True)
    assert not opened
    assert not model.cache_dir().exists()


def test_tampered_model_file_is_rejected_and_never_unpickled(isolated, never_unpickle, monkeypatch):
    archive = _make_archive(isolated.tmp / model.SDIST_FILENAME, _tiny_model_files())
    monkeypatch.setattr(model, "SDIST_SHA256", _sha(archive.read_bytes()))  # archive "matches", its content does not
    with pytest.raises(ModelError, match="features.pkl|weights.npz"):
        model.download(archive=archive, quiet=True)
    assert not model.cache_dir().exists()


def test_provision_from_local_archive_then_reuse_cache(isolated, monkeypatch):
    files = _tiny_model_files()
    archive = _make_archive(
        isolated.tmp / model.SDIST_FILENAME,
        files,
        extra={"pkuseg-0.0.25/setup.py": b"raise SystemExit('never run')\n"},
    )
    monkeypatch.setattr(model, "SDIST_SHA256", _sha(archive.read_bytes()))
    monkeypatch.setattr(model, "MODEL_SHA256", {k: _sha(v) for k, v in files.items()})
    path = model.download(archive=archive, quiet=True)
    assert path == model.cache_dir()
    assert sorted(p.name for p in path.iterdir()) == ["edureport-model.json", "features.msgpack", "weights.npz"]
    manifest = json.loads((path / "edureport-model.json").read_text(encoding="utf-8"))
    assert manifest["files"]["weights.npz"]["sha256"] == _sha(files["weights.npz"])
    # second call: found in the cache, no archive, no network
    assert model.download(quiet=True) == path
    assert isolated.fetch_calls == []
    # and the model folder loads (features from msgpack, no pickle)
    seg = model._load_pkuseg(path)
    assert seg.cut("推进双减工作") == ["推进双减工作"]


def test_real_archive_is_verified_and_unpacked(tmp_path, monkeypatch, model_dir):
    """The pinned sdist itself: from EDUREPORT_PKUSEG_ARCHIVE if set, else fetched from the index."""
    local = Path(model.os.environ.get(model.ENV_ARCHIVE, "") or "/nonexistent")
    if local.is_file():
        archive = local
    else:
        try:
            archive = model._fetch_archive(tmp_path, quiet=True)
        except ModelError as err:  # pragma: no cover - depends on the network
            pytest.skip(f"package index not reachable: {err}")
    monkeypatch.setenv(model.ENV_CACHE, str(tmp_path / "cache"))
    path = model.download(archive=archive, force=True, quiet=True)
    assert not (path / "features.pkl").exists()
    assert model._sha256_file(path / "weights.npz") == model.MODEL_SHA256["weights.npz"]
    assert (path / "features.msgpack").stat().st_size == (model_dir / "features.msgpack").stat().st_size


# --------------------------------------------------------------------------- with the real model


def test_default_pipeline_segments_with_pkuseg(nlp):
    assert nlp.tokenizer.segmenter == "pkuseg"


def test_domain_terms_of_the_check_are_single_tokens(nlp):
    for term in CHECK_TERMS:
        assert [t.text for t in nlp.make_doc(f"推进{term}工作。")] == ["推进", term, "工作", "。"]


def test_every_lexicon_term_is_one_token(nlp):
    terms = tokenizer.lexicon_terms()
    assert len(terms) >= 200
    split = [t for t in terms if t not in [x.text for x in nlp.make_doc(f"全面推进{t}工作，")]]
    alone = [t for t in terms if [x.text for x in nlp.make_doc(t)] != [t]]
    assert split == [] and alone == []


def test_lexicon_file_has_no_duplicates_or_blanks():
    lines = (ROOT / "edureport" / "data" / "lexicon.txt").read_text(encoding="utf-8").splitlines()
    terms = [line.split("#", 1)[0].strip() for line in lines]
    terms = [t for t in terms if t]
    assert len(terms) == len(set(terms))
    assert all(" " not in t and "\t" not in t for t in terms)


def test_without_lexicon_the_model_splits_domain_terms(model_dir):
    plain = tokenizer.blank("pkuseg", lexicon=False)
    assert [t.text for t in plain.make_doc("毛入园率")] != ["毛入园率"]


def test_model_is_loaded_once_and_shared(model_dir):
    a = tokenizer.blank("pkuseg")
    b = edureport.load()
    assert a.tokenizer.pkuseg_seg.model is b.tokenizer.pkuseg_seg.model
    assert a.tokenizer.pkuseg_seg.feature_extractor is b.tokenizer.pkuseg_seg.feature_extractor
    # user dictionaries are per pipeline
    a.tokenizer.pkuseg_update_user_dict(["推进工作"])
    assert [t.text for t in a.make_doc("推进工作")] == ["推进工作"]
    assert [t.text for t in b.make_doc("推进工作")] == ["推进", "工作"]


def test_second_download_uses_the_cache(model_dir, monkeypatch):
    monkeypatch.setattr(model, "_fetch_archive", lambda *a, **k: pytest.fail("network used"))
    assert model.download(quiet=True) == model_dir


def test_saved_pipeline_loads_without_download(nlp, tmp_path, monkeypatch):
    text = "学前三年毛入园率97.2%，全面推进县管校聘改革。"
    nlp.to_disk(tmp_path / "pipeline")
    # nothing to find and no network: spacy.load must use what to_disk stored
    monkeypatch.setenv(model.ENV_CACHE, str(tmp_path / "empty-cache"))
    monkeypatch.setattr(model, "_fetch_archive", lambda *a, **k: pytest.fail("network used"))
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.tokenizer.segmenter == "pkuseg"
    assert loaded.pipe_names == nlp.pipe_names
    assert [t.text for t in loaded.make_doc(text)] == [t.text for t in nlp.make_doc(text)]
    assert "毛入园率" in [t.text for t in loaded.make_doc(text)]
    assert not (tmp_path / "pipeline" / "tokenizer" / "pkuseg_model" / "features.pkl").exists()


# --------------------------------------------------------------------------- alignment


def _aligner_doc(words, spaces=None):
    vocab = spacy.blank("zh").vocab
    doc = Doc(vocab, words=words, spaces=spaces or [False] * len(words))
    doc._.headings, doc._.list_items, doc._.metrics = [], [], []
    return doc


def test_align_splits_a_metric_glued_to_its_neighbours():
    doc = _aligner_doc(["毛入园率达97.2%以上", "，"])
    start = doc.text.index("97.2%")
    doc._.metrics = [SimpleNamespace(start=start, end=start + 5)]
    BoundaryAligner(None, "edureport_align")(doc)
    assert [t.text for t in doc] == ["毛入园率达", "97.2%", "以上", "，"]
    assert doc.char_span(start, start + 5).text == "97.2%"


def test_align_handles_headings_list_items_and_marker_ends():
    doc = _aligner_doc(["（一）优先保障", "教育经费。", "1.加强", "党建"])
    text = doc.text
    doc._.headings = [SimpleNamespace(start=0, end=text.index("。") + 1, marker_end=3)]
    li = text.index("1.")
    doc._.list_items = [SimpleNamespace(start=li, end=len(text), marker_end=li + 2)]
    BoundaryAligner(None, "edureport_align")(doc)
    assert [t.text for t in doc] == ["（一）", "优先保障", "教育经费。", "1.", "加强", "党建"]


def test_align_leaves_aligned_docs_alone():
    doc = _aligner_doc(["增长", "23.6%", "。"])
    doc._.metrics = [SimpleNamespace(start=2, end=7)]
    before = [t.text for t in doc]
    BoundaryAligner(None, "edureport_align")(doc)
    assert [t.text for t in doc] == before


def test_align_ignores_offsets_in_whitespace_and_out_of_range():
    doc = _aligner_doc(["教育", "经费"], spaces=[True, False])
    doc._.metrics = [SimpleNamespace(start=2, end=3), SimpleNamespace(start=-1, end=99)]
    BoundaryAligner(None, "edureport_align")(doc)
    assert [t.text for t in doc] == ["教育", "经费"]


def test_pipeline_boundaries_are_token_boundaries_on_the_seeds(nlp):
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"), disable=["edureport_report"])
        edges = {t.idx for t in doc} | {t.idx + len(t.text) for t in doc}
        items = (doc._.headings or []) + (doc._.list_items or []) + (doc._.metrics or [])
        assert items, path.name
        for item in items:
            assert item.start in edges and item.end in edges, (path.name, item.start, item.end)


# --------------------------------------------------------------------------- tokenizer alignment


@pytest.mark.parametrize(
    "text",
    ["", "\n", "  双减  工作 \n\n 一、 ", " a  b ", "毛入园率97.2%\t\u3000 全覆盖", "一、总体情况\r\n（一）学前教育\n\n1.普惠性幼儿园"],
)
def test_linear_alignment_equals_spacys(text):
    from spacy.util import get_words_and_spaces

    for words in (list(text), text.split(), list(text.replace("、", " 、 ").split())):
        assert tokenizer._words_and_spaces(words, text) == get_words_and_spaces(words, text)


def test_linear_alignment_rejects_words_not_in_the_text():
    with pytest.raises(ValueError):
        tokenizer._words_and_spaces(["双减", "工作"], "双减工程")


def test_tokenizer_is_spacys_with_a_faster_call():
    from spacy.lang.zh import ChineseTokenizer

    nlp = tokenizer.blank("char")
    assert isinstance(nlp.tokenizer, ChineseTokenizer)
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "spacy.zh.ChineseTokenizer"
    text = "一、总体情况\n\n（一）学前教育 毛入园率97.2%。" * 50
    assert [t.text for t in nlp.make_doc(text)] == [t.text for t in spacy.blank("zh").make_doc(text)]


def test_docs_from_string_ids_equal_spacys_on_the_seeds(seed_texts):
    """The tokenizer hands Doc string ids (cached per vocabulary): the same Doc, byte for byte."""
    nlp = tokenizer.blank("char")
    stock = spacy.blank("zh")
    for text in seed_texts.values():
        ours, theirs = nlp.make_doc(text), stock.make_doc(text)
        assert [(t.text, t.whitespace_) for t in ours] == [(t.text, t.whitespace_) for t in theirs]
        assert ours.to_array(["ORTH", "SPACY"]).tolist() == theirs.to_array(["ORTH", "SPACY"]).tolist()


def test_string_id_cache_follows_a_new_vocabulary():
    from spacy.vocab import Vocab

    nlp = tokenizer.blank("char")
    nlp.make_doc("学前教育")
    nlp.tokenizer.vocab = Vocab()  # as after from_disk(): ids cached for the old vocabulary must not be reused
    doc = nlp.make_doc("学前教育 普惠")
    assert [t.text for t in doc] == list("学前教育") + ["普", "惠"]
    assert all(t.orth_ in nlp.tokenizer.vocab.strings for t in doc)
