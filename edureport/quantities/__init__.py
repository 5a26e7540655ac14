"""Figures: quantity mentions with value, unit and qualifier, what they measure, KPI ids and scope.

Reads the text from :mod:`edureport.text`; never imports :mod:`edureport.structure`."""
