"""The gold is grounded: every manifest entry is the text it names, every record's span is its text.

The government reports are read from the shared folder (skipped when it is absent); the
seeds from the checkout, so their records are always checked.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest
from support import GOLD, HELDOUT, gold_text, require_shared

from edureport.evaluate.common import GoldTextError, doc_text, load_gold, manifest

FOLDERS = {"gold": GOLD, "heldout": HELDOUT}
#: Gold files whose records are spans of a document (``doc``, ``start``, ``end``, maybe ``text``).
SPAN_FILES = [(label, path.name) for label, folder in FOLDERS.items() for path in sorted(folder.glob("*.jsonl"))
              if path.name not in ("segmentation.jsonl", "targets.jsonl")]  # words; target/result pairs (excerpts)


def _entries() -> list:
    return [pytest.param(folder, doc, id=f"{label}:{doc}") for label, folder in FOLDERS.items() for doc in manifest(folder)]


def _documents_of_records() -> list:
    pairs = []
    for label, name in SPAN_FILES:
        for doc in dict.fromkeys(r["doc"] for r in load_gold(name, FOLDERS[label])):
            pairs.append(pytest.param(label, name, doc, id=f"{label}/{name}:{doc}"))
    return pairs


def test_manifests_list_the_documents_and_the_repository_holds_no_copy() -> None:
    assert len(manifest(GOLD)) == 15 and len(manifest(HELDOUT)) == 6
    for folder in FOLDERS.values():
        assert not (folder / "texts").exists()
        for doc, entry in manifest(folder).items():
            assert entry["root"] in ("shared", "repo"), doc
            assert len(entry["sha256"]) == 64 and entry["chars"] > 0, doc
            if entry.get("reader") == "read_file":  # a file as edureport reads it (GBK text, Word)
                assert entry["root"] == "shared" and Path(entry["source"]).name == doc
            elif entry["root"] == "shared":
                assert entry["source"] == f"corpus/gov-reports-2026/{Path(doc).stem}.csv"
                assert (entry["column"], entry["row"]) == ("full_text", 0)


@pytest.mark.parametrize("folder, doc", _entries())
def test_manifest_entry_is_the_text_it_names(folder: Path, doc: str) -> None:
    entry = manifest(folder)[doc]
    if entry["root"] == "shared":
        require_shared()
    text = doc_text(doc, folder)
    assert len(text) == entry["chars"]
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == entry["sha256"]


@pytest.mark.parametrize("label, name, doc", _documents_of_records())
def test_every_record_is_the_span_of_its_document(label: str, name: str, doc: str) -> None:
    text = gold_text(doc)
    records = [r for r in load_gold(name, FOLDERS[label]) if r["doc"] == doc]
    for r in records:
        assert 0 <= r["start"] < r["end"] <= len(text), r
        if "text" in r:
            assert text[r["start"]:r["end"]] == r["text"], r
        if r.get("indicator") is not None:  # indicators.jsonl: the phrase is grounded too
            assert text[r["ind_start"]:r["ind_end"]] == r["indicator"], r


# --------------------------------------------------------------------------- doc_text's checks


def _gold_dir(tmp_path: Path, text: str, **changes: object) -> Path:
    """A gold folder whose manifest names one CSV cell of a shared folder under ``tmp_path``."""
    corpus = tmp_path / "shared" / "corpus" / "demo"
    corpus.mkdir(parents=True)
    with (corpus / "r.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerows([["title", "full_text"], ["t", text]])
    entry = {"root": "shared", "source": "corpus/demo/r.csv", "column": "full_text", "row": 0,
             "chars": len(text), "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), **changes}
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "documents.json").write_text(json.dumps({"documents": {"r.txt": entry}}), encoding="utf-8")
    return gold


def test_doc_text_reads_the_cell_with_its_line_breaks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "一、回顾\r\n（一）党建。\n二、计划"
    gold = _gold_dir(tmp_path, text)
    monkeypatch.setenv("EDUREPORT_SHARED_DIR", str(tmp_path / "shared"))
    assert doc_text("r.txt", gold) == text


def test_doc_text_names_the_missing_file_and_the_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gold = _gold_dir(tmp_path, "正文")
    monkeypatch.setenv("EDUREPORT_SHARED_DIR", str(tmp_path / "elsewhere"))
    with pytest.raises(GoldTextError, match=r"elsewhere/corpus/demo/r\.csv is not there.*EDUREPORT_SHARED_DIR"):
        doc_text("r.txt", gold)


def test_doc_text_refuses_a_different_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gold = _gold_dir(tmp_path, "正文二", chars=3, sha256=hashlib.sha256("正文一".encode()).hexdigest())
    monkeypatch.setenv("EDUREPORT_SHARED_DIR", str(tmp_path / "shared"))
    with pytest.raises(GoldTextError, match=r"r\.csv has 3 characters .* expects 3 .*would not fit"):
        doc_text("r.txt", gold)


def test_doc_text_refuses_a_document_the_manifest_does_not_list(tmp_path: Path) -> None:
    with pytest.raises(GoldTextError, match="not listed"):
        doc_text("other.txt", _gold_dir(tmp_path, "正文"))


def test_a_users_own_gold_folder_holds_its_texts(tmp_path: Path) -> None:
    """``"root": "gold"``: a private held-out set kept beside its texts (pages that may not be redistributed)."""
    (tmp_path / "texts").mkdir()
    text = "某县教育局工作总结\n一、主要工作\n新增学位1200个。"
    (tmp_path / "texts" / "e01.txt").write_text(text, encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    entry = {"root": "gold", "source": "../texts/e01.txt", "chars": len(text),
             "sha256": hashlib.sha256(text.encode()).hexdigest()}
    changed = {**entry, "source": "../texts/e02.txt"}
    (tmp_path / "texts" / "e02.txt").write_text(text + "。", encoding="utf-8")  # not the text annotated
    (gold / "documents.json").write_text(json.dumps({"documents": {"e01.txt": entry, "e02.txt": changed}}),
                                         encoding="utf-8")
    assert doc_text("e01.txt", gold) == text
    with pytest.raises(GoldTextError, match="e02.txt"):
        doc_text("e02.txt", gold)
