#!/usr/bin/env python3
"""Set up and run edureport from nothing but Python 3.10+ (standard library only).

    python3 tasks.py demo   # .venv, install, pkuseg model, parse seeds/ → summary + out/*.json
    python3 tasks.py test   # same set-up, then the test suite
    python3 tasks.py ruff | mypy | layers   # one check each (what .pre-commit-config.yaml runs)

Each step is skipped when already done; EDUREPORT_VENV overrides the .venv location.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("EDUREPORT_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def run(*args: str) -> None:
    print("+", " ".join(args), flush=True)
    subprocess.run(args, cwd=ROOT, check=True)


def setup(extras: str, model: bool = True) -> None:
    if not (BIN / "python").exists():
        venv.EnvBuilder(with_pip=True, upgrade_deps=False).create(VENV)
    stamp = VENV / f".edureport-installed-{extras or 'base'}"
    pyproject = ROOT / "pyproject.toml"
    if not stamp.exists() or stamp.stat().st_mtime < pyproject.stat().st_mtime:
        run(str(BIN / "python"), "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        target = f".[{extras}]" if extras else "."
        run(str(BIN / "python"), "-m", "pip", "install", "--quiet", "-e", target)
        stamp.touch()
    if model:
        run(str(BIN / "edureport"), "download")


def demo() -> None:
    setup("")
    run(str(BIN / "edureport"), "parse", "seeds", "--format", "table", "--out", "out")


def test() -> None:
    setup("test")
    args = sys.argv[2:]
    run(str(BIN / "python"), "-m", "pytest", *args)


def ruff() -> None:
    setup("test", model=False)
    run(str(BIN / "python"), "-m", "ruff", "check", ".")


def mypy() -> None:
    setup("test", model=False)
    run(str(BIN / "python"), "-m", "mypy")


def layers() -> None:
    """The layer contract and import cycles (tests/test_architecture.py), without the rest of the suite."""
    setup("test", model=False)
    run(str(BIN / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_architecture.py")


if __name__ == "__main__":
    task = sys.argv[1] if len(sys.argv) > 1 else "demo"
    tasks = {"demo": demo, "test": test, "ruff": ruff, "mypy": mypy, "layers": layers}
    if task not in tasks:
        sys.exit(f"usage: python3 tasks.py {{{','.join(tasks)}}} [pytest args]")
    try:
        tasks[task]()
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode)
