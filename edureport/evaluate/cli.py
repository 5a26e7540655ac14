"""``edureport evaluate`` (also ``python -m edureport.evaluate``): scores against gold, every part or one.

Options given before a part's name apply to every part; a part's own options come after
it. Exit codes as for ``edureport``: 0 scored; 1 a part could not be scored because a gold
text is missing or differs (the other parts are still printed); 2 usage error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from edureport.evaluate import indicators, kpis, metrics, segmentation, structure, targets, topics, variants
from edureport.evaluate.command import ALL, SEGMENTERS, errors_flag, gold_dir_option

#: The parts, in the order ``edureport evaluate`` prints them.
PARTS = (structure.PART, metrics.PART, topics.PART, segmentation.PART, kpis.PART, indicators.PART, variants.PART,
         targets.PART)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@errors_flag
@gold_dir_option
@click.option("--segmenter", type=SEGMENTERS,
              help="Segmenter of the pipeline.  [default: auto for structure and metrics --pipeline, char for topics, kpis and indicators]")
@click.pass_context
def evaluate(ctx: click.Context, errors: bool, gold_dir: Optional[Path], segmenter: Optional[str]) -> None:
    """Score against the gold in tests/gold: every part, or the one named.

    \b
      edureport evaluate
      edureport evaluate --errors --gold-dir tests/gold/heldout
      edureport evaluate metrics --errors --gold-dir tests/gold/heldout
      edureport evaluate topics --errors 20
    """
    if ctx.invoked_subcommand is not None:
        return
    failed = False
    for n, part in enumerate(PARTS):
        if n:
            print()
        failed |= not part.score(ALL if errors else 0, gold_dir, segmenter)
    if failed:
        raise SystemExit(1)


for _module in (structure, metrics, topics, segmentation, kpis, indicators, variants, targets):
    evaluate.add_command(_module.command)


def run() -> None:
    """``python -m edureport.evaluate``."""
    evaluate.main(prog_name="python -m edureport.evaluate")
