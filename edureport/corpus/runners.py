"""Documents → table rows, in one process or several, with a progress bar.

:func:`outcome` is the one function that turns a :class:`~edureport.corpus.sources.Document`
into rows, in every process and on Dask workers, so every way of running gives
the same rows; :func:`run` gives them in corpus order, serially or on a
process pool (:func:`edureport.parallel.map_batches`).
"""

from __future__ import annotations

import sys
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Optional

from edureport.corpus.rows import report_rows
from edureport.corpus.sources import Document
from edureport.corpus.tables import PathLike, Rows
from edureport.errors import ConfigError
from edureport.parallel import batched, map_batches
from edureport.text.read import printable

#: ``(segmenter or None for the rules alone, pkuseg model path or None, max_chars or None for the
#: default)``: what a process needs, and picklable.
Options = tuple[Optional[str], Optional[str], Optional[int]]


def options_of(segmenter: Optional[str], pkuseg_model: Optional[PathLike], max_chars: Optional[int] = None) -> Options:
    """The parse options as they travel to other processes."""
    if max_chars is not None and (not isinstance(max_chars, int) or max_chars < 1):
        raise ConfigError(f"max_chars must be a whole number of at least 1, not {max_chars!r}")
    return (segmenter, str(pkuseg_model) if pkuseg_model else None, max_chars)


def outcome(doc: Document, segmenter: Optional[str], pkuseg_model: Optional[str],
            max_chars: Optional[int] = None) -> Rows:
    """The rows of one document, or its error row: the same function in every process."""
    from edureport.api import MAX_CHARS, apply_source, parse

    if doc.error is not None:
        return {"errors": [(doc.report_id, doc.source, "read", doc.error[0], doc.error[1])]}
    try:
        report = parse(doc.text, segmenter=segmenter, pkuseg_model=pkuseg_model, source=doc.source,  # type: ignore[arg-type]
                       max_chars=max_chars or MAX_CHARS)
        if doc.origin is not None:
            apply_source(report, doc.origin)
        rows = report_rows(doc.report_id, report)
    except Exception as exc:  # one bad document must not end a run over thousands
        return {"errors": [(doc.report_id, doc.source, "parse", type(exc).__name__, printable(str(exc)))]}
    rows["errors"] = []
    return rows


def warm(segmenter: Optional[str], pkuseg_model: Optional[str], max_chars: Optional[int] = None) -> None:
    """Build the pipeline now, so a configuration error stops the run instead of failing every document."""
    from edureport.api import parse

    parse("", segmenter=segmenter, pkuseg_model=pkuseg_model)


class Job(NamedTuple):
    """What to do with each document: ``outcome(doc, *options)`` gives its rows (an ``errors`` list
    among them), ``warm(*options)`` loads what it needs first. Module-level functions, so it pickles."""

    outcome: Callable[..., Rows]
    warm: Callable[..., None]


#: The corpus tables (:func:`outcome`): what :meth:`edureport.Corpus.parse` runs.
PARSE = Job(outcome, warm)


def run(documents: Iterable[Document], parse_options: tuple, *, n_process: int, batch_size: int, progress: bool,
        total: Callable[[], Optional[int]], name: str, job: Job = PARSE) -> Iterator[Rows]:
    """The rows of every document, in order, counted (failures too) on a progress bar.

    A generator: nothing is checked, counted or read before the first ``next()``.
    ``total`` is asked only when the bar is shown. ``job`` says what rows (the tables by default).
    """
    if n_process < 1:
        raise ConfigError("n_process must be at least 1")
    if batch_size < 1:
        raise ConfigError("batch_size must be at least 1")
    bar = progress_bar(total() if progress else None, progress, name)
    failed = 0
    try:
        outcomes = (serial(documents, parse_options, job) if n_process == 1
                    else parallel(documents, parse_options, n_process, batch_size, job))
        for rows in outcomes:
            if rows["errors"]:
                failed += 1
                bar.set_postfix(failed=failed, refresh=False)
            bar.update(1)
            yield rows
    finally:
        bar.close()


def serial(documents: Iterable[Document], parse_options: tuple, job: Job = PARSE) -> Iterator[Rows]:
    """Every document's rows, parsed in this process."""
    job.warm(*parse_options)
    for doc in documents:
        yield job.outcome(doc, *parse_options)


def parallel(documents: Iterable[Document], parse_options: tuple, n_process: int, batch_size: int,
             job: Job = PARSE) -> Iterator[Rows]:
    """Every document's rows, parsed in batches on ``n_process`` processes; the order of ``documents``."""
    for results in map_batches(_work, batched(documents, batch_size), n_process,
                               initializer=_init_worker, initargs=(job, parse_options)):
        yield from results


_WORKER_JOB: list[tuple[Job, tuple]] = []


def _init_worker(job: Job, parse_options: tuple) -> None:
    _WORKER_JOB[:] = [(job, parse_options)]
    job.warm(*parse_options)


def _work(batch: list[Document]) -> list[Rows]:
    job, parse_options = _WORKER_JOB[0]
    return [job.outcome(doc, *parse_options) for doc in batch]


# --------------------------------------------------------------------------- progress


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def set_postfix(self, **kwargs: Any) -> None:
        pass

    def close(self) -> None:
        pass


def progress_bar(total: Optional[int], enabled: bool, name: str) -> Any:
    """A tqdm bar on standard error (``tqdm.auto``: a widget in Jupyter, text elsewhere); a silent one when disabled."""
    if not enabled:
        return _NoBar()
    bar_options = {"total": total, "desc": "parsing", "unit": "doc", "file": sys.stderr, "dynamic_ncols": True}
    try:
        from tqdm.auto import tqdm

        return tqdm(**bar_options)
    except ImportError:  # Jupyter without ipywidgets: fall back to the text bar
        from tqdm import tqdm as text_tqdm

        return text_tqdm(**bar_options)
