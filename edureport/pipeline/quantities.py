"""Component: quantity mentions (metrics) with value, unit, qualifier and change."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Optional, Union

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from edureport.pipeline.common import layout_of
from edureport.pipeline.extensions import register_extensions
from edureport.quantities.extract import extract_metrics
from edureport.quantities.kpis import (
    Vocabulary,
    assign_kpis,
    merged_vocabulary,
    read_vocabulary,
    vocabulary_entries,
)

#: The file in the component's folder that holds the user's KPI entries (written by ``nlp.to_disk``).
VOCABULARY_FILE = "kpi_vocabulary.json"


class QuantityFinder:
    """Metrics of the document, exact character offsets, sorted by start, in ``doc._.metrics``.

    The work is :func:`edureport.quantities.extract.extract_metrics` on the layout's matching copy.
    A user's KPI entries are component data, not configuration: added with :meth:`add_kpi_vocabulary`,
    written into the component's folder by ``nlp.to_disk()`` and read back by ``spacy.load()``, so a
    saved pipeline carries them to another machine.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self._entries: list[tuple[dict[str, Any], str]] = []
        # The shipped KPI vocabulary is applied while the metrics are built; with user entries
        # (merged with it, built once) that result is replaced.
        self.vocabulary: Optional[Vocabulary] = None

    @property
    def kpi_entries(self) -> list[dict[str, Any]]:
        """The user's indicator entries, in the order they were added."""
        return [entry for entry, _ in self._entries]

    def add_kpi_vocabulary(self, source: Union[str, Path, dict[str, Any], Iterable[dict[str, Any]]]) -> None:
        """Merge indicators into the vocabulary: a JSON file, ``{"indicators": [...]}`` or a list of entries
        (the format of ``data/kpis.json``, see docs/kpis.md).

        An invalid entry raises :class:`~edureport.errors.ConfigError` and changes nothing.
        """
        if isinstance(source, (str, Path)):
            new = read_vocabulary(source)
        else:
            new = vocabulary_entries(source if isinstance(source, dict) else list(source), "kpi_vocabulary entries")
        vocabulary = merged_vocabulary(self._entries + new)
        self._entries.extend(new)
        self.vocabulary = vocabulary

    def __call__(self, doc: Doc) -> Doc:
        layout = layout_of(doc)
        metrics = extract_metrics(layout.text, layout.copy)
        if self.vocabulary is not None:
            assign_kpis(metrics, layout.text, layout.copy, self.vocabulary)
        doc._.metrics = metrics
        return doc

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.json_dumps({"indicators": self.kpi_entries}).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> QuantityFinder:
        self._load(srsly.json_loads(data), "kpi_vocabulary (bytes)")
        return self

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> None:
        folder = ensure_path(path)
        folder.mkdir(parents=True, exist_ok=True)
        srsly.write_json(folder / VOCABULARY_FILE, {"indicators": self.kpi_entries})

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> QuantityFinder:
        file = ensure_path(path) / VOCABULARY_FILE
        if file.exists():
            self._load(srsly.read_json(file), str(file))
        return self

    def _load(self, data: Any, source: str) -> None:
        entries = vocabulary_entries(data, source)
        self._entries = []
        self.vocabulary = None
        if entries:
            self.vocabulary = merged_vocabulary(entries)
            self._entries = entries


@Language.factory("edureport_quantities", assigns=["doc._.metrics"], default_config={})
def make_quantities(nlp: Language, name: str) -> QuantityFinder:
    register_extensions()
    return QuantityFinder(nlp, name)
