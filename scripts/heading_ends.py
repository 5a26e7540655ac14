"""Learn where a heading ends when the line break after it is lost (data/heading_ends.json).

A web copy of a report runs a heading into the sentence after it
(``（一）聚力促进更高水平开放推动自由贸易港政策红利加速释放。``); the line break that said where the
heading ended is gone. The reports of ``../shared/corpus`` with their line breaks show, for every
heading, where it ends and what follows; this script turns them into the weights of a small
ranking model (a conditional logit over the places a heading could end, and "at the full stop"
for a heading run into its paragraph), which :mod:`edureport.text.reflow` reads.

The documents of the gold (``tests/gold``, ``tests/gold/heldout``) are left out, so that the
flattened-text figures of ``edureport evaluate variants`` are measured on text the model has
not seen.

    .venv/bin/python scripts/heading_ends.py            # writes edureport/data/heading_ends.json
    .venv/bin/python scripts/heading_ends.py --check    # exit 1 when the shipped model is not what the corpus gives
"""

from __future__ import annotations

import csv
import json
import math
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from edureport.evaluate.common import shared_dir  # noqa: E402
from edureport.structure.outline import find_headings  # noqa: E402
from edureport.text.layout import build_layout  # noqa: E402
from edureport.text.normalize import matching_copy  # noqa: E402
from edureport.text.read import read_file  # noqa: E402
from edureport.text.reflow import (  # noqa: E402
    NOSPLIT,
    Choice,
    HeadingEndModel,
    boundary_features,
    heading_min,
    marker_pattern,
    marker_style,
    resolve,
    stop_pattern,
)

OUT = ROOT / "edureport" / "data" / "heading_ends.json"
REACH = 60  # characters of the flattened stretch after the marker


def gold_sources() -> set[str]:
    out = set()
    for folder in (ROOT / "tests" / "gold", ROOT / "tests" / "gold" / "heldout"):
        manifest = json.loads((folder / "documents.json").read_text(encoding="utf-8"))
        out |= {entry["source"].split("/")[-1] for entry in manifest["documents"].values()}
    return out


def texts() -> list[tuple[str, str]]:
    corpus = shared_dir() / "corpus"
    skip = gold_sources()
    out = []
    csv.field_size_limit(10**8)
    for path in sorted(corpus.rglob("*")):
        if path.name in skip or path.suffix not in {".csv", ".txt", ".docx"} or path.name == "README.md":
            continue
        if path.suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    out.append((path.name, row["full_text"]))
        else:
            text = read_file(path)
            if text:
                out.append((path.name, text))
    return out


Instance = tuple[str, int, int, int, tuple]
KNOWN = -2  # the answer of a heading the next marker ends: no choice to make, a sibling that leans


def instances(text: str, doc: int) -> list[Instance]:
    """(flattened stretch, marker end, stop, answer, siblings) for every marked heading: the answer is
    where the heading ends in the stretch, or NOSPLIT when the stop ends it; siblings names the
    headings of one marker style under one parent, as :func:`edureport.text.reflow.resolve` groups them."""
    layout = build_layout(text)
    copy, lines = layout.copy, layout.lines
    marker, stop = marker_pattern(), stop_pattern()
    out = []
    seen: dict[str, int] = {}
    latest: dict[str, int] = {}
    for k, h in enumerate(find_headings(layout)):
        m = marker.match(copy, h.start)
        if m is None:
            continue
        style = marker_style(m.group())
        seen.setdefault(style, len(seen))
        parent = max((latest[o] for o in latest if seen[o] < seen[style]), default=-1)
        latest[style] = k
        group = (doc, style, parent)
        line = lines[h.line]
        head = copy[m.end():h.end].rstrip()
        if not head or len(head) < 2:
            continue
        if h.end < line.end and copy[h.end - 1] in "。!?":  # run into its paragraph: ends at its stop
            s = copy[m.end():h.end]
            out.append((s, 0, len(s) - 1, NOSPLIT, group))
            continue
        if copy[line.start:line.end].rstrip() != copy[line.start:h.end].rstrip() or head[-1] in "。!?;:；：":
            continue
        nxt = next((j for j in range(h.line + 1, min(h.line + 4, len(lines))) if not lines[j].empty), None)
        if nxt is None:
            continue
        body = copy[lines[nxt].body:lines[nxt].end]
        if marker.match(body) is not None:  # the next marker ends it in a flattened text: a known sibling
            out.append(("", 0, 0, KNOWN, group))
            continue
        s = (head + body)[:REACH]
        found = stop.search(s, len(head) + 1)
        end = found.start() if found else len(s)
        if end - len(head) < 2:
            continue
        out.append((s, 0, end, len(head), group))
    return out


CLAUSE = set("，。；：！？、,.;:!?\n\r“”\"（）()《》 \t")
MIN_PAIR = 5


def statistics(docs: list[tuple[str, str]]) -> dict:
    """How often each character and pair occurs, ends a clause and opens one."""
    chars: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    pairs: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    total = 0
    for _, text in docs:
        c = matching_copy(text)
        total += len(c)
        for i, ch in enumerate(c):
            if ch in CLAUSE:
                continue
            before = c[i - 1] if i else "\n"
            after = c[i + 1] if i + 1 < len(c) else "\n"
            row = chars[ch]
            row[0] += 1
            row[1] += after in CLAUSE
            row[2] += before in CLAUSE
            if after not in CLAUSE:
                pair = pairs[ch + after]
                pair[0] += 1
                pair[1] += (c[i + 2] if i + 2 < len(c) else "\n") in CLAUSE
                pair[2] += before in CLAUSE
    return {"total": total, "chars": dict(sorted(chars.items())),
            "pairs": {k: v for k, v in sorted(pairs.items()) if v[0] >= MIN_PAIR}}


def candidates(s: str, a: int, end: int) -> list[int]:
    return [p for p in range(a + heading_min(), end - 1) if s.count("“", a, p) <= s.count("”", a, p)] + [NOSPLIT]


def train(data: list[Instance], model: HeadingEndModel, epochs: int = 12, rate: float = 0.1,
          l2: float = 1e-3) -> dict[str, float]:
    w: dict[str, float] = defaultdict(float)
    feats = [[(p, boundary_features(s, a, p, end, model)) for p in candidates(s, a, end)] for s, a, end, _, _ in data]
    order = list(range(len(data)))
    rng = random.Random(17)
    for epoch in range(epochs):
        rng.shuffle(order)
        step = rate / (1 + epoch)
        for i in order:
            answer = data[i][3]
            options = feats[i]
            if not any(p == answer for p, _ in options):
                continue
            scores = [sum(w[f] * v for f, v in fs.items()) for _, fs in options]
            top = max(scores)
            exps = [math.exp(x - top) for x in scores]
            total = sum(exps)
            for (p, fs), e in zip(options, exps):
                g = (1.0 if p == answer else 0.0) - e / total
                if abs(g) < 1e-4:
                    continue
                for f, v in fs.items():
                    w[f] += step * g * v
        for f in list(w):
            w[f] *= 1 - l2
    return {f: round(v, 3) for f, v in sorted(w.items()) if abs(v) >= 0.01}


def choice(s: str, a: int, end: int, w: dict[str, float], model: HeadingEndModel) -> Choice:
    def score(p: int) -> float:
        return sum(w.get(f, 0.0) * v for f, v in boundary_features(s, a, p, end, model).items())
    cuts = [p for p in candidates(s, a, end) if p != NOSPLIT]
    cut = max(cuts, key=score) if cuts else None
    return Choice(cut, score(cut) if cut is not None else -math.inf, score(NOSPLIT))


def accuracy(data: list[Instance], w: dict[str, float], model: HeadingEndModel, reach: float = 0.0) -> float:
    """Share of headings ended right, siblings resolved together as reflow does."""
    groups: dict[tuple, list[Instance]] = defaultdict(list)
    known: dict[tuple, int] = defaultdict(int)
    for item in data:
        if item[3] == KNOWN:
            known[item[4]] += 1
        else:
            groups[item[4]].append(item)
    right = 0
    for key, items in groups.items():
        cuts = resolve([choice(s, a, end, w, model) for s, a, end, _, _ in items], reach, known[key])
        right += sum((cut if cut is not None else NOSPLIT) == item[3] for cut, item in zip(cuts, items))
    return right / sum(len(items) for items in groups.values())


def check() -> int:
    """Whether the shipped model is what the corpus gives (the statistics and the final fit; the
    sibling reach was chosen by cross-validation and is taken as shipped): 0 when it is."""
    docs = texts()
    data = [item for n, (_, text) in enumerate(docs) for item in instances(text, n) if item[3] != KNOWN]
    stats = statistics(docs)
    shipped = json.loads(OUT.read_text(encoding="utf-8"))
    same_stats = all(json.loads(json.dumps(stats[k])) == shipped[k] for k in ("total", "chars", "pairs"))
    weights = train(data, HeadingEndModel({"weights": {}, **stats}))
    same_weights = weights == shipped["weights"]
    print(f"statistics {'match' if same_stats else 'DIFFER'}; weights {'match' if same_weights else 'DIFFER'}")
    return 0 if same_stats and same_weights else 1


def main() -> None:
    if "--check" in sys.argv[1:]:
        raise SystemExit(check())
    docs = texts()
    every = [item for n, (_, text) in enumerate(docs) for item in instances(text, n)]
    data = [item for item in every if item[3] != KNOWN]
    stats = statistics(docs)
    model = HeadingEndModel({"weights": {}, **stats})
    # five folds of documents: each fifth held out in turn to choose how far siblings pull an unsure heading
    reaches = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0)
    right = dict.fromkeys(reaches, 0.0)
    plain = 0.0
    for fold in range(5):
        fit = [d for d in data if d[4][0] % 5 != fold]
        test = [d for d in every if d[4][0] % 5 == fold]
        w = train(fit, model)
        for reach in reaches:
            right[reach] += accuracy(test, w, model, reach) * sum(d[3] != KNOWN for d in test)
        plain += accuracy(fit, w, model, 0.0) * len(fit) / 4
    scores = {r: v / len(data) for r, v in right.items()}
    best = max(round(v, 3) for v in scores.values())
    plateau = [r for r in reaches if round(scores[r], 3) == best]
    reach = plateau[len(plateau) // 2]  # the middle of the best plateau: the choice least bent by one fold
    print(f"{len(docs)} documents, {len(data)} headings ({sum(d[3] == NOSPLIT for d in data)} run in); "
          f"five-fold accuracy on held-out documents by sibling reach " + ", ".join(f"{r:g}: {v:.3f}" for r, v in scores.items())
          + f"; on training documents (reach 0) {plain / len(data):.3f}")
    w = train(data, model)
    OUT.write_text(json.dumps({
        "_doc": "Weights of the heading-end model of edureport/text/reflow.py (where a heading ends when the "
                "line break after it is lost), learnt by scripts/heading_ends.py from the shared corpus's reports "
                "with their line breaks, the gold documents left out; reach: how unsure a heading must be to "
                "follow its siblings (chosen on held-out documents); chars and pairs: [occurrences, clause ends, "
                "clause openings]. Regenerate with that script.",
        "reach": reach, "weights": w, **stats}, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(w)} weights, reach {reach:g}, written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
