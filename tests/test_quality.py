"""The linter, the type checker and the pre-commit hooks run clean (configured in pyproject.toml,
.pre-commit-config.yaml); the layer contract has its own test (test_architecture.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def test_ruff_is_clean() -> None:
    result = _run(sys.executable, "-m", "ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = _run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="pre-commit needs a git checkout")
@pytest.mark.skipif(shutil.which("python3") is None, reason="the hooks run `python3 tasks.py …`")
def test_pre_commit_hooks_pass() -> None:
    env = {**os.environ, "EDUREPORT_VENV": str(Path(sys.prefix))}  # the hooks use this very environment
    result = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
                            cwd=ROOT, capture_output=True, text=True, timeout=900, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert all(f"{hook}" in result.stdout for hook in ("ruff", "mypy", "layer contract")), result.stdout
