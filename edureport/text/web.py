"""Web pages to report text: the main text of a saved page, without the site around it (issue 17).

The extraction is trafilatura's (a maintained main-content extractor: navigation, share bars,
footers and related-article lists go; paragraphs, ``<br>`` and table rows become lines). The
page's ``<title>`` opens the text when the body does not hold it, so that the title rules find
it; its publication date is kept for the Report when the body names none.
"""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Optional

from edureport.errors import DecodeError, InputError, InputTooLargeError

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


#: Largest web page read (characters of HTML): a report's page is well under 2 MB, and the extractor
#: takes about a second per megabyte; a larger page is refused (pass its text to parse() instead).
MAX_HTML_CHARS = 5_000_000
#: The title and date are read from the page's head: its first characters.
_META_CHARS = 262_144


def read_html(html: str, name: str = "<html>") -> WebPage:
    """The report text of a web page (an HTML string), its title and publication date."""
    if len(html) > MAX_HTML_CHARS:
        raise InputTooLargeError(f"{name}: a web page of {len(html):,} characters, more than {MAX_HTML_CHARS:,}; "
                                 "save its text and parse that")
    try:
        import trafilatura
    except ImportError:
        raise InputError(f"{name}: reading web pages needs trafilatura; install it with "
                         "`pip install edureport[html]`") from None
    with _quiet():
        body = trafilatura.extract(html, output_format="txt", include_tables=True, include_comments=False,
                                   include_links=False, include_images=False, favor_recall=True, deduplicate=False)
        meta = trafilatura.extract_metadata(html[:_META_CHARS])
    if not body or not body.strip():
        raise DecodeError(f"{name}: no report text found in this web page")
    title = meta.title.strip() if meta is not None and meta.title else None
    date = meta.date if meta is not None and meta.date else None
    lines = [line.rstrip() for line in body.splitlines()]
    text = "\n".join(lines).strip("\n")
    title = _without_site(title) if title else None
    if title:
        if title[:_TITLE_KEY] not in text[:len(title) + 200]:
            text = f"{title}\n{text}"
    return WebPage(text=text, title=title, date=date)


#: A page title's site name after a separator (…工作总结_某县人民政府门户网站, …｜某市教育局).
_SITE_SUFFIX = re.compile(r"\s*(?:_|\||｜| - | – | — |——|--)\s*[^_|｜]{2,40}$")
_HAN = re.compile(r"[\u3400-\u9fff]")
#: The title's first characters that the body must have for the title to be there (a site cuts long titles).
_TITLE_KEY = 16


def _without_site(title: str) -> Optional[str]:
    """The page title without the site's name after it (the report's own title is before the separator);
    None when too little is left to be a report's title."""
    core = _SITE_SUFFIX.sub("", title).strip()
    return core if len(_HAN.findall(core)) >= 4 else None
