"""``python -m edureport.evaluate``: the command ``edureport evaluate`` (see :mod:`edureport.evaluate.cli`)."""

from __future__ import annotations

from edureport.evaluate.cli import run

if __name__ == "__main__":
    run()
