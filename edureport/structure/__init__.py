"""The report's structure: headings, inline lists, the section tree, roles, topics and the title block.

Reads the layout from :mod:`edureport.text`; never imports :mod:`edureport.quantities`."""
