"""Parse a corpus on a Dask cluster and get exactly the tables one process gets.

Needs the ``dask`` extra (``pip install edureport[dask]``) on the client and on
every worker. Three entry points, all reached from :class:`~edureport.corpus.Corpus`:

* ``Corpus.to_dask()`` → ``{table: dask.dataframe.DataFrame}`` with explicit
  ``meta`` (the columns and dtypes of :func:`~edureport.corpus.empty_frame`);
* ``Corpus.parse(client=...)`` / ``parse(workers=N)`` → the pandas tables;
* ``Corpus.write(outputs, client=...)`` → every output becomes a partitioned
  dataset folder (``metrics.parquet/part.000000.parquet``, …) written by the
  workers themselves; only row counts and error rows come back to the client.

``client`` is a ``distributed.Client`` or a scheduler address; ``workers=N``
starts a ``LocalCluster`` of N worker processes with one thread each.

How the work travels: the corpus is cut, in order, into *partitions* of about
``partition_chars`` characters. A partition names its documents by file path
(text files, whole small CSV files, row ranges of large CSV files), so workers
read the files themselves and need to see them at the same paths; documents
held in memory (``Corpus.from_texts``) travel as ``(id, text)`` pairs. Each
worker process builds the pipeline once (a worker plugin warms it, and
:mod:`edureport.api` caches it per process); tasks carry only the segmenter
name, never the pipeline.

Order: rows within a partition follow the documents; partitions follow the
corpus. Computing the Dask frames, or reading a dataset folder whose files are
named ``part.<partition>.<format>``, gives the single-process rows in the
single-process order (the index restarts at 0 in each partition, as with
``dask.dataframe.read_csv``).

Faults: a document that raises becomes a row of ``errors`` on the worker (the
same :func:`~edureport.corpus.runners.outcome` as in one process). A worker that dies
loses only its running and held tasks; the scheduler runs them again
elsewhere, and since a partition's files are replaced atomically under fixed
names, every document ends up in the tables exactly once.
"""

from __future__ import annotations

import os
import threading
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, NamedTuple, Optional, Protocol, Sequence, Union

import pandas as pd

from edureport.corpus import runners
from edureport.corpus.runners import Options, options_of, progress_bar
from edureport.corpus.sources import Document, FileSource, count_csv_rows, is_csv, read_csv_file, read_text_file, text_id
from edureport.corpus.tables import (
    DTYPES,
    TABLES,
    PathLike,
    Tables,
    TableWriter,
    WriteSummary,
    check_table,
    empty_frame,
    format_of,
    read_table,
)
from edureport.errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from distributed import Client

#: Characters per partition (see docs/scaling.md for the measurements behind it).
DEFAULT_PARTITION_CHARS = 200_000
#: UTF-8 bytes per character of Chinese text: sizes files without reading them.
_BYTES_PER_CHAR = 3
#: A CSV file larger than this many partitions is split into row ranges.
_SPLIT_CSV_AT = 4


class CorpusLike(Protocol):
    """What this module needs of a :class:`~edureport.corpus.Corpus` (it does not import the class)."""

    name: str

    @property
    def files(self) -> Optional[FileSource]: ...

    def __iter__(self) -> Iterator[Document]: ...

    def count(self) -> Optional[int]: ...


def _require_dask() -> None:
    """Fail early, with the install command, when the extra is missing."""
    try:
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise ConfigError(
            f"parsing on Dask needs dask and distributed ({exc}); install them with: pip install edureport[dask]"
        ) from None


# --------------------------------------------------------------------------- partitions


class Source(NamedTuple):
    """Where some documents of a partition come from.

    ``kind`` is ``text`` (one text file: ``path``, ``report_id``), ``csv``
    (rows ``first`` up to ``stop`` of a CSV file; ``stop`` None = to the end)
    or ``doc`` (a :class:`~edureport.corpus.Document` carried as it is).
    """

    kind: str
    path: Optional[str] = None
    report_id: Optional[str] = None
    first: int = 0
    stop: Optional[int] = None
    doc: Optional[Document] = None


@dataclass(frozen=True)
class Partition:
    """Documents parsed by one task, in corpus order."""

    index: int
    sources: tuple[Source, ...]
    chars: int
    """estimated size in characters"""


class _CsvOptions(NamedTuple):
    text_column: str
    id_column: Optional[str]
    encoding: Optional[str]


def partitions(corpus: CorpusLike, partition_chars: int = DEFAULT_PARTITION_CHARS) -> Iterator[Partition]:
    """Cut ``corpus`` into partitions of about ``partition_chars`` characters, lazily and in order."""
    if partition_chars < 1:
        raise ConfigError("partition_chars must be at least 1")
    index = 0
    sources: list[Source] = []
    chars = 0
    for source, size in _sources(corpus, partition_chars):
        if sources and chars + size > partition_chars:
            yield Partition(index, tuple(sources), chars)
            index += 1
            sources, chars = [], 0
        sources.append(source)
        chars += size
    if sources:
        yield Partition(index, tuple(sources), chars)


def _sources(corpus: CorpusLike, partition_chars: int) -> Iterator[tuple[Source, int]]:
    files = corpus.files
    if files is None:  # documents in memory: they travel with the task
        for doc in corpus:
            yield Source("doc", doc=doc), len(doc.text) if isinstance(doc.text, str) else 1
        return
    for p in files.paths:
        size = max(1, _file_size(p) // _BYTES_PER_CHAR)
        if not is_csv(p):
            yield Source("text", str(p), text_id(p, files.root)), size
        elif size <= _SPLIT_CSV_AT * partition_chars:
            yield Source("csv", str(p)), size
        else:  # a large CSV: row ranges, so that its rows spread over the workers
            rows = count_csv_rows(p, files.encoding)
            per_row = max(1, size // max(rows, 1))
            step = max(1, partition_chars // per_row)
            for first in range(0, rows, step):
                last = first + step >= rows
                yield Source("csv", str(p), first=first, stop=None if last else first + step), per_row * (
                    rows - first if last else step)


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 1  # it will show up as an error row


def _documents(partition: Partition, csv: Optional[_CsvOptions]) -> Iterator[Document]:
    """The partition's documents, read on the worker; the same Documents one process reads."""
    for source in partition.sources:
        if source.kind == "doc":
            assert source.doc is not None
            yield source.doc
        elif source.kind == "text":
            yield read_text_file(Path(source.path), source.report_id)  # type: ignore[arg-type]
        else:
            assert csv is not None
            rows = read_csv_file(Path(source.path), csv.text_column, csv.id_column, csv.encoding)  # type: ignore[arg-type]
            yield from islice(rows, source.first, source.stop)


# --------------------------------------------------------------------------- work on the workers

_PARSE_LOCK = threading.Lock()


def _parse_partition(partition: Partition, csv: Optional[_CsvOptions], options: Options) -> Tables:
    """The five tables of one partition. Runs on a worker; the pipeline comes from the process cache."""
    with _PARSE_LOCK:  # one parse at a time per process: threads would only contend for the GIL
        runners.warm(*options)  # a configuration error fails the task (and the run), not every document
        rows: dict[str, list[tuple]] = {t: [] for t in TABLES}
        for doc in _documents(partition, csv):
            for table, found in runners.outcome(doc, *options).items():
                rows[table].extend(found)
    return Tables.from_rows(rows)


class _JobRows(NamedTuple):
    documents: int
    rows: list[tuple]
    errors: pd.DataFrame


def _job_partition(partition: Partition, csv: Optional[_CsvOptions], job: runners.Job, options: tuple,
                   table: str) -> _JobRows:
    """The ``table`` rows of another corpus job (the term count) for one partition, and its error rows."""
    with _PARSE_LOCK:
        job.warm(*options)
        rows: list[tuple] = []
        errors: list[tuple] = []
        documents = 0
        for doc in _documents(partition, csv):
            found = job.outcome(doc, *options)
            rows.extend(found[table])
            errors.extend(found["errors"])
            documents += 1
    return _JobRows(documents, rows, Tables.from_rows({"errors": errors}).errors)


class _Written(NamedTuple):
    documents: int
    rows: dict[str, int]
    errors: pd.DataFrame


def _write_partition(partition: Partition, csv: Optional[_CsvOptions], options: Options,
                     targets: Sequence[tuple[str, str, str]]) -> _Written:
    """Parse one partition and write its part file in every target folder; only counts go back."""
    tables = _parse_partition(partition, csv, options)
    for table, folder, fmt in targets:
        _write_part(tables[table], table, Path(folder), partition.index, fmt)
    return _Written(len(tables.reports) + len(tables.errors), {t: len(tables[t]) for t in TABLES}, tables.errors)


def part_name(index: int, fmt: str) -> str:
    """``part.000042.parquet``: names sort in corpus order."""
    return f"part.{index:06d}.{fmt}"


def _write_part(df: pd.DataFrame, table: str, folder: Path, index: int, fmt: str) -> None:
    """Write to a temporary name and rename: a task run twice (after a worker died) replaces, never adds."""
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / part_name(index, fmt)
    temporary = folder / f".{final.name}.{uuid.uuid4().hex}.tmp"
    try:
        with TableWriter(temporary, table, fmt) as writer:
            writer.write(df)
        os.replace(temporary, final)
    finally:
        if temporary.exists():
            temporary.unlink()


def _pipeline_plugin(options: Options) -> Any:
    from distributed.diagnostics.plugin import WorkerPlugin

    class PipelinePlugin(WorkerPlugin):
        """Builds the pipeline when a worker starts (and when the nanny restarts one), before any task."""

        def __init__(self, segmenter: Optional[str], pkuseg_model: Optional[str], max_chars: Optional[int]) -> None:
            self.options = (segmenter, pkuseg_model, max_chars)

        def setup(self, worker: Any) -> None:
            try:
                runners.warm(*self.options)
            except Exception:  # the first task raises it again, with the message
                pass

    return PipelinePlugin(*options)


def warm(client: Client, segmenter: Optional[str] = None, pkuseg_model: Optional[PathLike] = None,
         max_chars: Optional[int] = None) -> None:
    """Load the pipeline on every worker of ``client`` now (and on workers that join later)."""
    options = options_of(segmenter, pkuseg_model, max_chars)
    client.register_plugin(_pipeline_plugin(options), name=f"edureport-pipeline-{segmenter}-{options[1]}")


# --------------------------------------------------------------------------- the client side


#: Seconds a scheduler address is given to answer (a live port that is not Dask would hang forever).
CONNECT_TIMEOUT = float(os.environ.get("EDUREPORT_DASK_TIMEOUT", "10"))


def _probe(address: str, timeout: float) -> None:
    """A TCP scheduler address must answer at once: a Dask scheduler sends its handshake as soon as
    a connection opens. Anything else (nothing listening, a web server, a silent port) is refused
    within ``timeout`` seconds, saying so. Other protocols (tls://, ucx://) are left to Dask."""
    import socket

    scheme, _, rest = address.rpartition("://")
    if scheme not in ("", "tcp"):
        return
    host, _, port = rest.rpartition(":")
    if not port.isdigit():
        raise ConfigError(f"scheduler address {address!r}: give host:port or tcp://host:port")
    try:
        with socket.create_connection((host.strip("[]") or "127.0.0.1", int(port)), timeout=timeout) as sock:
            sock.settimeout(timeout)
            if not sock.recv(8):
                raise ConfigError(f"{address} closed the connection: not a Dask scheduler")
    except socket.timeout:
        raise ConfigError(f"{address} did not answer within {timeout:g} s: not a Dask scheduler? "
                          "(EDUREPORT_DASK_TIMEOUT sets the wait)") from None
    except OSError as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc.strerror or exc}") from None


@contextmanager
def connect(client: Union[Client, str, None] = None, workers: Optional[int] = None) -> Iterator[Client]:
    """A client: the one given, one connected to a scheduler address, or a new local cluster.

    A client made here is closed on exit (with its local cluster); one
    passed in is left open.
    """
    _require_dask()
    from distributed import Client as DaskClient
    from distributed import LocalCluster

    if client is not None and workers is not None:
        raise ConfigError("give either a client/scheduler address or a number of workers, not both")
    if client is not None and not isinstance(client, str):
        yield client
        return
    if isinstance(client, str):
        _probe(client, CONNECT_TIMEOUT)
        try:
            made = DaskClient(client, timeout=f"{CONNECT_TIMEOUT}s")
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {client}: {exc}") from None
        try:
            yield made
        finally:
            made.close()
        return
    if workers is None:
        workers = os.cpu_count() or 1
    if not isinstance(workers, int) or workers < 1:
        raise ConfigError(f"workers must be a whole number of at least 1, not {workers!r}")
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
    made = DaskClient(cluster)
    try:
        yield made
    finally:
        made.close()
        cluster.close()


def _csv_options(corpus: CorpusLike) -> Optional[_CsvOptions]:
    files = corpus.files
    return _CsvOptions(files.text_column, files.id_column, files.encoding) if files is not None else None


def to_dask(corpus: CorpusLike, *, partition_chars: int = DEFAULT_PARTITION_CHARS, segmenter: Optional[str] = None,
            pkuseg_model: Optional[PathLike] = None, client: Optional[Client] = None) -> dict[str, Any]:
    """``{table: dask DataFrame}``, lazy; ``meta`` is :func:`~edureport.corpus.empty_frame` of each table.

    The five frames share their parse tasks: compute them together
    (``dask.compute(*frames.values())``) or persist them, or each document is
    parsed once per frame computed. ``client``, when given, gets the
    pipeline warmed on its workers.
    """
    _require_dask()
    import dask
    import dask.dataframe as dd
    from dask.base import tokenize

    options = options_of(segmenter, pkuseg_model)
    if client is not None:
        warm(client, *options)
    csv = _csv_options(corpus)
    parse_part = dask.delayed(_parse_partition, pure=True)
    parts = [parse_part(p, csv, options, dask_key_name=f"edureport-parse-{tokenize(p, csv, options)}")
             for p in partitions(corpus, partition_chars)]
    frames: dict[str, Any] = {}
    for table in TABLES:
        meta = empty_frame(table)
        if not parts:
            frames[table] = dd.from_pandas(meta, npartitions=1)
            continue
        pieces = [dask.delayed(_table_of, pure=True)(part, table) for part in parts]
        frames[table] = dd.from_delayed(pieces, meta=meta, verify_meta=True)
    return frames


def _table_of(tables: Tables, table: str) -> pd.DataFrame:
    return tables[table]


def _run(client: Client, corpus: CorpusLike, task: Callable[..., Any], extra: tuple, partition_chars: int,
         progress: bool, on_result: Callable[[Partition, Any], None]) -> None:
    """Submit a task per partition, at most a few per worker thread in flight, and hand back each result.

    The bounded window keeps the client's memory flat however large the
    corpus, and lets documents held in memory be sent as they are read.
    """
    from distributed import as_completed

    run = uuid.uuid4().hex[:8]
    threads = max(1, sum(client.nthreads().values()))
    window = 4 * threads
    bar = progress_bar(corpus.count() if progress else None, progress, corpus.name)
    csv = _csv_options(corpus)
    failed = 0
    pending = as_completed()
    meta: dict[str, Partition] = {}
    try:
        for partition in partitions(corpus, partition_chars):
            key = f"edureport-{task.__name__.strip('_')}-{run}-{partition.index}"
            meta[key] = partition
            pending.add(client.submit(task, partition, csv, *extra, key=key, pure=False))
            while pending.count() >= window:
                failed += _collect(next(pending), meta, on_result, bar, failed)
        for future in pending:
            failed += _collect(future, meta, on_result, bar, failed)
    finally:
        bar.close()


def _collect(future: Any, meta: dict[str, Partition], on_result: Callable[[Partition, Any], None], bar: Any,
             failed: int) -> int:
    result = future.result()  # re-raises a task's own error (configuration, model) on the client
    partition = meta.pop(future.key)
    future.release()
    on_result(partition, result)
    new = len(result.errors)
    documents = result.documents if isinstance(result, (_Written, _JobRows)) else len(result.reports) + len(result.errors)
    bar.update(documents)
    if new:
        bar.set_postfix(failed=failed + new, refresh=False)
    return new


def parse(corpus: CorpusLike, *, client: Union[Client, str, None] = None, workers: Optional[int] = None,
          partition_chars: int = DEFAULT_PARTITION_CHARS, segmenter: Optional[str] = None,
          pkuseg_model: Optional[PathLike] = None, progress: bool = True, max_chars: Optional[int] = None) -> Tables:
    """The pandas tables of ``corpus``, parsed on Dask; the same rows in the same order as one process."""
    options = options_of(segmenter, pkuseg_model, max_chars)
    parts: dict[int, Tables] = {}
    with connect(client, workers) as dask_client:
        warm(dask_client, *options)
        _run(dask_client, corpus, _parse_partition, (options,), partition_chars, progress,
             lambda partition, tables: parts.__setitem__(partition.index, tables))
    ordered = [parts[i] for i in sorted(parts)]
    tables = Tables.concat(ordered)
    return Tables(**{t: tables[t].reset_index(drop=True) for t in TABLES})


def run_job(corpus: CorpusLike, job: runners.Job, options: tuple, table: str, *,
            client: Union[Client, str, None] = None, workers: Optional[int] = None,
            partition_chars: int = DEFAULT_PARTITION_CHARS, progress: bool = True) -> tuple[list[tuple], pd.DataFrame]:
    """Another corpus job on Dask (``Corpus.terms(client=...)``): its ``table`` rows and the error rows,
    in corpus order, as one process gives them."""
    parts: dict[int, _JobRows] = {}
    with connect(client, workers) as dask_client:
        _run(dask_client, corpus, _job_partition, (job, options, table), partition_chars, progress,
             lambda partition, found: parts.__setitem__(partition.index, found))
    rows = [row for i in sorted(parts) for row in parts[i].rows]
    errors = Tables.concat([Tables(errors=parts[i].errors) for i in sorted(parts)]).errors.reset_index(drop=True)
    return rows, errors


def write(corpus: CorpusLike, outputs: Sequence[tuple[str, Path]], *, client: Union[Client, str, None] = None,
          workers: Optional[int] = None, partition_chars: int = DEFAULT_PARTITION_CHARS, segmenter: Optional[str] = None,
          pkuseg_model: Optional[PathLike] = None, progress: bool = True,
          on_error: Optional[Callable[[pd.Series], None]] = None, max_chars: Optional[int] = None) -> WriteSummary:
    """Parse on Dask and write each ``(table, path)`` as a dataset folder of part files, from the workers.

    ``path``'s suffix picks the format of the part files
    (``metrics.parquet/part.000000.parquet``); ``pandas.read_parquet(path)``
    and ``dask.dataframe.read_parquet(path)`` read the whole table back.
    """
    targets = []
    for table, path in outputs:
        check_table(table)
        folder = Path(path)
        fmt = format_of(folder)
        _clear(folder, fmt)
        targets.append((table, str(folder.resolve()), fmt))
    options = options_of(segmenter, pkuseg_model, max_chars)
    summary = WriteSummary(paths={t: Path(p) for t, p in outputs}, rows=dict.fromkeys(TABLES, 0))
    errors: dict[int, pd.DataFrame] = {}
    count = 0

    def take(partition: Partition, written: _Written) -> None:
        nonlocal count
        count += 1
        summary.documents += written.documents
        for table, n in written.rows.items():
            summary.rows[table] += n
        if len(written.errors):
            errors[partition.index] = written.errors
            if on_error is not None:
                for _, row in written.errors.iterrows():
                    on_error(row)

    with connect(client, workers) as dask_client:
        warm(dask_client, *options)
        _run(dask_client, corpus, _write_partition, (options, tuple(targets)), partition_chars, progress, take)
    if count == 0:  # an empty corpus still gets readable, typed tables
        for table, target, fmt in targets:
            _write_part(empty_frame(table), table, Path(target), 0, fmt)
    summary.errors = Tables.concat([Tables(errors=errors[i]) for i in sorted(errors)]).errors.reset_index(drop=True)
    return summary


def _clear(folder: Path, fmt: str) -> None:
    """Make room for a new dataset: old part files go, anything else stops the run."""
    if folder.is_file():
        folder.unlink()  # a single-file table of an earlier run, under the same name
        return
    if not folder.is_dir():
        return
    others = [p.name for p in folder.iterdir() if not (p.name.startswith("part.") or p.name.startswith(".part."))]
    if others:
        raise ConfigError(f"{folder}: this folder holds other files ({', '.join(sorted(others)[:3])}); "
                          "choose a new name for the dataset")
    for p in folder.iterdir():
        p.unlink()


def read_dataset(path: PathLike, table: Optional[str] = None) -> pd.DataFrame:
    """A table written by :func:`write` (a folder of part files) as one pandas DataFrame, in corpus order."""
    folder = Path(path)
    if table is None:
        table = next((t for t in TABLES if folder.stem.endswith(t)), None)
        if table is None:
            raise ConfigError(f"{folder}: cannot tell which table this is; pass table=...")
    fmt = format_of(folder)
    parts = sorted(folder.glob(f"part.*.{fmt}"))
    if not parts:
        return empty_frame(table)
    frames = [read_table(p, table) for p in parts]
    return pd.concat(frames, ignore_index=True).astype(DTYPES[table])


__all__ = [
    "DEFAULT_PARTITION_CHARS",
    "Partition",
    "Source",
    "connect",
    "parse",
    "partitions",
    "part_name",
    "read_dataset",
    "to_dask",
    "warm",
    "write",
]
