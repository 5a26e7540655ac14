"""Reading and normalising text without ever moving an offset.

Every rule in edureport matches against a *matching copy* of the text that has
exactly the same length as the original: full-width forms, traditional
characters and odd spaces are mapped one code point to one code point. Offsets
found in the copy are therefore offsets into the original.
"""

from __future__ import annotations

import codecs
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterator, NamedTuple, Union

import regex

from .data import load_json
from .errors import DecodeError, InputError

_SPACES = "\u00a0\u3000\u2002\u2003\u2009\u200b\u202f\ufeff\t\x0b\x0c"


@lru_cache(maxsize=1)
def _translation() -> tuple[int, ...]:
    """One-to-one code point map: full-width → ASCII, traditional → simplified, spaces → ' '.

    A tuple indexed by code point, identity where nothing changes, up to the highest code point
    that changes (beyond it ``str.translate`` leaves characters alone): it pays for every code
    point missing from a table, and looks a tuple up 30 % faster than a dict; this runs over
    every document.
    """
    changes = _changes()
    table = list(range(max(0x10000, max(changes) + 1)))
    for code, char in changes.items():
        table[code] = ord(char)
    return tuple(table)


def _changes() -> dict[int, str]:
    """The code points the matching copy changes."""
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block
        table[code] = chr(code - 0xFEE0)
    for ch in _SPACES:
        table[ord(ch)] = " "
    for trad, simp in load_json("t2s.json").items():
        if len(trad) == 1 and len(simp) == 1:
            table[ord(trad)] = simp
    for src, dst in {"：": ":", "；": ";", "，": ",", "．": ".", "、": "、", "〔": "(", "〕": ")",
                     "【": "[", "】": "]", "｛": "{", "｝": "}", "～": "~", "－": "-", "—": "—"}.items():
        table[ord(src)] = dst
    return table


def matching_copy(text: str) -> str:
    """Same-length copy of ``text`` for pattern matching (see module docstring)."""
    out = text.translate(_translation())
    if len(out) != len(text):  # a data error must never shift offsets silently
        raise AssertionError("matching copy changed the text length")
    return out


_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def ensure_text(text: object) -> str:
    """Reject what cannot be a report before it reaches spaCy."""
    if isinstance(text, str):
        if not text.isascii():
            bad = _SURROGATE.search(text)
            if bad:
                raise InputError(
                    f"text is not valid Unicode: unpaired surrogate {bad.group()!a} at offset {bad.start()} "
                    "(decode the source with a real encoding, not errors='surrogateescape')"
                )
        return text
    if isinstance(text, (bytes, bytearray)):
        raise InputError("parse() takes str; decode bytes first or use parse_file()/decode()")
    raise InputError(f"parse() takes str, not {type(text).__name__}")


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Text of a file's bytes: BOM-marked UTF-8/16/32, else UTF-8, else GB18030.

    GB18030 is a superset of GBK and GB2312, the encodings Chinese Word exports use.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"{name}: starts with a {encoding} byte-order mark but is not valid {encoding} ({exc.reason} at byte {exc.start})") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise DecodeError(
                f"{name}: not UTF-8 (invalid byte at {utf8_error.start}) and not GB18030/GBK either; "
                "re-save the file as UTF-8"
            ) from None
        if _looks_like_binary(text):
            raise DecodeError(f"{name}: binary data, not a text file") from None
        return text


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


class Line(NamedTuple):
    """One physical line: ``start``/``end`` exclude the line break; ``body`` skips leading noise.

    A tuple, not a dataclass: a document can have 10⁵ lines, and a tuple is built 3× faster.
    """

    start: int
    end: int
    body: int
    empty: bool
    """True when the line holds nothing but spaces and noise (``body >= end``)."""


_LINE_BREAK = regex.compile(r"\r\n|[\n\r\u2028\u2029\x85]")
# Leading whitespace and Word/HTML export artefacts such as "[bookmark: _GoBack]".
# Markdown line prefixes (# headings, > quotes, list bullets, ** bold before a marker) are skipped
# the same way; "**市…" at a line start is a masked name, not emphasis.
_LEADING_NOISE = regex.compile(
    r"(?:[ \t]+|\[bookmark:[^\]\n]{0,80}\]|<a name=[^>\n]{0,80}>|\#{1,6}(?=[ \t])|>(?=[ \t])|[-+](?=[ \t])|(?:\*\*|__)(?=[一二三四五六七八九十第首其再最(（]))+"
)


def split_lines(text: str, copy: str) -> list[Line]:
    """Lines of ``text`` with offsets; ``copy`` is its matching copy."""
    lines: list[Line] = []
    pos = 0
    for match in _LINE_BREAK.finditer(text):
        lines.append(_line(copy, pos, match.start()))
        pos = match.end()
    lines.append(_line(copy, pos, len(text)))
    return lines


_NOISE_FIRST = frozenset(" \t[<#>-+*_")  # the first characters _LEADING_NOISE can match


def _line(copy: str, start: int, end: int) -> Line:
    body = start
    if start < end and copy[start] in _NOISE_FIRST:
        noise = _LEADING_NOISE.match(copy, start, end)
        if noise:
            body = noise.end()
    stop = end
    while stop > body and copy[stop - 1] == " ":
        stop -= 1
    return Line(start, stop, body, body >= stop)
