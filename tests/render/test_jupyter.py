"""edureport.render.jupyter: IPython shows a Report as its picture, and edureport never imports IPython itself."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from edureport.models import Report
from edureport.render.html import render_fragment
from edureport.render.jupyter import register_jupyter

pytest.importorskip("IPython")

ROOT = Path(__file__).resolve().parents[2]


def shell_config() -> object:
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False  # no history database in the user's home
    return config


@pytest.fixture
def shell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """A real IPython shell, the process's running one while the test lasts."""
    from IPython.core.interactiveshell import InteractiveShell

    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    assert not InteractiveShell.initialized(), "a shell leaked from another test"
    instance = InteractiveShell.instance(config=shell_config())
    yield instance
    InteractiveShell.clear_instance()


def html_of(shell: object, report: Report) -> str | None:
    data, _ = shell.display_formatter.format(report)  # type: ignore[attr-defined]
    return data.get("text/html")


def test_registering_makes_the_shell_show_the_fragment(shell: object, seed_report: Report) -> None:
    assert html_of(shell, seed_report) is None, "the data contract must not carry its own HTML"
    assert register_jupyter() is True  # finds the running shell
    assert html_of(shell, seed_report) == render_fragment(seed_report)
    assert register_jupyter() is True  # idempotent
    printers = shell.display_formatter.formatters["text/html"].type_printers  # type: ignore[attr-defined]
    assert printers[Report] is render_fragment
    assert html_of(shell, seed_report) == render_fragment(seed_report)
    other = Report(text="一、总体情况\n<b>正文</b>", title="另一份")
    assert html_of(shell, other) == render_fragment(other) != render_fragment(seed_report)


def test_an_explicit_shell_and_the_ipython_extension(shell: object) -> None:
    report = Report(text="二、存在问题\n经费缺口约3000万元。")
    assert register_jupyter(shell) is True
    assert html_of(shell, report) == render_fragment(report)
    shell.display_formatter.formatters["text/html"].pop(Report)  # type: ignore[attr-defined]
    assert html_of(shell, report) is None
    shell.run_line_magic("load_ext", "edureport.render.jupyter")  # type: ignore[attr-defined]
    assert html_of(shell, report) == render_fragment(report)


def test_without_a_running_shell_nothing_is_registered() -> None:
    import IPython
    from IPython.core.interactiveshell import InteractiveShell

    assert not InteractiveShell.initialized() and IPython.get_ipython() is None
    assert register_jupyter() is False


def run(code: str, tmp_path: Path) -> str:
    env_code = f"import os; os.environ['IPYTHONDIR'] = {str(tmp_path / 'ipython')!r}\n" + code
    done = subprocess.run([sys.executable, "-c", env_code], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


def test_import_edureport_does_not_import_ipython(tmp_path: Path) -> None:
    code = (
        "import sys, pkgutil, importlib, edureport\n"
        "for info in pkgutil.walk_packages(sys.modules['edureport.render'].__path__, 'edureport.render.'):\n"
        "    importlib.import_module(info.name)\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in ('IPython', 'ipykernel')))\n"
    )
    assert run(code, tmp_path) == "[]"


def test_importing_edureport_inside_a_shell_registers_the_formatter(tmp_path: Path) -> None:
    code = (
        "import json\n"
        "from traitlets.config import Config\n"
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "config = Config(); config.HistoryManager.enabled = False\n"
        "shell = InteractiveShell.instance(config=config)\n"
        "result = shell.run_cell('import edureport\\n'\n"
        "                        'report = edureport.Report(text=\"一、总体情况\\\\n新增学位5000个。\", title=\"标题\")')\n"
        "result.raise_error()\n"
        "report = shell.user_ns['report']\n"
        "data, _ = shell.display_formatter.format(report)\n"
        "print(json.dumps([data.get('text/html') == shell.user_ns['edureport'].render_fragment(report),\n"
        "                  'er-fragment' in data.get('text/html', '')]))\n"
    )
    assert json.loads(run(code, tmp_path)) == [True, True]
