"""Adversarial inputs: does any pattern backtrack, or any stage go superlinear?

    python benchmarks/adversarial.py [--only NAME ...] [--segmenter char|auto ...] [--repeat 3] [--json]

For every input of :func:`inputs` (100k digits, 100k 一是, 10k nested markers,
1 MB without punctuation, runs of masks, emoji and control characters, 100k
short lines, …) it prints the length in characters, the wall time of one
``edureport.parse()`` (the best of ``--repeat`` runs: this machine's speed drifts by up to
2× within minutes, and the best run is the one least disturbed) and the characters per
second, with the default pipeline
(``segmenter="auto"``: pkuseg when its model is available) and with
``segmenter="char"``, and with ``parse()``'s default settings (``rules``: no segmenter), next to
the same figures for ordinary text (the seed reports, concatenated) and the limits issues 8 and 20
set: max(1 s, 1 s per 15,000 characters) with the pkuseg pipeline, max(1 s, 1 s per 300,000
characters) with character segmentation, max(1 s, 1 s per 500,000 characters) with the rules.

An input refused with an ``edureport.EdureportError`` counts as handled (its
error class is printed). tests/test_adversarial.py parses the same inputs with
character segmentation under a generous bound, as a hang guard only; the
figures come from this script.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]

_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def _nested_markers(count: int) -> list[str]:
    """``count`` markers of the five usual styles, nested, with ordinals 1-10 and a short title each."""
    out = []
    for i in range(count):
        n = i // 5 % 10
        style = i % 5
        marker = [f"{_CN[n]}、", f"（{_CN[n]}）", f"{n + 1}.", f"（{n + 1}）", _CIRCLED[n]][style]
        out.append(marker + "工作")
    return out


def _ordinary() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))


def inputs() -> dict[str, Callable[[], str]]:
    """Name → builder of each adversarial text (built lazily: some are a megabyte)."""
    return {
        "ordinary (seeds, reference)": _ordinary,
        "100k digits": lambda: "1234567890" * 10_000,
        "100k 一是": lambda: "一是" * 100_000,
        "10k nested markers, one line": lambda: "".join(_nested_markers(10_000)),
        "10k nested markers, own lines": lambda: "\n".join(_nested_markers(10_000)),
        "1 MB without punctuation": lambda: ("全面加强教育系统党的建设推进义务教育优质均衡发展" * 45_000)[:1_000_000],
        "100k ** masks": lambda: "学校**所" + "*" * 100_000 + "人",
        "100k × masks": lambda: "投入×××万元" + "×" * 100_000 + "元",
        "masked metrics x20k": lambda: "新建学校**所，投入××万元，" * 20_000,
        "emoji and control chars": lambda: ("📚🏫👩‍🏫\x00\x01\x07\x1b\x7f\u200b\u202e\ufeff" * 8_000),
        "100k short lines": lambda: "教育\n" * 100_000,
        "200k-char line of （1）加强；": lambda: ("（1）加强；" * 33_334)[:200_000],
        "repeated run-in headings": lambda: "一、主要工作。（一）加强党建。1.落实责任。" * 8_000,
        "50k percent signs": lambda: "%" * 50_000,
        "50k 万亿": lambda: "万亿" * 50_000,
        "50k digits+万亿": lambda: "12万亿" * 20_000,
        "deep brackets 50k": lambda: "（" * 50_000 + "教育" + "）" * 50_000,
        "long quote": lambda: "“" + "加强教育工作" * 30_000 + "”",
        "unclosed quotes": lambda: "“教育" * 50_000,
        "100k percent numbers": lambda: "提高12.5%，" * 15_000,
        # scope cues (issue 10): a status cue in every ；-part, periods, areas and targets before every figure
        "status cues across ；": lambda: "已完成；学校**所；" * 20_000,
        "periods, areas, targets": lambda: "2023年上半年全县力争新增学位**个，累计投入××万元；" * 6_000,
        # as dense as "masked metrics x20k", but no figure and no neighbourhood repeats: the per-text
        # memos of window-only analyses (see docs/performance.md) cannot help
        "distinct figures x20k": lambda: "".join(
            f"新建学校{i % 997}所，投入{i * 7 % 9973}.{i % 10}万元，" for i in range(20_000)),
        # session 10: a converter's figure lines (as large as "distinct figures x20k", as dense in figures),
        # rates without %, site addresses after headings
        "figure lines x16k": lambda: "".join(f"发放生活补助?/p>\n{i}\n万元，受助学生\n" for i in range(16_000)),
        "rates without % x20k": lambda: "小学入学率100，初中巩固率99.7，" * 10_000,
        "site addresses x10k": lambda: "一、主要工作 公文汇 www.gongwenhui.com\n公文汇,办公文档之家\n" * 10_000,
    }


def char_limit(n: int) -> float:
    return max(1.0, n / 300_000)


def default_limit(n: int) -> float:
    return max(1.0, n / 15_000)


def rules_limit(n: int) -> float:
    """Issue 20: ``parse()`` with default settings (the rules alone)."""
    return max(1.0, n / 500_000)


def _time_parse(text: str, segmenter: str) -> tuple[float, str]:
    import edureport

    t0 = time.perf_counter()
    try:
        edureport.parse(text, segmenter=None if segmenter == "rules" else segmenter)
        outcome = "ok"
    except edureport.EdureportError as err:
        outcome = type(err).__name__
    return time.perf_counter() - t0, outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="names (substrings) of inputs to run")
    parser.add_argument("--segmenter", nargs="*", default=["rules", "auto", "char"],
                        help="rules: parse() with default settings (no segmenter); auto, char: the spaCy pipeline")
    parser.add_argument("--repeat", type=int, default=3, help="runs per input and pipeline; the best counts")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    import edureport

    for seg in args.segmenter:
        edureport.parse("预热。", segmenter=None if seg == "rules" else seg)  # load the pipelines outside the timings
    rows = []
    for name, build in inputs().items():
        if args.only and not any(o in name for o in args.only):
            continue
        text = build()
        for seg in args.segmenter:
            runs = [_time_parse(text, seg) for _ in range(max(1, args.repeat))]
            seconds, outcome = min(runs)
            limit = {"char": char_limit, "rules": rules_limit}.get(seg, default_limit)(len(text))
            rows.append({
                "input": name, "segmenter": seg, "chars": len(text), "seconds": round(seconds, 3),
                "chars_per_s": round(len(text) / seconds), "limit_s": round(limit, 2),
                "within": seconds < limit, "outcome": outcome, "runs_s": [round(r[0], 3) for r in runs],
            })
            if not args.json:
                r = rows[-1]
                print(f"{name:32s} {seg:5s} {r['chars']:>9,} {r['seconds']:>8.3f} s {r['chars_per_s']:>11,}/s"
                      f"  limit {r['limit_s']:>5.2f} s  {'ok ' if r['within'] else 'SLOW'}  {outcome}", flush=True)
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
    return 0 if all(r["within"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
