"""The five corpus tables: their schema, typed frames, and writing and reading them as files.

Column names and dtypes are fixed by :data:`SCHEMAS` (also as :data:`COLUMNS`
and :data:`DTYPES`; :func:`empty_frame` gives the ``meta`` a Dask backend
needs), so every table has the same columns whether it has rows or not, in
memory and in CSV, JSONL and Parquet files. ``docs/corpus.md`` describes
every column.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, NamedTuple, Optional, Sequence, Union

import pandas as pd

from edureport.errors import ConfigError, InputError

PathLike = Union[str, Path]
#: ``{table: [row tuple, ...]}``, each tuple in :data:`COLUMNS` order: what a parsed document contributes.
Rows = dict[str, list[tuple]]


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
    _c("source_format", "string", "what the text was read from: text, docx, html, pdf; missing for CSV rows and strings",
       nullable=True),
    _c("title", "string", "Report.title", nullable=True),
    _c("issuer", "string", "Report.issuer", nullable=True),
    _c("place", "string", "Report.place: the area the report speaks for (河北省, 全国)", nullable=True),
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
    _c("page", "Int64", "the page the item starts on, for a PDF (1 = first)", nullable=True),
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
    _c("indicator", "string", "what is measured or counted, as written (Metric.indicator)", nullable=True),
    _c("indicator_start", "Int64", "offset of the indicator in the report text", nullable=True),
    _c("indicator_end", "Int64", "end offset of the indicator", nullable=True),
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
    _c("page", "Int64", "the page the mention is printed on, for a PDF (1 = first)", nullable=True),
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
    check_table(table)
    df = pd.DataFrame.from_records(list(rows), columns=COLUMNS[table]) if rows else pd.DataFrame(
        {name: pd.Series([], dtype=object) for name in COLUMNS[table]}
    )
    return df.astype(DTYPES[table])


def check_table(table: str) -> None:
    """Stop at an unknown table name, listing the known ones."""
    if table not in SCHEMAS:
        raise ConfigError(f"unknown table {table!r}; the tables are {', '.join(TABLES)}")


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
        check_table(table)
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

    def to_csv(self, directory: PathLike, *, prefix: str = "", tables: Optional[Iterable[str]] = None,
               spreadsheet: bool = False) -> dict[str, Path]:
        """Write ``<directory>/<prefix><table>.csv`` for each table; returns the paths.

        ``spreadsheet``: for files a spreadsheet will open: text cells that would run as a formula
        (``=HYPERLINK(…)``, ``+``, ``-``, ``@``) get a leading ``'`` (:func:`spreadsheet_safe`).
        """
        return self._write(directory, prefix, tables, "csv", spreadsheet)

    def to_jsonl(self, directory: PathLike, *, prefix: str = "", tables: Optional[Iterable[str]] = None) -> dict[str, Path]:
        """Write ``<directory>/<prefix><table>.jsonl`` (one JSON object per row, missing = null)."""
        return self._write(directory, prefix, tables, "jsonl")

    def to_parquet(self, directory: PathLike, *, prefix: str = "", tables: Optional[Iterable[str]] = None) -> dict[str, Path]:
        """Write ``<directory>/<prefix><table>.parquet`` (pyarrow)."""
        return self._write(directory, prefix, tables, "parquet")

    def _write(self, directory: PathLike, prefix: str, tables: Optional[Iterable[str]], fmt: str,
               spreadsheet: bool = False) -> dict[str, Path]:
        paths = table_paths(directory, fmt, prefix=prefix, tables=tables)
        for table, path in paths.items():
            with TableWriter(path, table, spreadsheet=spreadsheet) as writer:
                writer.write(self[table])
        return paths


def table_paths(directory: PathLike, fmt: str, *, prefix: str = "", tables: Optional[Iterable[str]] = None) -> dict[str, Path]:
    """``{table: <directory>/<prefix><table>.<fmt>}``; creates ``directory``."""
    if fmt not in FORMATS.values():
        raise ConfigError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS.values())}")
    names = list(TABLES if tables is None else tables)
    for name in names:
        check_table(name)
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


#: What starts a cell a spreadsheet runs as a formula (OWASP's list for CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every text cell that a spreadsheet would run as a formula prefixed with ``'``
    (shown as text, not run); numbers are left alone. For CSV meant for Excel or LibreOffice:
    the prefix is part of the value for any other reader, so the default CSV keeps values as they are."""
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column].dtype):
            values = out[column]
            risky = values.notna() & values.astype(str).str.startswith(FORMULA_START)
            if risky.any():
                out[column] = values.where(~risky, "'" + values.astype(str))
    return out


class TableWriter:
    """Appends chunks of one table to a CSV, JSONL or Parquet file; the file always gets the full schema.

    The chunks go to a temporary file beside ``path`` (``.<name>.<pid>.partial``), renamed to
    ``path`` by :meth:`close`: a run that fails or is interrupted (an exception, Ctrl-C, ``kill -9``)
    leaves no file under the final name that reads as a finished table; :meth:`abort` removes it.
    """

    def __init__(self, path: PathLike, table: str, fmt: Optional[str] = None, spreadsheet: bool = False) -> None:
        check_table(table)
        self.spreadsheet = spreadsheet
        self.final = Path(path)
        self.path = self.final.with_name(f".{self.final.name}.{os.getpid()}.partial")
        self.table = table
        self.fmt = fmt or format_of(self.final)
        self.rows = 0
        self._started = False
        self._parquet: Any = None
        self._schema: Any = None

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()

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
            if self.spreadsheet:
                df = spreadsheet_safe(df)
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
        """Finish the file and give it its final name."""
        if not self._started:
            self.write(empty_frame(self.table))
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        if self.path.exists():
            os.replace(self.path, self.final)

    def abort(self) -> None:
        """Drop what was written: nothing appears under the final name."""
        if self._parquet is not None:
            try:
                self._parquet.close()
            finally:
                self._parquet = None
        if self.path.exists():
            self.path.unlink()


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
    check_table(table)
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


@dataclass
class WriteSummary:
    """What :meth:`Corpus.write` did."""

    paths: dict[str, Path]
    documents: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    errors: pd.DataFrame = field(default_factory=lambda: empty_frame("errors"))
