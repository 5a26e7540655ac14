"""Word segmentation: the tokenizer under edureport's pipeline.

Three segmenters, chosen by a string as in ``spacy.lang.zh``:

* ``"pkuseg"``: spaCy's ``ChineseTokenizer`` driving ``spacy_pkuseg`` with
  edureport's domain lexicon (``edureport/data/lexicon.txt``) as its user
  dictionary. The default (``"auto"``) whenever a model can be found.
* ``"char"``: one token per character; what ``"auto"`` falls back to, with a
  single warning, when no model can be found or fetched.
* ``"jieba"``: only when ``jieba`` is installed.

The pkuseg model itself is found, verified and loaded by :mod:`edureport.segmenter.model`.
"""

from __future__ import annotations

import copy
import re
import warnings
from functools import lru_cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Callable, Optional, Union, cast

import spacy
from spacy.lang.zh import ChineseTokenizer
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from edureport.errors import ConfigError, ModelError
from edureport.segmenter.model import (
    ENV_ARCHIVE,
    ENV_MODEL,
    FIX_HINT,
    SDIST_FILENAME,
    _FetchError,
    shared_pkuseg,
)

SEGMENTERS = ("auto", "pkuseg", "char", "jieba")


# --------------------------------------------------------------------------- pipeline


def blank(
    segmenter: str = "auto",
    pkuseg_model: Optional[Union[str, Path]] = None,
    *,
    lexicon: bool = True,
) -> Language:
    """A blank ``zh`` pipeline whose tokenizer is the requested segmenter.

    ``"auto"`` uses pkuseg when a model is found or can be fetched, else
    characters with one warning; ``"pkuseg"`` raises :class:`ModelError`
    instead of falling back. ``lexicon=False`` leaves out the domain lexicon
    (for measuring what it adds).

    >>> nlp = blank("char")
    >>> [t.text for t in nlp("双减")]
    ['双', '减']
    """
    if segmenter not in SEGMENTERS:
        raise ConfigError(f"unknown segmenter {segmenter!r}; choose one of {', '.join(SEGMENTERS)}")
    if segmenter == "char":
        return _blank_zh("char")
    if segmenter == "jieba":
        if find_spec("jieba") is None:
            raise ConfigError(
                "segmenter='jieba' needs the jieba package: `pip install jieba`, "
                "or use segmenter='pkuseg' (default) or 'char'"
            )
        return _blank_zh("jieba")
    try:
        seg = shared_pkuseg(pkuseg_model, fetch=True)
    except _FetchError as err:
        if segmenter == "pkuseg":
            raise ModelError(
                f"segmenter='pkuseg' but no pkuseg model is available ({err}); to fix: {FIX_HINT}, "
                f"or point {ENV_MODEL} at a model folder or {ENV_ARCHIVE} at a copy of {SDIST_FILENAME}"
            ) from err
        warnings.warn(
            f"edureport: no pkuseg model available ({err}); falling back to character "
            f"segmentation, which makes every character a token. To fix: {FIX_HINT}, "
            f"or point {ENV_MODEL} at a model folder.",
            UserWarning,
            stacklevel=2,
        )
        return _blank_zh("char")
    nlp = _blank_zh("pkuseg")
    tokenizer = cast(_Tokenizer, nlp.tokenizer)  # what _blank_zh installs
    # Reuse the loaded model instead of ChineseTokenizer.initialize(), which
    # would load another copy; the shallow copy shares features and weights and
    # gets its own user dictionary.
    tokenizer.pkuseg_seg = _with_empty_user_dict(seg)
    if lexicon:
        tokenizer.pkuseg_update_user_dict(lexicon_terms())
    return nlp


def _blank_zh(segmenter: str) -> Language:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})
    # Same tokenizer, same config and serialisation; only __call__ differs (see _Tokenizer).
    nlp.tokenizer.__class__ = _Tokenizer
    return nlp


class _Tokenizer(ChineseTokenizer):
    """spaCy's ``ChineseTokenizer`` whose alignment of words to the text takes linear time.

    ``spacy.util.get_words_and_spaces`` slices the rest of the text for every
    word, which is quadratic: a 2-million-character text took minutes. The
    output is the same. A pipeline saved with ``to_disk`` names the stock
    ``spacy.zh.ChineseTokenizer`` and loads without edureport.
    """

    # Set on first use: the class is swapped onto a built tokenizer, so no __init__ of ours runs.
    _orth_cache: dict[str, int]
    _orth_vocab: Vocab

    def __call__(self, text: str) -> Doc:
        if self.segmenter == "pkuseg":
            if self.pkuseg_seg is None:
                raise ModelError(f"the pkuseg tokenizer has no model; {FIX_HINT}")
            words = self.pkuseg_seg.cut(text)
        elif self.segmenter == "jieba":
            assert self.jieba_seg is not None  # ChineseTokenizer.__init__ loads it for this segmenter
            words = [w for w in self.jieba_seg.cut(text, cut_all=False) if w]
        else:
            cache = self._orth_cache_now()
            try:  # the characters' ids straight away, when every character was seen before
                orths, spaces = _char_words_and_spaces(text, cache.__getitem__)
            except KeyError:
                words, spaces = _char_words_and_spaces(text)
                orths = self._orths(words)
            return Doc(self.vocab, words=orths, spaces=spaces)
        words, spaces = _words_and_spaces(words, text)
        return Doc(self.vocab, words=self._orths(words), spaces=spaces)  # type: ignore[arg-type]  # spaCy types str only; ids work

    def _orth_cache_now(self) -> dict[str, int]:
        """Word → string id for this tokenizer's current vocabulary (bounded)."""
        cache: Optional[dict[str, int]] = getattr(self, "_orth_cache", None)
        if cache is None or getattr(self, "_orth_vocab", None) is not self.vocab or len(cache) > _ORTH_CACHE_MAX:
            cache = self._orth_cache = {}
            self._orth_vocab = self.vocab
        return cache

    def _orths(self, words: list[str]) -> list[int]:
        """The words' string ids, for ``Doc``: the same tokens and vocabulary, built three times faster.

        ``Doc`` hashes every ``str`` word (≈ 0.3 µs, a third of all parse time with character
        segmentation); given an id it only looks the lexeme up. A report has a few thousand
        distinct words, so the ids are kept (per vocabulary, bounded).
        """
        cache = self._orth_cache_now()
        try:
            return list(map(cache.__getitem__, words))
        except KeyError:
            add = self.vocab.strings.add
            for word in words:
                if word not in cache:
                    cache[word] = add(word)
            return list(map(cache.__getitem__, words))


#: Distinct words whose string ids a tokenizer keeps (a report has a few thousand).
_ORTH_CACHE_MAX = 200_000


_WHITESPACE = re.compile(r"\s+")


def _char_words_and_spaces(text: str, convert: Optional[Callable[[str], Any]] = None) -> tuple[list[Any], list[bool]]:
    r"""Character segmentation with spaCy's whitespace convention, in bulk rather than per character.

    Every non-space character is a token; one space after a token is its
    trailing space; any other whitespace run is a token of its own.
    ``convert``: applied to every word (the tokenizer turns them into string ids on the way).

    >>> _char_words_and_spaces("双减 工作\n")
    (['双', '减', '工', '作', '\n'], [False, True, False, False, False])
    """
    words: list[Any] = []
    spaces: list[bool] = []
    put = words.extend if convert is None else (lambda chars: words.extend(map(convert, chars)))
    pos = 0
    for match in _WHITESPACE.finditer(text):
        start, run = match.start(), match.group()
        put(text[pos:start])
        spaces.extend([False] * (start - pos))
        if words and start > 0 and run[0] == " ":
            spaces[-1] = True
            run = run[1:]
        if run:
            words.append(run if convert is None else convert(run))
            spaces.append(False)
        pos = match.end()
    put(text[pos:])
    spaces.extend([False] * (len(text) - pos))
    return words, spaces


def _words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    r"""Words and trailing-space flags for a Doc: ``spacy.util.get_words_and_spaces`` in linear time.

    >>> _words_and_spaces(["双减", "工作"], "双减 工作\n")
    (['双减', '工作', '\n'], [True, False, False])
    """
    out: list[str] = []
    spaces: list[bool] = []
    pos = 0
    end = len(text)
    for word in words:
        if not word or word.isspace():
            continue
        start = text.find(word, pos)
        if start < 0 or (start > pos and not text[pos:start].isspace()):
            raise ValueError(f"segmenter output does not match the text near offset {pos}: {word!r}")
        if start > pos:
            out.append(text[pos:start])
            spaces.append(False)
        out.append(word)
        spaces.append(False)
        pos = start + len(word)
        if pos < end and text[pos] == " ":
            spaces[-1] = True
            pos += 1
    if pos < end:
        if not text[pos:].isspace():
            raise ValueError(f"segmenter output does not cover the text after offset {pos}")
        out.append(text[pos:])
        spaces.append(False)
    return out, spaces


def _with_empty_user_dict(seg: Any) -> Any:
    import spacy_pkuseg

    own = copy.copy(seg)
    own.preprocesser = spacy_pkuseg.Preprocesser(None)
    return own



@lru_cache(maxsize=1)
def _lexicon_cached() -> tuple[str, ...]:
    text = resources.files("edureport").joinpath("data/lexicon.txt").read_text(encoding="utf-8")
    terms: list[str] = []
    seen: set[str] = set()
    for line in text.splitlines():
        term = line.split("#", 1)[0].strip()
        if term and term not in seen:
            seen.add(term)
            terms.append(term)
    return tuple(terms)


def lexicon_terms() -> list[str]:
    """The domain lexicon: one term per non-comment line of ``edureport/data/lexicon.txt``."""
    return list(_lexicon_cached())

