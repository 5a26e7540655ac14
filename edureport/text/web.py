"""Web pages to report text: the main text of a saved page, without the site around it (issue 17).

The extraction is trafilatura's (a maintained main-content extractor: navigation, share bars,
footers and related-article lists go; paragraphs, ``<br>`` and table rows become lines). The
page's ``<title>`` opens the text when the body does not hold it, so that the title rules find
it; its publication date is kept for the Report when the body names none.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Optional

from edureport.errors import DecodeError, InputError

__all__ = ["WebPage", "read_html"]


@dataclass(frozen=True)
class WebPage:
    text: str
    title: Optional[str] = None
    date: Optional[str] = None


@contextmanager
def _quiet() -> Iterator[None]:
    """The extractor's own log lines stay out of the user's console."""
    loggers = [logging.getLogger(name) for name in ("trafilatura", "htmldate", "courlan", "justext")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def read_html(html: str, name: str = "<html>") -> WebPage:
    """The report text of a web page (an HTML string), its title and publication date."""
    try:
        import trafilatura
    except ImportError:
        raise InputError(f"{name}: reading web pages needs trafilatura; install it with "
                         "`pip install edureport[html]`") from None
    with _quiet():
        body = trafilatura.extract(html, output_format="txt", include_tables=True, include_comments=False,
                                   include_links=False, include_images=False, favor_recall=True, deduplicate=False)
        meta = trafilatura.extract_metadata(html)
    if not body or not body.strip():
        raise DecodeError(f"{name}: no report text found in this web page")
    title = meta.title.strip() if meta is not None and meta.title else None
    date = meta.date if meta is not None and meta.date else None
    lines = [line.rstrip() for line in body.splitlines()]
    text = "\n".join(lines).strip("\n")
    if title and title not in text[:len(title) + 200]:
        text = f"{title}\n{text}"
    return WebPage(text=text, title=title, date=date)
