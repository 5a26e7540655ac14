"""edureport's spaCy components, one per module; importing this registers them.

Order in :func:`edureport.load`: headings → lists → quantities → align → report.
Components keep exact character offsets on ``doc._``; ``align`` makes every
boundary a token boundary; ``report`` builds the span groups and the Report.
"""

from edureport.pipeline import align, headings, lists, quantities, report  # noqa: F401  (registration)
from edureport.pipeline.extensions import register_extensions

COMPONENTS: tuple[str, ...] = (
    "edureport_headings",
    "edureport_lists",
    "edureport_quantities",
    "edureport_align",
    "edureport_report",
)

__all__ = ["COMPONENTS", "register_extensions"]
