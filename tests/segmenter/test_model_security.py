"""The segmenter model is loaded only as checked (issue 19): nothing fetched is built or run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from edureport.errors import ModelError
from edureport.segmenter import model as M


def test_no_fetch_path_runs_pip_or_a_setup_py() -> None:
    source = Path(M.__file__).read_text(encoding="utf-8")
    assert "subprocess" not in source and "--no-binary" not in source


def test_a_bare_model_name_is_resolved_to_the_folder_that_is_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mixed").mkdir()
    with pytest.raises(ModelError) as err:
        M.model_path("mixed")  # ./mixed is no model: refused, and named as the absolute folder
    assert str(tmp_path / "mixed") in str(err.value)


def test_a_cached_file_altered_at_the_same_size_is_refused_on_load(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    weights = folder / "weights.npz"
    weights.write_bytes(b"x" * 64)
    (folder / "features.msgpack").write_bytes(b"y" * 64)
    files = {name: {"size": 64, "sha256": M._sha256_file(folder / name)} for name in ("features.msgpack", "weights.npz")}
    (folder / M.MANIFEST).write_text(json.dumps({"files": files}), encoding="utf-8")
    assert M._cache_ok(folder)  # sizes alone say nothing
    with pytest.raises(ModelError, match="weights.npz"):
        M._verify_files(folder)  # weights.npz is not the pinned file
    files["weights.npz"]["sha256"] = M.MODEL_SHA256["weights.npz"]
    (folder / M.MANIFEST).write_text(json.dumps({"files": {"features.msgpack": files["features.msgpack"]}}), encoding="utf-8")
    (folder / "features.msgpack").write_bytes(b"z" * 64)  # same size, other bytes
    with pytest.raises(ModelError, match="features.msgpack"):
        M._verify_files(folder)


def test_the_provisioned_model_passes_its_own_check() -> None:
    path = M.model_path()
    if path is None or not (path / M.MANIFEST).exists():
        pytest.skip("no provisioned model with a manifest here")
    M._verify_files(path)  # raises ModelError on any mismatch


@pytest.fixture()
def fake_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A package index on 127.0.0.1 that speaks only HTML (PEP 503) and serves a tampered archive."""
    import http.server
    import threading

    archive = b"not the pinned pkuseg archive" * 100
    pages: dict[str, tuple[str, bytes]] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if "json" in (self.headers.get("Accept") or ""):
                self.send_response(406)  # no JSON API here
                self.end_headers()
                return
            kind, body = pages.get(self.path.split("#")[0], ("text/plain", b""))
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", kind)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    pages["/files/" + M.SDIST_FILENAME] = ("application/octet-stream", archive)
    monkeypatch.setenv("PIP_INDEX_URL", base + "/simple")
    monkeypatch.setenv(M.ENV_CACHE, str(tmp_path / "cache"))
    monkeypatch.delenv(M.ENV_MODEL, raising=False)
    monkeypatch.delenv(M.ENV_ARCHIVE, raising=False)
    monkeypatch.setattr(M, "_FETCH_FAILED", [])
    import subprocess

    def no_process(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process was started while fetching the model")

    monkeypatch.setattr(subprocess, "run", no_process)
    monkeypatch.setattr(subprocess, "Popen", no_process)
    yield pages
    server.shutdown()


def _link(pages: dict, fragment: str) -> None:
    html = f'<html><body><a href="../../files/{M.SDIST_FILENAME}{fragment}">{M.SDIST_FILENAME}</a></body></html>'
    pages[f"/simple/{M.SDIST_PROJECT}/"] = ("text/html", html.encode())


def test_a_mirror_listing_another_hash_is_refused_before_download(fake_index: dict) -> None:
    _link(fake_index, "#sha256=" + "0" * 64)
    with pytest.raises(ModelError, match="not the pinned"):
        M.download(force=True, quiet=True)


def test_a_tampered_archive_from_a_mirror_is_refused_before_it_is_opened(fake_index: dict,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _link(fake_index, "")
    opened: list[object] = []
    monkeypatch.setattr(M.tarfile, "open", lambda *a, **k: opened.append(a))
    with pytest.raises(ModelError, match="SHA-256"):
        M.download(force=True, quiet=True)
    assert not opened and not M.cache_dir().exists()
