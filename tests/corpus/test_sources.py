"""Where documents come from: the one encoding rule for text and CSV files, and Corpus.files."""

from __future__ import annotations

import codecs
import csv
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from edureport.corpus import Corpus, Document, FileSource
from edureport.corpus.sources import read_files, sniff_encoding
from edureport.errors import DecodeError
from edureport.text.read import SNIFF_BYTES, decode, detect_encoding

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "seeds" / "001_89542f80b92cd7db.txt").read_text(encoding="utf-8")
FAST = {"segmenter": "char", "progress": False}


# --------------------------------------------------------------------------- detect_encoding


@pytest.mark.parametrize(("data", "encoding"), [
    (codecs.BOM_UTF8 + "教育".encode(), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + "教育".encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + "教育".encode("utf-16-be"), "utf-16"),
    (codecs.BOM_UTF32_LE + "教育".encode("utf-32-le"), "utf-32"),  # its BOM starts like UTF-16's
    (codecs.BOM_UTF32_BE + "教育".encode("utf-32-be"), "utf-32"),
    ("一、工作回顾\n新建学校3所。".encode(), "utf-8"),
    ("一、工作回顾\n新建学校3所。".encode("gbk"), "gb18030"),
    ("一、工作回顾".encode("gb18030"), "gb18030"),
    (b"plain ASCII", "utf-8"),
    (b"", "utf-8"),
])
def test_detect_encoding_by_bom_then_utf8_then_gb18030(data: bytes, encoding: str) -> None:
    assert detect_encoding(data) == encoding
    assert detect_encoding(data, complete=False) == encoding
    assert decode(data) == data.decode(encoding)


def test_a_utf8_character_cut_at_the_end_of_the_head_is_still_utf8() -> None:
    head = "教育工作".encode()[:-1]  # the last character lost its last byte
    assert detect_encoding(head, complete=False) == "utf-8"
    assert detect_encoding(head, complete=True) == "gb18030"  # all there is: not UTF-8


def test_decode_and_the_csv_sniffer_agree_on_a_file_cut_inside_a_character(tmp_path: Path) -> None:
    text = "教育" * (SNIFF_BYTES // 5) + "完"
    data = text.encode()
    assert len(data) > SNIFF_BYTES and SNIFF_BYTES % 3 != 0  # the head ends inside a character
    path = tmp_path / "long.csv"
    path.write_bytes(b"full_text\n" + data + b"\n")
    assert sniff_encoding(path) == "utf-8"
    assert decode(data) == text
    assert [d.text for d in Corpus.from_csv(path)] == [text]


def test_decode_refuses_utf8_at_the_start_and_gbk_later() -> None:
    """A file of two encodings reads as garbage in either: refused, with where UTF-8 broke (issue 19)."""
    data = "教育".encode() * SNIFF_BYTES + "教育".encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert detect_encoding(data[:SNIFF_BYTES], complete=False) == "utf-8"
    with pytest.raises(DecodeError, match=f"invalid byte at {len(data) - 4}"):
        decode(data)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gbk"])
def test_csv_files_in_every_encoding_read_the_same(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"{encoding}.csv"
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "full_text"])
        writer.writerow(["a", "一、工作回顾\n新建学校3所，投入1.2亿元。"])
    corpus = Corpus.from_csv(path, id_column="id")
    assert [(d.report_id, d.text, d.error) for d in corpus] == [("a", "一、工作回顾\n新建学校3所，投入1.2亿元。", None)]
    assert corpus.parse(**FAST).metrics.text.tolist() == ["3所", "1.2亿元"]


# --------------------------------------------------------------------------- Corpus.files


def test_files_say_which_files_a_corpus_reads_and_how(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(SEED, encoding="utf-8")
    with (tmp_path / "b.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["id", "body"], ["x", SEED[:200]], ["y", SEED[200:400]]])
    corpus = Corpus.from_dir(tmp_path, "**/*.*", text_column="body", id_column="id")
    assert corpus.files == FileSource((tmp_path / "b.csv", tmp_path / "sub" / "a.txt"), "body", "id", None, tmp_path)
    docs = list(corpus)
    assert [d.report_id for d in docs] == ["x", "y", "sub/a"]
    # what a Dask worker gets: the source, pickled, reads the same documents
    assert list(read_files(pickle.loads(pickle.dumps(corpus.files)))) == docs
    with pytest.raises(AttributeError):
        corpus.files = None  # type: ignore[misc]


def test_texts_in_memory_have_no_files() -> None:
    corpus = Corpus.from_texts(["一、工作回顾"])
    assert corpus.files is None
    assert list(corpus) == [Document("0", None, "一、工作回顾")]


def test_dask_partitions_name_the_files_of_the_corpus(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from edureport.corpus import dask as scaleout

    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(SEED, encoding="utf-8")
    corpus = Corpus.from_dir(tmp_path)
    sources = [s for p in scaleout.partitions(corpus, partition_chars=len(SEED)) for s in p.sources]
    assert corpus.files is not None
    assert [(s.kind, s.path, s.report_id) for s in sources] == [("text", str(p), p.stem) for p in corpus.files.paths]


def test_importing_the_corpus_package_does_not_import_dask() -> None:
    code = "import sys, edureport.corpus; print(sorted(m for m in sys.modules if m == 'dask' or m.endswith('corpus.dask')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert out.strip() == "[]"


def test_a_broken_quote_spoils_one_row_not_the_rows_before_it(tmp_path) -> None:
    """Issue 19: good rows parsed, the broken one an error row; an empty CSV named as empty."""
    import csv as csv_module

    from click.testing import CliRunner

    from edureport import Corpus
    from edureport.cli import main

    good = tmp_path / "good.csv"
    with good.open("w", encoding="utf-8", newline="") as handle:
        csv_module.writer(handle).writerows([["doc", "full_text"], ["a", "一、工作回顾\n新增学位100个。"],
                                              ["b", "一、工作回顾\n新增学位200个。"]])
    broken = tmp_path / "broken.csv"
    broken.write_text(good.read_text(encoding="utf-8") + 'c,"一、工作回顾 新增学位300个。\nd,再一个\n', encoding="utf-8")
    corpus = Corpus.from_csv(broken).parse(progress=False)
    assert list(corpus.reports["report_id"]) == ["broken#0", "broken#1"]
    assert list(corpus.errors["report_id"]) == ["broken#2"]
    assert "row 2" in corpus.errors["message"].iloc[0] and "cannot be read" in corpus.errors["message"].iloc[0]
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["corpus", str(empty), "--out", str(tmp_path / "m.csv"), "--no-progress"])
    assert result.exit_code == 2 and f"edureport: {empty}: empty" in result.output
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "empty.csv").write_bytes(b"")
    (folder / "good.csv").write_bytes(good.read_bytes())
    mixed = Corpus.from_dir(folder).parse(progress=False)
    assert list(mixed.reports["report_id"]) == ["good#0", "good#1"]
    assert list(mixed.errors["message"]) == [f"{folder / 'empty.csv'}: empty"]
