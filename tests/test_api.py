"""The public API: any str parses, other input fails clearly, files in every encoding, spaCy integration."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

import edureport
from edureport import DecodeError, EdureportError, InputError, InputTooLargeError


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n\n", "Annual report of the education bureau. Nothing Chinese here.", "😀🎉" * 50,
     "一、", "（一）", "1.", "一是", "\x00\x01\x02", "**.*%", "一、\n" * 200],
)
def test_any_str_gives_a_report(text: str) -> None:
    report = edureport.parse(text, segmenter="char")
    assert report.text == text
    for item in report.items:
        assert text[item.start:item.end] == item.text


def test_five_megabytes_parse(seed_texts) -> None:
    text = "".join(seed_texts.values())
    big = (text * (5_000_000 // len(text) + 1))[:5_000_000]
    report = edureport.parse(big, segmenter="char")
    assert len(report.text) == 5_000_000
    assert sum(1 for _ in report.walk_sections()) > 5000
    last = report.items[-1]
    assert big[last.start:last.end] == last.text


@pytest.mark.parametrize("value", [None, 42, b"\xe4\xb8\x80", ["一、"], object(), "一、工作\ud800回顾"])
def test_non_str_is_an_input_error(value) -> None:
    with pytest.raises(InputError):
        edureport.parse(value)  # type: ignore[arg-type]


def test_size_limit_is_a_clear_error() -> None:
    nlp = edureport.load(segmenter="char", max_chars=10)
    with pytest.raises(InputTooLargeError, match="limit"):
        edureport.api._check_size("一" * 11, nlp.max_length - 1)


def test_max_chars_is_settable_wherever_text_enters_and_checked_first(tmp_path: Path, monkeypatch) -> None:
    """Issue 19: the limit is checked before any pipeline is loaded, names the file, and can be raised."""
    monkeypatch.setattr(edureport.api, "_shared", lambda *a, **k: pytest.fail("a pipeline was loaded"))
    with pytest.raises(InputTooLargeError, match="max_chars"):
        edureport.parse("一" * 11, max_chars=10, segmenter="pkuseg")
    path = tmp_path / "long.txt"
    path.write_text("新建学校3所。" * 20, encoding="utf-8")
    with pytest.raises(InputTooLargeError, match=r"long\.txt"):
        edureport.parse_file(path, max_chars=50)
    with pytest.raises(InputTooLargeError):
        list(edureport.parse_many(["一" * 11], max_chars=10))
    assert edureport.parse("一" * 11, max_chars=11).text == "一" * 11


@pytest.mark.parametrize(
    "encoding, prefix",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("gbk", b""), ("utf-16", b"")],
)
def test_parse_file_encodings(tmp_path: Path, seed_texts, encoding: str, prefix: bytes) -> None:
    text = seed_texts["001_89542f80b92cd7db.txt"]
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes(prefix + text.encode(encoding))
    report = edureport.parse_file(path, segmenter="char")
    assert report.text == text
    assert report.source == str(path)
    assert [s.title for s in report.sections] == ["主要措施和成效", "主要难点和问题", "下半年工作思路"]


def test_undecodable_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\x81\x30\xff\xfe\xfd" * 50 + bytes(range(256)))
    with pytest.raises(DecodeError, match="broken.txt"):
        edureport.parse_file(path)


def test_missing_file_is_an_edureport_error(tmp_path: Path) -> None:
    with pytest.raises(EdureportError, match="nope.txt"):
        edureport.parse_file(tmp_path / "nope.txt")


def test_parse_many_matches_parse_and_is_ordered(seed_texts) -> None:
    texts = list(seed_texts.values())
    single = [edureport.parse(t, segmenter="char").model_dump_json() for t in texts]
    many = [r.model_dump_json() for r in edureport.parse_many(texts, segmenter="char", batch_size=2)]
    assert many == single


def test_parse_many_two_processes_is_identical(seed_texts) -> None:
    texts = list(seed_texts.values()) * 2
    one = [r.model_dump_json() for r in edureport.parse_many(texts, segmenter="char")]
    two = [r.model_dump_json() for r in edureport.parse_many(texts, n_process=2, batch_size=3, segmenter="char")]
    assert two == one


def test_pipeline_is_spacy_and_round_trips(tmp_path: Path, seed_texts) -> None:
    nlp = edureport.load(segmenter="char")
    assert nlp.lang == "zh"
    assert list(nlp.pipe_names) == list(edureport.pipeline.COMPONENTS)
    doc = nlp(seed_texts["000_bbdb7e13a91fb38c.txt"])
    assert doc._.report.sections[0].title == "上半年主要工作"
    assert {"sections", "headings", "items", "lists", "metrics"} <= set(doc.spans)
    assert doc.spans["headings"][0].text == "一、上半年主要工作"
    assert doc.spans["headings"][0].label_ == "H1"
    nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    assert again.pipe_names == nlp.pipe_names
    assert again(doc.text)._.report == doc._.report


def test_factories_are_entry_points() -> None:
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert set(edureport.pipeline.COMPONENTS) <= names


def test_pipeline_is_built_once_per_process() -> None:
    edureport.parse("一、工作回顾", segmenter="char")
    first = edureport.api._shared("char", None)
    edureport.parse("二、工作计划", segmenter="char")
    assert edureport.api._shared("char", None) is first


def test_unknown_segmenter_is_a_config_error() -> None:
    with pytest.raises(edureport.ConfigError):
        edureport.load(segmenter="bogus")


@pytest.mark.parametrize("n_process", [1, 2])
def test_parse_many_stops_at_a_bad_input_after_the_reports_before_it(seed_texts, n_process: int) -> None:
    """Issue 19: the same results in every process count, and the error names the input."""
    texts: list = list(seed_texts.values()) * 4 + [None]
    got = []
    with pytest.raises(InputError, match="input 20"):
        for report in edureport.parse_many(texts, n_process=n_process, batch_size=3):
            got.append(report.text)
    assert got == texts[:20]
