"""``python -m edureport`` is the ``edureport`` command."""

from edureport.cli import main

main()
