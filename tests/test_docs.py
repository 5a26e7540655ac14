"""The user guide builds without a warning (mkdocs --strict), and every example in it runs.

Python examples: every ```python block (and every doctest block: ```pycon or one starting with
`>>>`, run with doctest, ELLIPSIS and NORMALIZE_WHITESPACE) of README.md and docs/*.md runs as
written, page by page, in order, in one namespace per page and one subprocess per page. The working
directory is a scratch folder that reads like the repository root (its entries as symlinks,
`../shared` beside it), so `seeds/…` and `../shared/…` resolve as from the root while the files the
examples write (`out/`, `001.html`, …) stay out of the working tree.

Markers, an HTML comment on the line right before a block:
* `<!-- not run: why -->`: the block is skipped with that reason;
* `<!-- run -->` before a ```sh block of a docs page: its commands run in the page's order
  (e.g. the command that writes the files the next Python block reads); other shell blocks don't;
* `<!-- file: NAME -->` before any other block: its text is written to NAME (a file the reader is
  told to write);
* `<!-- needs: ../shared/… -->`: the block depends on shared data it does not name itself.
A block naming a `../shared/…` path (in its text or its `needs`) that is absent here is skipped.

Results shown in comments are checked in one form only, robust to prose comments: a top-level
expression statement whose trailing comment, or else the comment lines right below it, parse as a
Python literal (`ast.literal_eval`) must evaluate equal to that literal
(`report.sections[0].title   # '上半年主要工作'`). Any other comment is prose and not checked.

Shell examples: the commands of the README's "Command line" block run with the installed
`edureport` script from such a scratch folder, where `report.txt` (a seed report) and `reports/`
(the seeds) stand for the reader's own files; relative `--out`/`--tables` paths land there. The
commands listed in SHELL_NOT_RUN are skipped, with the reason.
"""

from __future__ import annotations

import ast
import builtins
import doctest
import io
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import tokenize
import traceback
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest

from edureport.evaluate.common import shared_dir

ROOT = Path(__file__).resolve().parents[1]
SHARED = shared_dir()
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# Entries of the repository root that tools write (.gitignore): not mirrored, so nothing is written through them.
NOT_MIRRORED = {"out", "site", "build", "dist"}
PAGE_TIMEOUT = 600  # seconds for all the blocks of one page
COMMAND_TIMEOUT = 300
PYTHON = {"python", "py", "python3", "pycon"}
SHELL = {"sh", "bash", "shell", "console"}
SHELL_NOT_RUN = {
    "edureport download": "fetches the model over the network (tests/segmenter covers provisioning)",
    "edureport evaluate": "parses every gold document, minutes of work (tests/evaluate covers the scorers)",
    "--workers 8": "starts 8 Dask worker processes, each loading the pkuseg model (tests/corpus/test_dask.py runs 2)",
}

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>[\w+-]*)")
MARKER = re.compile(r"^\s*<!--\s*(?P<kind>not run|run|file|needs)\s*(?::\s*(?P<value>.*?))?\s*-->\s*$")
SHARED_PATH = re.compile(r"\.\./shared/[^\s\"'`),;]+")


@dataclass(frozen=True)
class Block:
    """A fenced block of a page: where it is, its language and text, and what its marker says."""

    page: str  # path relative to the repository root
    line: int  # line of the opening fence, from 1
    lang: str
    code: str
    marker: str = ""  # "not run", "run", "file", "needs" or ""
    value: str = ""  # the reason or file name of the marker

    @property
    def id(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def is_doctest(self) -> bool:
        return self.lang == "pycon" or self.code.lstrip().startswith(">>>")

    @property
    def is_python(self) -> bool:
        return self.lang in PYTHON or self.is_doctest

    @property
    def skip(self) -> str | None:
        """Why the block is not run here, or None."""
        if self.marker == "not run":
            return f"{self.id}: not run: {self.value}"
        named = SHARED_PATH.findall(self.code + (self.value if self.marker == "needs" else ""))
        absent = [path for path in named if not (ROOT / path).exists()]
        if absent:
            return f"{self.id}: needs {absent[0]}, absent here"
        return None


def blocks_of(path: Path) -> list[Block]:
    """The fenced blocks of a Markdown page, in order, with the marker on the line before each."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    at = 0
    while at < len(lines):
        opening = FENCE.match(lines[at])
        if not opening:
            at += 1
            continue
        fence = opening["fence"]
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = at + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        marker = MARKER.match(lines[at - 1]) if at else None
        found.append(Block(
            page=path.relative_to(ROOT).as_posix(), line=at + 1, lang=opening["lang"].lower(),
            code=textwrap.dedent("\n".join(lines[at + 1:end])) + "\n",
            marker=marker["kind"] if marker else "", value=(marker["value"] or "") if marker else "",
        ))
        at = end + 1
    return found


def _runnable(block: Block) -> bool:
    return block.is_python or block.marker == "file" or (block.marker == "run" and block.lang in SHELL)


PAGE_BLOCKS = {page.relative_to(ROOT).as_posix(): [b for b in blocks_of(page) if _runnable(b)] for page in PAGES}
PYTHON_BLOCKS = [block for blocks in PAGE_BLOCKS.values() for block in blocks if block.is_python]


def _readme_commands() -> list[str]:
    """The commands of the first shell block under the README's "Command line" heading, comments cut."""
    readme = ROOT / "README.md"
    heading = readme.read_text(encoding="utf-8").splitlines().index("## Command line") + 1
    block = next(b for b in blocks_of(readme) if b.line > heading and b.lang in SHELL)
    lines = (re.sub(r"\s+#\s.*$", "", line).strip() for line in block.code.splitlines())
    return [line for line in lines if line]


def scratch_root(where: Path) -> Path:
    """A folder that reads like the repository root: its entries as symlinks, ../shared beside it."""
    root = where / ROOT.name
    root.mkdir()
    for entry in ROOT.iterdir():
        if not entry.name.startswith(".") and entry.name not in NOT_MIRRORED and not entry.name.endswith(".egg-info"):
            (root / entry.name).symlink_to(entry)
    if SHARED.exists():
        (where / "shared").symlink_to(SHARED)
    return root


def _environment() -> dict[str, str]:
    """This environment, with the virtualenv's scripts (`edureport`) first on PATH."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


# ---------------------------------------------------------------- the Python examples


@pytest.fixture(scope="module")
def page_results(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], dict[str, dict[str, str]]]:
    """Runs a page's blocks once, on first demand, and gives each block's outcome by id."""
    results: dict[str, dict[str, dict[str, str]]] = {}

    def of(page: str) -> dict[str, dict[str, str]]:
        if page not in results:
            results[page] = _run_page_in_subprocess(page, tmp_path_factory.mktemp("page"))
        return results[page]

    return of


def _run_page_in_subprocess(page: str, where: Path) -> dict[str, dict[str, str]]:
    specs = where / "blocks.json"
    outcomes = where / "outcomes.json"
    specs.write_text(json.dumps([asdict(b) | {"skip": b.skip} for b in PAGE_BLOCKS[page]]), encoding="utf-8")
    try:
        run = subprocess.run(
            [sys.executable, __file__, str(specs), str(outcomes)], cwd=scratch_root(where), env=_environment(),
            capture_output=True, text=True, timeout=PAGE_TIMEOUT,
        )
        ended = f"the page's process exited with {run.returncode}"
        output = run.stdout + run.stderr
    except subprocess.TimeoutExpired as timeout:
        ended = f"the page took over {PAGE_TIMEOUT} s"
        output = "\n".join(str(stream) for stream in (timeout.stdout, timeout.stderr) if stream)
    found = json.loads(outcomes.read_text(encoding="utf-8")) if outcomes.exists() else {}
    unreported = {"status": "failed", "message": f"{ended} before this block ended; its output:\n{output[-4000:]}"}
    return {b.id: found.get(b.id, unreported) for b in PAGE_BLOCKS[page]}


@pytest.mark.parametrize("block", PYTHON_BLOCKS, ids=lambda b: b.id)
def test_python_example_runs(block: Block, page_results: Callable[[str], dict[str, dict[str, str]]]) -> None:
    if block.skip:
        pytest.skip(block.skip)
    outcome = page_results(block.page)[block.id]
    if outcome["status"] == "skipped":
        pytest.skip(outcome["message"])
    if outcome["status"] != "passed":
        pytest.fail(f"{block.id}:\n{outcome['message']}", pytrace=False)


# What runs in the page's subprocess.


def _run_page(specs: Path, outcomes: Path) -> None:
    """Runs the blocks of one page in one namespace, writing each outcome as soon as it is known."""
    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins}
    found: dict[str, dict[str, str]] = {}
    for spec in json.loads(specs.read_text(encoding="utf-8")):
        block = Block(**{key: value for key, value in spec.items() if key != "skip"})
        if spec["skip"]:
            found[block.id] = {"status": "skipped", "message": spec["skip"]}
        else:
            try:
                _run_block(block, namespace)
            except (Exception, SystemExit):
                found[block.id] = {"status": "failed", "message": traceback.format_exc()}
            else:
                found[block.id] = {"status": "passed", "message": ""}
        outcomes.write_text(json.dumps(found), encoding="utf-8")


def _run_block(block: Block, namespace: dict[str, Any]) -> None:
    if block.marker == "file":
        Path(block.value).write_text(block.code, encoding="utf-8")
    elif block.lang in SHELL:
        run = subprocess.run(["bash", "-e", "-c", block.code], capture_output=True, text=True, timeout=COMMAND_TIMEOUT)
        assert run.returncode == 0, f"exit status {run.returncode}:\n{run.stdout}{run.stderr}"
    elif block.is_doctest:
        _run_doctest(block, namespace)
    else:
        _run_python(block, namespace)


def _run_python(block: Block, namespace: dict[str, Any]) -> None:
    """Executes the block with its comment results checked; tracebacks give the page's line numbers."""
    tree = ast.parse(block.code)
    comments = _comments(block.code)
    expected: list[Any] = []
    for at, statement in enumerate(tree.body):
        result = _commented_result(block.code, comments, statement)
        if isinstance(statement, ast.Expr) and result is not None:
            expected.append(result[0])
            call = ast.Call(ast.Name("__docs_check__", ast.Load()), [statement.value, ast.Constant(len(expected) - 1)], [])
            tree.body[at] = ast.copy_location(ast.Expr(ast.copy_location(call, statement)), statement)
    ast.fix_missing_locations(tree)
    ast.increment_lineno(tree, block.line)

    def check(value: Any, index: int) -> None:
        try:
            equal = bool(value == expected[index])
        except Exception:
            equal = False
        assert equal, f"the comment says {expected[index]!r}, the code gives {value!r}"

    namespace["__docs_check__"] = check
    try:
        exec(compile(tree, str(ROOT / block.page), "exec", dont_inherit=True), namespace)
    finally:
        del namespace["__docs_check__"]


def _commented_result(code: str, comments: dict[int, str], statement: ast.stmt) -> tuple[Any] | None:
    """The literal an expression statement's comment shows as its result, as a 1-tuple, or None."""
    if not isinstance(statement, ast.Expr) or statement.end_lineno is None:
        return None
    if statement.end_lineno in comments:
        shown = comments[statement.end_lineno]
    else:
        lines = code.splitlines()
        below = []
        for number in range(statement.end_lineno + 1, len(lines) + 1):
            if not lines[number - 1].lstrip().startswith("#"):
                break
            below.append(comments[number])
        shown = " ".join(below)
    try:
        return (ast.literal_eval(shown.strip()),) if shown.strip() else None
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None


def _comments(code: str) -> dict[int, str]:
    """Comment text by line number, '#' and surrounding blanks removed."""
    tokens = tokenize.generate_tokens(io.StringIO(code).readline)
    return {token.start[0]: token.string.lstrip("#").strip() for token in tokens if token.type == tokenize.COMMENT}


def _run_doctest(block: Block, namespace: dict[str, Any]) -> None:
    test = doctest.DocTestParser().get_doctest(block.code, namespace, block.id, str(ROOT / block.page), block.line)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    runner.run(test, out=report.append, clear_globs=False)
    namespace.update(test.globs)
    assert not runner.failures, "".join(report)


# ---------------------------------------------------------------- the README's command line


def _command_skip(command: str) -> str | None:
    for part, reason in SHELL_NOT_RUN.items():
        if part in command:
            return reason
    absent = [path for path in SHARED_PATH.findall(command) if not (ROOT / path).exists()]
    return f"needs {absent[0]}, absent here" if absent else None


def _outputs(command: str) -> Iterator[str]:
    for option in ("--out", "--tables"):
        yield from re.findall(rf"{option}\s+(\S+)", command)


@pytest.mark.parametrize("command", _readme_commands())
def test_readme_command_runs(command: str, tmp_path: Path) -> None:
    reason = _command_skip(command)
    if reason:
        pytest.skip(f"{command}: {reason}")
    where = scratch_root(tmp_path)
    shutil.copyfile(ROOT / "seeds" / "001_89542f80b92cd7db.txt", where / "report.txt")
    (where / "reports").symlink_to(ROOT / "seeds")
    run = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", command], cwd=where, env=_environment(),
        capture_output=True, text=True, timeout=COMMAND_TIMEOUT,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-4000:]
    outputs = list(_outputs(command))
    for output in outputs:
        written = where / output
        files = [written] if written.is_file() else list(written.glob("*"))
        assert files and all(f.stat().st_size for f in files), f"{command}: nothing written to {output}"
    if not outputs:
        assert run.stdout.strip(), f"{command}: printed nothing"


# ---------------------------------------------------------------- the site


def test_docs_build_strictly(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    api = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    assert "parse_many" in api and "InputTooLargeError" in api


def test_every_doc_page_is_in_the_navigation() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pages = sorted(p.name for p in (ROOT / "docs").glob("*.md"))
    missing = [p for p in pages if p not in nav]
    assert not missing, f"pages not in mkdocs.yml nav: {missing}"


if __name__ == "__main__":
    # The page's subprocess: not this folder on sys.path, so the examples import what a reader's would.
    sys.path.pop(0)
    _run_page(Path(sys.argv[1]), Path(sys.argv[2]))
