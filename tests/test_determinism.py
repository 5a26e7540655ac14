"""Determinism (issue 8): the same input gives byte-identical JSON — across runs, process pools and interpreters.

Texts: the seed reports and two gold government reports (河北省, 吉林省: the two
shortest), parsed with the default pipeline (pkuseg when its model is available,
as in production) and with character segmentation. The separate interpreters
run with different ``PYTHONHASHSEED`` values, so nothing may depend on set or
dict-of-str iteration order.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from support import ROOT, SEEDS, gold_text, read, shared_corpus

import edureport

GOV = ["2026_河北省_政府工作报告.txt", "2026_吉林省_政府工作报告.txt"]
#: The government reports come from ../shared; without it the seeds alone are compared.
NAMES = [p.name for p in SEEDS] + (GOV if shared_corpus().is_dir() else [])
SEGMENTERS = ["auto", "char"]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [read(p) for p in SEEDS] + [gold_text(name) for name in NAMES[len(SEEDS):]]


@pytest.fixture(scope="module")
def dumps(texts: list[str]) -> dict[str, list[str]]:
    """First in-process parse of every text, per segmenter: the reference every other run must equal."""
    return {seg: [edureport.parse(t, segmenter=seg).model_dump_json() for t in texts] for seg in SEGMENTERS}


def _same(expected: list[str], got: list[str]) -> None:
    assert len(got) == len(expected)
    for name, a, b in zip(NAMES, expected, got):
        assert a == b, f"{name}: JSON differs"


@pytest.mark.parametrize("segmenter", SEGMENTERS)
def test_two_parses_identical(texts: list[str], dumps: dict[str, list[str]], segmenter: str) -> None:
    _same(dumps[segmenter], [edureport.parse(t, segmenter=segmenter).model_dump_json() for t in texts])


@pytest.mark.parametrize("segmenter", SEGMENTERS)
def test_parse_many_two_processes_identical(texts: list[str], dumps: dict[str, list[str]], segmenter: str) -> None:
    reports = edureport.parse_many(texts, n_process=2, batch_size=2, segmenter=segmenter)
    _same(dumps[segmenter], [r.model_dump_json() for r in reports])


_CHILD = """
import json, sys
import edureport
texts, segmenters = json.load(sys.stdin), json.loads(sys.argv[1])
out = {seg: [edureport.parse(t, segmenter=seg).model_dump_json() for t in texts] for seg in segmenters}
sys.stdout.write(json.dumps(out))
"""


@pytest.mark.parametrize("hash_seed", ["1", "2"])
def test_separate_interpreters_identical(texts: list[str], dumps: dict[str, list[str]], hash_seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(SEGMENTERS)], input=json.dumps(texts),
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout)
    for seg in SEGMENTERS:
        _same(dumps[seg], out[seg])
