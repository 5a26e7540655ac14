"""The front door: load(), parse(), parse_file(), parse_many().

parse() runs the rules on the string (:func:`edureport.assemble.analyze`): the Report
needs no words, so by default no segmenter is loaded. Given a ``segmenter``, it runs
the spaCy pipeline instead, which gives the same Report; that pipeline is built once
per process and configuration and reused, the segmenter model inside it shared.
"""

from __future__ import annotations

import gc
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

from spacy.language import Language

from edureport import segmenter as _segmenter
from edureport.assemble import analyze
from edureport.errors import ConfigError, EdureportError, InputError, InputTooLargeError
from edureport.models import Report
from edureport.parallel import batched, map_batches
from edureport.pipeline import COMPONENTS, register_extensions
from edureport.pipeline.common import REPORT_ONLY_KEY, TEXT_KEY, user_data
from edureport.pipeline.quantities import QuantityFinder
from edureport.text.normalize import ensure_text
from edureport.text.read import Source, printable, read_source
from edureport.text.web import read_html

#: Longest text parse() accepts by default (characters): a text of any content this long parses within
#: 2 GB with default settings (≈ 290 MB per million characters for a table of figures, ≈ 60 MB for
#: prose; docs/performance.md). Reports run to a few hundred thousand characters; raise it with
#: ``max_chars=`` where memory allows.
MAX_CHARS = 6_000_000

_CACHE: dict[tuple[Any, ...], Language] = {}
#: Components whose results only the Doc carries (token boundaries, the "lists" span group): the Report does not read them.
_DOC_ONLY = frozenset({"edureport_align", "edureport_lists"})
_LOCK = threading.Lock()


def load(
    segmenter: str = "auto",
    pkuseg_model: Optional[Union[str, Path]] = None,
    max_chars: int = MAX_CHARS,
    spans: bool = True,
    kpi_vocabulary: Sequence[Union[str, Path]] = (),
) -> Language:
    """A new spaCy pipeline (lang ``zh``) with edureport's components.

    ``segmenter``: ``"auto"`` (pkuseg when its model is available, else
    characters), ``"pkuseg"``, ``"char"`` or ``"jieba"``. ``pkuseg_model``: a
    model folder, overriding ``EDUREPORT_PKUSEG_MODEL`` and the cache.
    ``kpi_vocabulary``: JSON files of indicators merged into the shipped
    vocabulary (``data/kpis.json``; see docs/kpis.md) for ``Metric.indicator_id``.
    """
    if max_chars <= 0:
        raise ConfigError("max_chars must be positive")
    register_extensions()
    nlp = _segmenter.blank(segmenter=segmenter, pkuseg_model=pkuseg_model)
    for name in COMPONENTS:
        config: dict[str, Any] = {"spans": spans} if name == "edureport_report" else {}
        component = nlp.add_pipe(name, config=config)
        if isinstance(component, QuantityFinder):
            for path in kpi_vocabulary:  # component data, saved by nlp.to_disk(), not paths in the config
                component.add_kpi_vocabulary(path)
    with _gc_paused():
        nlp(_WARM_UP)  # builds every data table now, not in the first parse (≈ 0.1 s once per process)
    nlp.max_length = max_chars + 1
    return nlp


#: A text that reaches every table (units, cue lexicons, the KPI vocabulary, scope cues, topics).
_WARM_UP = "一、主要工作\n（一）学前教育。2025年全县新增学位**个，投入1.2亿元，同比增长3.5%，力争毛入园率达到95%。"


def _shared(segmenter: str, pkuseg_model: Optional[Union[str, Path]]) -> Language:
    key = (segmenter, str(pkuseg_model) if pkuseg_model else os.environ.get("EDUREPORT_PKUSEG_MODEL"))
    with _LOCK:
        nlp = _CACHE.get(key)
        if nlp is None:
            nlp = _CACHE[key] = load(segmenter=segmenter, pkuseg_model=pkuseg_model)
    return nlp


def _check_size(text: str, limit: int, source: Optional[str] = None) -> None:
    if len(text) > limit:
        raise InputTooLargeError(
            f"{source + ': ' if source else ''}text has {len(text):,} characters, more than the limit of {limit:,}; "
            "split it, or raise the limit with max_chars=... (parse, parse_file, parse_many; load for nlp)"
        )


def parse(
    text: str,
    *,
    segmenter: Optional[str] = None,
    pkuseg_model: Optional[Union[str, Path]] = None,
    source: Optional[str] = None,
    max_chars: int = MAX_CHARS,
) -> Report:
    """Parse one report. Any ``str`` gives a Report; other types raise :class:`InputError`.

    ``segmenter``: ``None`` (the default) reads the text with the rules alone, at their speed;
    a segmenter's name (``"auto"``, ``"pkuseg"``, ``"char"``, ``"jieba"``, as in :func:`load`)
    runs the spaCy pipeline with it, which gives the same Report (words are for ``nlp(text)``
    and corpus term counts). ``max_chars``: the longest text accepted, checked before anything
    is loaded (:class:`InputTooLargeError` naming ``source``); see docs/performance.md for memory.
    """
    text = ensure_text(text)
    if max_chars <= 0:
        raise ConfigError("max_chars must be positive")
    _check_size(text, max_chars, source)
    if segmenter is None and pkuseg_model is None:
        with _gc_paused():
            return analyze(text, source)
    nlp = _shared(segmenter or "auto", pkuseg_model)
    nlp.max_length = max(nlp.max_length, max_chars + 1)
    return _run(nlp, text, source)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while one text is parsed.

    A parse allocates a great many short-lived objects (a token per character, a model per
    metric) that form no reference cycles; the collector's passes over them cost ≈ 10 % on
    figure-dense text. It resumes afterwards (if it was on), so nothing is kept.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run(nlp: Language, text: str, source: Optional[str]) -> Report:
    """``nlp(text)``, handing the components the input string so none rebuilds it from tokens.

    Only the Report leaves this function, so the ``report`` component is told
    not to build ``doc.spans`` (the same Report either way).
    """
    with _gc_paused():
        doc = nlp.make_doc(text)
        user_data(doc).update({TEXT_KEY: text, REPORT_ONLY_KEY: True})
        for name, component in nlp.pipeline:
            if name not in _DOC_ONLY:
                doc = component(doc)
    report: Report = doc._.report
    user_data(doc).pop(TEXT_KEY, None)
    report.source = source
    return report


def parse_file(path: Union[str, Path], **options: Any) -> Report:
    """Parse a file, routed by its content and suffix: a PDF's text layer (the ``pdf`` extra; every
    item and metric gets its ``page``), a Word ``.docx`` (``docx``), a saved web page ``.html``/``.htm``
    (``html``: the main text without the site around it), else text: UTF-8 (with or without BOM),
    UTF-16/32 with BOM, or GB18030/GBK. ``Report.source_format`` says which. Undecodable bytes raise
    :class:`DecodeError` naming the file."""
    found = read_source(path)
    return apply_source(parse(found.text, source=printable(str(path)), **options), found)


def parse_html(html: str, **options: Any) -> Report:
    """Parse a web page given as an HTML string (the ``html`` extra): its main text, as ``parse_file``
    reads a saved ``.html`` page."""
    page = read_html(ensure_text(html))
    found = Source(page.text, "html", title=page.title, date=page.date)
    return apply_source(parse(found.text, **options), found)


def apply_source(report: Report, found: Source) -> Report:
    """What the file adds to the Report of its text: the format read, a web page's title and date where
    the text names none, and the page of every item and metric of a PDF."""
    report.source_format = found.format
    if found.warnings:
        report.warnings.extend(found.warnings)
    if report.title is None and found.title:
        report.title = found.title
    if report.date is None and found.date:
        report.date = found.date
    if found.pages is not None:
        page_of = found.pages.page
        for metric in report.metrics:
            metric.__dict__["page"] = page_of(metric.start)
        for item in report.items:
            item.__dict__["page"] = page_of(item.start)
    return report


def parse_many(
    texts: Iterable[str],
    *,
    n_process: int = 1,
    batch_size: int = 8,
    segmenter: Optional[str] = None,
    pkuseg_model: Optional[Union[str, Path]] = None,
    max_chars: int = MAX_CHARS,
) -> Iterator[Report]:
    """Parse many reports, in order, lazily. ``n_process > 1`` spreads them over processes;
    ``segmenter`` and ``max_chars`` as in :func:`parse`."""
    if n_process < 1:
        raise ConfigError("n_process must be at least 1")
    if batch_size < 1:
        raise ConfigError("batch_size must be at least 1")
    if n_process == 1:
        for index, text in enumerate(texts):
            try:
                report = parse(text, segmenter=segmenter, pkuseg_model=pkuseg_model, max_chars=max_chars)
            except (InputError, InputTooLargeError) as exc:
                raise type(exc)(f"input {index}: {exc}") from exc
            yield report
        return
    failed: list[tuple[int, EdureportError]] = []

    def checked_texts() -> Iterator[str]:
        # Each text is checked as a batch takes it; a bad one ends the input, and its error is raised
        # after the reports before it, as with one process.
        for index, text in enumerate(texts):
            try:
                text = ensure_text(text)
                _check_size(text, max_chars)
            except (InputError, InputTooLargeError) as exc:
                failed.append((index, exc))
                return
            yield text

    for payloads in map_batches(_worker_batch, batched(checked_texts(), batch_size), n_process,
                                initializer=_worker_init, initargs=(segmenter, pkuseg_model, max_chars)):
        yield from _drain(payloads)
    if failed:
        index, error = failed[0]
        raise type(error)(f"input {index}: {error}") from error


_WORKER: dict[str, Any] = {}


def _worker_init(segmenter: Optional[str], pkuseg_model: Optional[Union[str, Path]], max_chars: int) -> None:
    _WORKER["options"] = (segmenter, pkuseg_model, max_chars)
    parse(_WARM_UP, segmenter=segmenter, pkuseg_model=pkuseg_model)  # tables (and any model) loaded once


def _worker_batch(texts: list[str]) -> list[str]:
    segmenter, pkuseg_model, max_chars = _WORKER["options"]
    return [parse(text, segmenter=segmenter, pkuseg_model=pkuseg_model, max_chars=max_chars).model_dump_json()
            for text in texts]


def _drain(payloads: list[str]) -> Iterator[Report]:
    for payload in payloads:
        yield Report.model_validate_json(payload)
