"""Files and bytes to text: one decoder for every encoding edureport reads, and Word documents."""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional, Union

import regex

from edureport.errors import DecodeError, InputError, InputTooLargeError
from edureport.text.normalize import matching_copy
from edureport.text.pdf import PdfText, read_pdf
from edureport.text.web import read_html

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


#: How many bytes from the start of a file :func:`detect_encoding` judges when it cannot see them all.
SNIFF_BYTES = 65536


def detect_encoding(head: bytes, complete: bool = True) -> str:
    """The encoding of bytes starting with ``head``: a BOM's (``utf-8-sig``, ``utf-16``, ``utf-32``), else ``utf-8``, else ``gb18030``.

    The one rule for every file edureport reads: :func:`decode` and the
    corpus's CSV reader (which hands the name to pandas) both ask it.
    ``complete=False`` says more bytes follow ``head``, so a UTF-8 character
    cut at its end still counts as UTF-8. GB18030 is a superset of GBK and
    GB2312, the encodings Chinese Word exports use.

    >>> detect_encoding("教育".encode("utf-8")[:-1], complete=False), detect_encoding("教育".encode("gbk"))
    ('utf-8', 'gb18030')
    """
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Text of a file's bytes, in the encoding :func:`detect_encoding` finds in its first :data:`SNIFF_BYTES`.

    Bytes that are not UTF-8 (or only at the start) go to :func:`_decode_gb18030`: GB18030, Big5,
    or a refusal that names the file (``name``) and, where it can, the encoding it looks like.
    """
    encoding = detect_encoding(data[:SNIFF_BYTES], complete=len(data) <= SNIFF_BYTES)
    if encoding == "utf-8":
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            encoding = "gb18030"
    if encoding == "gb18030":
        return _decode_gb18030(data, name)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"{name}: starts with a {encoding} byte-order mark but is not valid {encoding} "
            f"({exc.reason} at byte {exc.start})"
        ) from exc


def _decode_gb18030(data: bytes, name: str) -> str:
    """Bytes that are not UTF-8: GB18030 (GBK, GB2312), or Big5 when the bytes are Big5; Japanese and
    Korean encodings, which GB18030 decodes into garbage (EUC-KR even into common characters), and binary
    data are refused by name. The encoding detector (charset-normalizer) judges files of at least
    :data:`_DETECT_MIN` bytes; shorter ones are too short for it and read as GB18030."""
    text = _try_decode(data, "gb18030")
    guess = _guess_encoding(data) if len(data) >= _DETECT_MIN else None
    if guess in _FOREIGN:
        raise DecodeError(f"{name}: looks like {_FOREIGN[guess]} text ({guess}), not a Chinese report; "
                          "if it is one, re-save it as UTF-8")
    big5 = _try_decode(data, "big5hkscs")
    if big5 is not None and guess in _BIG5:
        return big5  # a traditional-script report
    if text is not None and not _looks_like_binary(text) and (guess is not None or _looks_chinese(text)):
        return text
    if big5 is not None and not _looks_like_binary(big5) and _looks_chinese(big5):
        return big5  # a Big5 file of figures: the detector could not tell, GB18030 reads control codes
    if text is None:
        raise DecodeError(
            f"{name}: not UTF-8 (invalid byte at {_first_invalid_utf8(data)}) and not GB18030/GBK either; "
            "re-save the file as UTF-8"
        )
    if _looks_like_binary(text):
        raise DecodeError(f"{name}: binary data, not a text file")
    raise DecodeError(f"{name}: not UTF-8 (invalid byte at {_first_invalid_utf8(data)}), and neither GB18030 nor "
                      "Big5 gives Chinese text; re-save the file as UTF-8")


#: Fewer bytes than this are too few for the encoding detector (it takes 一、工作回顾 for Korean).
_DETECT_MIN = 64
_BIG5 = frozenset({"big5", "big5hkscs", "cp950"})
_FOREIGN = {"cp932": "Japanese", "shift_jis": "Japanese", "euc_jp": "Japanese", "iso2022_jp": "Japanese",
            "cp949": "Korean", "euc_kr": "Korean", "johab": "Korean", "iso2022_kr": "Korean"}


def _try_decode(data: bytes, encoding: str) -> Optional[str]:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _guess_encoding(data: bytes) -> Optional[str]:
    """charset-normalizer's reading of the first bytes (None when it cannot tell, or is not installed)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency, but decoding must not need it
        return None
    best = from_bytes(data[:SNIFF_BYTES]).best()
    return best.encoding if best is not None else None


def _looks_chinese(text: str) -> bool:
    """Most of the Han characters are common ones (GB2312, traditional forms folded first); too few to
    tell counts as Chinese. Big5 bytes read as GB18030 give rare characters, GB bytes read as Big5 too."""
    hanzi = [ch for ch in text[:4096] if "\u4e00" <= ch <= "\u9fff"]
    if len(hanzi) < 20:
        return True
    common = 0
    for ch in matching_copy("".join(hanzi)):  # traditional forms folded to simplified
        try:
            common += 0xB0 <= ch.encode("gb2312")[0] <= 0xF7
        except UnicodeEncodeError:
            pass
    return common >= 0.85 * len(hanzi)


def _first_invalid_utf8(data: bytes) -> int:
    """Where UTF-8 decoding of ``data`` fails (the error path only: decoding twice costs nothing there)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return len(data)


def _looks_like_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\r\n\t")
    return bad / len(sample) > 0.05


#: Largest file read (bytes): far above a report of the default 6 million characters (≈ 18 MB of UTF-8).
MAX_FILE_BYTES = 256 * 1024 * 1024
#: Largest text a Word document's parts may inflate to (bytes), checked before anything is inflated.
MAX_DOCX_INFLATED = 256 * 1024 * 1024

#: Suffixes read as Word documents (through the optional ``docx`` extra); everything else is text.
DOCX_SUFFIXES = (".docx",)
#: Suffixes read as web pages (``html`` extra) and as PDF (``pdf`` extra).
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
PDF_SUFFIXES = (".pdf",)
#: The suffixes of files that hold one report each (a folder's reports, for the CLI and ``Corpus.from_dir``).
REPORT_SUFFIXES = (".txt", ".md", ".text") + DOCX_SUFFIXES + HTML_SUFFIXES + PDF_SUFFIXES
_HTML_START = regex.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)\b",
                            regex.IGNORECASE | regex.DOTALL)


def report_files(folder: Path) -> list[Path]:
    """The files of a folder that hold one report each, by suffix (:data:`REPORT_SUFFIXES`), sorted.

    A link that leads nowhere (a loop, a missing target) is listed too: reading it fails with the
    file named, so a corpus records it as an error row instead of dropping it."""
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in REPORT_SUFFIXES and (p.is_file() or (p.is_symlink() and not p.exists())))


@dataclass(frozen=True)
class Source:
    """What a file holds as report text: the text, what it was read from (``text``, ``docx``, ``html``,
    ``pdf``), a web page's title and date, and a PDF's page starts."""

    text: str
    format: str
    title: Optional[str] = None
    date: Optional[str] = None
    pages: Optional[PdfText] = None
    warnings: tuple[str, ...] = ()


def printable(name: str) -> str:
    """A file name as every output can hold it: bytes that are not UTF-8 (what unzip gives for an
    archive made on Chinese Windows) kept as ``\\xbd`` escapes instead of lone surrogates, which no
    JSON, Parquet or CSV writer accepts."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def read_file(path: Union[str, Path]) -> str:
    """Decoded text of a file, with a clear error naming the file (see :func:`read_source`)."""
    return read_source(path).text


def read_source(path: Union[str, Path]) -> Source:
    """The report text of a file, routed by its content (a PDF, a Word document, a web page), then by
    its suffix; any other file is text, decoded by :func:`decode` (Markdown is kept as written).

    ``.docx`` is read with python-docx (``pip install edureport[docx]``): paragraphs, table cells
    included, in document order, one per line. ``.html``/``.htm`` with trafilatura
    (``edureport[html]``, :mod:`edureport.text.web`), ``.pdf`` with pypdf (``edureport[pdf]``,
    :mod:`edureport.text.pdf`). A legacy Word ``.doc`` is refused with how to convert it.
    """
    p = Path(path)
    try:
        with p.open("rb") as handle:  # a capped read: /dev/zero or a sparse file is not read whole
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    if len(data) > MAX_FILE_BYTES:
        raise InputTooLargeError(f"{p}: more than {MAX_FILE_BYTES:,} bytes; split it, or read it yourself and "
                                 "pass the text to edureport.parse()")
    return read_bytes(data, str(p), p.suffix.lower())


def read_bytes(data: bytes, name: str = "<bytes>", suffix: str = "") -> Source:
    """:func:`read_source` for bytes already read; ``suffix`` (``.pdf``…) when the name has one."""
    kind = sniff(data, suffix)
    if kind == "pdf":
        pdf = read_pdf(data, name)
        return Source(pdf.text, "pdf", pages=pdf)
    if kind == "docx":
        notes: list[str] = []
        return Source(read_docx(data, name, notes), "docx", warnings=tuple(notes))
    if kind == "doc":
        raise DecodeError(f"{name}: a legacy Word .doc file, which edureport cannot read; save it as .docx "
                          "(Word: Save As; LibreOffice: soffice --headless --convert-to docx FILE)")
    text = decode(data, name)
    if kind == "html":
        page = read_html(text, name)
        return Source(page.text, "html", title=page.title, date=page.date)
    return Source(text, "text")


def sniff(data: bytes, suffix: str = "") -> str:
    """What the bytes are (``pdf``, ``docx``, ``doc``, ``html`` or ``text``): by content, where a suffix may lie."""
    head = data[:1024]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and (suffix in DOCX_SUFFIXES or b"word/" in data[:65536]):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if suffix in HTML_SUFFIXES or _HTML_START.match(head):
        return "html"
    if suffix in DOCX_SUFFIXES:
        return "docx"  # not a zip: read_docx names the file and says so
    if suffix in PDF_SUFFIXES:
        return "pdf"
    return "text"


#: An XML entity reference other than the five predefined ones and character references.
_ENTITY_REF = regex.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)[A-Za-z_][\w.\-]*;")
_DOCTYPE = regex.compile(rb"<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", regex.S)


def read_docx(data: bytes, name: str = "<docx>", warnings: Optional[list[str]] = None) -> str:
    """Text of a Word (.docx) document: one line per paragraph, table cells in document order.

    Word never writes XML entities; a document that declares them (``<!DOCTYPE … <!ENTITY …>``) was
    made by something else. They are not expanded (an entity can be a bomb or reach outside): the
    declarations and references are removed, so that the text around a reference is kept, and a
    note saying so is added to ``warnings`` (it becomes one of ``Report.warnings``)."""
    try:
        import docx  # python-docx
    except ImportError:
        raise InputError(
            f"{name}: reading .docx needs python-docx; install it with `pip install edureport[docx]`"
        ) from None
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DecodeError(f"{name}: not a readable .docx (Word) document ({type(exc).__name__}: {exc})") from exc
    if inflated > MAX_DOCX_INFLATED:  # a zip bomb is refused before anything is inflated
        raise InputTooLargeError(f"{name}: its parts inflate to {inflated:,} bytes, more than {MAX_DOCX_INFLATED:,}; "
                                 "not reading it")
    data, dropped = _without_entities(data)
    if dropped and warnings is not None:
        warnings.append(f"{name}: the document declares XML entities, which are not expanded; {dropped} reference(s) "
                        "to them were removed (the text around them is kept)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body = archive.read("word/document.xml") if "word/document.xml" in archive.namelist() else b""
        if body.count(b"<w:p>") + body.count(b"<w:p ") > _STREAM_PARAGRAPHS:
            return "\n".join(_streamed_lines(body))  # a machine-made giant: read like text of its size
        document = docx.Document(io.BytesIO(data))
        lines = list(_docx_lines(document))
    except Exception as exc:  # zipfile.BadZipFile, KeyError, lxml errors, PackageNotFoundError, …
        raise DecodeError(f"{name}: not a readable .docx (Word) document ({type(exc).__name__}: {exc})") from exc
    return "\n".join(lines)


#: Paragraphs above which a .docx body is streamed instead of read through python-docx (a report has a
#: few thousand; a million one-line paragraphs took python-docx 27 s and 880 MB).
_STREAM_PARAGRAPHS = 20_000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _streamed_lines(body: bytes) -> Iterator[str]:
    """Paragraph texts of a document body in document order (table cells included), read as a stream
    with each paragraph let go once read: time and memory grow like those of text of the same size."""
    import io

    from lxml import etree  # type: ignore[import-untyped]  # python-docx brings it

    breaks = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
    stream = etree.iterparse(io.BytesIO(body), events=("end",), tag=f"{_W}p", resolve_entities=False,
                             no_network=True, huge_tree=False)
    for _, paragraph in stream:
        parts = []
        for node in paragraph.iter(f"{_W}t", *breaks):
            parts.append((node.text or "") if node.tag == f"{_W}t" else breaks[node.tag])
        yield "".join(parts)
        paragraph.clear()
        while paragraph.getprevious() is not None:  # drop the paragraphs already read
            del paragraph.getparent()[0]


def _without_entities(data: bytes) -> tuple[bytes, int]:
    """The .docx with entity declarations and references removed from its body, and how many references went."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        if "word/document.xml" not in names:
            return data, 0
        body = archive.read("word/document.xml")
        if b"<!DOCTYPE" not in body and b"<!ENTITY" not in body:
            return data, 0
        cleaned, count = _ENTITY_REF.subn(b"", _DOCTYPE.sub(b"", body, count=1))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rebuilt:
            for info in archive.infolist():
                rebuilt.writestr(info, cleaned if info.filename == "word/document.xml" else archive.read(info))
    return out.getvalue(), max(count, 1)


def _docx_lines(container: object) -> Iterator[str]:
    """Paragraph texts of a document or table cell, descending into tables in document order."""
    from docx.table import Table

    for block in container.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(block, Table):
            yield from _docx_table_lines(block)
        else:
            yield block.text


def _docx_table_lines(table: object) -> Iterator[str]:
    # A merged cell is listed once per grid position it covers; read it once. The
    # elements are kept so that their ids cannot be reused while the table is read.
    kept: list[object] = []
    seen: set[int] = set()
    for row in table.rows:  # type: ignore[attr-defined]
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            kept.append(cell._tc)
            seen.add(id(cell._tc))
            yield from _docx_lines(cell)
