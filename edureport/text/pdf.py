"""PDF files to report text, page by page (issue 17).

pypdf (BSD licence) reads the text layer; the pages are joined by line breaks and where each
starts is kept, so that every item and metric can say on which page it stands. The characters
PDFs put in place of the ones the author typed are mapped back: Kangxi radicals and CJK
compatibility ideographs (``⼀⼈⼊⾸⻓`` for ``一人入首长``, as a PDF printed from a web page with Noto
CJK gives) become the ideographs they stand for, one character for one. Hard wraps, page numbers
and running headers are left to :mod:`edureport.text.reflow`, which reads them as any other text.
"""

from __future__ import annotations

import bisect
import io
import logging
import unicodedata
import warnings
from dataclasses import dataclass, field
from functools import lru_cache

from edureport.data import load_json
from edureport.errors import DecodeError, InputError, InputTooLargeError

__all__ = ["PdfText", "read_pdf", "ideographs"]

#: Kangxi radicals, CJK radicals supplement, CJK compatibility ideographs (and their supplement).
_STAND_INS = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table = {ord(radical): ideograph for radical, ideograph in load_json("ideographs.json")["radicals_supplement"].items()}
    for low, high in _STAND_INS:
        for code in range(low, high + 1):
            folded = unicodedata.normalize("NFKC", chr(code))
            if len(folded) == 1 and folded != chr(code) and unicodedata.category(folded) == "Lo":
                table[code] = folded
    return table


def ideographs(text: str) -> str:
    """``text`` with radicals and compatibility ideographs as the ideographs they stand for (same length)."""
    return text.translate(_table())


@dataclass(frozen=True)
class PdfText:
    text: str
    page_starts: list[int] = field(default_factory=list)

    def page(self, offset: int) -> int:
        """The page (1 = first) holding ``offset``."""
        return max(bisect.bisect_right(self.page_starts, offset), 1)


#: Most text taken from one PDF (characters). pypdf bounds each stream it inflates (75 MB); pages that
#: share one such stream could still add up, so the text is counted page by page.
MAX_PDF_CHARS = 12_000_000


def read_pdf(data: bytes, name: str = "<pdf>") -> PdfText:
    """The text layer of a PDF, pages joined by line breaks; a scan (no text) is refused by name."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise InputError(f"{name}: reading PDF needs pypdf; install it with `pip install edureport[pdf]`") from None
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)  # the reader's warnings about odd files stay out of the console
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise DecodeError(f"{name}: an encrypted PDF; save an unencrypted copy first")
            pages: list[str] = []
            extracted = 0
            for pdf_page in reader.pages:  # the text is capped as it is extracted: a small file can hold much
                pages.append(pdf_page.extract_text() or "")
                extracted += len(pages[-1])
                if extracted > MAX_PDF_CHARS:
                    raise InputTooLargeError(f"{name}: its text layer runs past {MAX_PDF_CHARS:,} characters "
                                             f"(at page {len(pages)}); split the PDF")
    except InputTooLargeError:
        raise
    except PdfReadError as exc:
        raise DecodeError(f"{name}: not a readable PDF ({exc})") from exc
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:  # malformed objects
        raise DecodeError(f"{name}: not a readable PDF ({type(exc).__name__}: {exc})") from exc
    finally:
        logger.setLevel(level)
    if not any(page.strip() for page in pages):
        raise DecodeError(f"{name}: this PDF has no text layer (a scan?); run OCR on it first")
    starts, parts, size = [], [], 0
    for page in pages:
        page = ideographs(page.replace("\r\n", "\n").rstrip("\n"))
        starts.append(size)
        parts.append(page)
        size += len(page) + 1
    return PdfText(text="\n".join(parts), page_starts=starts)
