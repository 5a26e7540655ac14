"""Many reports at once, as tidy pandas tables.

>>> from edureport import Corpus
>>> corpus = Corpus.from_dir("seeds").parse(segmenter="char", progress=False)
>>> corpus.metrics[["report_id", "text", "value", "unit", "kind", "item_role"]].head()  # doctest: +SKIP

A :class:`Corpus` reads its documents lazily (a folder of ``.txt`` files, CSV
files with one report per row, or strings in memory), parses them one by one
(or on several processes) and turns every :class:`~edureport.models.Report`
into rows of five tables straight away, so no Report outlives its document:

* ``reports``  one row per parsed document (metadata and counts)
* ``sections`` one row per section, depth first
* ``items``    one row per achievement, problem or plan
* ``metrics``  one row per metric, with the role and topics of its item
* ``errors``   one row per document that could not be read or parsed

Column names and dtypes are fixed by :data:`SCHEMAS` (also as :data:`COLUMNS`
and :data:`DTYPES`; :func:`empty_frame` gives the ``meta`` a Dask backend
needs). ``docs/corpus.md`` describes every column.
"""

from __future__ import annotations

import codecs
import json
import math
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, NamedTuple, Optional, Sequence, Union

import pandas as pd

from edureport.errors import ConfigError, InputError
from edureport.models import Report

PathLike = Union[str, Path]


# --------------------------------------------------------------------------- schema


class Column(NamedTuple):
    """One column of a corpus table."""

    name: str
    dtype: str
    """pandas dtype: ``string`` (missing = ``pd.NA``), ``int64``, ``Int64`` (nullable), ``float64`` (missing = NaN), ``bool``."""
    nullable: bool
    doc: str


def _c(name: str, dtype: str, doc: str, nullable: bool = False) -> Column:
    return Column(name, dtype, nullable, doc)


REPORTS_SCHEMA: tuple[Column, ...] = (
    _c("report_id", "string", "document id (file path without suffix, `<csv stem>#<row>`, the id column, or the position)"),
    _c("source", "string", "where the text came from: file path, `<csv path>#<row>`", nullable=True),
    _c("title", "string", "Report.title", nullable=True),
    _c("issuer", "string", "Report.issuer", nullable=True),
    _c("period", "string", "Report.period", nullable=True),
    _c("date", "string", "Report.date as written", nullable=True),
    _c("n_chars", "int64", "length of the text in characters"),
    _c("n_sections", "int64", "sections at every level"),
    _c("n_achievements", "int64", "achievement items"),
    _c("n_problems", "int64", "problem items"),
    _c("n_plans", "int64", "plan items"),
    _c("n_metrics", "int64", "metrics"),
    _c("n_warnings", "int64", "Report.warnings"),
)

SECTIONS_SCHEMA: tuple[Column, ...] = (
    _c("report_id", "string", "the report"),
    _c("section_index", "int64", "position in the report, depth first, from 0"),
    _c("parent_index", "Int64", "section_index of the enclosing section; missing at the top level", nullable=True),
    _c("path", "string", "titles from the outermost section down to this one, joined by ` / `"),
    _c("level", "int64", "Section.level (1 = top level of this document)"),
    _c("marker", "string", "Section.marker (`一、`, `（一）`, …); empty for an unmarked title line"),
    _c("ordinal", "Int64", "the marker's number", nullable=True),
    _c("title", "string", "Section.title"),
    _c("role", "string", "achievement, problem, plan or other"),
    _c("start", "int64", "offset of the section (heading and body) in the report text"),
    _c("end", "int64", "end offset of the section"),
    _c("heading", "string", "the heading as written, marker included"),
)

ITEMS_SCHEMA: tuple[Column, ...] = (
    _c("report_id", "string", "the report"),
    _c("item_index", "int64", "position in Report.items (document order), from 0"),
    _c("role", "string", "achievement, problem or plan"),
    _c("title", "string", "the leading phrase, when there is one", nullable=True),
    _c("section_path", "string", "titles of the enclosing sections, outermost first, joined by ` / `; empty at top level"),
    _c("topics", "string", "education work areas, joined by `|`; empty when none"),
    _c("start", "int64", "offset of the item in the report text"),
    _c("end", "int64", "end offset of the item"),
    _c("text", "string", "the item's text"),
    _c("n_metrics", "int64", "metrics inside the item"),
)

METRICS_SCHEMA: tuple[Column, ...] = (
    _c("report_id", "string", "the report"),
    _c("metric_index", "int64", "position in Report.metrics (document order), from 0"),
    _c("item_index", "Int64", "the item holding the metric (items.item_index); missing outside items", nullable=True),
    _c("item_role", "string", "role of that item", nullable=True),
    _c("item_topics", "string", "topics of that item, joined by `|`; empty when none"),
    _c("text", "string", "the mention as written (`1.16亿元`)"),
    _c("start", "int64", "offset of the mention in the report text"),
    _c("end", "int64", "end offset of the mention"),
    _c("value", "float64", "the number in the base unit, magnitudes applied (116000000.0)", nullable=True),
    _c("value_max", "float64", "upper end of a range", nullable=True),
    _c("unit", "string", "canonical unit (`元`, `%`, `所`, …)", nullable=True),
    _c("kind", "string", "money, percent, percentage_point, count, … (Metric.kind)"),
    _c("approx", "string", "over, nearly, about, at_least, at_most", nullable=True),
    _c("masked", "bool", "digits hidden in the source (`**个`)"),
    _c("indicator", "string", "what is measured, when it can be told", nullable=True),
    _c("change_direction", "string", "up or down (Change.direction)", nullable=True),
    _c("change_basis", "string", "comparison basis as written: 同比, 较上年, … (Change.basis)", nullable=True),
    _c("change_cue", "string", "the word that signals the change: 增长, 下降, … (Change.cue)", nullable=True),
    _c("change_role", "string", "delta, from or to (Change.role)", nullable=True),
    _c("change_partner_start", "Int64", "start of the linked metric of a from/to pair", nullable=True),
    _c("sentence", "string", "the sentence around the mention (cut at 。！？；and line breaks, at most 200 characters each side)"),
    _c("indicator_id", "string", "canonical indicator id from `data/kpis.json` (Metric.indicator_id); missing unless sure", nullable=True),
    _c("status", "string", "actual, target or baseline (Metric.scope.status)"),
    _c("period", "string", "period as written in the sentence: 上半年, 2023年, 1-5月, 五年来 (Metric.scope.period)", nullable=True),
    _c("period_norm", "string", "the period resolved with the report's year: 2025, 2025-H1, 2025-01..2025-05, ..2030, 2021..2025",
       nullable=True),
    _c("aggregation", "string", "cumulative, annual_average, new, year_on_year or average (Metric.scope.aggregation)", nullable=True),
    _c("area", "string", "subject area as written: 全县, 城区, 全省 (Metric.scope.area)", nullable=True),
)

ERRORS_SCHEMA: tuple[Column, ...] = (
    _c("report_id", "string", "the document (for a CSV file that could not be read: its stem)"),
    _c("source", "string", "file path or `<csv path>#<row>`", nullable=True),
    _c("stage", "string", "`read` (file or CSV row) or `parse`"),
    _c("error", "string", "exception type (`DecodeError`, `InputError`, …)"),
    _c("message", "string", "what went wrong"),
)

#: Every table's columns, in order.
SCHEMAS: dict[str, tuple[Column, ...]] = {
    "reports": REPORTS_SCHEMA,
    "sections": SECTIONS_SCHEMA,
    "items": ITEMS_SCHEMA,
    "metrics": METRICS_SCHEMA,
    "errors": ERRORS_SCHEMA,
}
#: The table names, in the order they are written.
TABLES: tuple[str, ...] = tuple(SCHEMAS)
#: ``{table: [column, ...]}``
COLUMNS: dict[str, list[str]] = {t: [c.name for c in cols] for t, cols in SCHEMAS.items()}
#: ``{table: {column: dtype}}`` for ``DataFrame.astype`` and Dask ``meta``.
DTYPES: dict[str, dict[str, str]] = {t: {c.name: c.dtype for c in cols} for t, cols in SCHEMAS.items()}

REPORTS_COLUMNS = COLUMNS["reports"]
SECTIONS_COLUMNS = COLUMNS["sections"]
ITEMS_COLUMNS = COLUMNS["items"]
METRICS_COLUMNS = COLUMNS["metrics"]
ERRORS_COLUMNS = COLUMNS["errors"]

#: Separator of ``section_path`` and ``path``; of ``topics`` and ``item_topics``.
PATH_SEP = " / "
TOPIC_SEP = "|"

FORMATS: dict[str, str] = {".csv": "csv", ".jsonl": "jsonl", ".parquet": "parquet"}


def empty_frame(table: str) -> pd.DataFrame:
    """A table with no rows and the right columns and dtypes (Dask's ``meta``)."""
    return frame([], table)


def frame(rows: Sequence[Sequence[Any]], table: str) -> pd.DataFrame:
    """A table from row tuples (in :data:`COLUMNS` order), with :data:`DTYPES` applied."""
    _check_table(table)
    df = pd.DataFrame.from_records(list(rows), columns=COLUMNS[table]) if rows else pd.DataFrame(
        {name: pd.Series([], dtype=object) for name in COLUMNS[table]}
    )
    return df.astype(DTYPES[table])


def _check_table(table: str) -> None:
    if table not in SCHEMAS:
        raise ConfigError(f"unknown table {table!r}; the tables are {', '.join(TABLES)}")


# --------------------------------------------------------------------------- report → rows

Rows = dict[str, list[tuple]]

_SENTENCE_ENDS = frozenset("。！？!?；;\n\r")
_SENTENCE_REACH = 200


def report_rows(report_id: str, report: Report) -> Rows:
    """The rows one report contributes to the reports, sections, items and metrics tables."""
    text = report.text
    sections = list(report.walk_sections())
    items = report.items
    out: Rows = {t: [] for t in ("reports", "sections", "items", "metrics")}
    out["reports"].append((
        report_id, report.source, _s(report.title), _s(report.issuer), _s(report.period), _s(report.date),
        len(text), len(sections), len(report.achievements), len(report.problems), len(report.plans),
        len(report.metrics), len(report.warnings),
    ))
    out["sections"] = list(_section_rows(report_id, report))
    owner: dict[tuple[int, int], int] = {}
    for index, item in enumerate(items):
        out["items"].append((
            report_id, index, item.role, _s(item.title), PATH_SEP.join(item.section_path),
            TOPIC_SEP.join(item.topics), item.start, item.end, item.text, len(item.metrics),
        ))
        for metric in item.metrics:
            owner.setdefault((metric.start, metric.end), index)
    for index, metric in enumerate(report.metrics):
        item_index = owner.get((metric.start, metric.end))
        if item_index is None:
            item_index = _containing(items, metric.start, metric.end)
        item = items[item_index] if item_index is not None else None
        change = metric.change
        scope = metric.scope
        out["metrics"].append((
            report_id, index, item_index, item.role if item else None,
            TOPIC_SEP.join(item.topics) if item else "",
            metric.text, metric.start, metric.end, metric.value, metric.value_max, _s(metric.unit),
            metric.kind, metric.approx, metric.masked, _s(metric.indicator),
            change.direction if change else None, _s(change.basis) if change else None,
            _s(change.cue) if change else None, change.role if change else None,
            change.partner_start if change else None,
            _sentence(text, metric.start, metric.end),
            metric.indicator_id, scope.status, scope.period, scope.period_norm, scope.aggregation, scope.area,
        ))
    return out


def _section_rows(report_id: str, report: Report) -> Iterator[tuple]:
    counter = 0

    def walk(section, parent: Optional[int], path: list[str]) -> Iterator[tuple]:
        nonlocal counter
        index = counter
        counter += 1
        here = [*path, section.title]
        yield (report_id, index, parent, PATH_SEP.join(here), section.level, section.marker, section.ordinal,
               section.title, section.role, section.start, section.end, section.heading)
        for child in section.children:
            yield from walk(child, index, here)

    for top in report.sections:
        yield from walk(top, None, [])


def _s(value: Optional[str]) -> Optional[str]:
    """Nullable string columns hold NA, never ``""``, so CSV round trips are exact."""
    return value or None


def _containing(items: Sequence[Any], start: int, end: int) -> Optional[int]:
    best: Optional[int] = None
    for index, item in enumerate(items):
        if item.start <= start and end <= item.end:
            if best is None or item.end - item.start < items[best].end - items[best].start:
                best = index
    return best


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``, cut at sentence ends, at most 200 characters each side."""
    left = start
    floor = max(0, start - _SENTENCE_REACH)
    while left > floor and text[left - 1] not in _SENTENCE_ENDS:
        left -= 1
    right = end
    ceiling = min(len(text), end + _SENTENCE_REACH)
    while right < ceiling and text[right] not in _SENTENCE_ENDS:
        right += 1
    if right < len(text) and text[right] in "。！？!?；;":
        right += 1
    return text[left:right].strip()


# --------------------------------------------------------------------------- tables


@dataclass
class Tables:
    """The five corpus tables (pandas DataFrames with :data:`DTYPES`)."""

    reports: pd.DataFrame = field(default_factory=lambda: empty_frame("reports"))
    sections: pd.DataFrame = field(default_factory=lambda: empty_frame("sections"))
    items: pd.DataFrame = field(default_factory=lambda: empty_frame("items"))
    metrics: pd.DataFrame = field(default_factory=lambda: empty_frame("metrics"))
    errors: pd.DataFrame = field(default_factory=lambda: empty_frame("errors"))

    def __getitem__(self, table: str) -> pd.DataFrame:
        _check_table(table)
        return getattr(self, table)

    @classmethod
    def from_rows(cls, rows: Rows) -> Tables:
        return cls(**{t: frame(rows.get(t, []), t) for t in TABLES})

    @classmethod
    def concat(cls, parts: Sequence[Tables]) -> Tables:
        if not parts:
            return cls()
        if len(parts) == 1:
            return parts[0]
        return cls(**{t: pd.concat([p[t] for p in parts], ignore_index=True).astype(DTYPES[t]) for t in TABLES})

    def to_csv(self, directory: PathLike, *, prefix: str = "", tables: Optional[Iterable[str]] = None) -> dict[str, Path]:
        """Write ``<directory>/<prefix><table>.csv`` for each table; returns the paths."""
        return self._write(directory, prefix, tables, "csv")

    def to_jsonl(self, directory: PathLike, *, prefix: str = "", tables: Optional[Iterable[str]] = None) -> dict[str, Path]:
        """Write ``<directory>/<prefix><table>.jsonl`` (one JSON object per row, missing = null)."""
        return self._write(directory, prefix, tables, "jsonl")

    def to_parquet(self, directory: PathLike, *, prefix: str = "", tables: Optional[Iterable[str]] = None) -> dict[str, Path]:
        """Write ``<directory>/<prefix><table>.parquet`` (pyarrow)."""
        return self._write(directory, prefix, tables, "parquet")

    def _write(self, directory: PathLike, prefix: str, tables: Optional[Iterable[str]], fmt: str) -> dict[str, Path]:
        paths = table_paths(directory, fmt, prefix=prefix, tables=tables)
        for table, path in paths.items():
            with TableWriter(path, table) as writer:
                writer.write(self[table])
        return paths


def table_paths(directory: PathLike, fmt: str, *, prefix: str = "", tables: Optional[Iterable[str]] = None) -> dict[str, Path]:
    """``{table: <directory>/<prefix><table>.<fmt>}``; creates ``directory``."""
    if fmt not in FORMATS.values():
        raise ConfigError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS.values())}")
    names = list(TABLES if tables is None else tables)
    for name in names:
        _check_table(name)
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    return {name: folder / f"{prefix}{name}.{fmt}" for name in names}


# --------------------------------------------------------------------------- writing and reading files


def format_of(path: PathLike) -> str:
    """``csv``, ``jsonl`` or ``parquet`` from a file name."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ConfigError(f"{path}: cannot tell the format; name the file *.parquet, *.csv or *.jsonl")
    return FORMATS[suffix]


class TableWriter:
    """Appends chunks of one table to a CSV, JSONL or Parquet file; the file always gets the full schema."""

    def __init__(self, path: PathLike, table: str, fmt: Optional[str] = None) -> None:
        _check_table(table)
        self.path = Path(path)
        self.table = table
        self.fmt = fmt or format_of(self.path)
        self.rows = 0
        self._started = False
        self._parquet: Any = None
        self._schema: Any = None

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self, df: pd.DataFrame) -> None:
        df = df[COLUMNS[self.table]]
        if self.fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            if self._parquet is None:
                arrow = pa.Table.from_pandas(df, preserve_index=False)
                self._schema = arrow.schema
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._parquet = pq.ParquetWriter(self.path, self._schema)
            else:
                arrow = pa.Table.from_pandas(df, schema=self._schema, preserve_index=False)
            self._parquet.write_table(arrow)
        elif self.fmt == "csv":
            self.path.parent.mkdir(parents=True, exist_ok=True)
            df.to_csv(self.path, mode="a" if self._started else "w", header=not self._started, index=False,
                      encoding="utf-8", lineterminator="\n")
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a" if self._started else "w", encoding="utf-8", newline="\n") as handle:
                for record in df.itertuples(index=False, name=None):
                    handle.write(json.dumps(dict(zip(COLUMNS[self.table], map(_plain, record))), ensure_ascii=False))
                    handle.write("\n")
        self._started = True
        self.rows += len(df)

    def close(self) -> None:
        if not self._started:
            self.write(empty_frame(self.table))
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None


def _plain(value: Any) -> Any:
    """A JSON-ready Python value: NA and NaN become None, numpy scalars Python ones."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def read_table(path: PathLike, table: Optional[str] = None) -> pd.DataFrame:
    """Read a table written by edureport back with its exact columns and dtypes.

    ``table`` defaults to the one named at the end of the file name
    (``metrics.parquet``, ``gov_items.csv``); give it when the name says nothing.
    """
    path = Path(path)
    if table is None:
        table = next((t for t in TABLES if path.stem.endswith(t)), None)
        if table is None:
            raise ConfigError(f"{path}: cannot tell which table this is; pass table=...")
    _check_table(table)
    fmt = format_of(path)
    if fmt == "parquet":
        df = pd.read_parquet(path)
    elif fmt == "jsonl":
        with path.open(encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle if line.strip()]
        df = pd.DataFrame.from_records(records, columns=COLUMNS[table]) if records else empty_frame(table)
    else:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
        df = _from_csv_strings(df, table)
    missing = [c for c in COLUMNS[table] if c not in df.columns]
    if missing:
        raise InputError(f"{path}: not an edureport {table} table (missing {', '.join(missing)})")
    return df[COLUMNS[table]].astype(DTYPES[table])


def _from_csv_strings(df: pd.DataFrame, table: str) -> pd.DataFrame:
    out = {}
    for column in SCHEMAS[table]:
        if column.name not in df.columns:
            continue
        values = df[column.name].astype(object)
        if column.dtype == "bool":
            out[column.name] = values.map({"True": True, "False": False, "true": True, "false": False})
        elif column.dtype == "string" and not column.nullable:
            out[column.name] = values
        else:
            values = values.where(values != "", None)
            if column.dtype in ("int64", "Int64"):
                values = values.map(lambda v: None if v is None else int(v))
            elif column.dtype == "float64":
                values = values.map(lambda v: None if v is None else float(v))
            out[column.name] = values
    return pd.DataFrame(out, index=df.index)


# --------------------------------------------------------------------------- documents


class Document(NamedTuple):
    """One document of a corpus: its id, where it came from, and its text (or why it could not be read)."""

    report_id: str
    source: Optional[str]
    text: Optional[str]
    error: Optional[tuple[str, str]] = None
    """``(exception type, message)`` when the document could not be read."""


def _text_id(path: Path, root: Optional[Path]) -> str:
    """A text file's id: its path relative to ``root`` without the suffix, else its stem."""
    if root is not None:
        try:
            return path.relative_to(root).with_suffix("").as_posix()
        except ValueError:
            pass
    return path.stem


def _read_text_file(path: Path, report_id: str) -> Document:
    from edureport.text.read import read_file

    try:
        return Document(report_id, str(path), read_file(path))
    except Exception as exc:  # a bad file is a row in the errors table, not the end of the run
        return Document(report_id, str(path), None, (type(exc).__name__, str(exc)))


def _sniff_encoding(path: Path) -> str:
    """``utf-8-sig``, ``utf-16`` or ``gb18030``, judged from the first 64 KiB."""
    with path.open("rb") as handle:
        head = handle.read(65536)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8-sig"


def _csv_chunks(path: Path, usecols: Optional[list[str]], encoding: Optional[str], chunksize: int = 256) -> Iterator[pd.DataFrame]:
    return pd.read_csv(
        path, usecols=usecols, dtype=str, keep_default_na=False, na_filter=False,
        encoding=encoding or _sniff_encoding(path), chunksize=chunksize,
    )


def _csv_header(path: Path, encoding: Optional[str]) -> list[str]:
    return list(pd.read_csv(path, nrows=0, encoding=encoding or _sniff_encoding(path)).columns)


def _read_csv_file(path: Path, text_column: str, id_column: Optional[str], encoding: Optional[str]) -> Iterator[Document]:
    stem = path.stem
    row = 0
    try:
        header = _csv_header(path, encoding)
        for needed in (text_column, id_column):
            if needed is not None and needed not in header:
                raise ConfigError(f"{path}: no column {needed!r} (columns: {', '.join(header)})")
        usecols = [text_column] + ([id_column] if id_column and id_column != text_column else [])
        for chunk in _csv_chunks(path, usecols, encoding):
            texts = chunk[text_column].tolist()
            ids = chunk[id_column].tolist() if id_column else [None] * len(texts)
            for text, given in zip(texts, ids):
                report_id = str(given) if id_column else f"{stem}#{row}"
                yield Document(report_id, f"{path}#{row}", text)
                row += 1
    except Exception as exc:  # unreadable file or row: record it, go on with the next file
        yield Document(stem if row == 0 else f"{stem}#{row}", f"{path}#{row}" if row else str(path), None,
                       (type(exc).__name__, f"{path}: {exc}" if str(path) not in str(exc) else str(exc)))


def _count_csv_rows(path: Path, encoding: Optional[str]) -> int:
    try:
        first = _csv_header(path, encoding)[:1]
        return sum(len(chunk) for chunk in _csv_chunks(path, first, encoding, chunksize=4096))
    except Exception:
        return 1  # it will show up as one error row


# --------------------------------------------------------------------------- the corpus


class Corpus:
    """A collection of reports, read lazily, parsed into pandas tables.

    Build one with :meth:`from_dir`, :meth:`from_csv`, :meth:`from_files` or
    :meth:`from_texts`; call :meth:`parse`; read :attr:`reports`,
    :attr:`sections`, :attr:`items`, :attr:`metrics`, :attr:`errors`; export
    with :meth:`to_parquet`, :meth:`to_csv`, :meth:`to_jsonl`. For corpora
    whose tables do not fit in memory, :meth:`write` streams to files and
    :meth:`iter_tables` yields the tables chunk by chunk.
    """

    def __init__(self, documents: Callable[[], Iterator[Document]], size: Callable[[], Optional[int]], name: str) -> None:
        self._documents = documents
        self._size = size
        self.name = name
        self._tables: Optional[Tables] = None
        #: ``(paths, (text_column, id_column, encoding), root)`` when read from files: lets a Dask
        #: backend send paths instead of texts (edureport.corpus.dask).
        self._files: Optional[tuple[list[Path], tuple[str, Optional[str], Optional[str]], Optional[Path]]] = None

    def __repr__(self) -> str:
        state = "parsed" if self._tables is not None else "not parsed"
        return f"<Corpus {self.name} ({state})>"

    # ---- building

    @classmethod
    def from_dir(
        cls,
        path: PathLike,
        pattern: str = "*.txt",
        *,
        text_column: str = "full_text",
        id_column: Optional[str] = None,
        encoding: Optional[str] = None,
    ) -> Corpus:
        """The files in folder ``path`` matching ``pattern`` (``**/*.txt`` reaches subfolders), sorted.

        ``.csv`` files are read as tables with one report per row (see
        :meth:`from_csv`); other files as text (UTF-8, UTF-16 with BOM or
        GB18030). With the default pattern, a folder without ``.txt`` files
        but with ``.csv`` files is read as CSV: the shared government corpus
        is a folder of one-row CSV files.
        """
        folder = Path(path)
        if not folder.is_dir():
            raise InputError(f"{folder}: not a folder")
        files = sorted(p for p in folder.glob(pattern) if p.is_file())
        if not files and pattern == "*.txt":
            files = sorted(p for p in folder.glob("*.csv") if p.is_file())
        if not files:
            raise InputError(f"{folder}: no files matching {pattern!r}" + (" or '*.csv'" if pattern == "*.txt" else ""))
        corpus = cls.from_files(files, text_column=text_column, id_column=id_column, encoding=encoding, root=folder)
        corpus.name = str(folder)
        return corpus

    @classmethod
    def from_files(
        cls,
        paths: Iterable[PathLike],
        *,
        text_column: str = "full_text",
        id_column: Optional[str] = None,
        encoding: Optional[str] = None,
        root: Optional[PathLike] = None,
    ) -> Corpus:
        """Text files (one report each) and CSV files (one report per row), in the given order.

        A text file's id is its path relative to ``root`` without the suffix
        (for files in one folder: the file name stem).
        """
        files = [Path(p) for p in paths]
        base = Path(root) if root is not None else None

        def documents() -> Iterator[Document]:
            for p in files:
                if p.suffix.lower() == ".csv":
                    yield from _read_csv_file(p, text_column, id_column, encoding)
                else:
                    yield _read_text_file(p, _text_id(p, base))

        def size() -> int:
            return sum(_count_csv_rows(p, encoding) if p.suffix.lower() == ".csv" else 1 for p in files)

        corpus = cls(documents, size, f"{len(files)} files")
        corpus._files = (files, (text_column, id_column, encoding), base)
        return corpus

    @classmethod
    def from_csv(
        cls,
        path: PathLike,
        text_column: str = "full_text",
        id_column: Optional[str] = None,
        *,
        encoding: Optional[str] = None,
    ) -> Corpus:
        """One report per row of a CSV file; rows are read in chunks, never all at once.

        The id is the ``id_column`` value, else ``<file stem>#<row>`` (row
        from 0). ``encoding`` defaults to UTF-8 (BOM optional), UTF-16 with
        BOM or GB18030, judged from the start of the file.
        """
        p = Path(path)
        if not p.is_file():
            raise InputError(f"{p}: no such file")
        header = _csv_header(p, encoding)
        for needed in (text_column, id_column):
            if needed is not None and needed not in header:
                raise ConfigError(f"{p}: no column {needed!r}; the columns are {', '.join(header)} "
                                  "(choose with text_column=... / id_column=...)")
        corpus = cls.from_files([p], text_column=text_column, id_column=id_column, encoding=encoding)
        corpus.name = str(p)
        return corpus

    @classmethod
    def from_texts(cls, texts: Iterable[str], ids: Optional[Iterable[Any]] = None) -> Corpus:
        """Strings in memory (a list, a pandas Series, a generator: then it can be parsed once).

        Ids default to the position (``"0"``, ``"1"``, …).
        """
        if ids is not None and hasattr(texts, "__len__") and hasattr(ids, "__len__") and len(texts) != len(ids):  # type: ignore[arg-type]
            raise ConfigError(f"{len(texts)} texts but {len(ids)} ids")  # type: ignore[arg-type]
        def documents() -> Iterator[Document]:
            id_iter = iter(ids) if ids is not None else None
            for index, text in enumerate(texts):
                report_id = str(next(id_iter)) if id_iter is not None else str(index)
                yield Document(report_id, None, text)

        def size() -> Optional[int]:
            try:
                return len(texts)  # type: ignore[arg-type]
            except TypeError:
                return None

        return cls(documents, size, "texts")

    # ---- reading

    def __iter__(self) -> Iterator[Document]:
        """The documents, read lazily, in order."""
        return self._documents()

    def count(self) -> Optional[int]:
        """How many documents (CSV rows are counted in one pass); None for a generator."""
        return self._size()

    # ---- parsing

    def iter_tables(
        self,
        *,
        n_process: int = 1,
        batch_size: int = 8,
        chunk_size: int = 64,
        progress: bool = True,
        segmenter: str = "auto",
        pkuseg_model: Optional[PathLike] = None,
    ) -> Iterator[Tables]:
        """Parse, yielding :class:`Tables` for every ``chunk_size`` documents (the last chunk may be smaller).

        ``n_process > 1`` parses batches of ``batch_size`` documents on that
        many processes; the rows are the same and in the same order as with one.
        A document that cannot be read or parsed becomes a row of ``errors``.
        """
        if chunk_size < 1:
            raise ConfigError("chunk_size must be at least 1")
        buffer: Rows = {t: [] for t in TABLES}
        pending = 0
        for outcome in self._outcomes(n_process, batch_size, progress, segmenter, pkuseg_model):
            for table, rows in outcome.items():
                buffer[table].extend(rows)
            pending += 1
            if pending == chunk_size:
                yield Tables.from_rows(buffer)
                buffer = {t: [] for t in TABLES}
                pending = 0
        if pending:
            yield Tables.from_rows(buffer)

    def parse(
        self,
        *,
        n_process: int = 1,
        batch_size: int = 8,
        progress: bool = True,
        segmenter: str = "auto",
        pkuseg_model: Optional[PathLike] = None,
        client: Any = None,
        workers: Optional[int] = None,
        partition_chars: Optional[int] = None,
    ) -> Corpus:
        """Parse every document and keep the tables (not the Reports); returns the corpus itself.

        ``progress`` shows a tqdm bar on standard error (a widget in Jupyter).
        ``client`` (a ``distributed.Client`` or a scheduler address) or
        ``workers=N`` (a local cluster of N processes) parse on Dask, in
        partitions of about ``partition_chars`` characters: the same rows in
        the same order (see :mod:`edureport.corpus.dask`, docs/scaling.md).
        """
        if client is not None or workers is not None:
            from edureport.corpus import dask as scaleout

            self._tables = scaleout.parse(
                self, client=client, workers=workers, segmenter=segmenter, pkuseg_model=pkuseg_model,
                progress=progress, partition_chars=partition_chars or scaleout.DEFAULT_PARTITION_CHARS)
            return self
        chunks = list(self.iter_tables(n_process=n_process, batch_size=batch_size, progress=progress,
                                       segmenter=segmenter, pkuseg_model=pkuseg_model))
        self._tables = Tables.concat(chunks)
        return self

    def write(
        self,
        outputs: Union[Mapping[str, PathLike], Iterable[tuple[str, PathLike]]],
        *,
        n_process: int = 1,
        batch_size: int = 8,
        chunk_size: int = 64,
        progress: bool = True,
        segmenter: str = "auto",
        pkuseg_model: Optional[PathLike] = None,
        on_error: Optional[Callable[[pd.Series], None]] = None,
        client: Any = None,
        workers: Optional[int] = None,
        partition_chars: Optional[int] = None,
    ) -> WriteSummary:
        """Parse and stream the tables to files as it goes: memory stays flat however large the corpus.

        ``outputs`` maps table names to files (``{"metrics": "m.parquet"}``,
        or pairs, to write a table to several files); the suffix picks the
        format (see also :func:`table_paths`). ``on_error`` is called with
        each row of the errors table as it happens. With ``client`` or
        ``workers`` (see :meth:`parse`) the Dask workers write each output as
        a folder of part files (``m.parquet/part.000000.parquet``, …), which
        ``pandas.read_parquet("m.parquet")`` reads back whole.
        """
        pairs = [(t, Path(p)) for t, p in (outputs.items() if isinstance(outputs, Mapping) else outputs)]
        if client is not None or workers is not None:
            from edureport.corpus import dask as scaleout

            return scaleout.write(
                self, pairs, client=client, workers=workers, segmenter=segmenter, pkuseg_model=pkuseg_model,
                progress=progress, on_error=on_error,
                partition_chars=partition_chars or scaleout.DEFAULT_PARTITION_CHARS)
        writers = [TableWriter(path, table) for table, path in pairs]  # checks names and formats first
        summary = WriteSummary(paths=dict(pairs))
        errors = []
        try:
            for chunk in self.iter_tables(n_process=n_process, batch_size=batch_size, chunk_size=chunk_size,
                                          progress=progress, segmenter=segmenter, pkuseg_model=pkuseg_model):
                for writer in writers:
                    writer.write(chunk[writer.table])
                summary.documents += len(chunk.reports) + len(chunk.errors)
                for table in TABLES:
                    summary.rows[table] = summary.rows.get(table, 0) + len(chunk[table])
                if len(chunk.errors):
                    errors.append(chunk.errors)
                    if on_error is not None:
                        for _, row in chunk.errors.iterrows():
                            on_error(row)
        finally:
            for writer in writers:
                writer.close()
        summary.errors = Tables.concat([Tables(errors=e) for e in errors]).errors
        return summary

    def _outcomes(self, n_process: int, batch_size: int, progress: bool, segmenter: str,
                  pkuseg_model: Optional[PathLike]) -> Iterator[Rows]:
        if n_process < 1:
            raise ConfigError("n_process must be at least 1")
        if batch_size < 1:
            raise ConfigError("batch_size must be at least 1")
        options = (segmenter, str(pkuseg_model) if pkuseg_model else None)
        bar = _progress_bar(self._size() if progress else None, progress, self.name)
        failed = 0
        try:
            for rows in (_serial(self, options) if n_process == 1 else _parallel(self, options, n_process, batch_size)):
                if rows["errors"]:
                    failed += 1
                    bar.set_postfix(failed=failed, refresh=False)
                bar.update(1)
                yield rows
        finally:
            bar.close()

    def to_dask(
        self,
        *,
        segmenter: str = "auto",
        pkuseg_model: Optional[PathLike] = None,
        partition_chars: Optional[int] = None,
        client: Any = None,
    ) -> dict[str, Any]:
        """``{table: dask DataFrame}`` (lazy, ``meta`` = :func:`empty_frame`); needs ``edureport[dask]``.

        Compute the frames together (``dask.compute(*frames.values())``) so each
        partition is parsed once; see :func:`edureport.corpus.dask.to_dask`.
        """
        from edureport.corpus import dask as scaleout

        return scaleout.to_dask(self, segmenter=segmenter, pkuseg_model=pkuseg_model, client=client,
                                partition_chars=partition_chars or scaleout.DEFAULT_PARTITION_CHARS)

    # ---- results

    @property
    def tables(self) -> Tables:
        """All five tables; parses with the default options first if :meth:`parse` was not called."""
        if self._tables is None:
            self.parse()
        assert self._tables is not None
        return self._tables

    @property
    def reports(self) -> pd.DataFrame:
        """One row per parsed document."""
        return self.tables.reports

    @property
    def sections(self) -> pd.DataFrame:
        """One row per section, depth first."""
        return self.tables.sections

    @property
    def items(self) -> pd.DataFrame:
        """One row per achievement, problem or plan."""
        return self.tables.items

    @property
    def metrics(self) -> pd.DataFrame:
        """One row per metric."""
        return self.tables.metrics

    @property
    def errors(self) -> pd.DataFrame:
        """One row per document that could not be read or parsed."""
        return self.tables.errors

    def kpis(self) -> pd.DataFrame:
        """One row per figure with a canonical indicator (``indicator_id``), with its report's
        issuer and period: columns and dtypes in :data:`edureport.corpus.kpis.KPIS_DTYPES`."""
        from edureport.corpus.kpis import kpis_frame

        return kpis_frame(self.metrics, self.reports)

    def kpi_table(self, indicator_ids: Union[str, Iterable[str]], status: Optional[str] = None,
                  **options: Any) -> pd.DataFrame:
        """Report × indicator, the first matching figure of each report in document order, with
        ``<id>_start``/``<id>_end`` offsets; options in :func:`edureport.corpus.kpis.kpi_table`
        (``period_norm=``, ``aggregation=``, ``value=``, ``offsets=``, ``long=``)."""
        from edureport.corpus.kpis import kpi_table

        return kpi_table(self.kpis(), self.reports, indicator_ids, status, **options)

    def to_csv(self, directory: PathLike, *, prefix: str = "", tables: Optional[Iterable[str]] = None) -> dict[str, Path]:
        """Write ``<directory>/<prefix><table>.csv`` for each table (default: all five)."""
        return self.tables.to_csv(directory, prefix=prefix, tables=tables)

    def to_jsonl(self, directory: PathLike, *, prefix: str = "", tables: Optional[Iterable[str]] = None) -> dict[str, Path]:
        """Write ``<directory>/<prefix><table>.jsonl`` for each table (default: all five)."""
        return self.tables.to_jsonl(directory, prefix=prefix, tables=tables)

    def to_parquet(self, directory: PathLike, *, prefix: str = "", tables: Optional[Iterable[str]] = None) -> dict[str, Path]:
        """Write ``<directory>/<prefix><table>.parquet`` for each table (default: all five)."""
        return self.tables.to_parquet(directory, prefix=prefix, tables=tables)


@dataclass
class WriteSummary:
    """What :meth:`Corpus.write` did."""

    paths: dict[str, Path]
    documents: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    errors: pd.DataFrame = field(default_factory=lambda: empty_frame("errors"))


# --------------------------------------------------------------------------- running the parser


def _outcome(doc: Document, segmenter: str, pkuseg_model: Optional[str]) -> Rows:
    """The rows of one document, or its error row: the same function in every process."""
    from edureport.api import parse

    if doc.error is not None:
        return {"errors": [(doc.report_id, doc.source, "read", doc.error[0], doc.error[1])]}
    try:
        report = parse(doc.text, segmenter=segmenter, pkuseg_model=pkuseg_model, source=doc.source)  # type: ignore[arg-type]
        rows = report_rows(doc.report_id, report)
    except Exception as exc:  # one bad document must not end a run over thousands
        return {"errors": [(doc.report_id, doc.source, "parse", type(exc).__name__, str(exc))]}
    rows["errors"] = []
    return rows


def _warm(segmenter: str, pkuseg_model: Optional[str]) -> None:
    """Build the pipeline now, so a configuration error stops the run instead of failing every document."""
    from edureport.api import parse

    parse("", segmenter=segmenter, pkuseg_model=pkuseg_model)


def _serial(corpus: Corpus, options: tuple[str, Optional[str]]) -> Iterator[Rows]:
    _warm(*options)
    for doc in corpus:
        yield _outcome(doc, *options)


_WORKER_OPTIONS: list[tuple[str, Optional[str]]] = []


def _init_worker(segmenter: str, pkuseg_model: Optional[str]) -> None:
    _WORKER_OPTIONS[:] = [(segmenter, pkuseg_model)]
    _warm(segmenter, pkuseg_model)


def _work(batch: list[Document]) -> list[Rows]:
    options = _WORKER_OPTIONS[0]
    return [_outcome(doc, *options) for doc in batch]


def _parallel(corpus: Corpus, options: tuple[str, Optional[str]], n_process: int, batch_size: int) -> Iterator[Rows]:
    with ProcessPoolExecutor(max_workers=n_process, initializer=_init_worker, initargs=options) as pool:
        pending = []
        batch: list[Document] = []
        for doc in corpus:
            batch.append(doc)
            if len(batch) == batch_size:
                pending.append(pool.submit(_work, batch))
                batch = []
                while len(pending) > 2 * n_process:  # bounded look-ahead keeps memory flat
                    yield from pending.pop(0).result()
        if batch:
            pending.append(pool.submit(_work, batch))
        for future in pending:
            yield from future.result()


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def set_postfix(self, **kwargs: Any) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(total: Optional[int], enabled: bool, name: str) -> Any:
    """A tqdm bar on standard error (``tqdm.auto``: a widget in Jupyter, text elsewhere)."""
    if not enabled:
        return _NoBar()
    options = {"total": total, "desc": "parsing", "unit": "doc", "file": sys.stderr, "dynamic_ncols": True}
    try:
        from tqdm.auto import tqdm

        return tqdm(**options)
    except ImportError:  # Jupyter without ipywidgets: fall back to the text bar
        from tqdm import tqdm as text_tqdm

        return text_tqdm(**options)
