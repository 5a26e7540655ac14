"""Input formats: every encoding, line ending and file type parse_file() reads, each from a real file.

Each test writes a file into ``tmp_path`` from a seed report and parses it the
way a user would, with ``edureport.parse_file``; the result must hold the text
exactly as decoded, with offsets into it.
"""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

import pytest

import edureport
from edureport import DecodeError, EdureportError
from edureport.text.read import decode

CHAR = {"segmenter": "char"}


@pytest.fixture(scope="module")
def seed(seed_texts) -> str:
    """The first seed report, LF line endings."""
    return next(iter(seed_texts.values())).replace("\r\n", "\n")


def _headings(report) -> list[str]:
    return [s.heading for s in report.walk_sections()]


def _assert_offsets(report) -> None:
    for section in report.walk_sections():
        assert report.text[section.start:section.start + len(section.heading)] == section.heading
    for item in report.items:
        assert report.text[item.start:item.end] == item.text
    for metric in report.metrics:
        assert report.text[metric.start:metric.end] == metric.text


@pytest.fixture(scope="module")
def reference(seed):
    return edureport.parse(seed, **CHAR)


@pytest.mark.parametrize(
    "name, encode",
    [
        ("utf8.txt", lambda t: t.encode("utf-8")),
        ("utf8-bom.txt", lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
        ("gb18030.txt", lambda t: t.encode("gb18030")),
        ("utf16-le.txt", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le")),
        ("utf16-be.txt", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be")),
        ("utf32-le.txt", lambda t: codecs.BOM_UTF32_LE + t.encode("utf-32-le")),
    ],
)
def test_encodings(tmp_path: Path, seed: str, reference, name: str, encode) -> None:
    path = tmp_path / name
    path.write_bytes(encode(seed))
    assert edureport.read_file(path) == seed
    report = edureport.parse_file(path, **CHAR)
    assert report.text == seed
    assert report.source == str(path)
    assert _headings(report) == _headings(reference)
    assert [m.text for m in report.metrics] == [m.text for m in reference.metrics]
    _assert_offsets(report)


def test_crlf(tmp_path: Path, seed: str, reference) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(seed.replace("\n", "\r\n").encode("utf-8"))
    report = edureport.parse_file(path, **CHAR)
    assert report.text == seed.replace("\n", "\r\n")  # kept as written: offsets point into the file's text
    assert _headings(report) == _headings(reference)
    assert [m.text for m in report.metrics] == [m.text for m in reference.metrics]
    _assert_offsets(report)


def _full_width(text: str) -> str:
    """ASCII letters, digits and punctuation as their full-width forms (U+FF01–U+FF5E)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def test_full_width(tmp_path: Path, seed: str, reference) -> None:
    wide = _full_width(seed)
    assert wide != seed and len(wide) == len(seed)
    path = tmp_path / "full-width.txt"
    path.write_text(wide, encoding="utf-8")
    report = edureport.parse_file(path, **CHAR)
    assert report.text == wide
    assert len(report.metrics) == len(reference.metrics)
    assert [(m.start, m.end) for m in report.metrics] == [(m.start, m.end) for m in reference.metrics]
    assert [s.start for s in report.walk_sections()] == [s.start for s in reference.walk_sections()]
    _assert_offsets(report)


def test_markdown_is_read_as_text(tmp_path: Path, seed: str, reference) -> None:
    """A .md file is text: nothing stripped, offsets exact into the Markdown as written;
    heading prefixes and emphasis are skipped, so the outline is the plain text's."""
    lines = seed.split("\n")
    markdown = "\n\n".join(
        ("# " + line) if line.startswith(("一、", "二、", "三、")) else
        ("## " + line) if line.startswith(("（一）", "（二）")) else line
        for line in lines
    )
    markdown = markdown.replace("一是", "**一是**", 1)
    path = tmp_path / "report.md"
    path.write_text(markdown, encoding="utf-8")
    report = edureport.parse_file(path, **CHAR)
    assert report.text == markdown
    assert report.metrics
    _assert_offsets(report)
    shape = lambda r: [(x.title, x.level, x.role) for x in r.walk_sections()]  # noqa: E731
    assert shape(report) == shape(reference)
    assert all(not x.heading.startswith("#") for x in report.walk_sections())


def test_markdown_plain_lines_keep_their_headings(tmp_path: Path, seed: str, reference) -> None:
    """A Markdown file without heading markup parses exactly as the same .txt file."""
    md, txt = tmp_path / "report.md", tmp_path / "report.txt"
    md.write_text(seed, encoding="utf-8")
    txt.write_text(seed, encoding="utf-8")
    assert edureport.parse_file(md, **CHAR).model_dump(exclude={"source"}) == edureport.parse_file(
        txt, **CHAR
    ).model_dump(exclude={"source"})


def test_docx_with_table(tmp_path: Path, seed: str) -> None:
    docx = pytest.importorskip("docx")
    paragraphs = [line for line in seed.split("\n") if line.strip()]
    half = len(paragraphs) // 2
    document = docx.Document()
    for line in paragraphs[:half]:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    cells = [["指标", "数值"], ["新建学校", "12所"]]
    for r, row in enumerate(cells):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    merged = document.add_table(rows=1, cols=3)
    merged.cell(0, 0).merge(merged.cell(0, 2)).text = "合并单元格共3所"
    for line in paragraphs[half:]:
        document.add_paragraph(line)
    path = tmp_path / "report.docx"
    document.save(str(path))

    expected = "\n".join(paragraphs[:half] + ["指标", "数值", "新建学校", "12所", "合并单元格共3所"] + paragraphs[half:])
    assert edureport.read_file(path) == expected
    report = edureport.parse_file(path, **CHAR)
    assert report.text == expected
    assert report.source == str(path)
    # Short table cells may read as unmarked title lines; every other heading is as in the plain text.
    cell_texts = {"指标", "数值", "新建学校", "12所", "合并单元格共3所"}
    headings = [h for h in _headings(report) if h not in cell_texts]
    assert headings == _headings(edureport.parse("\n".join(paragraphs), **CHAR))
    assert any(m.text == "12所" for m in report.metrics)
    _assert_offsets(report)


def test_corrupt_docx_is_an_edureport_error(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    not_word = tmp_path / "not-word.docx"
    with zipfile.ZipFile(not_word, "w") as archive:
        archive.writestr("hello.txt", "不是Word文档")
    for path in (truncated, not_word):
        with pytest.raises(DecodeError) as info:
            edureport.parse_file(path, **CHAR)
        assert str(path) in str(info.value)
        assert isinstance(info.value, EdureportError)


def test_binary_garbage_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(128, 256)) * 64 + b"\xff\xfe\xfd\x80\x81")
    with pytest.raises(DecodeError) as info:
        edureport.parse_file(path, **CHAR)
    assert str(path) in str(info.value)


def test_binary_that_decodes_as_gb18030_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(0, 32)) * 200)
    with pytest.raises(DecodeError) as info:
        edureport.read_file(path)
    assert str(path) in str(info.value)


def test_docx_without_python_docx_says_how_to_install(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04")
    monkeypatch.setitem(__import__("sys").modules, "docx", None)  # import docx now raises ImportError
    with pytest.raises(EdureportError, match=r"edureport\[docx\]") as info:
        edureport.parse_file(path, **CHAR)
    assert str(path) in str(info.value)


# --------------------------------------------------------------------------- encodings beyond GB18030 (issue 19)


def _traditional(text: str) -> str:
    from edureport.data import load_json

    back: dict[str, str] = {}
    for trad, simp in load_json("t2s.json").items():
        if len(trad) == 1 and len(simp) == 1:
            back.setdefault(simp, trad)
    return "".join(back.get(ch, ch) for ch in text)


SEED_TEXT = (Path(__file__).resolve().parents[2] / "seeds" / "001_89542f80b92cd7db.txt").read_text(encoding="utf-8")


def test_a_big5_report_is_read_right() -> None:
    trad = _traditional(SEED_TEXT)
    data = trad.encode("big5", errors="ignore")
    text = decode(data, "report-big5.txt")
    assert text.startswith("2023年上半年工作總結") and text == data.decode("big5")
    report = edureport.parse(text)
    assert [s.title for s in report.sections] == ["主要措施和成效", "主要難點和問題", "下半年工作思路"]


def test_a_figures_heavy_big5_file_is_read_right() -> None:
    trad = _traditional(SEED_TEXT)
    figures = "".join(ch for ch in trad if not "\u4e00" <= ch <= "\u9fff")[:3000] + trad[:300]
    data = figures.encode("big5", errors="ignore")
    assert decode(data, "figures.txt") == data.decode("big5")


def test_traditional_text_in_gbk_stays_gbk() -> None:
    trad = _traditional(SEED_TEXT)
    assert decode(trad.encode("gb18030"), "t.txt") == trad


@pytest.mark.parametrize("encoding, language", [("shift_jis", "Japanese"), ("euc_kr", "Korean")])
def test_japanese_and_korean_files_are_refused_not_read_as_garbage(encoding: str, language: str) -> None:
    text = {"Japanese": "学校で教育を行う。生徒数は1200人です。教員の研修を実施しました。",
            "Korean": "학교 교육을 실시하였다. 학생 수는 1200명입니다. 교원 연수를 실시하였다."}[language] * 20
    with pytest.raises(DecodeError, match=f"other.txt.*{language}"):
        decode(text.encode(encoding), "other.txt")


def test_every_seed_in_gbk_is_still_read_as_gbk() -> None:
    for path in sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert decode(text.encode("gb18030"), path.name) == text


def _docx_with_entities(path: Path, doctype: bytes, before: str, reference: bytes) -> None:
    """A Word document whose body declares XML entities (which Word never writes) and uses one."""
    import io

    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("一、工作回顾")
    document.add_paragraph("全区新增学位100个，新建学校3所。")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "word/document.xml":
                body = body.replace(b"?>", b"?>" + doctype, 1).replace(before.encode(), before.encode() + reference, 1)
            target.writestr(info, body)


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE w:document [<!ENTITY co "教育局">]>'.encode(),
    b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
])
def test_docx_entities_are_not_expanded_and_the_text_around_them_is_kept(tmp_path: Path, doctype: bytes) -> None:
    """Issue 19: the text after an entity reference used to be dropped without a word."""
    path = tmp_path / "entity.docx"
    name = doctype.split(b"ENTITY ")[-1].split(b" ")[0]
    _docx_with_entities(path, doctype, "全区", b"&" + name + b";")
    report = edureport.parse_file(path)
    assert "全区新增学位100个，新建学校3所。" in report.text
    assert [m.text for m in report.metrics] == ["100个", "3所"]
    assert any("declares XML entities" in w and "entity.docx" in w for w in report.warnings)
    assert "passwd" not in report.text and "aaaa" not in report.text


def test_a_docx_of_very_many_paragraphs_is_streamed_to_the_same_text(tmp_path: Path, monkeypatch) -> None:
    """Issue 19: a machine-made .docx of a million one-line paragraphs took python-docx 27 s and 880 MB;
    past 20,000 paragraphs the body is streamed (the same lines, a paragraph let go once read)."""
    import io

    docx = pytest.importorskip("docx")
    from edureport.text import read as read_module

    document = docx.Document()
    for n in range(read_module._STREAM_PARAGRAPHS + 500):
        document.add_paragraph(f"新增学位{n}个")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "97.2%"
    buffer = io.BytesIO()
    document.save(buffer)
    expected = "\n".join(read_module._docx_lines(docx.Document(io.BytesIO(buffer.getvalue()))))
    path = tmp_path / "many.docx"
    path.write_bytes(buffer.getvalue())
    monkeypatch.setattr(docx, "Document", lambda *a, **k: pytest.fail("python-docx read the giant"))
    assert edureport.read_source(path).text == expected
