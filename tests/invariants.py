"""The properties every parsed Report holds, whatever the input (shared by the fuzz and adversarial tests)."""

from __future__ import annotations

import math

import edureport


def check_report(report: edureport.Report, text: str) -> None:
    """Assert the Report's contract: text unchanged, offsets grounded, values finite, JSON round trip."""
    assert report.text == text
    n = len(text)
    for metric in report.metrics:
        _grounded(metric, text)
    for item in report.items:
        _grounded(item, text)
        for metric in item.metrics:
            _grounded(metric, text)
            assert item.start <= metric.start and metric.end <= item.end, (item, metric)
    for metric in [*report.metrics, *(m for i in report.items for m in i.metrics)]:
        for value in (metric.value, metric.value_max):
            assert value is None or math.isfinite(value), metric
        if metric.indicator is None:
            assert metric.indicator_start is None and metric.indicator_end is None, metric
        else:  # grounded like everything else
            assert metric.indicator_start is not None and metric.indicator_end is not None, metric
            assert text[metric.indicator_start:metric.indicator_end] == metric.indicator, metric
    for section in report.sections:
        _section(section, text, n)
    for a, b in zip(report.sections, report.sections[1:]):
        assert a.start <= b.start, (a, b)
    again = edureport.Report.model_validate_json(report.model_dump_json())
    assert again == report


def _grounded(obj, text: str) -> None:
    assert 0 <= obj.start <= obj.end <= len(text), obj
    assert text[obj.start:obj.end] == obj.text, obj


def _section(section: edureport.Section, text: str, n: int) -> None:
    assert 0 <= section.start <= section.end <= n, section
    assert text[section.start:section.start + len(section.heading)] == section.heading, section
    for child in section.children:
        assert section.start <= child.start and child.end <= section.end, (section, child)
        assert child.level > section.level, (section, child)
        _section(child, text, n)
