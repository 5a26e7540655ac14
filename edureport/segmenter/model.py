"""The pkuseg model: where it comes from, how it is verified, loaded once per process.

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

import hashlib
import json
import os
import pickle
import shutil
import ssl
import sys
import tarfile
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import IO, Any, Optional, Union

from edureport.errors import ModelError

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

    path = path.expanduser().resolve()  # an absolute folder: spacy-pkuseg reads a bare name as its own model
    _check_model_dir(path)
    _verify_files(path)
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
        path = Path(explicit).expanduser().resolve()  # checked and loaded as the same absolute folder
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


def _verify_files(path: Path) -> None:
    """Before a model is loaded: every file its manifest lists has the SHA-256 recorded when the pinned
    archive was unpacked, and weights.npz the pinned one (a same-size alteration is caught, not only a
    truncated file). Folders without a manifest (a model of the user's own) are checked by
    :func:`_check_model_dir` only."""
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        files = manifest["files"]
    except FileNotFoundError:
        return
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ModelError(f"{path / MANIFEST} is unreadable ({err}); {FIX_HINT}") from err
    for name, info in files.items():
        expected = MODEL_SHA256.get(name, info.get("sha256") if isinstance(info, dict) else None)
        digest = _sha256_file(path / name)
        if digest != expected:
            raise ModelError(f"{path / name} has SHA-256 {digest}, not {expected} as when it was checked; "
                             f"not loading it ({FIX_HINT} with force=True)")


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


def _copy_hashing(src: IO[bytes], path: Path) -> str:
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
    """Fetch the sdist into ``dest``: the index's JSON API first, its HTML page (PEP 503: mirrors) second.

    Nothing is built or run: ``pip download`` of an sdist would run its setup.py before any check.
    """
    try:
        return _fetch_with_urllib(dest, quiet)
    except _FetchError as first:
        _say(quiet, f"the index's JSON API failed ({first}); trying its HTML page")
        try:
            return _fetch_from_html(dest, quiet)
        except _FetchError as second:
            raise _FetchError(f"{first}; HTML page: {second}") from second


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
        return _download(urllib.parse.urljoin(page, entry["url"]), dest, context, quiet)
    except (urllib.error.URLError, OSError, ValueError, KeyError, TimeoutError) as err:
        raise _FetchError(f"could not fetch {SDIST_FILENAME} from {index}: {err}") from err


def _download(url: str, dest: Path, context: ssl.SSLContext, quiet: bool) -> Path:
    """The archive at ``url`` into ``dest`` (its hash is checked by the caller before it is opened)."""
    path = dest / SDIST_FILENAME
    _say(quiet, f"downloading {SDIST_FILENAME} ({SDIST_SIZE / 1e6:.0f} MB) from {urllib.parse.urlsplit(url).netloc}")
    request = urllib.request.Request(url, headers={"User-Agent": "edureport"})
    with urllib.request.urlopen(request, timeout=_TIMEOUT, context=context) as response, open(path, "wb") as out:
        shutil.copyfileobj(response, out, 1 << 20)
    return path


def _fetch_from_html(dest: Path, quiet: bool) -> Path:
    """The sdist's link on the index's HTML page (PEP 503), its ``#sha256=`` checked when given."""
    import re

    index = _index_url()
    page = f"{index}/{SDIST_PROJECT}/"
    context = _ssl_context()
    try:
        request = urllib.request.Request(page, headers={"Accept": "text/html", "User-Agent": "edureport"})
        with urllib.request.urlopen(request, timeout=_TIMEOUT, context=context) as response:
            html = response.read(4 << 20).decode("utf-8", "replace")
        link = re.search(r'href="([^"]*' + re.escape(SDIST_FILENAME) + r'(?:#sha256=([0-9a-f]{64}))?[^"]*)"', html)
        if link is None:
            raise _FetchError(f"{page} does not link {SDIST_FILENAME}")
        if link.group(2) and link.group(2) != SDIST_SHA256:
            raise ModelError(f"{page} gives SHA-256 {link.group(2)} for {SDIST_FILENAME}, not the pinned {SDIST_SHA256}")
        return _download(urllib.parse.urljoin(page, link.group(1).split("#", 1)[0]), dest, context, quiet)
    except (urllib.error.URLError, OSError, ValueError, TimeoutError) as err:
        raise _FetchError(f"could not fetch {SDIST_FILENAME} from {index}: {err}") from err
