"""Command line: ``edureport parse|corpus|kpis|terms|targets|render|schema|download|evaluate`` (also ``python -m edureport``).

Exit codes: 0 success, 1 some input failed (the rest is still written), 2 usage error (click's default).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NoReturn, Optional

import click

from edureport import __version__
from edureport.errors import EdureportError
from edureport.evaluate.cli import evaluate

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from edureport.corpus import Corpus

_SUMMARY_COLUMNS = ("title", "issuer", "period", "sections", "achievements", "problems", "plans", "metrics")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="edureport")
def main() -> None:
    """Turn Chinese education work reports into structured data."""


_SEGMENTERS = click.Choice(["auto", "pkuseg", "char", "jieba"])
_SEGMENTER_HELP = "Run the spaCy pipeline with these words (the same Report, slower). Default: the rules alone."


def _source_options(f: Callable) -> Callable:
    """--pattern, --text-column, --id-column: how a SOURCE folder or CSV file is read."""
    f = click.option("--id-column", help="CSV column holding the report id.  [default: <file stem>#<row>]")(f)
    f = click.option("--text-column", default="full_text", show_default=True,
                     help="CSV column holding the report text.")(f)
    return click.option("--pattern", default=None, help="File name pattern inside a folder SOURCE.")(f)


_OUT_FILE = click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
                         help="File to write; the suffix picks the format: .csv, .parquet or .jsonl.")
_PROGRESS = click.option("--progress/--no-progress", default=True, show_default=True,
                         help="Progress bar on standard error.")
_MAX_CHARS = click.option("--max-chars", type=click.IntRange(min=1), default=None,
                          help="Longest text accepted (characters); a longer one is refused before any work on it.  "
                               "[default: 6,000,000]")
_SPREADSHEET = click.option("--spreadsheet", is_flag=True,
                            help="CSV for Excel/LibreOffice: text cells starting with = + - @ get a leading ' "
                                 "so that they are not run as formulas.")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True, dir_okay=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table", show_default=True,
              help="table: one summary line per report; json/jsonl: the full reports; csv: one row per item, "
                   "or per metric with --table metrics (the columns of the corpus tables, report_id = file name stem).")
@click.option("--table", "table", type=click.Choice(["items", "metrics", "sections"]), default="items", show_default=True,
              help="With --format csv: which rows (metrics: every figure with its value, unit, indicator and offsets).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write each report as OUT/<name>.json.")
@click.option("--segmenter", type=_SEGMENTERS, default=None, help=_SEGMENTER_HELP)
@_MAX_CHARS
def parse(files: tuple[Path, ...], fmt: str, table: str, out_dir: Optional[Path], segmenter: Optional[str],
          max_chars: Optional[int]) -> None:
    """Parse report FILES (a folder means its *.txt; '-' reads standard input)."""
    from edureport.api import parse as parse_text
    from edureport.api import parse_file
    from edureport.text.read import decode, printable

    paths = _expand(files)
    if out_dir is not None:
        _check_writable(out_dir / ".edureport")  # before any parsing
    from edureport.api import MAX_CHARS

    limit = max_chars or MAX_CHARS
    failures = 0
    reports: list = []
    summaries: list = []
    csv_header = True
    for path in paths:
        try:
            if str(path) == "-":
                name = "stdin"
                report = parse_text(decode(sys.stdin.buffer.read(), "<stdin>"), segmenter=segmenter, max_chars=limit)
            else:
                name = printable(path.stem)
                report = parse_file(path, segmenter=segmenter, max_chars=limit)
        except EdureportError as exc:
            failures += 1
            click.echo(f"edureport: {exc}", err=True)
            continue
        if fmt == "json":
            reports.append(report)  # one JSON document: held to the end
        elif fmt == "table":
            summaries.append((name, report.summary()))  # a line each; the Report itself is let go
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
            (out_dir / f"{name}.json").write_text(report.model_dump_json(indent=2), encoding="utf-8")
        if fmt == "jsonl":
            click.echo(report.model_dump_json())
        elif fmt == "csv":
            click.echo(_table_csv(name, report, table, header=csv_header), nl=False)
            csv_header = False
    if fmt == "json":
        payload = [json.loads(r.model_dump_json()) for r in reports]
        click.echo(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2))
    elif fmt == "table":
        _print_table(summaries)
        if out_dir is not None:
            click.echo(f"wrote {len(summaries)} report(s) as JSON to {out_dir}/")
    if failures:
        raise SystemExit(1)


def _table_csv(name: str, report, table: str, header: bool) -> str:
    from edureport.corpus import frame, report_rows

    rows = frame(report_rows(name, report)[table], table)
    return rows.to_csv(index=False, header=header, lineterminator="\n")


def _expand(files: tuple[Path, ...]) -> list[Path]:
    from edureport.text.read import report_files

    paths: list[Path] = []
    for f in files:
        if str(f) != "-" and f.is_dir():
            paths.extend(report_files(f))
        else:
            paths.append(f)
    return paths


def _print_table(summaries: list) -> None:
    rows = [[name] + [_cell(summary[c]) for c in _SUMMARY_COLUMNS] for name, summary in summaries]
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
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--out", type=click.Path(path_type=Path),
              help="Write the metrics table to OUT; the suffix picks the format: .parquet, .csv or .jsonl. "
                   "With --workers/--scheduler OUT is a folder of part files (pandas.read_parquet reads it whole).")
@click.option("--tables", "tables_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write all five tables (reports, sections, items, metrics, errors) as TABLES/<table>.<format>.")
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "jsonl"]),
              help="Format of the --tables files.  [default: that of --out, else parquet]")
@click.option("--pattern", default=None,
              help="Files to read from a folder ('**/*.txt' reaches subfolders).  [default: every report file "
                   "(.txt .md .docx .html .pdf); a folder without any is read as CSV files]")
@click.option("--text-column", default="full_text", show_default=True, help="CSV column holding the report text.")
@click.option("--id-column", help="CSV column holding the report id.  [default: <file stem>#<row>]")
@click.option("-j", "--n-process", type=click.IntRange(min=1), default=1, show_default=True,
              help="Parse on this many processes (same rows, same order).")
@click.option("--batch-size", type=click.IntRange(min=1), default=8, show_default=True,
              help="Documents sent to a process at a time.")
@click.option("--segmenter", type=_SEGMENTERS, default=None, help=_SEGMENTER_HELP)
@_PROGRESS
@click.option("--workers", type=int,
              help="Parse on a local Dask cluster of this many worker processes (needs edureport[dask]).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Parse on the Dask cluster at ADDRESS (tcp://host:8786); workers must see SOURCE's files.")
@click.option("--partition-chars", type=click.IntRange(min=1),
              help="Characters per Dask task.  [default: 200000]")
@_SPREADSHEET
@_MAX_CHARS
def corpus(source: Path, out: Optional[Path], tables_dir: Optional[Path], fmt: Optional[str], pattern: Optional[str],
           text_column: str, id_column: Optional[str], n_process: int, batch_size: int, segmenter: Optional[str],
           progress: bool, workers: Optional[int] = None, scheduler: Optional[str] = None,
           partition_chars: Optional[int] = None, spreadsheet: bool = False, max_chars: Optional[int] = None) -> None:
    """Parse a folder of reports or a CSV file into tables (see docs/corpus.md).

    SOURCE is a folder of .txt files, a folder of .csv files, a .csv file
    (one report per row) or a single text file. Documents that cannot be read
    or parsed are listed on standard error and in the errors table; the others
    are still written, and the exit code is 1.

    \b
      edureport corpus seeds/ --out metrics.csv
      edureport corpus ../shared/corpus/gov-reports-2026 --out metrics.parquet
      edureport corpus reports.csv --text-column body --id-column id --tables out/ -j 4
    """
    from edureport.corpus import format_of, table_paths

    if out is None and tables_dir is None:
        raise click.UsageError("say where to write: --out FILE.parquet and/or --tables DIR")
    outputs: list[tuple[str, Path]] = []
    if out is not None:
        try:
            out_format = format_of(out)
        except EdureportError as exc:
            raise click.BadParameter(str(exc), param_hint="--out") from None
        outputs.append(("metrics", out))
    if tables_dir is not None:
        tables_format = fmt or (out_format if out is not None else "parquet")
        try:
            outputs.extend(table_paths(tables_dir, tables_format).items())
        except OSError as exc:
            _cannot_write(tables_dir, exc)
    for _, path in outputs:
        _check_writable(path)  # before any parsing: a read-only folder fails now, not after the corpus
    try:
        docs = _corpus_of(source, pattern, text_column, id_column)
    except EdureportError as exc:
        _fail(exc)
    try:
        summary = docs.write(outputs, n_process=n_process, batch_size=batch_size, progress=progress,
                             segmenter=segmenter, spreadsheet=spreadsheet, max_chars=max_chars,
                             **_dask_options(workers, scheduler, partition_chars, n_process, out))
    except EdureportError as exc:
        click.echo(f"edureport: {exc}", err=True)
        raise SystemExit(1) from None
    for row in summary.errors.itertuples(index=False):
        click.echo(f"edureport: {row.report_id}: {row.error}: {row.message}", err=True)
    failed = len(summary.errors)
    written = ", ".join(sorted({str(path) for _, path in outputs}))
    click.echo(
        f"edureport: {summary.documents} document(s), {failed} failed; {summary.rows.get('metrics', 0)} metrics, "
        f"{summary.rows.get('items', 0)} items; wrote {written}",
        err=True,
    )
    if failed:
        raise SystemExit(1)


def _dask_options(workers: Optional[int], scheduler: Optional[str], partition_chars: Optional[int], n_process: int,
                  out: Optional[Path]) -> dict:
    """The Corpus.write() options of --workers/--scheduler, checked; none without them."""
    if workers is None and scheduler is None:
        if partition_chars is not None:
            raise click.UsageError("--partition-chars goes with --workers or --scheduler")
        if out is not None and out.is_dir():
            raise click.BadParameter(f"{out} is a folder (a dataset of a --workers run?); name a file",
                                     param_hint="--out")
        return {}
    if workers is not None and scheduler is not None:
        raise click.UsageError("--workers starts a local cluster, --scheduler uses one: give one of them")
    if workers is not None and workers < 1:
        raise click.BadParameter("must be at least 1", param_hint="--workers")
    if n_process > 1:
        raise click.UsageError("-j/--n-process is for one machine without Dask; with Dask use --workers")
    return {"client": scheduler, "workers": workers, "partition_chars": partition_chars}


@main.command()
@click.argument("file", type=click.Path(allow_dash=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Write the page to OUT.  [default: standard output]")
@click.option("--segmenter", type=_SEGMENTERS, default=None, help=_SEGMENTER_HELP)
@click.option("--later", "later", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A later report of the same place (repeatable): each target of FILE shows its result and outcome.")
def render(file: Path, out: Optional[Path], segmenter: Optional[str], later: tuple[Path, ...]) -> None:
    """Render report FILE as a self-contained HTML page ('-' reads standard input).

    \b
      edureport render seeds/001_89542f80b92cd7db.txt --out page.html
      edureport render 2025_河北省_政府工作报告.docx --later 2026_河北省_政府工作报告.txt --out hebei.html
    """
    try:
        from edureport.render.html import render as render_html
    except ImportError as exc:
        click.echo(f"edureport: HTML rendering is not available in this installation ({exc})", err=True)
        raise SystemExit(1) from None
    from edureport.api import parse as parse_text
    from edureport.api import parse_file
    from edureport.text.read import decode

    if out is not None and str(out) != "-":
        _check_writable(out)  # before parsing: a page that cannot be written is known at once
    try:
        if str(file) == "-":
            report = parse_text(decode(sys.stdin.buffer.read(), "<stdin>"), segmenter=segmenter)
        else:
            report = parse_file(file, segmenter=segmenter)
    except EdureportError as exc:
        click.echo(f"edureport: {exc}", err=True)
        raise SystemExit(1) from None
    outcomes = None
    if later:
        from edureport.corpus import Corpus

        ids = ["target", *(f"later{n}" for n in range(len(later)))]
        try:
            laters = [parse_file(path, segmenter=segmenter) for path in later]
        except EdureportError as exc:
            click.echo(f"edureport: {exc}", err=True)
            raise SystemExit(1) from None
        corpus = Corpus.from_texts([report.text, *(r.text for r in laters)], ids=ids).parse(progress=False)
        table = corpus.target_outcomes()
        names = dict(zip(ids, [str(file), *map(str, later)]))
        rows = table[table["target_report"] == "target"].to_dict("records")
        for row in rows:
            row["result_report"] = names.get(str(row["result_report"]), row["result_report"])
        outcomes = rows
        if report.place is None:
            click.echo(f"edureport: {file} names no place, so no later report can answer its targets", err=True)
    page = render_html(report, outcomes=outcomes)
    if out is None or str(out) == "-":
        click.echo(page)
    else:
        partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
        try:
            partial.write_text(page, encoding="utf-8")
            os.replace(partial, out)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            _cannot_write(out, exc)
        click.echo(f"wrote {out}", err=True)


@main.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@_OUT_FILE
@click.option("--indicator", "indicators", multiple=True, metavar="ID",
              help="Keep only these indicator ids (repeatable).  [default: all]")
@click.option("--status", type=click.Choice(["actual", "target", "baseline"]), help="Keep only figures of this status.")
@_source_options
@click.option("-j", "--n-process", type=click.IntRange(min=1), default=1, show_default=True,
              help="Parse on this many processes.")
@click.option("--segmenter", type=_SEGMENTERS, default=None, help=_SEGMENTER_HELP)
@_PROGRESS
@_SPREADSHEET
@_MAX_CHARS
def kpis(source: Path, out: Path, indicators: tuple[str, ...], status: Optional[str], pattern: Optional[str], text_column: str,
         id_column: Optional[str], n_process: int, segmenter: Optional[str], progress: bool, spreadsheet: bool = False,
         max_chars: Optional[int] = None) -> None:
    """Write the figures that have a canonical indicator (Corpus.kpis(), see docs/kpis.md).

    SOURCE is a folder of .txt or .csv files, a .csv file (one report per row)
    or a single text file.

    \b
      edureport kpis ../shared/corpus/gov-reports-2026 --out kpis.csv
      edureport kpis seeds/ --out kpis.parquet --status target
    """
    fmt = _output(out)
    try:
        docs = _corpus_of(source, pattern, text_column, id_column)
        docs.parse(n_process=n_process, progress=progress, segmenter=segmenter, max_chars=max_chars)
    except EdureportError as exc:
        _fail(exc)
    table = docs.kpis()
    if indicators:
        table = table[table["indicator_id"].isin(indicators)]
    if status:
        table = table[table["status"] == status]
    _write_frame(table, out, fmt, spreadsheet)
    _echo_errors(docs.errors)
    click.echo(f"edureport: {len(docs.reports)} report(s), {len(table)} figure(s) with an indicator; wrote {out}",
               err=True)
    if len(docs.errors):
        raise SystemExit(1)


@main.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@_OUT_FILE
@click.option("--role", "roles", multiple=True, type=click.Choice(["achievement", "problem", "plan", "other"]),
              help="Count only under this role (repeatable).  [default: all]")
@click.option("--stop-words", "stop_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A UTF-8 file of more stop words, one per line (added to the shipped list).")
@click.option("--phrases", "phrase_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A UTF-8 file of phrases to count as one term, one per line (added to the shipped list).")
@_source_options
@click.option("-j", "--n-process", type=click.IntRange(min=1), default=1, show_default=True,
              help="Count on this many processes.")
@click.option("--segmenter", type=_SEGMENTERS, default="auto", show_default=True,
              help="Word segmenter: pkuseg with the domain lexicon (auto: when its model is here), or char.")
@_PROGRESS
@_SPREADSHEET
@_MAX_CHARS
def terms(source: Path, out: Path, roles: tuple[str, ...], stop_file: Optional[Path], phrase_file: Optional[Path],
          pattern: Optional[str],
          text_column: str, id_column: Optional[str], n_process: int, segmenter: str, progress: bool, spreadsheet: bool = False,
          max_chars: Optional[int] = None) -> None:
    """Write term counts (词频): report, section, role, term, count (Corpus.terms(), see docs/corpus.md).

    \b
      edureport terms ../shared/corpus/gov-reports-2026 --out terms.parquet
      edureport terms seeds/ --out problems.csv --role problem
    """
    import warnings

    import pandas as pd

    from edureport.corpus.tables import ERRORS_COLUMNS

    fmt = _output(out)
    extra = _word_list(stop_file, "--stop-words")
    phrases = _word_list(phrase_file, "--phrases")
    try:
        docs = _corpus_of(source, pattern, text_column, id_column)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # the error rows are echoed below
            table = docs.terms(stop_words=extra, phrases=phrases, roles=list(roles) or None, segmenter=segmenter,
                               max_chars=max_chars,
                               n_process=n_process, progress=progress)
    except EdureportError as exc:
        _fail(exc)
    _write_frame(table, out, fmt, spreadsheet)
    errors = pd.DataFrame(table.attrs["errors"], columns=ERRORS_COLUMNS)
    _echo_errors(errors)
    counted = (docs.count() or 0) - len(errors)
    click.echo(f"edureport: {counted} report(s), {len(table)} row(s), "
               f"{int(table['count'].sum())} word(s), {table.term.nunique()} term(s); wrote {out}", err=True)
    if len(errors):
        raise SystemExit(1)


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@_OUT_FILE
@_source_options
@click.option("-j", "--n-process", type=click.IntRange(min=1), default=1, show_default=True,
              help="Parse on this many processes.")
@_PROGRESS
@_SPREADSHEET
@_MAX_CHARS
def targets(sources: tuple[Path, ...], out: Path, pattern: Optional[str], text_column: str, id_column: Optional[str],
            n_process: int, progress: bool, spreadsheet: bool = False, max_chars: Optional[int] = None) -> None:
    """Write each target with its result in a later report and the outcome (Corpus.target_outcomes(), docs/targets.md).

    SOURCES are folders, CSV files or text files: reports of consecutive periods (the
    2025 and 2026 reports of a province, a district's annual reports).

    \b
      edureport targets ../shared/corpus/gov-reports-2025 ../shared/corpus/gov-reports-2026 --out targets.csv
      edureport targets ../shared/corpus/county-hailar-2012-2019 --out hailar.parquet
    """
    fmt = _output(out)
    try:
        corpora = [_corpus_of(source, pattern, text_column, id_column).parse(n_process=n_process, progress=progress,
                                                                             max_chars=max_chars)
                   for source in sources]
        table = corpora[0].target_outcomes(*corpora[1:])
    except EdureportError as exc:
        _fail(exc)
    _write_frame(table, out, fmt, spreadsheet)
    failed = 0
    for docs in corpora:
        _echo_errors(docs.errors)
        failed += len(docs.errors)
    counts = table["outcome"].value_counts()
    summary = ", ".join(f"{counts.get(name, 0)} {name}" for name in ("met", "exceeded", "missed", "not_reported"))
    click.echo(f"edureport: {len(table)} target(s): {summary}; wrote {out}", err=True)
    if failed:
        raise SystemExit(1)


def _word_list(path: Optional[Path], option: str) -> list[str]:
    """The lines of a UTF-8 word list (``#`` starts a comment), or a usage error naming ``option``."""
    if path is None:
        return []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise click.BadParameter(f"cannot read {path}: {exc}", param_hint=option) from None
    return [word for word in (line.split("#", 1)[0].strip() for line in lines) if word]


def _write_frame(table: pd.DataFrame, out: Path, fmt: str, spreadsheet: bool = False) -> None:
    """Write ``table`` to ``out`` under a temporary name, renamed when complete: never a partial file."""
    from edureport.corpus.tables import spreadsheet_safe

    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        if fmt == "csv":
            (spreadsheet_safe(table) if spreadsheet else table).to_csv(partial, index=False)
        elif fmt == "parquet":
            table.to_parquet(partial, index=False)
        else:
            table.to_json(partial, orient="records", lines=True, force_ascii=False)
        os.replace(partial, out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        _cannot_write(out, exc)


def _echo_errors(errors: pd.DataFrame) -> None:
    for row in errors.itertuples(index=False):
        click.echo(f"edureport: {row.report_id}: {row.error}: {row.message}", err=True)


def _output(out: Path) -> str:
    """The format ``out``'s suffix names, once its folder is known to be writable (else exit 1)."""
    from edureport.corpus import format_of

    try:
        fmt = format_of(out)
    except EdureportError as exc:
        raise click.BadParameter(str(exc), param_hint="--out") from None
    _check_writable(out)
    return fmt


def _check_writable(path: Path) -> None:
    """Create ``path``'s folder and a file in it, or stop with ``edureport: cannot write …`` (exit 1)."""
    probe = path.parent / f".{path.name}.{os.getpid()}.probe"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        _cannot_write(path, exc)


def _fail(exc: EdureportError) -> NoReturn:
    """What stops a run before it starts (a bad option, an empty or missing source): ``edureport: <reason>``, exit 2."""
    click.echo(f"edureport: {exc}", err=True)
    raise SystemExit(2)


def _cannot_write(path: Path, exc: OSError) -> NoReturn:
    click.echo(f"edureport: cannot write {path}: {exc.strerror or exc}", err=True)
    raise SystemExit(1)


@main.command()
def schema() -> None:
    """Print the JSON Schema of a Report."""
    from edureport.models import schema_json

    click.echo(schema_json())


@main.command()
@click.option("--force", is_flag=True, help="Fetch again even if the model is cached.")
def download(force: bool) -> None:
    """Obtain the pkuseg word-segmenter model (checked against pinned SHA-256)."""
    from edureport.segmenter.model import download as fetch

    try:
        where = fetch(force=force)
    except EdureportError as exc:
        click.echo(f"edureport: {exc}", err=True)
        raise SystemExit(1) from None
    click.echo(f"pkuseg model ready: {where}" if where else "no pkuseg model available; using character segmentation")


main.add_command(evaluate)  # edureport/evaluate/cli.py: scoring against tests/gold, every part or one


def _corpus_of(source: Path, pattern: Optional[str], text_column: str, id_column: Optional[str]) -> Corpus:
    """The corpus a SOURCE argument names: a folder, a CSV file or one text file."""
    from edureport.corpus import Corpus

    if source.is_dir():
        return Corpus.from_dir(source, pattern, text_column=text_column, id_column=id_column)
    if source.suffix.lower() == ".csv":
        return Corpus.from_csv(source, text_column=text_column, id_column=id_column)
    return Corpus.from_files([source])


if __name__ == "__main__":
    main()

