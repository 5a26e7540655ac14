"""Where gold lives and how its documents are read.

The gold offsets refer to texts the project did not write (public government reports), so
the repository keeps no copy of them: each gold folder has a manifest, ``documents.json``,
saying where every document's text is (a CSV cell of the shared corpus, or a file of the
repository such as ``seeds/*.txt``) and its length and SHA-256, so that a different copy
is caught before any offset is trusted.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import time
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Protocol, TypeVar

from edureport.errors import EdureportError
from edureport.models import Metric
from edureport.text.read import read_file

#: The source checkout (``tests/gold``, ``seeds/`` and, beside it, ``shared/``).
ROOT = Path(__file__).resolve().parents[2]
#: tests/gold of a source checkout; EDUREPORT_GOLD_DIR points elsewhere.
GOLD_DIR = Path(os.environ.get("EDUREPORT_GOLD_DIR", ROOT / "tests" / "gold"))
#: The manifest of a gold folder: document name → where its text is.
MANIFEST = "documents.json"
SHARED_ENV = "EDUREPORT_SHARED_DIR"
#: Gold documents named like the seeds (``000_…``) are the education reports; the others government reports.
SEED_PREFIXES = tuple(f"{i:03d}_" for i in range(1000))


class GoldTextError(EdureportError):
    """A gold document's text is not listed, not there, or not the text the gold was made on."""


def shared_dir() -> Path:
    """The shared data folder: ``$EDUREPORT_SHARED_DIR``, else ``shared`` beside the checkout.

    Read at each call, so that setting the variable in a running process takes effect.
    """
    return Path(os.environ.get(SHARED_ENV) or ROOT.parent / "shared")


def load_gold(name: str, gold_dir: Path = GOLD_DIR) -> list[dict]:
    """Records of a JSONL gold file."""
    path = Path(gold_dir) / name
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def manifest(gold_dir: Path = GOLD_DIR) -> dict[str, dict]:
    """The ``documents`` of a gold folder's ``documents.json`` (empty when it has none)."""
    return dict(_manifest(Path(gold_dir) / MANIFEST))


@lru_cache(maxsize=None)
def _manifest(path: Path) -> dict[str, dict]:
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["documents"]


def source_path(entry: dict, gold_dir: Optional[Path] = None) -> Path:
    """The file a manifest entry names: under the shared folder (``root: shared``), the gold folder
    itself (``root: gold``: a user's own gold beside its texts) or the checkout."""
    root = entry["root"]
    base = shared_dir() if root == "shared" else Path(gold_dir or GOLD_DIR) if root == "gold" else ROOT
    return base / entry["source"]


def doc_text(doc: str, gold_dir: Path = GOLD_DIR) -> str:
    """Text of a gold document, exactly as annotated (checked against the manifest).

    Raises:
        GoldTextError: ``doc`` is not in ``gold_dir``'s manifest, its source is missing, or
            the text differs in length or SHA-256 from the one the gold was made on.
    """
    where = Path(gold_dir) / MANIFEST
    entry = _manifest(where).get(doc)
    if entry is None:
        raise GoldTextError(f"gold document {doc!r} is not listed in {where}")
    hint = (f"the shared folder is {shared_dir()}; set {SHARED_ENV} to the folder that holds {entry['source'].split('/')[0]}/"
            if entry["root"] == "shared" else f"a file beside the gold folder {gold_dir}" if entry["root"] == "gold"
            else f"a file of the checkout {ROOT}")
    return _checked_text(doc, where, source_path(entry, Path(gold_dir)), entry.get("column"), entry.get("row"),
                         entry["chars"], entry["sha256"], hint, entry.get("reader") == "read_file")


@lru_cache(maxsize=None)
def _checked_text(doc: str, where: Path, path: Path, column: Optional[str], row: Optional[int],
                  chars: int, sha256: str, hint: str, decoded: bool = False) -> str:
    """The text at ``path``, once it is known to be the one of the manifest (read once per source).

    ``decoded``: the manifest says ``"reader": "read_file"``: the text is what
    :func:`edureport.text.read.read_file` gives (GBK files, Word documents), as users get it.
    """
    if not path.exists():
        raise GoldTextError(f"gold document {doc!r}: {path} is not there ({hint})")
    if decoded:
        text: Optional[str] = read_file(path)
    else:
        text = _read_file(path) if column is None else _read_cell(path, column, row or 0)
    if text is None:
        raise GoldTextError(f"gold document {doc!r}: {path} has no row {row} with a column {column!r}")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if len(text) != chars or digest != sha256:
        raise GoldTextError(
            f"gold document {doc!r}: the text in {path} has {len(text):,} characters (SHA-256 {digest[:12]}…), "
            f"{where} expects {chars:,} ({sha256[:12]}…); the gold offsets would not fit ({hint})")
    return text


def _read_file(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def _read_cell(path: Path, column: str, row: int) -> Optional[str]:
    """Cell ``column`` of data row ``row`` (0-based) of a UTF-8 CSV file, line breaks kept as written."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, record in enumerate(csv.DictReader(handle)):
            if number == row:
                return record.get(column)
    return None


def overlap_pairs(gold: Iterable[dict], predicted: Iterable[Metric]) -> Iterator[tuple[dict, Optional[Metric]]]:
    """Gold records by start, each with the first still-free prediction whose span overlaps it (or None):
    the one-to-one pairing of ANNOTATION.md's scoring."""
    preds = sorted(predicted, key=lambda m: (m.start, m.end))
    j0 = 0
    used: set[int] = set()
    for g in sorted(gold, key=lambda r: r["start"]):
        while j0 < len(preds) and preds[j0].end <= g["start"]:
            j0 += 1
        j = j0
        pred = None
        while j < len(preds) and preds[j].start < g["end"]:
            if j not in used and preds[j].end > g["start"]:
                pred = preds[j]
                used.add(j)
                break
            j += 1
        yield g, pred


class Counts(Protocol):
    """What a scorer counts for one document, summed over documents."""

    errors: list[str]

    def add(self, other: Any) -> None: ...

    def as_dict(self) -> dict[str, Any]: ...


C = TypeVar("C", bound=Counts)


def scores_by_document(gold: list[dict], predicted: dict[str, list[Metric]],
                       score: Callable[[list[dict], list[Metric], str], C], empty: Callable[[], C]) -> dict[str, Any]:
    """``score`` per document, summed for ``seeds`` (education reports), ``gov`` and ``overall``, and every error."""
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        by_doc[g["doc"]].append(g)
    totals = {"seeds": empty(), "gov": empty(), "overall": empty()}
    docs: dict[str, C] = {}
    for doc in sorted(by_doc):
        counts = docs[doc] = score(by_doc[doc], predicted.get(doc, []), doc)
        totals["seeds" if doc.startswith(SEED_PREFIXES) else "gov"].add(counts)
        totals["overall"].add(counts)
    result: dict[str, Any] = {"docs": {d: c.as_dict() for d, c in docs.items()}}
    result.update({name: c.as_dict() for name, c in totals.items()})
    result["errors"] = [e for c in docs.values() for e in c.errors]
    return result


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def show_scores(title: str, path: Path, compute: Callable[[], dict], header: str, row: Callable[[str, dict], str],
                errors: bool) -> None:
    """``print_scores`` of ``compute()`` under ``title``, timed; one line saying so when the gold file ``path`` is absent."""
    if not path.exists():
        print(f"{title.split(' (')[0]}: no {path}")
        return
    started = time.perf_counter()
    result = compute()
    print_scores(header, result, row, title=f"{title} against {path}",
                 footer=f"{time.perf_counter() - started:.2f} s", errors=errors)


def print_scores(header: str, result: dict, row: Callable[[str, dict], str], *, title: str = "",
                 footer: str = "", errors: bool = False) -> None:
    """``title``, one line per document, the seeds / gov / overall groups that have gold, ``footer``,
    then with ``errors`` every line of ``result["errors"]``."""
    if title:
        print(title)
    print(header)
    for doc, counts in result["docs"].items():
        print(row(doc, counts))
    for group in ("seeds", "gov", "overall"):
        if result[group]["gold"]:
            print(row(f"[{group}]", result[group]))
    if footer:
        print(footer)
    if errors:
        for line in result["errors"]:
            print(line)
