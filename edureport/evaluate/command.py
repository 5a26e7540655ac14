"""The command-line shape every evaluation part shares: its options, and how a failure is told.

Each part module (``structure``, ``metrics``, …) declares a :class:`Part` and builds its click
command from it, so ``python -m edureport.evaluate.metrics`` and ``edureport evaluate metrics``
are one command; :mod:`edureport.evaluate.cli` gathers them under the ``evaluate`` group.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

import click

from edureport.errors import EdureportError
from edureport.evaluate.common import GOLD_DIR

#: ``--errors`` without a count: every disagreement.
ALL = sys.maxsize
SEGMENTERS = click.Choice(["auto", "pkuseg", "char", "jieba"])

errors_flag = click.option("--errors", is_flag=True, help="List every disagreement with gold.")
gold_dir_option = click.option("--gold-dir", type=click.Path(file_okay=False, path_type=Path),
                               help="Folder of the gold files and their documents.json, e.g. tests/gold/heldout.  "
                                    "[default: tests/gold]")
_errors_count = click.option("--errors", type=click.IntRange(min=0), is_flag=False, flag_value=ALL, default=0,
                             metavar="[N]", help="List the first N disagreements with gold (without N: all of them).")


@dataclass(frozen=True)
class Part:
    """One evaluation: ``show(errors=, gold_dir=, [segmenter=], **options)`` prints its scores.

    ``counted``: its ``--errors`` takes a count; ``segmenter``: the one it parses with by
    default (None: it takes no ``--segmenter``).
    """

    name: str
    show: Callable[..., None]
    counted: bool = False
    segmenter: Optional[str] = "auto"

    def score(self, errors: int, gold_dir: Optional[Path], segmenter: Optional[str], **options: Any) -> bool:
        """Print the part; False, after saying why on standard error, when its gold texts cannot be read."""
        given: dict[str, Any] = {"errors": errors if self.counted else bool(errors), "gold_dir": gold_dir or GOLD_DIR,
                                 **options}
        if segmenter and self.segmenter:
            given["segmenter"] = segmenter
        try:
            self.show(**given)
        except EdureportError as exc:
            sys.stdout.flush()
            click.echo(f"edureport: {self.name}: {exc}", err=True)
            return False
        return True

    def command(self, summary: str, *options: Callable) -> click.Command:
        """The part's command: ``--errors``, ``--gold-dir``, ``--segmenter`` and ``options``; those left
        unset come from the ``evaluate`` group's when it runs under it. Exit code 1 when it could not score."""

        def run(errors: Any, gold_dir: Optional[Path], segmenter: Optional[str] = None, **extra: Any) -> None:
            ctx = click.get_current_context()
            group = ctx.parent.params if ctx.parent else {}
            count = (errors if self.counted else ALL if errors else 0) or (ALL if group.get("errors") else 0)
            if not self.score(count, gold_dir or group.get("gold_dir"), segmenter or group.get("segmenter"), **extra):
                raise SystemExit(1)

        f: Callable = run
        for option in reversed(options):
            f = option(f)
        if self.segmenter:
            f = click.option("--segmenter", type=SEGMENTERS, help=f"Segmenter of the pipeline.  [default: {self.segmenter}]")(f)
        f = (_errors_count if self.counted else errors_flag)(gold_dir_option(f))
        return click.command(self.name, help=summary, context_settings={"help_option_names": ["-h", "--help"]})(f)
