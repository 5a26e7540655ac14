"""Command line: ``edureport parse|schema|download|evaluate`` (also ``python -m edureport``).

Exit codes: 0 success, 1 some input failed, 2 usage error (click's default).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import click

from . import __version__
from .errors import EdureportError

_SUMMARY_COLUMNS = ("title", "issuer", "period", "sections", "achievements", "problems", "plans", "metrics")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="edureport")
def main() -> None:
    """Turn Chinese education work reports into structured data."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True, dir_okay=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table", show_default=True,
              help="table: one summary line per report; json/jsonl: the full reports.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write each report as OUT/<name>.json.")
@click.option("--segmenter", type=click.Choice(["auto", "pkuseg", "char", "jieba"]), default="auto", show_default=True)
def parse(files: tuple[Path, ...], fmt: str, out_dir: Optional[Path], segmenter: str) -> None:
    """Parse report FILES (a folder means its *.txt; '-' reads standard input)."""
    from .api import parse as parse_text
    from .text import decode, read_file

    paths = _expand(files)
    failures = 0
    reports = []
    for path in paths:
        try:
            if str(path) == "-":
                text, name = decode(sys.stdin.buffer.read(), "<stdin>"), "stdin"
            else:
                text, name = read_file(path), path.stem
            report = parse_text(text, segmenter=segmenter, source=None if name == "stdin" else str(path))
        except EdureportError as exc:
            failures += 1
            click.echo(f"edureport: {exc}", err=True)
            continue
        reports.append((name, report))
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
            (out_dir / f"{name}.json").write_text(report.model_dump_json(indent=2), encoding="utf-8")
        if fmt == "jsonl":
            click.echo(report.model_dump_json())
    if fmt == "json":
        payload = [json.loads(r.model_dump_json()) for _, r in reports]
        click.echo(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2))
    elif fmt == "table":
        _print_table(reports)
        if out_dir is not None:
            click.echo(f"wrote {len(reports)} report(s) as JSON to {out_dir}/")
    if failures:
        raise SystemExit(1)


def _expand(files: tuple[Path, ...]) -> list[Path]:
    paths: list[Path] = []
    for f in files:
        if str(f) != "-" and f.is_dir():
            paths.extend(sorted(f.glob("*.txt")))
        else:
            paths.append(f)
    return paths


def _print_table(reports: list) -> None:
    rows = [[name] + [_cell(r.summary()[c]) for c in _SUMMARY_COLUMNS] for name, r in reports]
    header = ["report", *_SUMMARY_COLUMNS]
    widths = [max(_width(str(x)) for x in col) for col in zip(header, *rows)] if rows else [_width(h) for h in header]
    for row in [header, *rows]:
        click.echo("  ".join(_pad(str(cell), w) for cell, w in zip(row, widths)).rstrip())


def _cell(value: object) -> str:
    if value is None:
        return "-"
    text = str(value)
    return text if _width(text) <= 30 else text[:14] + "…"


def _width(text: str) -> int:
    """Display width: CJK characters take two terminal columns."""
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


@main.command()
def schema() -> None:
    """Print the JSON Schema of a Report."""
    from .models import schema_json

    click.echo(schema_json())


@main.command()
@click.option("--force", is_flag=True, help="Fetch again even if the model is cached.")
def download(force: bool) -> None:
    """Obtain the pkuseg word-segmenter model (checked against pinned SHA-256)."""
    from .segmenter import download as fetch

    try:
        where = fetch(force=force)
    except EdureportError as exc:
        click.echo(f"edureport: {exc}", err=True)
        raise SystemExit(1) from None
    click.echo(f"pkuseg model ready: {where}" if where else "no pkuseg model available; using character segmentation")


@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def evaluate(args: tuple[str, ...]) -> None:
    """Score against tests/gold (headings, levels, roles, metrics)."""
    from .evaluate.__main__ import main as run

    sys.argv = ["edureport evaluate", *args]
    raise SystemExit(run())


if __name__ == "__main__":
    main()
