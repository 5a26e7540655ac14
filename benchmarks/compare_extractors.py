"""Compare edureport's metrics with jionlp and Microsoft Recognizers-Text on the same gold.

    python benchmarks/compare_extractors.py [--docs NAME ...] [--markdown]

Gold: ``tests/gold/metrics.jsonl`` (5 seeds + 3 government reports), scored exactly as
``python -m edureport.evaluate.metrics`` scores edureport (overlap, one-to-one; exact needs
the same unit and value; optional gold mentions neither rewarded nor penalised).

The anchors are optional development dependencies; a missing one is skipped with a message:

* jionlp (``pip install jionlp``): ``jionlp.ner.extract_money`` → kind ``money``.
* Recognizers-Text (``pip install recognizers-text-suite==1.0.2a2 'emoji<1.0'``), culture
  zh-cn: currency → ``money``, percentage → ``percent``, dimension → its unit's kind,
  number (where no other model matched) → ``count`` with no unit, as the model gives none.

Per kind, gold mentions of other kinds are treated as optional and only predictions of that
kind count, so each extractor is judged on the kinds it attempts.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path
from typing import Callable, Optional

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from edureport.evaluate.common import doc_text, load_gold
from edureport.evaluate.metrics import score_metrics
from edureport.quantities.extract import extract_metrics, unit_info

Extractor = Callable[[str], list[dict]]

# Recognizers-Text unit names → the scheme's canonical units.
_RT_UNITS = {
    "Chinese yuan": "元", "United States dollar": "美元", "Euro": "欧元", "Hong Kong dollar": "港元",
    "Japanese yen": "日元", "British pound": "英镑",
    "Mu": "亩", "Hectare": "公顷", "Square meter": "平方米", "Square kilometer": "平方公里",
    "Kilometer": "公里", "Meter": "米", "Centimeter": "厘米", "Millimeter": "毫米",
    "Ton": "吨", "Kilogram": "千克", "Gram": "克", "Jin": "斤", "Cubic meter": "立方米", "Liter": "升",
    "Kilowatt": "千瓦", "Watt": "瓦", "Kilowatt hour": "千瓦时", "Megawatt": "兆瓦",
}


def _kind(unit: str, default: str = "other") -> str:
    info = unit_info(unit)
    return info.kind if info else default


def _number(text: object) -> Optional[float]:
    try:
        return float(str(text).rstrip("%"))
    except ValueError:
        return None


def edureport_extractor(text: str) -> list[dict]:
    return [m.model_dump() for m in extract_metrics(text)]


def jionlp_extractor() -> Optional[Extractor]:
    if importlib.util.find_spec("jionlp") is None:
        print("jionlp is not installed: skipped (pip install jionlp)", file=sys.stderr)
        return None
    import jionlp

    def extract(text: str) -> list[dict]:
        out = []
        for r in jionlp.ner.extract_money(text, with_parsing=True):
            start, end = r["offset"]
            num = r["detail"]["num"]
            low, high = (num[0], num[1]) if isinstance(num, list) else (num, None)
            out.append({"start": start, "end": end, "text": r["text"], "value": _number(low),
                        "value_max": _number(high) if high else None, "unit": r["detail"].get("case") or "元",
                        "masked": False, "kind": "money"})
        return out
    return extract


def recognizers_extractor() -> Optional[Extractor]:
    if importlib.util.find_spec("recognizers_suite") is None:
        print("Recognizers-Text is not installed: skipped "
              "(pip install recognizers-text-suite==1.0.2a2 'emoji<1.0')", file=sys.stderr)
        return None
    import recognizers_suite as rs
    from recognizers_suite import Culture

    models = ((rs.recognize_currency, "money"), (rs.recognize_percentage, "percent"), (rs.recognize_dimension, None))

    def extract(text: str) -> list[dict]:
        out: list[dict] = []
        for recognize, kind in models:
            for r in recognize(text, Culture.Chinese):
                res = r.resolution or {}
                if kind == "percent":
                    unit = "%"
                else:
                    unit = _RT_UNITS.get(res.get("unit", ""), res.get("unit", ""))
                out.append({"start": r.start, "end": r.end + 1, "text": r.text, "value": _number(res.get("value")),
                            "unit": unit, "masked": False, "kind": kind or _kind(unit)})
        taken = sorted((o["start"], o["end"]) for o in out)
        for r in rs.recognize_number(text, Culture.Chinese):
            if any(s < r.end + 1 and r.start < e for s, e in taken):
                continue
            out.append({"start": r.start, "end": r.end + 1, "text": r.text, "value": _number((r.resolution or {}).get("value")),
                        "unit": "", "masked": False, "kind": "count"})
        return sorted(out, key=lambda o: o["start"])
    return extract


def _only_kind(gold: list[dict], predicted: dict[str, list[dict]], kind: str):
    """Gold of other kinds made optional; predictions of other kinds dropped."""
    g = [dict(r, optional=r["optional"] or _kind(r["unit"], "count") != kind) for r in gold]
    p = {doc: [x for x in preds if x["kind"] == kind] for doc, preds in predicted.items()}
    return g, p


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", nargs="*", help="only these gold documents (substring match)")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables (for docs/evaluation.md)")
    args = parser.parse_args(argv)
    gold = load_gold("metrics.jsonl")
    docs = sorted({g["doc"] for g in gold})
    if args.docs:
        docs = [d for d in docs if any(s in d for s in args.docs)]
        gold = [g for g in gold if g["doc"] in docs]
    texts = {d: doc_text(d) for d in docs}
    chars = sum(map(len, texts.values()))

    extractors: dict[str, Extractor] = {"edureport": edureport_extractor}
    for name, make in (("jionlp", jionlp_extractor), ("Recognizers-Text", recognizers_extractor)):
        extractor = make()
        if extractor is not None:
            extractors[name] = extractor

    results, speed, predictions = {}, {}, {}
    for name, extract in extractors.items():
        extract("预热：投入1万元，增长5%，1公里。")  # load models and tables outside the timing
        started = time.perf_counter()
        predictions[name] = {d: extract(t) for d, t in texts.items()}
        speed[name] = chars / (time.perf_counter() - started)
        results[name] = score_metrics(gold, predictions[name])

    kinds = sorted({_kind(g["unit"], "count") for g in gold if not g["optional"]},
                   key=lambda k: -sum(1 for g in gold if not g["optional"] and _kind(g["unit"], "count") == k))
    attempted = {name: {x["kind"] for preds in p.values() for x in preds} for name, p in predictions.items()}
    bar, sep = ("| ", " | ") if args.markdown else ("", "  ")

    def line(cells: list[str]) -> str:
        return bar + sep.join(cells) + (" |" if args.markdown else "")

    print(f"Metrics on {len(docs)} gold documents, {chars:,} characters, "
          f"{sum(1 for g in gold if not g['optional'])} required mentions\n")
    head = [f"{'extractor':<17}", "det P", "det R", "det F1", " ex P", " ex R", "ex F1", f"{'chars/s':>10}"]
    print(line(head))
    if args.markdown:
        print(line(["---"] + ["---:"] * (len(head) - 1)))
    for name, r in results.items():
        d, e = r["overall"]["detection"], r["overall"]["exact"]
        print(line([f"{name:<17}"] + [f"{v:5.3f}" for v in (d["p"], d["r"], d["f1"], e["p"], e["r"], e["f1"])]
                   + [f"{speed[name]:>10,.0f}"]))

    print("\nPer kind: detection F1 / exact F1 (— where the extractor does not attempt the kind)\n")
    head = [f"{'kind':<17}", f"{'gold':>4}"] + [f"{name:>17}" for name in results]
    print(line(head))
    if args.markdown:
        print(line(["---", "---:"] + ["---:"] * len(results)))
    for kind in kinds:
        n = sum(1 for g in gold if not g["optional"] and _kind(g["unit"], "count") == kind)
        cells = [f"{kind:<17}", f"{n:>4}"]
        for name in results:
            if kind not in attempted[name]:
                cells.append(f"{'—':>17}")
                continue
            g, p = _only_kind(gold, predictions[name], kind)
            o = score_metrics(g, p)["overall"]
            cells.append(f"{o['detection']['f1']:.3f} / {o['exact']['f1']:.3f}".rjust(17))
        print(line(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
