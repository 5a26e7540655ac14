"""Reports as users find them: saved web pages, PDFs with a text layer, files whose suffix lies (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest
from invariants import check_report
from support import seed_texts

import edureport
from edureport import DecodeError
from edureport.evaluate.variants import pdf_file, web_page, wrapped
from edureport.text.pdf import ideographs

pytest.importorskip("trafilatura", reason="the html extra (trafilatura) is not installed")
pytest.importorskip("pypdf", reason="the pdf extra (pypdf) is not installed")
pytest.importorskip("reportlab", reason="reportlab (test extra) makes the PDFs these tests read")

SEEDS = seed_texts()
SEED = "000_bbdb7e13a91fb38c.txt"
BOILERPLATE = ("相关文章", "版权所有", "分享到", "打印本页", "网站地图", "当前位置")


def _headings(report: edureport.Report) -> list[str]:
    return [s.heading.replace("\n", "") for s in report.walk_sections()]


def _figures(report: edureport.Report) -> list[tuple]:
    return [(m.value, m.unit, m.indicator.replace("\n", "") if m.indicator else None) for m in report.metrics]


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = wrapped(SEEDS[SEED], 36, 40, lambda n: f"— {n} —", "wrap36").text
    data = pdf_file(text)
    assert data is not None
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_a_saved_web_page_reads_like_the_text(tmp_path: Path, name: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(web_page(SEEDS[name]), encoding="utf-8")
    report, clean = edureport.parse_file(path), edureport.parse(SEEDS[name])
    check_report(report, report.text)
    assert report.source_format == "html" and report.source == str(path)
    assert _headings(report) == _headings(clean)
    assert _figures(report) == _figures(clean)
    assert [i.role for i in report.items] == [i.role for i in clean.items]
    assert not any(word in item.text for item in report.items for word in BOILERPLATE)
    assert report.title is not None


def test_an_html_string_parses_through_parse_html() -> None:
    page = web_page(SEEDS[SEED])
    report = edureport.parse_html(page)
    assert report.source_format == "html"
    assert _headings(report) == _headings(edureport.parse(SEEDS[SEED]))


def test_a_page_title_and_date_feed_the_metadata_when_the_body_has_none() -> None:
    page = ("<html><head><title>某县教育局2023年工作总结_某县人民政府</title>"
            "<meta name=\"PubDate\" content=\"2023-12-20 10:00\"></head><body><div class=\"content\">"
            "<p>一、主要工作</p><p>（一）学前教育。全县新建幼儿园3所，新增学位1200个。</p>"
            "<p>二、下一步打算</p><p>（一）扩大资源。新增学位1500个。</p></div></body></html>")
    report = edureport.parse_html(page)
    assert report.title is not None and "工作总结" in report.title
    assert report.date is not None and report.date.startswith("2023-12-20")
    assert [m.value for m in report.metrics] == [3, 1200, 1500]


def test_a_page_title_that_the_body_opens_with_is_not_read_twice_and_loses_the_sites_name() -> None:
    """A site cuts a long title and adds its name (…现_某区人民政府门户网站): the body has the title already,
    and a title taken from the page has no site name in it."""
    body = ("1、关于区教育学位状况调研报告 近年来,伴随着城乡一体化进程的不断加快,人口总量发生较大变化,现有学位已不能满足需要。"
            "现形成调研报告如下。")
    page = (f"<html><head><title>{body[:40]}_某区人民政府门户网站</title></head><body><div class=\"content\">"
            f"<p>{body}</p><p>一、全区教育基本情况</p><p>全区现有各级各类学校、幼儿园114所。</p></div></body></html>")
    read = edureport.parse_html(page)
    assert read.text.count("关于区教育学位状况调研报告") == 1 and "门户网站" not in read.text
    titled = edureport.parse_html(page.replace(body[:40], "某区教育局2023年工作总结").replace("1、关于", "关于"))
    assert titled.title == "某区教育局2023年工作总结"


def test_a_pdf_reads_like_the_text_and_gives_every_figure_its_page(pdf_path: Path) -> None:
    report, clean = edureport.parse_file(pdf_path), edureport.parse(SEEDS[SEED])
    check_report(report, report.text)
    assert report.source_format == "pdf"
    assert _headings(report) == _headings(clean)
    assert [(v, u) for v, u, _ in _figures(report)] == [(v, u) for v, u, _ in _figures(clean)]
    pages = [m.page for m in report.metrics]
    assert all(p is not None and p >= 1 for p in pages) and pages == sorted(pages) and pages[-1] >= 3
    assert all(item.page is not None for item in report.items)
    assert not any("— 2 —" in item.text for item in report.items)


def test_a_file_whose_suffix_lies_is_read_by_its_content(tmp_path: Path, pdf_path: Path) -> None:
    pdf_as_txt = tmp_path / "report.txt"
    pdf_as_txt.write_bytes(pdf_path.read_bytes())
    assert edureport.parse_file(pdf_as_txt).source_format == "pdf"
    html_as_txt = tmp_path / "page.txt"
    html_as_txt.write_text(web_page(SEEDS[SEED]), encoding="utf-8")
    assert edureport.parse_file(html_as_txt).source_format == "html"
    plain = tmp_path / "plain.txt"
    plain.write_text(SEEDS[SEED], encoding="utf-8")
    assert edureport.parse_file(plain).source_format == "text"


def test_a_pdf_without_a_text_layer_is_refused_by_name(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(50, 50, 400, 600, fill=1)  # a page with a picture and no text
    pdf.save()
    with pytest.raises(DecodeError, match=r"scan\.pdf.*no text layer"):
        edureport.parse_file(path)


def test_a_legacy_word_file_gets_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(DecodeError, match=r"old\.doc.*legacy Word.*docx"):
        edureport.parse_file(path)


def test_kangxi_radicals_and_compatibility_ideographs_are_mapped_back() -> None:
    assert ideographs("⼀⼈⼊⾸⻓") == "一人入首长"
    assert ideographs("新建幼儿园3所，投入1.16亿元") == "新建幼儿园3所，投入1.16亿元"
    assert len(ideographs("⾦额⽐例")) == 4


def test_a_folder_of_mixed_formats_is_one_corpus(tmp_path: Path, pdf_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SEEDS[SEED], encoding="utf-8")
    (tmp_path / "b.html").write_text(web_page(SEEDS[SEED]), encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(pdf_path.read_bytes())
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")  # not a report file
    corpus = edureport.Corpus.from_dir(tmp_path).parse(progress=False)
    assert corpus.reports.set_index("report_id").source_format.to_dict() == {"a": "text", "b": "html", "c": "pdf"}
    metrics = corpus.metrics
    assert metrics[metrics.report_id == "c"].page.notna().all()
    assert metrics[metrics.report_id == "a"].page.isna().all()
    counts = metrics.groupby("report_id").size()
    assert counts["a"] == counts["b"] == counts["c"]


def test_a_docx_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    import time
    import zipfile

    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"<w:t>" + b"0" * (1 << 20)
            for _ in range(300):  # 300 MB of XML, a few hundred kB on disk
                member.write(chunk)
    assert path.stat().st_size < 2_000_000
    t0 = time.process_time()
    with pytest.raises(edureport.InputTooLargeError, match=r"bomb\.docx.*inflate"):
        edureport.parse_file(path)
    assert time.process_time() - t0 < 1.0


def test_a_file_is_read_with_a_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from edureport.text import read

    monkeypatch.setattr(read, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text("教育" * 1000, encoding="utf-8")
    with pytest.raises(edureport.InputTooLargeError, match=r"big\.txt"):
        edureport.parse_file(path)


def test_web_pages_and_pdfs_are_bounded_before_their_text_is_taken_whole(tmp_path: Path, pdf_path: Path,
                                                                          monkeypatch) -> None:
    """Issue 19: a 15 MB web page took 16 s and 750 MB to read; a PDF's text is counted page by page."""
    from edureport.text import pdf as pdf_module
    from edureport.text import web as web_module

    page = tmp_path / "big.html"
    page.write_text("<html><body>" + "<p>新增学位100个。</p>" * 200 + "</body></html>", encoding="utf-8")
    monkeypatch.setattr(web_module, "MAX_HTML_CHARS", 1_000)
    with pytest.raises(edureport.InputTooLargeError, match="big.html: a web page of"):
        edureport.parse_file(page)
    monkeypatch.setattr(pdf_module, "MAX_PDF_CHARS", 50)
    with pytest.raises(edureport.InputTooLargeError, match="text layer runs past 50 characters"):
        edureport.parse_file(pdf_path)
