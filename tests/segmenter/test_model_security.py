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
