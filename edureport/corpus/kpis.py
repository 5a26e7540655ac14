"""KPI tables of a corpus: one row per figure with an indicator id, and report × indicator.

Built from the corpus tables (``metrics`` joined with ``reports``), so they cost nothing
beyond parsing. :meth:`edureport.Corpus.kpis` and :meth:`edureport.Corpus.kpi_table`
call these; ``docs/corpus.md`` describes every column.
"""

from __future__ import annotations

from typing import Iterable, Optional, Union

import pandas as pd

from edureport.errors import ConfigError

__all__ = ["ANY", "KPIS_DTYPES", "kpi_table", "kpis_frame"]

#: ``aggregation=ANY`` in :func:`kpi_table`: no filter on aggregation (None keeps figures without one).
ANY = "any"

#: Columns of :func:`kpis_frame`, in order, with their pandas dtypes.
KPIS_DTYPES: dict[str, str] = {
    "report_id": "string",
    "issuer": "string",
    "report_period": "string",
    "indicator_id": "string",
    "indicator_name": "string",
    "domain": "string",
    "indicator": "string",
    "indicator_start": "Int64",
    "indicator_end": "Int64",
    "value": "float64",
    "value_max": "float64",
    "unit": "string",
    "approx": "string",
    "masked": "bool",
    "status": "string",
    "period": "string",
    "period_norm": "string",
    "aggregation": "string",
    "area": "string",
    "item_role": "string",
    "text": "string",
    "start": "int64",
    "end": "int64",
    "sentence": "string",
}


def kpis_frame(metrics: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Every metric with an ``indicator_id``, with its report's issuer and period and the indicator's name.

    Rows keep the corpus order (reports in reading order, figures in document order).
    """
    from edureport.quantities.kpis import default_vocabulary

    vocab = default_vocabulary().indicators
    rows = _with_joint_areas(metrics)
    rows = rows[rows["indicator_id"].notna()]
    meta = reports[["report_id", "issuer", "period"]].rename(columns={"period": "report_period"})
    out = rows.merge(meta, on="report_id", how="left", sort=False)
    ids = out["indicator_id"].astype(object)
    out["indicator_name"] = [vocab[i].name if i in vocab else None for i in ids]
    out["domain"] = [vocab[i].domain if i in vocab else None for i in ids]
    out = out[list(KPIS_DTYPES)]
    return out.astype(KPIS_DTYPES).reset_index(drop=True)


def _with_joint_areas(metrics: pd.DataFrame) -> pd.DataFrame:
    """A figure said of the towns and the countryside alike (城乡居民人均可支配收入分别增长7.5%, area 城乡) has
    no id of its own but is each area's figure: one row for each, with that area and its id, in its place."""
    from edureport.quantities.kpis import JOINT_AREA, area_ids

    joint = metrics["indicator_id"].isna() & (metrics["area"] == JOINT_AREA).fillna(False)
    if not joint.any():
        return metrics
    expanded: list[tuple[object, str, str]] = []
    for index, kind in zip(metrics.index[joint], metrics.loc[joint, "kind"]):
        area_of: dict[str, str] = {}  # one row per id: 农村 and 农牧区 share one
        for area, ident in area_ids(str(kind)).items():
            area_of.setdefault(ident, area)
        expanded.extend((index, area, ident) for ident, area in area_of.items())
    if not expanded:
        return metrics
    rows = metrics.loc[[index for index, _, _ in expanded]].assign(
        area=[area for _, area, _ in expanded], indicator_id=[ident for _, _, ident in expanded])
    return pd.concat([metrics[~joint], rows]).sort_index(kind="stable")


def kpi_table(
    kpis: pd.DataFrame,
    reports: pd.DataFrame,
    indicator_ids: Union[str, Iterable[str]],
    status: Optional[str] = None,
    *,
    period_norm: Optional[str] = None,
    aggregation: Optional[str] = ANY,
    value: str = "value",
    offsets: bool = True,
    long: bool = False,
) -> pd.DataFrame:
    """Report × indicator: for each report and indicator, the first matching figure in document order.

    Filters: ``status`` (``target``, ``actual``, ``baseline``), ``period_norm`` (``"2026"``),
    ``aggregation`` (a value, ``None`` for figures without one, :data:`ANY` for no filter: the
    default). ``value``: the column shown in the cells (``value``, ``value_max``, ``text``…).
    ``offsets``: add ``<id>_start``/``<id>_end`` columns, the cell's place in its report's text.
    ``long``: the chosen figures as rows (every column of :func:`kpis_frame`) instead.
    Every parsed report has a row; a report without a matching figure has missing cells.
    """
    ids = [indicator_ids] if isinstance(indicator_ids, str) else list(indicator_ids)
    if value not in KPIS_DTYPES:
        raise ConfigError(f"value={value!r}: choose one of {', '.join(KPIS_DTYPES)}")
    rows = kpis[kpis["indicator_id"].isin(ids)]
    if status is not None:
        rows = rows[rows["status"] == status]
    if period_norm is not None:
        rows = rows[rows["period_norm"] == period_norm]
    if aggregation is None:
        rows = rows[rows["aggregation"].isna()]
    elif aggregation != ANY:
        rows = rows[rows["aggregation"] == aggregation]
    # first in document order: rows are in corpus order already; sort on start within a report to be sure
    order = {rid: i for i, rid in enumerate(reports["report_id"])}
    rows = rows.assign(_order=rows["report_id"].map(order)).sort_values(["_order", "start"], kind="stable")
    chosen = rows.drop_duplicates(["report_id", "indicator_id"], keep="first").drop(columns="_order")
    if long:
        return chosen.reset_index(drop=True)
    table = pd.DataFrame({"report_id": reports["report_id"].astype("string")})
    table["issuer"] = reports["issuer"].to_numpy()
    for ident in ids:
        part = chosen[chosen["indicator_id"] == ident].set_index("report_id")
        table[ident] = table["report_id"].map(part[value]).astype(KPIS_DTYPES[value])
        if offsets:
            table[f"{ident}_start"] = table["report_id"].map(part["start"]).astype("Int64")
            table[f"{ident}_end"] = table["report_id"].map(part["end"]).astype("Int64")
    return table.set_index("report_id")
