"""Jupyter shows a ``Report`` as its picture, without the data contract knowing about HTML.

``edureport.models`` imports nothing of the package, so ``Report`` has no
``_repr_html_``; instead the HTML display formatter of the running IPython
shell gets :func:`~edureport.render.html.render_fragment` for ``Report``.
``edureport.render`` does this when it is imported inside IPython (a notebook
kernel, the IPython terminal); outside IPython nothing happens and IPython is
never imported. Who imported edureport before starting a shell calls
:func:`register_jupyter` (or runs ``%load_ext edureport.render.jupyter``).
"""

from __future__ import annotations

import sys
from typing import Any, Optional

from edureport.models import Report
from edureport.render.html import render_fragment

__all__ = ["load_ipython_extension", "register_jupyter"]


def register_jupyter(shell: Optional[Any] = None) -> bool:
    """Show ``Report`` objects as :func:`render_fragment` in ``shell`` (default: the running IPython shell).

    Safe to call any number of times: the formatter keeps one entry per type.

    Args:
        shell: an IPython ``InteractiveShell``; ``None`` looks for the running one.

    Returns:
        Whether a shell was found and the formatter registered.
    """
    if shell is None:
        ipython = sys.modules.get("IPython")  # a running shell has imported it; never import it here
        shell = ipython.get_ipython() if ipython is not None else None
        if shell is None:
            return False
    shell.display_formatter.formatters["text/html"].for_type(Report, render_fragment)
    return True


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext edureport.render.jupyter``: IPython's spelling of :func:`register_jupyter`."""
    register_jupyter(ipython)
