"""Targets against results: each target of a report, the figure a later report of the same place
gives for it, and the outcome (``met``, ``exceeded``, ``missed``, ``not_reported``).

Built from the KPI table (:func:`edureport.corpus.kpis.kpis_frame`) and the reports table, so it
costs nothing beyond parsing. The rules are written down in ``docs/targets.md``; the cue data
(which indicators are ceilings) is ``data/targets.json``.

A target is a figure with ``status == "target"`` and an ``indicator_id``, unless its sentence
estimates a result (预计增长5.1%左右, without 目标); its period is its own
``period_norm``, else the period after its report's (a government work report about 2024 sets
2025's targets; a summary of 2023's first half plans the second). A result is a figure with
``status == "actual"``, the same ``indicator_id`` and unit, from another report of the same
``place``, whose period (its own, else its report's) is the target's, and whose aggregation can
answer the target's (a five-year average never answers a year's target). Several candidates: the
one whose own period names the target's comes first, then the one nearest the report's review,
in document order, a figure in a section reviewing more than the year (过去五年) after the others;
the others are kept in ``other_results``. The same target stated twice in
one report (the same indicator, period, value and kind) is one row, the repeats' offsets in
``also_stated``.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, Optional

import pandas as pd
import regex

from edureport.data import load_json
from edureport.text.normalize import matching_copy

__all__ = ["OUTCOMES", "TARGETS_DTYPES", "judge", "target_outcomes"]

#: The outcomes, in the order a summary lists them.
OUTCOMES = ("met", "exceeded", "missed", "not_reported")

#: Columns of :func:`target_outcomes`, in order, with their pandas dtypes.
TARGETS_DTYPES: dict[str, str] = {
    "place": "string",
    "indicator_id": "string",
    "indicator": "string",
    "period": "string",
    "target_value": "float64",
    "target_value_max": "float64",
    "target_kind": "string",
    "target_text": "string",
    "target_report": "string",
    "target_start": "int64",
    "target_end": "int64",
    "target_sentence": "string",
    "result_value": "float64",
    "result_approx": "string",
    "result_text": "string",
    "result_report": "string",
    "result_start": "Int64",
    "result_end": "Int64",
    "result_sentence": "string",
    "other_results": "string",
    "also_stated": "string",
    "outcome": "string",
    "rule": "string",
}

_NUMBER = regex.compile(r"\d+(?:\.(\d+))?")
_PERIOD = regex.compile(r"^(\d{4})年(上半年|下半年)?$")


@lru_cache(maxsize=1)
def _rules() -> tuple[frozenset[str], dict[str, str], dict[str, frozenset[str]]]:
    table = load_json("targets.json")
    compatible = {key: frozenset(values) for key, values in table["compatible_aggregations"].items()}
    return frozenset(table["ceilings"]), dict(table["approx"]), compatible


def tolerance(text: str, value: float) -> float:
    """Half a unit of the last digit written (``5%`` → 0.5, ``5.5%`` → 0.05, ``７．５％`` → 0.05,
    ``50万人`` → 5,000; ``百分之八`` → 0.5, from the value)."""
    found = _NUMBER.search(unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", ""))
    if found is None:  # a Chinese numeral (百分之八): the digits of the value itself
        decimals = len(repr(float(value)).split(".")[1].rstrip("0")) if "." in repr(float(value)) else 0
        return 0.5 * 10.0 ** -decimals
    try:
        written = Decimal(found.group())
    except InvalidOperation:
        return 0.0
    decimals = len(found.group(1) or "")
    scale = float(value) / float(written) if written else 1.0
    return 0.5 * 10.0 ** -decimals * abs(scale)


def target_kind(indicator_id: str, approx: Optional[str], value_max: Optional[float]) -> str:
    """``ceiling``, ``range``, ``about``, ``at_least`` or ``point`` (a bare figure)."""
    ceilings, kinds, _ = _rules()
    kind = kinds.get(approx or "", "point")
    if indicator_id in ceilings or kind == "at_most":
        return "ceiling"
    if value_max is not None and not pd.isna(value_max):
        return "range"
    return kind


def judge(kind: str, target: float, target_max: Optional[float], result: Optional[float], tol: float) -> tuple[str, str]:
    """(outcome, the rule that decided it) of a result against a target of ``kind`` (docs/targets.md)."""
    if result is None or pd.isna(result):
        return "not_reported", "no result in a later report"
    if kind == "ceiling":
        ok = result <= target + tol
        return ("met" if ok else "missed"), f"ceiling: met when result ≤ {target:g} + {tol:g}"
    low, high = (target, target_max) if kind == "range" and target_max is not None else (target, target)
    rule = f"{kind}: met within [{low - tol:g}, {high + tol:g}], exceeded above, missed below"
    if result > high + tol:
        return "exceeded", rule
    if result < low - tol:
        return "missed", rule
    return "met", rule


def _report_periods(reports: pd.DataFrame) -> tuple[dict[str, Optional[str]], dict[str, Optional[str]]]:
    """Per report: (the period it reviews, the period its targets are for), normalised (2025, 2023-H1)."""
    reviewed: dict[str, Optional[str]] = {}
    planned: dict[str, Optional[str]] = {}
    for report_id, period in zip(reports["report_id"], reports["period"]):
        found = _PERIOD.match(period) if isinstance(period, str) else None
        if found is None:
            reviewed[report_id] = planned[report_id] = None
            continue
        year, half = int(found.group(1)), found.group(2)
        if half == "上半年":
            reviewed[report_id], planned[report_id] = f"{year}-H1", f"{year}-H2"
        elif half == "下半年":
            reviewed[report_id], planned[report_id] = f"{year}-H2", str(year + 1)
        else:
            reviewed[report_id], planned[report_id] = str(year), str(year + 1)
    return reviewed, planned


@lru_cache(maxsize=1)
def _cues() -> dict[str, regex.Pattern[str]]:
    """``cues`` in targets.json: estimate, restated, longer_review."""
    return {key: regex.compile(pattern) for key, pattern in load_json("targets.json")["cues"].items()}


_SPAN = regex.compile(r"^(\d{4}(?:-H[12])?)\.\.(\1)$")


def _one_period(period: Any) -> Optional[str]:
    """A figure's own period as the target's is written: ``2025..2025`` (一年来) is ``2025``; missing is None."""
    if period is None or pd.isna(period):
        return None
    found = _SPAN.match(str(period))
    return found.group(1) if found else str(period)


def _in_longer_review(row: Any, period: str) -> bool:
    """The figure stands in a section reviewing more than the year (过去五年, “十四五”以来) and not
    naming the year too (“十四五”时期和2025年工作回顾): its total is not the year's result."""
    path = getattr(row, "section_path", None)
    return isinstance(path, str) and _cues()["longer_review"].search(path) is not None and period[:4] not in path


@lru_cache(maxsize=4096)
def _phrase_bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def _bigrams(phrase: Any) -> frozenset[str]:
    return _phrase_bigrams(matching_copy(phrase)) if isinstance(phrase, str) else frozenset()


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """How much two indicator phrases share (城镇居民人均可支配收入 is nearer 城镇人均可支配收入 than 农民人均纯收入
    is): of one id's results, the one named like the target answers it."""
    return len(a & b) / len(a | b) if a and b else 0.0


def _at(row: Any) -> str:
    return f"{row.report_id}:{row.start}-{row.end} {row.text}"


def target_outcomes(kpis: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """One row per target (columns :data:`TARGETS_DTYPES`), in corpus order, with its result and outcome."""
    _, _, compatible = _rules()
    reviewed, planned = _report_periods(reports)
    place_of = dict(zip(reports["report_id"], reports["place"]))
    frame = kpis.assign(place=kpis["report_id"].map(place_of).astype("string"))
    own = pd.Series([_one_period(v) for v in frame["period_norm"].astype(object)], index=frame.index, dtype=object)
    # 预计增长5.1%左右 in the review of a year estimates that year's result: not a target
    cues = _cues()
    estimate = [isinstance(s, str) and cues["estimate"].search(s) is not None and "目标" not in s for s in frame["sentence"]]
    target_mask = (frame["status"] == "target") & ~pd.Series(estimate, index=frame.index, dtype=bool)
    targets = frame[target_mask].assign(
        eff_period=[p if p is not None else planned.get(r) for p, r in zip(own[target_mask],
                                                                         frame.loc[target_mask, "report_id"])])
    # 去年我在政府工作报告中曾提出，要把…控制在百分之十以内: a target stated again is no result
    restated = [isinstance(s, str) and cues["restated"].search(s) is not None for s in frame["sentence"]]
    actual_mask = (frame["status"] == "actual") & ~pd.Series(restated, index=frame.index, dtype=bool)
    actuals = frame[actual_mask].assign(
        eff_period=[p if p is not None else reviewed.get(r) for p, r in zip(own[actual_mask],
                                                                         frame.loc[actual_mask, "report_id"])],
        own_named=[p is not None for p in own[actual_mask]])
    order = {rid: i for i, rid in enumerate(reports["report_id"])}
    by_key: dict[tuple[str, str, str], list[Any]] = {}
    for row in actuals.itertuples(index=False):
        if row.eff_period is not None and not pd.isna(row.place):
            by_key.setdefault((str(row.place), str(row.indicator_id), str(row.eff_period)), []).append(row)
    rows: list[dict[str, Any]] = []
    for target in targets.itertuples(index=False):
        agg = "" if pd.isna(target.aggregation) else str(target.aggregation)
        fits = compatible.get(agg, frozenset({agg}))
        candidates = [
            r for r in by_key.get((str(target.place), str(target.indicator_id), str(target.eff_period)), [])
            if r.report_id != target.report_id and str(r.unit) == str(target.unit)
            and ("" if pd.isna(r.aggregation) else str(r.aggregation)) in fits
        ] if target.eff_period is not None else []
        named = _bigrams(target.indicator)
        area = None if pd.isna(target.area) else str(target.area)
        candidates.sort(key=lambda r: (not r.own_named, _in_longer_review(r, str(target.eff_period)),
                                       (None if pd.isna(r.area) else str(r.area)) != area,  # 城镇 answers 城镇
                                       -_overlap(named, _bigrams(r.indicator)), pd.notna(r.area),
                                       order.get(r.report_id, 0), r.start))
        best = candidates[0] if candidates else None
        value_max = None if pd.isna(target.value_max) else float(target.value_max)
        kind = target_kind(str(target.indicator_id), None if pd.isna(target.approx) else str(target.approx), value_max)
        value = None if pd.isna(target.value) else float(target.value)
        if value is None:  # a masked target cannot be judged
            outcome, rule = "not_reported", "masked target"
        elif pd.isna(target.place):
            outcome, rule = "not_reported", "its report names no place: give target_outcomes(place=...)"
        else:
            result = None if best is None or pd.isna(best.value) else float(best.value)
            outcome, rule = judge(kind, value, value_max, result, tolerance(str(target.text), value))
        rows.append({
            "place": target.place, "indicator_id": target.indicator_id, "indicator": target.indicator,
            "period": target.eff_period, "target_value": value, "target_value_max": value_max, "target_kind": kind,
            "target_text": target.text, "target_report": target.report_id, "target_start": target.start,
            "target_end": target.end, "target_sentence": target.sentence,
            "result_value": None if best is None else best.value,
            "result_approx": None if best is None or pd.isna(best.approx) else best.approx,
            "result_text": None if best is None else best.text,
            "result_report": None if best is None else best.report_id,
            "result_start": None if best is None else best.start, "result_end": None if best is None else best.end,
            "result_sentence": None if best is None else best.sentence,
            "other_results": "; ".join(_at(r) for r in candidates[1:]) or None,
            "outcome": outcome, "rule": rule,
        })
    out = pd.DataFrame(_merge_repeats(rows), columns=list(TARGETS_DTYPES))
    return out.astype(TARGETS_DTYPES).reset_index(drop=True)


def _merge_repeats(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per target: the same target stated again in its report (the summary of the year's targets,
    then the plan's paragraph) is the first row's, its places kept in ``also_stated``."""
    first: dict[tuple, dict[str, Any]] = {}
    kept: list[dict[str, Any]] = []
    for row in rows:
        key = (row["target_report"], row["indicator_id"], row["period"], row["target_value"], row["target_value_max"],
               row["target_kind"])
        if key in first and row["target_value"] is not None:
            seen = first[key]
            seen["also_stated"] = "; ".join(filter(None, [seen["also_stated"],
                                                          f"{row['target_start']}-{row['target_end']}"]))
            continue
        row["also_stated"] = None
        first[key] = row
        kept.append(row)
    return kept
