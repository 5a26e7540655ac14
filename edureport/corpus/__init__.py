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

The modules, one job each: :mod:`~edureport.corpus.tables` (schema, frames,
files), :mod:`~edureport.corpus.rows` (a Report's rows),
:mod:`~edureport.corpus.sources` (documents from files),
:mod:`~edureport.corpus.runners` (documents → rows, on one or more processes),
:mod:`~edureport.corpus.corpus` (the :class:`Corpus`),
:mod:`~edureport.corpus.kpis` (KPI tables) and :mod:`~edureport.corpus.dask`
(Dask; imported only when used, as it needs the ``dask`` extra).
"""

from __future__ import annotations

from edureport.corpus.corpus import Corpus
from edureport.corpus.rows import report_rows
from edureport.corpus.sources import Document, FileSource
from edureport.corpus.tables import (
    COLUMNS,
    DTYPES,
    ERRORS_COLUMNS,
    ITEMS_COLUMNS,
    METRICS_COLUMNS,
    PATH_SEP,
    REPORTS_COLUMNS,
    SCHEMAS,
    SECTIONS_COLUMNS,
    TABLES,
    TOPIC_SEP,
    Column,
    Tables,
    TableWriter,
    WriteSummary,
    empty_frame,
    format_of,
    frame,
    read_table,
    table_paths,
)

__all__ = [
    "COLUMNS",
    "DTYPES",
    "ERRORS_COLUMNS",
    "ITEMS_COLUMNS",
    "METRICS_COLUMNS",
    "PATH_SEP",
    "REPORTS_COLUMNS",
    "SCHEMAS",
    "SECTIONS_COLUMNS",
    "TABLES",
    "TOPIC_SEP",
    "Column",
    "Corpus",
    "Document",
    "FileSource",
    "TableWriter",
    "Tables",
    "WriteSummary",
    "empty_frame",
    "format_of",
    "frame",
    "read_table",
    "report_rows",
    "table_paths",
]
