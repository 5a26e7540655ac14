"""Pictures of a Report: a self-contained HTML page, a fragment for Jupyter, displaCy data.

Importing this package inside a running IPython shell registers the fragment
as the HTML picture of ``Report`` (:mod:`edureport.render.jupyter`).

The package root re-exports :func:`render` under the same name as this
package, so ``edureport.render`` is the function; import these modules by
their full names (``from edureport.render.displacy import displacy_options``).
"""

from edureport.render.displacy import DISPLACY_COLORS, displacy_data, displacy_options
from edureport.render.html import render, render_fragment
from edureport.render.jupyter import register_jupyter

__all__ = ["DISPLACY_COLORS", "displacy_data", "displacy_options", "register_jupyter", "render", "render_fragment"]

register_jupyter()
