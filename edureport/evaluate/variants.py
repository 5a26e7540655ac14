"""Structure and figures of the gold documents as users find them: flattened, hard-wrapped (issue 17).

Every gold document with heading and role gold is read as typed and as variants made from it,
its gold offsets carried into each:

* ``flat``: every line break removed, as in text copied from many web pages;
* ``wrap36``: hard-wrapped every 36 characters, with a running header and a ``— n —`` page
  number every 40 lines, as in text taken out of a PDF;
* ``wrap60``: every 60 characters, with ``第n页 共m页`` footers every 50 lines;
* ``html``: a saved web page, one ``<p>`` per line, inside a site's navigation, share bar,
  related-article list and footer, read with :func:`edureport.parse_file`'s web-page reader;
* ``pdf``: ``wrap36`` printed to a PDF (reportlab, a CID font every PDF reader has), read back
  from its text layer.

The file variants are matched to the original by text: their reader's text is aligned with the
original character by character (:func:`align`). Each variant is scored as the original (:mod:`edureport.evaluate.structure`,
:mod:`edureport.evaluate.metrics`); ``edureport evaluate variants`` prints one row per variant.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional

import click

from edureport.evaluate import metrics as metric_scores
from edureport.evaluate import structure
from edureport.evaluate.command import Part
from edureport.evaluate.common import GOLD_DIR, doc_text, load_gold
from edureport.models import Report
from edureport.text.read import read_bytes

#: The folders whose documents are scored: the project's gold and the held-out gold.
FOLDERS = (GOLD_DIR, GOLD_DIR / "heldout")


@dataclass(frozen=True)
class Variant:
    """A text made from an original, and where each original character went (``where[len]`` = end);
    a file variant also has its bytes and suffix (its ``text`` is then what edureport reads from it)."""

    name: str
    text: str
    where: list[int]
    data: Optional[bytes] = None
    suffix: str = ""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """An original ``[start, end)`` in the variant: from its first character to after its last."""
        return self.where[start], self.where[end - 1] + 1 if end > start else self.where[start]


def _build(name: str, pieces: Iterable[tuple[Optional[int], str]], length: int) -> Variant:
    """``pieces``: (original index or None for added text, characters)."""
    out: list[str] = []
    where = [0] * (length + 1)
    size = 0
    for index, chars in pieces:
        if index is not None:
            where[index] = size
        out.append(chars)
        size += len(chars)
    where[length] = size
    return Variant(name, "".join(out), where)


def original(text: str) -> Variant:
    return _build("clean", ((i, ch) for i, ch in enumerate(text)), len(text))


def flat(text: str) -> Variant:
    """Every line break removed (a removed character maps to where the next one lands)."""
    def pieces() -> Iterable[tuple[Optional[int], str]]:
        for i, ch in enumerate(text):
            yield i, "" if ch in "\r\n" else ch
    return _build("flat", pieces(), len(text))


def wrapped(text: str, width: int, page_lines: int, footer: Callable[[int], str], name: str) -> Variant:
    """Lines longer than ``width`` broken every ``width`` characters; after every ``page_lines``
    lines a page footer and the document's first line as a running header."""
    header = next((line.strip() for line in text.splitlines() if line.strip()), "")[:24]

    def pieces() -> Iterable[tuple[Optional[int], str]]:
        column = lines = 0
        page = 1
        for i, ch in enumerate(text):
            if ch in "\r\n":
                yield i, ch
                if ch == "\n":
                    column, lines = 0, lines + 1
            else:
                if column == width:
                    yield None, "\n"
                    column, lines = 0, lines + 1
                yield i, ch
                column += 1
            if lines >= page_lines and column == 0:
                yield None, f"{footer(page)}\n{header}\n"
                page, lines = page + 1, 0
    return _build(name, pieces(), len(text))


def variants(text: str, files: bool = True) -> list[Variant]:
    """The variants of a text; ``files``: the web page and the PDF too (when their libraries are installed)."""
    pages = max(1, len(text) // 1500)
    made = [
        original(text),
        flat(text),
        wrapped(text, 36, 40, lambda n: f"— {n} —", "wrap36"),
        wrapped(text, 60, 50, lambda n: f"第{n}页 共{pages}页", "wrap60"),
    ]
    if files:
        made.append(Variant("html", "", [], web_page(text).encode("utf-8"), ".html"))
        pdf = pdf_file(made[2].text)
        if pdf is not None:
            made.append(Variant("pdf", "", [], pdf, ".pdf"))
    return made


_SITE_TOP = ("<div class=\"top\"><a href=\"/\">首页</a> | <a href=\"/zwgk\">政务公开</a> | <a href=\"/zwfw\">政务服务</a> | "
             "<a href=\"/hdjl\">互动交流</a></div><div class=\"crumb\">当前位置：首页 &gt; 政务公开 &gt; 工作总结</div>"
             "<div class=\"share\">分享到：微信 微博 QQ空间 <a href=\"javascript:print()\">打印本页</a> "
             "<a href=\"javascript:close()\">关闭窗口</a></div>")
_SITE_BOTTOM = ("<div class=\"related\"><h3>相关文章</h3><ul><li><a href=\"/a/1\">关于做好2024年教育工作的通知</a></li>"
                "<li><a href=\"/a/2\">县人民政府办公室关于印发工作要点的通知</a></li></ul></div>"
                "<div class=\"footer\"><p>主办单位：人民政府办公室 联系我们 网站地图</p><p>版权所有 ICP备12345678号</p></div>")


def web_page(text: str) -> str:
    """``text`` as a government site shows it: one paragraph a line, inside the site's furniture."""
    from html import escape

    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = escape(lines[0][:60]) if lines else ""
    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}_政府门户网站</title>"
            f"<meta name=\"PubDate\" content=\"2024-01-15 09:30\"></head><body>{_SITE_TOP}"
            f"<div class=\"article\"><div class=\"info\">发布时间：2024-01-15 来源：本网 浏览次数：328</div>"
            f"<div class=\"content\">{body}</div></div>{_SITE_BOTTOM}</body></html>")


def pdf_file(wrapped_text: str) -> Optional[bytes]:
    """The lines of a hard-wrapped text printed to PDF, a page after each page-number line (None without reportlab)."""
    try:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen import canvas
    except ImportError:
        return None
    import io

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    y = 800.0
    pdf.setFont("STSong-Light", 11)
    for line in wrapped_text.splitlines():
        if y < 40:
            pdf.showPage()
            pdf.setFont("STSong-Light", 11)
            y = 800.0
        pdf.drawString(40, y, line)
        y -= 18
        if line.startswith("— ") and line.endswith(" —"):
            pdf.showPage()
            pdf.setFont("STSong-Light", 11)
            y = 800.0
    pdf.save()
    return out.getvalue()


def align(original: str, read: str) -> list[int]:
    """For each character of ``original``, where it is in ``read`` (a reader's text of a file made from
    it): matching characters in order; line breaks, spaces and text that only one side has skipped."""
    where = [0] * (len(original) + 1)
    i = j = 0
    n, m = len(original), len(read)
    while i < n:
        if j < m and original[i] == read[j]:
            where[i] = j
            i += 1
            j += 1
        elif original[i].isspace():
            where[i] = j
            i += 1
        elif j < m and read[j].isspace():
            j += 1
        else:
            k = read.find(original[i:i + 8], j, j + 600)
            if k > j:
                j = k  # text the reader added (a title line, a running header)
            else:
                where[i] = j  # a character the reader dropped
                i += 1
    where[n] = m
    return where


def carry(records: list[dict], variant: Variant) -> list[dict]:
    """Gold records with their offsets in the variant (``text`` as the variant has it)."""
    out = []
    for r in records:
        start, end = variant.span(r["start"], r["end"])
        out.append({**r, "start": start, "end": end, "text": variant.text[start:end]})
    return out


@dataclass
class Row:
    structure: structure.StructureScores
    metrics: metric_scores.Counts


def evaluate(parse: Optional[Callable[[str], Report]] = None,
             folders: Iterable[Path] = FOLDERS) -> dict[str, Row]:
    """Scores per variant name, over every document with heading and role gold."""
    from edureport.api import apply_source

    if parse is None:
        from edureport.api import parse as default_parse
        parse = default_parse
    rows: dict[str, Row] = {}
    for folder in folders:
        gold: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
        for name in ("headings.jsonl", "roles.jsonl", "metrics.jsonl"):
            if (folder / name).exists():
                for g in load_gold(name, folder):
                    gold[g["doc"]][name].append(g)
        for doc, files in sorted(gold.items()):
            if not files["headings.jsonl"] or not files["roles.jsonl"]:
                continue
            text = doc_text(doc, folder)
            for variant in variants(text):
                if variant.data is not None:
                    found = read_bytes(variant.data, f"{doc}{variant.suffix}", variant.suffix)
                    report = apply_source(parse(found.text), found)
                    variant = Variant(variant.name, found.text, align(text, found.text))
                else:
                    report = parse(variant.text)
                row = rows.setdefault(variant.name, Row(structure.StructureScores(), metric_scores.Counts()))
                row.structure.add(structure.score_document(
                    report, carry(files["headings.jsonl"], variant), carry(files["roles.jsonl"], variant)))
                if files["metrics.jsonl"]:
                    row.metrics.add(metric_scores.score_document(carry(files["metrics.jsonl"], variant), report.metrics))
    return rows


HEADER = (f"{'variant':<8} {'head P':>6} {'R':>6} {'F1':>6} {'level':>6} {'role':>6} {'problems':>8} "
          f"{'met F1':>6} {'exact':>6}")


def _row(name: str, row: Row) -> str:
    s, m = row.structure, row.metrics
    p, r, f = s.heading_prf
    exact = m.exact_prf[2]
    return (f"{name:<8} {p:6.3f} {r:6.3f} {f:6.3f} {s.level_accuracy:6.3f} {s.role_accuracy:6.3f} "
            f"{s.problem_passages_found:4d}/{s.problem_passages:<3d} {m.detection[2]:6.3f} {exact:6.3f}")


def show(errors: bool = False, gold_dir: Path = GOLD_DIR, variant: Optional[str] = None) -> None:
    """Print one row per variant (``edureport evaluate variants``); ``errors``: a variant's disagreements."""
    folders = (gold_dir,) if gold_dir != GOLD_DIR else FOLDERS
    rows = evaluate(folders=folders)
    print("Gold documents as found (flattened, hard-wrapped with page furniture): headings, levels, roles, metrics")
    print(HEADER)
    for name, row in rows.items():
        print(_row(name, row))
    if errors:
        for name, row in rows.items():
            if variant is None or name == variant:
                for line in row.structure.errors + row.metrics.errors:
                    print(f"  {name}: {line}")


PART = Part("variants", show, segmenter=None)
command = PART.command(
    "Headings, levels, roles and metrics of the gold documents flattened, hard-wrapped, as web pages and as PDFs.",
    click.option("--variant", help="With --errors: only this variant's (clean, flat, wrap36, wrap60, html, pdf)."),
)

if __name__ == "__main__":
    command(prog_name="python -m edureport.evaluate.variants")
