"""The :class:`Corpus`: many reports read lazily and parsed into the five pandas tables.

>>> from edureport import Corpus
>>> corpus = Corpus.from_dir("seeds").parse(segmenter="char", progress=False)
>>> corpus.metrics[["report_id", "text", "value", "unit", "kind", "item_role"]].head()  # doctest: +SKIP

A Corpus reads its documents lazily (:mod:`~edureport.corpus.sources`), parses
them one by one or on several processes (:mod:`~edureport.corpus.runners`) or
on Dask (:mod:`~edureport.corpus.dask`), and turns every Report into rows of
the tables straight away (:mod:`~edureport.corpus.tables`).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Union

import pandas as pd

from edureport.corpus.runners import options_of, run
from edureport.corpus.sources import Document, FileSource, count_documents, csv_header, read_files
from edureport.corpus.tables import TABLES, PathLike, Rows, Tables, TableWriter, WriteSummary
from edureport.errors import ConfigError, InputError
from edureport.text.read import report_files


class Corpus:
    """A collection of reports, read lazily, parsed into pandas tables.

    Build one with :meth:`from_dir`, :meth:`from_csv`, :meth:`from_files` or
    :meth:`from_texts`; call :meth:`parse`; read :attr:`reports`,
    :attr:`sections`, :attr:`items`, :attr:`metrics`, :attr:`errors`; export
    with :meth:`to_parquet`, :meth:`to_csv`, :meth:`to_jsonl`. For corpora
    whose tables do not fit in memory, :meth:`write` streams to files and
    :meth:`iter_tables` yields the tables chunk by chunk.
    """

    def __init__(self, documents: Callable[[], Iterator[Document]], size: Callable[[], Optional[int]], name: str,
                 files: Optional[FileSource] = None) -> None:
        self._documents = documents
        self._size = size
        self.name = name
        self._tables: Optional[Tables] = None
        self._files = files

    def __repr__(self) -> str:
        state = "parsed" if self._tables is not None else "not parsed"
        return f"<Corpus {self.name} ({state})>"

    # ---- building

    @classmethod
    def from_dir(
        cls,
        path: PathLike,
        pattern: Optional[str] = None,
        *,
        text_column: str = "full_text",
        id_column: Optional[str] = None,
        encoding: Optional[str] = None,
    ) -> Corpus:
        """The files in folder ``path`` matching ``pattern`` (``**/*.txt`` reaches subfolders), sorted;
        by default every report file: ``.txt``, ``.md``, ``.docx``, ``.html``/``.htm``, ``.pdf``.

        ``.csv`` files are read as tables with one report per row (see
        :meth:`from_csv`); other files as :func:`edureport.parse_file` reads them. A folder
        without report files but with ``.csv`` files is read as CSV: the shared government
        corpus is a folder of one-row CSV files.
        """
        folder = Path(path)
        if not folder.is_dir():
            raise InputError(f"{folder}: not a folder")
        if pattern is None:
            files = report_files(folder) or sorted(p for p in folder.glob("*.csv") if p.is_file())
            if not files:
                raise InputError(f"{folder}: no report files (.txt, .md, .docx, .html, .pdf) and no .csv files")
        else:
            files = sorted(p for p in folder.glob(pattern) if p.is_file())
            if not files:
                raise InputError(f"{folder}: no files matching {pattern!r}")
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
        files = FileSource(tuple(Path(p) for p in paths), text_column, id_column, encoding,
                           Path(root) if root is not None else None)
        return cls(lambda: read_files(files), lambda: count_documents(files), f"{len(files.paths)} files", files)

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
        from 0). ``encoding`` defaults to the one the start of the file shows
        (a BOM's, else UTF-8, else GB18030: :func:`edureport.text.read.detect_encoding`).
        """
        p = Path(path)
        if not p.is_file():
            raise InputError(f"{p}: no such file")
        header = csv_header(p, encoding)
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

    @property
    def files(self) -> Optional[FileSource]:
        """The files this corpus reads and how (columns, encoding, id root); None for texts in memory.

        What a backend on other machines needs to read the documents itself:
        :mod:`edureport.corpus.dask` sends these paths to its workers instead
        of the texts.
        """
        return self._files

    # ---- parsing

    def iter_tables(
        self,
        *,
        n_process: int = 1,
        batch_size: int = 8,
        chunk_size: int = 64,
        progress: bool = True,
        segmenter: Optional[str] = None,
        pkuseg_model: Optional[PathLike] = None,
        max_chars: Optional[int] = None,
    ) -> Iterator[Tables]:
        """Parse, yielding :class:`Tables` for every ``chunk_size`` documents (the last chunk may be smaller).

        ``n_process > 1`` parses batches of ``batch_size`` documents on that
        many processes; the rows are the same and in the same order as with one.
        A document that cannot be read or parsed becomes a row of ``errors``; one longer than
        ``max_chars`` characters (default :data:`edureport.MAX_CHARS`) too, before any work on it.
        """
        if chunk_size < 1:
            raise ConfigError("chunk_size must be at least 1")
        buffer: Rows = {t: [] for t in TABLES}
        pending = 0
        for outcome in self._outcomes(n_process, batch_size, progress, segmenter, pkuseg_model, max_chars):
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
        segmenter: Optional[str] = None,
        pkuseg_model: Optional[PathLike] = None,
        max_chars: Optional[int] = None,
        client: Any = None,
        workers: Optional[int] = None,
        partition_chars: Optional[int] = None,
    ) -> Corpus:
        """Parse every document and keep the tables (not the Reports); returns the corpus itself.

        ``progress`` shows a tqdm bar on standard error (a widget in Jupyter).
        ``client`` (a ``distributed.Client`` or a scheduler address) or
        ``workers=N`` (a local cluster of N processes) parse on Dask, in
        partitions of about ``partition_chars`` characters: the same rows in
        the same order (see :mod:`edureport.corpus.dask`, docs/scaling.md). ``max_chars``: a
        document longer than this (default :data:`edureport.MAX_CHARS`) is an error row, refused
        before any work on it.
        """
        if client is not None or workers is not None:
            from edureport.corpus import dask as scaleout

            self._tables = scaleout.parse(
                self, client=client, workers=workers, segmenter=segmenter, pkuseg_model=pkuseg_model, max_chars=max_chars,
                progress=progress, partition_chars=partition_chars or scaleout.DEFAULT_PARTITION_CHARS)
            return self
        chunks = list(self.iter_tables(n_process=n_process, batch_size=batch_size, progress=progress,
                                       segmenter=segmenter, pkuseg_model=pkuseg_model, max_chars=max_chars))
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
        segmenter: Optional[str] = None,
        pkuseg_model: Optional[PathLike] = None,
        max_chars: Optional[int] = None,
        on_error: Optional[Callable[[pd.Series], None]] = None,
        client: Any = None,
        workers: Optional[int] = None,
        partition_chars: Optional[int] = None,
        spreadsheet: bool = False,
    ) -> WriteSummary:
        """Parse and stream the tables to files as it goes: memory stays flat however large the corpus.

        ``outputs`` maps table names to files (``{"metrics": "m.parquet"}``,
        or pairs, to write a table to several files); the suffix picks the
        format (see also :func:`table_paths`). ``on_error`` is called with
        each row of the errors table as it happens. With ``client`` or
        ``workers`` (see :meth:`parse`) the Dask workers write each output as
        a folder of part files (``m.parquet/part.000000.parquet``, …), which
        ``pandas.read_parquet("m.parquet")`` reads back whole. ``spreadsheet``: CSV files for a
        spreadsheet, formula-like text cells prefixed with ``'`` (:func:`~edureport.corpus.tables.spreadsheet_safe`;
        one process or several, not Dask).
        """
        pairs = [(t, Path(p)) for t, p in (outputs.items() if isinstance(outputs, Mapping) else outputs)]
        if client is not None or workers is not None:
            from edureport.corpus import dask as scaleout

            if spreadsheet:
                raise ConfigError("spreadsheet=True is for one machine; write Parquet on Dask and export from it")
            return scaleout.write(
                self, pairs, client=client, workers=workers, segmenter=segmenter, pkuseg_model=pkuseg_model,
                max_chars=max_chars,
                progress=progress, on_error=on_error,
                partition_chars=partition_chars or scaleout.DEFAULT_PARTITION_CHARS)
        writers = [TableWriter(path, table, spreadsheet=spreadsheet) for table, path in pairs]  # checks names, formats
        summary = WriteSummary(paths=dict(pairs))
        errors = []
        finished = False
        try:
            for chunk in self.iter_tables(n_process=n_process, batch_size=batch_size, chunk_size=chunk_size,
                                          progress=progress, segmenter=segmenter, pkuseg_model=pkuseg_model,
                                          max_chars=max_chars):
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
            finished = True
        finally:
            for writer in writers:  # renamed only when every chunk was written
                if finished:
                    writer.close()
                else:
                    writer.abort()
        summary.errors = Tables.concat([Tables(errors=e) for e in errors]).errors
        return summary

    def _outcomes(self, n_process: int, batch_size: int, progress: bool, segmenter: Optional[str],
                  pkuseg_model: Optional[PathLike], max_chars: Optional[int] = None) -> Iterator[Rows]:
        return run(self, options_of(segmenter, pkuseg_model, max_chars), n_process=n_process, batch_size=batch_size,
                   progress=progress, total=self.count, name=self.name)

    def to_dask(
        self,
        *,
        segmenter: Optional[str] = None,
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

    def terms(
        self,
        *,
        stop_words: Iterable[str] = (),
        roles: Optional[Iterable[str]] = None,
        phrases: Iterable[str] = (),
        max_chars: Optional[int] = None,
        segmenter: str = "auto",
        pkuseg_model: Optional[PathLike] = None,
        n_process: int = 1,
        batch_size: int = 8,
        progress: bool = True,
        client: Any = None,
        workers: Optional[int] = None,
        partition_chars: Optional[int] = None,
    ) -> pd.DataFrame:
        """Term counts (词频): one row per report, section, role and term, with its ``count``
        (columns: :data:`edureport.corpus.terms.TERMS_DTYPES`).

        Words come from the pipeline's tokenizer (``segmenter``: pkuseg with the domain lexicon by
        default, so 集团化办学 stays one term), with the phrases of ``data/phrases.txt`` and ``phrases``
        joined back into one term where the words split them (高质量|发展 → 高质量发展); punctuation,
        figures and stop words (the shipped
        ``data/stopwords.txt`` and ``stop_words``) are left out, so a report's counts add up to its
        words less those. ``roles``: count only under these roles (``["problem"]``: what reports say
        goes wrong); a word takes its item's role, else its section's. ``n_process``, ``client`` and
        ``workers`` run it as :meth:`parse` does, and so does ``max_chars``. Documents that cannot be read or parsed are not
        counted: ``table.attrs["errors"]`` lists them (records with the columns of the errors table:
        ``pd.DataFrame(table.attrs["errors"])``), and a warning says how many.
        """
        from edureport.corpus.terms import TERMS, term_options, terms_frame

        options = term_options(segmenter, pkuseg_model, stop_words, roles, phrases, max_chars)
        if client is not None or workers is not None:
            from edureport.corpus import dask as scaleout

            rows, errors = scaleout.run_job(self, TERMS, options, "terms", client=client, workers=workers,
                                            partition_chars=partition_chars or scaleout.DEFAULT_PARTITION_CHARS,
                                            progress=progress)
        else:
            rows, error_rows = [], []
            for found in run(self, options, n_process=n_process, batch_size=batch_size, progress=progress,
                             total=self.count, name=self.name, job=TERMS):
                rows.extend(found["terms"])
                error_rows.extend(found["errors"])
            errors = Tables.from_rows({"errors": error_rows}).errors
        table = terms_frame(rows)
        table.attrs["errors"] = errors.astype(object).where(errors.notna(), None).to_dict("records")
        if len(errors):
            warnings.warn(f"{len(errors)} document(s) not counted: see table.attrs['errors']", stacklevel=2)
        return table

    def kpis(self) -> pd.DataFrame:
        """One row per figure with a canonical indicator (``indicator_id``), with its report's
        issuer and period: columns and dtypes in :data:`edureport.corpus.kpis.KPIS_DTYPES`."""
        from edureport.corpus.kpis import kpis_frame

        return kpis_frame(self.metrics, self.reports)

    def target_outcomes(self, *others: Corpus,
                        place: Union[None, str, Mapping[str, str], Callable[[str], Optional[str]]] = None) -> pd.DataFrame:
        """Targets against results: one row per target of these reports (and of ``others``: the
        later reports, when they are another corpus), with the result a later report of the same
        place gives and the outcome, ``met``, ``exceeded``, ``missed`` or ``not_reported``
        (columns: :data:`edureport.corpus.targets.TARGETS_DTYPES`; rules: docs/targets.md).

        ``place`` says whose reports answer whose when the text does not (Report.place is None:
        an education bureau's ``区教体局``, a masked ``**市``): ``"issuer"`` (the same issuer
        string), a mapping ``{report_id: place}`` or a function of the report id
        (``lambda rid: rid.split("_")[1]`` for ``2023_某区_上半年总结``); the text's place comes first.

        >>> Corpus.from_dir("reports-2025").target_outcomes(Corpus.from_dir("reports-2026"))  # doctest: +SKIP
        """
        from edureport.corpus.targets import target_outcomes

        corpora = (self, *others)
        reports = pd.concat([c.reports for c in corpora], ignore_index=True)
        repeated = reports["report_id"][reports["report_id"].duplicated()]
        if len(repeated):
            raise ConfigError(f"report ids occur in more than one corpus: {', '.join(map(str, repeated[:5]))}; "
                              "give each corpus distinct ids (id_column=..., or distinct file names)")
        kpis = pd.concat([c._kpis_with_sections() for c in corpora], ignore_index=True)
        if isinstance(place, str) and place != "issuer":
            raise ConfigError(f"place={place!r}: give 'issuer', a mapping of report ids or a function")
        if place is not None:
            given = [reports["issuer"].iloc[i] if place == "issuer" else
                     place.get(rid) if isinstance(place, Mapping) else
                     place(rid) if callable(place) else None for i, rid in enumerate(reports["report_id"])]
            reports = reports.assign(place=reports["place"].fillna(pd.Series(given, index=reports.index, dtype="string")))
        return target_outcomes(kpis, reports)

    def _kpis_with_sections(self) -> pd.DataFrame:
        """:meth:`kpis` with the section path and title of each figure's item (where a review of five years stands)."""
        metrics = self.metrics[["report_id", "start", "item_index"]]
        items = self.items[["report_id", "item_index", "section_path", "title"]]
        items = items.assign(section_path=items["section_path"].fillna("") + " / " + items["title"].fillna(""))
        where = metrics.merge(items, on=["report_id", "item_index"], how="left").drop_duplicates(["report_id", "start"])
        return self.kpis().merge(where[["report_id", "start", "section_path"]], on=["report_id", "start"], how="left")

    def kpi_table(self, indicator_ids: Union[str, Iterable[str]], status: Optional[str] = None,
                  **options: Any) -> pd.DataFrame:
        """Report × indicator, the first matching figure of each report in document order, with
        ``<id>_start``/``<id>_end`` offsets; options in :func:`edureport.corpus.kpis.kpi_table`
        (``period_norm=``, ``aggregation=``, ``value=``, ``offsets=``, ``long=``)."""
        from edureport.corpus.kpis import kpi_table

        return kpi_table(self.kpis(), self.reports, indicator_ids, status, **options)

    def to_csv(self, directory: PathLike, *, prefix: str = "", tables: Optional[Iterable[str]] = None,
               spreadsheet: bool = False) -> dict[str, Path]:
        """Write ``<directory>/<prefix><table>.csv`` for each table (default: all five); ``spreadsheet``:
        formula-like text cells prefixed with ``'`` for files a spreadsheet will open."""
        return self.tables.to_csv(directory, prefix=prefix, tables=tables, spreadsheet=spreadsheet)

    def to_jsonl(self, directory: PathLike, *, prefix: str = "", tables: Optional[Iterable[str]] = None) -> dict[str, Path]:
        """Write ``<directory>/<prefix><table>.jsonl`` for each table (default: all five)."""
        return self.tables.to_jsonl(directory, prefix=prefix, tables=tables)

    def to_parquet(self, directory: PathLike, *, prefix: str = "", tables: Optional[Iterable[str]] = None) -> dict[str, Path]:
        """Write ``<directory>/<prefix><table>.parquet`` for each table (default: all five)."""
        return self.tables.to_parquet(directory, prefix=prefix, tables=tables)
