"""``python -m edureport`` is the ``edureport`` command."""

from .cli import main

main()
