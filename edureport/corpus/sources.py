"""Where a corpus's documents come from: text files and CSV files, read lazily into :class:`Document` tuples.

The same functions read the files in one process, in the processes of
``Corpus.parse(n_process=N)`` and on Dask workers (:mod:`edureport.corpus.dask`),
so every run sees the same documents with the same ids. A file or row that
cannot be read becomes a Document with an ``error``, never an exception.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, NamedTuple, Optional

import pandas as pd

from edureport.errors import ConfigError, InputError
from edureport.text.read import SNIFF_BYTES, Source, detect_encoding, printable, read_source

#: Rows of a CSV file read at a time.
CSV_CHUNK_ROWS = 256


class Document(NamedTuple):
    """One document of a corpus: its id, where it came from, and its text (or why it could not be read)."""

    report_id: str
    source: Optional[str]
    text: Optional[str]
    error: Optional[tuple[str, str]] = None
    """``(exception type, message)`` when the document could not be read."""
    origin: Optional[Source] = None
    """What a file added to its text (format, a web page's title, a PDF's pages); None for CSV rows."""


class FileSource(NamedTuple):
    """The files a corpus reads, and how: enough to read its documents anywhere the paths are seen.

    A Dask backend sends these paths to its workers instead of the texts
    (:attr:`edureport.corpus.Corpus.files`).
    """

    paths: tuple[Path, ...]
    """text files (one report each) and ``.csv`` files (one report per row), in corpus order"""
    text_column: str = "full_text"
    id_column: Optional[str] = None
    encoding: Optional[str] = None
    """of the CSV files; None = judged from each file's first bytes"""
    root: Optional[Path] = None
    """the folder text-file ids are relative to"""


def is_csv(path: Path) -> bool:
    """Whether ``path`` is read as a table of reports (one per row) rather than as one text."""
    return path.suffix.lower() == ".csv"


def read_files(files: FileSource) -> Iterator[Document]:
    """Every document of ``files``, in order, read as it is reached."""
    for path in files.paths:
        if is_csv(path):
            yield from read_csv_file(path, files.text_column, files.id_column, files.encoding)
        else:
            yield read_text_file(path, text_id(path, files.root))


def count_documents(files: FileSource) -> int:
    """How many documents ``files`` holds: one per text file, one per CSV row (one quick pass)."""
    return sum(count_csv_rows(path, files.encoding) if is_csv(path) else 1 for path in files.paths)


# --------------------------------------------------------------------------- text files


def text_id(path: Path, root: Optional[Path]) -> str:
    """A text file's id: its path relative to ``root`` without the suffix, else its stem."""
    if root is not None:
        try:
            return path.relative_to(root).with_suffix("").as_posix()
        except ValueError:
            pass
    return path.stem


def read_text_file(path: Path, report_id: str) -> Document:
    """One report file (text, ``.docx``, web page, PDF) as a Document, read like :func:`edureport.parse_file`."""
    try:
        found = read_source(path)
        return Document(printable(report_id), printable(str(path)), found.text, None, found)
    except Exception as exc:  # a bad file is a row in the errors table, not the end of the run
        return Document(printable(report_id), printable(str(path)), None, (type(exc).__name__, printable(str(exc))))


# --------------------------------------------------------------------------- CSV files


def sniff_encoding(path: Path) -> str:
    """The encoding to hand pandas for a CSV file, judged from its first bytes by :func:`~edureport.text.read.detect_encoding`.

    The head always counts as cut (``complete=False``): pandas decodes the
    whole file and reports a broken character at its very end itself.
    """
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    return detect_encoding(head, complete=False)


def csv_header(path: Path, encoding: Optional[str]) -> list[str]:
    """The column names of a CSV file; an empty file is an :class:`~edureport.errors.InputError` naming it."""
    try:
        return list(pd.read_csv(path, nrows=0, encoding=encoding or sniff_encoding(path)).columns)
    except pd.errors.EmptyDataError:
        raise InputError(f"{path}: empty") from None


def _csv_chunks(path: Path, usecols: Optional[list[str]], encoding: Optional[str],
                chunksize: int = CSV_CHUNK_ROWS) -> Iterator[pd.DataFrame]:
    return pd.read_csv(
        path, usecols=usecols, dtype=str, keep_default_na=False, na_filter=False,
        encoding=encoding or sniff_encoding(path), chunksize=chunksize,
    )


def read_csv_file(path: Path, text_column: str, id_column: Optional[str], encoding: Optional[str]) -> Iterator[Document]:
    """The rows of a CSV file as Documents, read in chunks; ids are ``id_column`` or ``<stem>#<row>``."""
    stem = path.stem
    row = 0
    try:
        header = csv_header(path, encoding)
        for needed in (text_column, id_column):
            if needed is not None and needed not in header:
                raise ConfigError(f"{path}: no column {needed!r} (columns: {', '.join(header)})")
        usecols = [text_column] + ([id_column] if id_column and id_column != text_column else [])

        def documents(chunks: Iterable[pd.DataFrame], skip: int = 0) -> Iterator[Document]:
            nonlocal row
            for chunk in chunks:
                texts = chunk[text_column].tolist()
                ids = chunk[id_column].tolist() if id_column else [None] * len(texts)
                for text, given in list(zip(texts, ids))[skip:]:
                    report_id = str(given) if id_column else f"{stem}#{row}"
                    yield Document(printable(report_id), printable(f"{path}#{row}"), text)
                    row += 1
                skip = max(0, skip - len(texts))

        try:
            yield from documents(_csv_chunks(path, usecols, encoding))
        except pd.errors.ParserError:
            # A broken row (an unclosed quote) spoils its whole chunk: read again a row at a time, so
            # that every good row before it is a report, and the broken one an error row.
            try:
                yield from documents(_csv_chunks(path, usecols, encoding, chunksize=1), skip=row)
            except pd.errors.ParserError as exc:
                yield Document(printable(f"{stem}#{row}"), printable(f"{path}#{row}"), None,
                               ("ParserError", printable(f"{path}: row {row}: {exc}; the rows after it cannot be read")))
    except pd.errors.EmptyDataError:
        yield Document(printable(stem), printable(str(path)), None, ("InputError", printable(f"{path}: empty")))
    except Exception as exc:  # unreadable file or row: record it, go on with the next file
        message = f"{path}: {exc}" if str(path) not in str(exc) else str(exc)
        yield Document(printable(stem if row == 0 else f"{stem}#{row}"), printable(f"{path}#{row}" if row else str(path)),
                       None, (type(exc).__name__, printable(message)))


def count_csv_rows(path: Path, encoding: Optional[str]) -> int:
    """The rows of a CSV file, counted by reading one column; 1 for a file that cannot be read (its error row)."""
    try:
        first = csv_header(path, encoding)[:1]
        return sum(len(chunk) for chunk in _csv_chunks(path, first, encoding, chunksize=4096))
    except Exception:
        return 1  # it will show up as one error row
