"""Tokenizers for the pipeline, and the pkuseg model they need, provisioned with pinned hashes."""

from edureport.segmenter.model import cache_dir, download, model_path, shared_pkuseg
from edureport.segmenter.tokenizer import SEGMENTERS, blank, lexicon_terms

__all__ = ["SEGMENTERS", "blank", "cache_dir", "download", "lexicon_terms", "model_path", "shared_pkuseg"]
