"""Files and bytes to text: one decoder for every encoding edureport reads, and Word documents."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path
from typing import Iterator, Union

from edureport.errors import DecodeError, InputError

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

    Bytes that are UTF-8 only at the start are read as GB18030, as bytes that
    are not UTF-8 at all; errors name the file (``name``).
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
    """Bytes that are not UTF-8, as GB18030; binary data (which often decodes) is refused."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise DecodeError(
            f"{name}: not UTF-8 (invalid byte at {_first_invalid_utf8(data)}) and not GB18030/GBK either; "
            "re-save the file as UTF-8"
        ) from None
    if _looks_like_binary(text):
        raise DecodeError(f"{name}: binary data, not a text file")
    return text


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


#: Suffixes read as Word documents (through the optional ``docx`` extra); everything else is text.
DOCX_SUFFIXES = (".docx",)


def read_file(path: Union[str, Path]) -> str:
    """Decoded text of a file, with a clear error naming the file.

    ``.docx`` files are read with python-docx (``pip install edureport[docx]``):
    their paragraphs, table cells included, in document order, joined by
    ``"\n"``. Any other file (``.txt``, ``.md``, …) is text, decoded by
    :func:`decode`; Markdown is kept as written, so offsets point into it.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    if p.suffix.lower() in DOCX_SUFFIXES:
        return read_docx(data, str(p))
    return decode(data, str(p))


def read_docx(data: bytes, name: str = "<docx>") -> str:
    """Text of a Word (.docx) document: one line per paragraph, table cells in document order."""
    try:
        import docx  # python-docx
    except ImportError:
        raise InputError(
            f"{name}: reading .docx needs python-docx; install it with `pip install edureport[docx]`"
        ) from None
    import io

    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_docx_lines(document))
    except Exception as exc:  # zipfile.BadZipFile, KeyError, lxml errors, PackageNotFoundError, …
        raise DecodeError(f"{name}: not a readable .docx (Word) document ({type(exc).__name__}: {exc})") from exc
    return "\n".join(lines)


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
