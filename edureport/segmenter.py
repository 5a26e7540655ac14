"""Word segmentation: the tokenizer under edureport's pipeline.

Three segmenters, chosen by a string as in ``spacy.lang.zh``:

* ``"pkuseg"``: spaCy's ``ChineseTokenizer`` driving ``spacy_pkuseg`` with
  edureport's domain lexicon (``edureport/data/lexicon.txt``) as its user
  dictionary. The default (``"auto"``) whenever a model can be found.
* ``"char"``: one token per character; what ``"auto"`` falls back to, with a
  single warning, when no model can be found or fetched.
* ``"jieba"``: only when ``jieba`` is installed.

Where the pkuseg model comes from (:func:`model_path`), first hit wins:

1. an explicit folder: ``load(pkuseg_model=...)`` or ``EDUREPORT_PKUSEG_MODEL``;
2. a spacy-pkuseg named model already in its cache (``~/.pkuseg`` or
   ``PKUSEG_HOME``): ``spacy_ontonotes``, ``mixed``;
3. edureport's cache (``platformdirs.user_cache_dir("edureport")/pkuseg/default``,
   or ``EDUREPORT_CACHE_DIR/pkuseg/default``), filled by :func:`download` from
   the ``pkuseg==0.0.25`` source distribution on the package index.

The pickle rule: a ``features.pkl`` is unpickled only after its SHA-256 matched
the pinned value, and only once, by :func:`download`, which converts it to
``features.msgpack``; the cache never holds a pickle. Folders from (1) and (2)
that hold only an unpinned ``features.pkl`` are refused.

The model (about 830 MB resident) is loaded once per process and folder and
shared by every pipeline; each pipeline gets its own user dictionary.
"""

from __future__ import annotations

import copy
import re
import hashlib
import json
import os
import pickle
import shutil
import ssl
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from functools import lru_cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import Any, BinaryIO, Callable, Optional, Union

import spacy
from spacy.lang.zh import ChineseTokenizer
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ConfigError, ModelError

__all__ = ["SEGMENTERS", "blank", "cache_dir", "download", "lexicon_terms", "model_path", "shared_pkuseg"]

SEGMENTERS = ("auto", "pkuseg", "char", "jieba")

#: Environment variables edureport reads.
ENV_MODEL = "EDUREPORT_PKUSEG_MODEL"
ENV_ARCHIVE = "EDUREPORT_PKUSEG_ARCHIVE"
ENV_CACHE = "EDUREPORT_CACHE_DIR"

#: The pinned source distribution and the two model files inside it.
SDIST_PROJECT = "pkuseg"
SDIST_VERSION = "0.0.25"
SDIST_FILENAME = "pkuseg-0.0.25.tar.gz"
SDIST_SIZE = 48_751_866
SDIST_SHA256 = "dd012bf93689721c9574bc2b2ba98fb4ac22790cec0af354a78e217828b81e91"
MODEL_MEMBER_DIR = "pkuseg-0.0.25/pkuseg/models/default/"
MODEL_SHA256 = {
    "features.pkl": "265dcf5534a11d6429776f7e7450a9eef8e075b1a4bedb82ef996994d9c721ac",
    "weights.npz": "95d1632a1fed45993b5006d8ba85939cb110fae71313987673582d24669811dd",
}
#: spacy-pkuseg's own model names, used when already in its cache (never fetched).
NAMED_MODELS = ("spacy_ontonotes", "mixed")

DEFAULT_INDEX = "https://pypi.org/simple"
MANIFEST = "edureport-model.json"
FIX_HINT = "run `edureport download` (or edureport.download()) once with access to the Python package index"

_TIMEOUT = 30  # seconds, per network operation
_LOCK = threading.RLock()
_MODELS: dict[str, Any] = {}  # resolved folder -> loaded spacy_pkuseg.pkuseg
_FETCH_FAILED: list[str] = []  # reason, once a fetch failed in this process (auto mode does not retry)


class _FetchError(ModelError):
    """The archive could not be fetched (network, index): auto mode falls back to characters."""


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
    # Reuse the loaded model instead of ChineseTokenizer.initialize(), which
    # would load another copy; the shallow copy shares features and weights and
    # gets its own user dictionary.
    nlp.tokenizer.pkuseg_seg = _with_empty_user_dict(seg)
    if lexicon:
        nlp.tokenizer.pkuseg_update_user_dict(lexicon_terms())
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

    def __call__(self, text: str) -> Doc:
        if self.segmenter == "pkuseg":
            if self.pkuseg_seg is None:
                raise ModelError(f"the pkuseg tokenizer has no model; {FIX_HINT}")
            words = self.pkuseg_seg.cut(text)
        elif self.segmenter == "jieba":
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
        return Doc(self.vocab, words=self._orths(words), spaces=spaces)

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


def shared_pkuseg(pkuseg_model: Optional[Union[str, Path]] = None, *, fetch: bool = True) -> Any:
    """The process-wide ``spacy_pkuseg.pkuseg`` for the resolved model folder (loaded once).

    Its user dictionary is the model's default (empty); do not change it: pipelines
    from :func:`blank` hold their own copies with the lexicon.
    """
    path = model_path(pkuseg_model)
    if path is None:
        if not fetch:
            raise ModelError(f"no pkuseg model found; {FIX_HINT}")
        path = download(quiet=False)
    key = str(path.resolve())
    with _LOCK:
        seg = _MODELS.get(key)
        if seg is None:
            seg = _MODELS[key] = _load_pkuseg(path)
    return seg


def _load_pkuseg(path: Path) -> Any:
    import spacy_pkuseg

    _check_model_dir(path)
    try:
        # user_dict=None: no user dictionary here (each pipeline adds the lexicon to
        # its own copy) and none of spacy-pkuseg's post-processing dictionary, which
        # halves throughput without improving F1 on our sample (docs/segmentation.md).
        seg = spacy_pkuseg.pkuseg(model_name=str(path), user_dict=None)
    except Exception as err:  # pragma: no cover - depends on a broken folder
        raise ModelError(f"could not load the pkuseg model in {path}: {err}") from err
    # ChineseTokenizer.to_disk() reads these even when post-processing is off.
    seg.postprocesser.common_words = getattr(seg.postprocesser, "common_words", set())
    seg.postprocesser.other_words = getattr(seg.postprocesser, "other_words", set())
    return seg


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


# --------------------------------------------------------------------------- resolution


def cache_dir() -> Path:
    """Where :func:`download` puts the model: ``<user cache>/pkuseg/default``."""
    root = os.environ.get(ENV_CACHE)
    if not root:
        from platformdirs import user_cache_dir

        root = user_cache_dir("edureport")
    return Path(root) / "pkuseg" / "default"


def model_path(pkuseg_model: Optional[Union[str, Path]] = None) -> Optional[Path]:
    """The model folder to use, without touching the network; ``None`` if there is none.

    An explicit folder (argument or ``EDUREPORT_PKUSEG_MODEL``) that is not a
    usable model raises :class:`ModelError` rather than being skipped.
    """
    explicit = pkuseg_model or os.environ.get(ENV_MODEL)
    if explicit:
        path = Path(explicit).expanduser()
        _check_model_dir(path)
        return path
    for path in _named_model_dirs():
        try:
            _check_model_dir(path)
        except ModelError:
            continue
        return path
    path = cache_dir()
    return path if _cache_ok(path) else None


def _named_model_dirs() -> list[Path]:
    home = Path(os.path.expanduser(os.environ.get("PKUSEG_HOME", "~/.pkuseg")))
    return [home / name for name in NAMED_MODELS if (home / name).is_dir()]


def _check_model_dir(path: Path) -> None:
    """Raise :class:`ModelError` unless ``path`` holds a model pkuseg can load without an unpinned pickle."""
    if not path.is_dir():
        raise ModelError(f"pkuseg model folder {path} does not exist; {FIX_HINT}")
    if not (path / "weights.npz").is_file():
        raise ModelError(f"{path} is not a pkuseg model folder: weights.npz is missing")
    if (path / "features.msgpack").is_file():
        return
    pkl = path / "features.pkl"
    if not pkl.is_file():
        raise ModelError(f"{path} is not a pkuseg model folder: features.msgpack is missing")
    digest = _sha256_file(pkl)
    if digest != MODEL_SHA256["features.pkl"]:
        raise ModelError(
            f"refusing to unpickle {pkl}: its SHA-256 {digest} is not the pinned "
            f"{MODEL_SHA256['features.pkl']}; use a folder with features.msgpack, or {FIX_HINT}"
        )


def _cache_ok(path: Path) -> bool:
    """A cache folder is complete when its manifest lists files that are present with their sizes."""
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        files = manifest["files"]
        return all((path / name).stat().st_size == info["size"] for name, info in files.items()) and bool(files)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


# --------------------------------------------------------------------------- provisioning


def download(
    force: bool = False,
    quiet: bool = False,
    *,
    archive: Optional[Union[str, Path]] = None,
) -> Path:
    """Make sure a pkuseg model is available and return its folder.

    Without ``force``, a model already found by :func:`model_path` is returned
    as is (no network). Otherwise the ``pkuseg==0.0.25`` source distribution is
    taken from ``archive`` (or ``EDUREPORT_PKUSEG_ARCHIVE``) or fetched from the
    package index (``PIP_INDEX_URL`` if set), its SHA-256 checked before it is
    opened, the two model files extracted and checked, and the model stored in
    :func:`cache_dir`. Raises :class:`ModelError` on any failure.
    """
    if not force:
        found = model_path()
        if found is not None:
            _say(quiet, f"pkuseg model: {found}")
            return found
    target = cache_dir()
    archive = archive or os.environ.get(ENV_ARCHIVE) or None
    with _LOCK:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".download-", dir=target.parent) as tmp:
            work = Path(tmp)
            if archive:
                source = Path(archive).expanduser()
                if not source.is_file():
                    raise ModelError(f"pkuseg archive {source} does not exist")
                _say(quiet, f"using local archive {source}")
            else:
                if _FETCH_FAILED and not force:
                    raise _FetchError(_FETCH_FAILED[0])
                try:
                    source = _fetch_archive(work, quiet=quiet)
                except _FetchError as err:
                    _FETCH_FAILED[:] = [str(err)]
                    raise
            _verify_archive(source)
            staging = work / "model"
            _extract_model(source, staging)
            _convert_features(staging)
            _write_manifest(staging, source)
            if not force and _cache_ok(target):  # another process finished first
                return target
            try:
                _replace_dir(staging, target)
            except OSError as err:
                if not _cache_ok(target):
                    raise ModelError(f"could not move the model into {target}: {err}") from err
    _say(quiet, f"pkuseg model ready: {target}")
    return target


def _say(quiet: bool, message: str) -> None:
    if not quiet:
        print(f"edureport: {message}", file=sys.stderr)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _verify_archive(path: Path) -> None:
    size = path.stat().st_size
    digest = _sha256_file(path)
    if digest != SDIST_SHA256:
        raise ModelError(
            f"{path} ({size:,} bytes) has SHA-256 {digest}, not the pinned {SDIST_SHA256} "
            f"of {SDIST_FILENAME} ({SDIST_SIZE:,} bytes); not opening it"
        )


def _extract_model(archive: Path, dest: Path) -> None:
    """Copy only the pinned model files out of the (verified) archive, checking each one's SHA-256."""
    dest.mkdir(parents=True)
    wanted = {MODEL_MEMBER_DIR + name: name for name in MODEL_SHA256}
    found: set[str] = set()
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                name = wanted.get(member.name)
                if name is None:
                    continue
                if not member.isfile():
                    raise ModelError(f"{member.name} in {archive} is not a regular file")
                fh = tar.extractfile(member)
                assert fh is not None
                digest = _copy_hashing(fh, dest / name)
                if digest != MODEL_SHA256[name]:
                    raise ModelError(
                        f"{member.name} in {archive} has SHA-256 {digest}, not the pinned "
                        f"{MODEL_SHA256[name]}; not using it"
                    )
                found.add(name)
    except (tarfile.TarError, OSError, EOFError) as err:
        raise ModelError(f"could not read {archive}: {err}") from err
    missing = sorted(set(MODEL_SHA256) - found)
    if missing:
        raise ModelError(f"{archive} lacks {', '.join(MODEL_MEMBER_DIR + m for m in missing)}")


def _copy_hashing(src: BinaryIO, path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "wb") as out:
        for block in iter(lambda: src.read(1 << 20), b""):
            digest.update(block)
            out.write(block)
    return digest.hexdigest()


class _DataOnlyUnpickler(pickle.Unpickler):
    """Belt and braces on top of the checksum: plain containers and strings only, no globals."""

    def find_class(self, module: str, name: str) -> Any:
        raise ModelError(f"features.pkl refers to {module}.{name}; only plain data is accepted")


def _convert_features(folder: Path) -> None:
    """features.pkl (already verified) → features.msgpack, the format spacy-pkuseg loads first."""
    import srsly

    pkl = folder / "features.pkl"
    if _sha256_file(pkl) != MODEL_SHA256["features.pkl"]:  # re-check the file we are about to unpickle
        raise ModelError(f"{pkl} changed after verification")
    with open(pkl, "rb") as fh:
        data = _DataOnlyUnpickler(fh).load()
    keys = ("unigram", "bigram", "feature_to_idx", "tag_to_idx")
    if not isinstance(data, dict) or any(k not in data for k in keys):
        raise ModelError(f"{pkl} does not hold pkuseg features")
    out = {
        "unigram": sorted(data["unigram"]),
        "bigram": sorted(data["bigram"]),
        "feature_to_idx": data["feature_to_idx"],
        "tag_to_idx": data["tag_to_idx"],
    }
    srsly.write_msgpack(folder / "features.msgpack", out)
    pkl.unlink()


def _write_manifest(folder: Path, archive: Path) -> None:
    files = {
        name: {"size": (folder / name).stat().st_size, "sha256": _sha256_file(folder / name)}
        for name in ("features.msgpack", "weights.npz")
    }
    manifest = {
        "source": f"{SDIST_PROJECT}=={SDIST_VERSION} ({SDIST_FILENAME}, sha256 {SDIST_SHA256})",
        "member": MODEL_MEMBER_DIR,
        "pinned": MODEL_SHA256,
        "files": files,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def _replace_dir(staging: Path, target: Path) -> None:
    if target.exists():
        old = target.with_name(target.name + f".old-{os.getpid()}")
        os.replace(target, old)
        os.replace(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staging, target)


# --------------------------------------------------------------------------- fetching


def _index_url() -> str:
    url = os.environ.get("PIP_INDEX_URL") or DEFAULT_INDEX
    return url.rstrip("/")


def _ssl_context() -> ssl.SSLContext:
    cafile = os.environ.get("PIP_CERT") or os.environ.get("SSL_CERT_FILE")
    if cafile and os.path.isfile(cafile):
        return ssl.create_default_context(cafile=cafile)
    return ssl.create_default_context()


def _fetch_archive(dest: Path, quiet: bool = False) -> Path:
    """Fetch the sdist into ``dest``: the index's JSON API first, ``pip download`` second."""
    try:
        return _fetch_with_urllib(dest, quiet)
    except _FetchError as first:
        _say(quiet, f"direct download failed ({first}); trying pip download")
        try:
            return _fetch_with_pip(dest, quiet)
        except _FetchError as second:
            raise _FetchError(f"{first}; pip download: {second}") from second


def _fetch_with_urllib(dest: Path, quiet: bool) -> Path:
    index = _index_url()
    page = f"{index}/{SDIST_PROJECT}/"
    context = _ssl_context()
    try:
        request = urllib.request.Request(
            page, headers={"Accept": "application/vnd.pypi.simple.v1+json", "User-Agent": "edureport"}
        )
        with urllib.request.urlopen(request, timeout=_TIMEOUT, context=context) as response:
            listing = json.loads(response.read().decode("utf-8"))
        entry = next((f for f in listing.get("files", []) if f.get("filename") == SDIST_FILENAME), None)
        if entry is None:
            raise _FetchError(f"{page} does not list {SDIST_FILENAME}")
        listed = (entry.get("hashes") or {}).get("sha256")
        if listed and listed != SDIST_SHA256:
            raise ModelError(f"{page} lists SHA-256 {listed} for {SDIST_FILENAME}, not the pinned {SDIST_SHA256}")
        url = urllib.parse.urljoin(page, entry["url"])
        path = dest / SDIST_FILENAME
        _say(quiet, f"downloading {SDIST_FILENAME} ({SDIST_SIZE / 1e6:.0f} MB) from {urllib.parse.urlsplit(url).netloc}")
        request = urllib.request.Request(url, headers={"User-Agent": "edureport"})
        with urllib.request.urlopen(request, timeout=_TIMEOUT, context=context) as response, open(path, "wb") as out:
            shutil.copyfileobj(response, out, 1 << 20)
        return path
    except (urllib.error.URLError, OSError, ValueError, KeyError, TimeoutError) as err:
        raise _FetchError(f"could not fetch {SDIST_FILENAME} from {index}: {err}") from err


def _fetch_with_pip(dest: Path, quiet: bool) -> Path:
    """``pip download`` prepares the sdist's metadata (its setup.py imports numpy and Cython), hence no build isolation."""
    command = [
        sys.executable, "-m", "pip", "download", f"{SDIST_PROJECT}=={SDIST_VERSION}",
        "--no-deps", "--no-binary", ":all:", "--no-build-isolation",
        "--timeout", str(_TIMEOUT), "--retries", "1", "-d", str(dest),
    ]
    if quiet:
        command.append("--quiet")
    try:
        proc = subprocess.run(command, capture_output=quiet, text=True, timeout=20 * _TIMEOUT)
    except (OSError, subprocess.SubprocessError) as err:
        raise _FetchError(str(err)) from err
    path = dest / SDIST_FILENAME
    if proc.returncode != 0 or not path.is_file():
        tail = (proc.stderr or "").strip().splitlines()[-1:] if quiet else []
        raise _FetchError(f"exit status {proc.returncode}{': ' + tail[0] if tail else ''}")
    return path
