"""Adversarial inputs (issue 8): every one parses, or is refused with an edureport error, and keeps the contract.

The inputs are those of ``benchmarks/adversarial.py`` (100k digits, 100k 一是,
10k nested markers, 1 MB without punctuation, runs of masks, emoji and control
characters, 100k short lines, …). This is a hang and backtracking guard, not a
timing test: the bound is ten times issue 8's limit for character segmentation
(max(1 s, 1 s per 300,000 characters)), enforced with SIGALRM so a catastrophic
pattern fails the test instead of hanging CI. The measured figures, default
pipeline included, come from the benchmark script.
"""

from __future__ import annotations

import importlib.util
import signal
import time
from pathlib import Path

import pytest
from invariants import check_report

import edureport

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("adversarial_bench", ROOT / "benchmarks" / "adversarial.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

INPUTS = bench.inputs()
GUARD = 10  # × the limit: generous on a loaded CI machine, far below a backtracking blow-up


class _Hang(Exception):
    pass


def _alarm(signum, frame):
    raise _Hang()


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    edureport.parse("预热。", segmenter="char")


@pytest.mark.parametrize("name", list(INPUTS))
def test_adversarial_input(name: str) -> None:
    text = INPUTS[name]()
    bound = GUARD * bench.char_limit(len(text))
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, bound)
    t0 = time.perf_counter()
    try:
        report = edureport.parse(text, segmenter="char")
    except edureport.EdureportError:
        report = None
    except _Hang:
        pytest.fail(f"{name}: parse did not finish within {bound:.0f} s ({len(text):,} chars)")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert time.perf_counter() - t0 < bound
    if report is not None:
        check_report(report, text)


def test_align_splits_one_huge_token_without_quadratic_copying() -> None:
    """pkuseg can return a glued run (12万亿12万亿…) as one token cut at every metric boundary.

    With character segmentation the aligner never has work, so it is exercised directly:
    50,000 cuts in a 200,000-character token once copied the token's text per piece
    (10^10 characters); now the split takes a fraction of a second. Guard: 5 s.
    """
    from spacy.tokens import Doc

    from edureport.pipeline.align import _split

    nlp = edureport.load(segmenter="char")
    text = "12万亿" * 50_000
    doc = Doc(nlp.vocab, words=[text], spaces=[False])
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, 5)
    try:
        _split(doc, {0: list(range(4, len(text), 4))})
    except _Hang:
        pytest.fail("splitting one huge token took more than 5 s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert len(doc) == 50_000 and doc.text == text
