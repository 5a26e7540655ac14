"""Word segmentation: the tokenizer under edureport's pipeline.

Placeholder until the segmentation work lands: character segmentation only.
"""

from __future__ import annotations

from typing import Optional, Union
from pathlib import Path

import spacy
from spacy.language import Language

from .errors import ConfigError

SEGMENTERS = ("auto", "pkuseg", "char", "jieba")


def blank(segmenter: str = "auto", pkuseg_model: Optional[Union[str, Path]] = None) -> Language:
    """A blank ``zh`` pipeline whose tokenizer is the requested segmenter."""
    if segmenter not in SEGMENTERS:
        raise ConfigError(f"unknown segmenter {segmenter!r}; choose one of {', '.join(SEGMENTERS)}")
    nlp = spacy.blank("zh")
    return nlp


def download(force: bool = False, quiet: bool = False) -> Optional[Path]:
    """Provision the pkuseg model into the user cache; placeholder until segmentation lands."""
    return None
