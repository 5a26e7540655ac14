"""The one process pool (edureport.parallel): input order, laziness, a bounded look-ahead; and its two users."""

from __future__ import annotations

import itertools
import os
import time
from typing import Iterator

import pytest

import edureport
from edureport import parallel
from edureport.corpus import Corpus
from edureport.parallel import AHEAD, batched, map_batches

_OFFSET: list[int] = [0]


def _set_offset(offset: int) -> None:
    _OFFSET[0] = offset


def _shifted(batch: list[int]) -> list[int]:
    return [x + _OFFSET[0] for x in batch]


def _slow_first(batch: list[int]) -> list[int]:
    time.sleep(0.3 if batch[0] == 0 else 0.0)  # the first batch finishes last
    return batch


def _pid(batch: list[int]) -> int:
    time.sleep(0.05)
    return os.getpid()


def _fails_on_three(batch: list[int]) -> list[int]:
    if 3 in batch:
        raise ValueError("batch with 3")
    return batch


class Counted:
    """An input that counts how many items were taken from it."""

    def __init__(self, items: Iterator[int]) -> None:
        self.items = items
        self.taken = 0

    def __iter__(self) -> Iterator[int]:
        for item in self.items:
            self.taken += 1
            yield item


def test_batched_fills_lists_in_order_and_takes_items_only_as_needed() -> None:
    assert list(batched(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batched([], 3)) == []
    source = Counted(itertools.count())
    first = next(batched(source, 4))
    assert first == [0, 1, 2, 3] and source.taken == 4
    with pytest.raises(ValueError):
        list(batched([1], 0))


def test_results_come_in_input_order_even_when_an_early_batch_is_slowest() -> None:
    batches = [[i] for i in range(6)]
    assert list(map_batches(_slow_first, batches, 2)) == batches


def test_the_initializer_runs_in_every_worker_process() -> None:
    assert list(map_batches(_shifted, [[1, 2], [3]], 2, initializer=_set_offset, initargs=(100,))) == [[101, 102], [103]]
    assert _OFFSET[0] == 0  # not in this process
    assert os.getpid() not in set(map_batches(_pid, [[i] for i in range(8)], 2))


def test_lazy_and_bounded_a_long_input_is_read_only_as_far_as_the_results() -> None:
    n_process = 2
    source = Counted(iter(range(10_000)))
    results = map_batches(_shifted, ([x] for x in source), n_process)
    assert source.taken == 0  # nothing happens before the first next()
    assert next(results) == [0]
    window = AHEAD * n_process + 1
    assert source.taken == window  # the batches in flight, not the whole input
    for k in range(1, 5):
        assert next(results) == [k]
        assert source.taken == window + k  # one more batch sent per result taken
    results.close()


def test_a_failing_batch_raises_in_its_place_after_the_results_before_it() -> None:
    got = []
    with pytest.raises(ValueError, match="batch with 3"):
        for result in map_batches(_fails_on_three, [[i] for i in range(6)], 2):
            got.append(result)
    assert got == [[0], [1], [2]]


def test_bad_process_counts_are_refused() -> None:
    with pytest.raises(ValueError):
        next(parallel.map_batches(_shifted, [[1]], 0))


# --------------------------------------------------------------------------- the two users


def many_reports() -> Counted:
    return Counted(iter(range(1, 2001)))


def report(n: int) -> str:
    return f"一、工作回顾\n（一）学前教育。新建幼儿园{n}所。"


def test_parse_many_on_processes_is_lazy_and_ordered() -> None:
    numbers = many_reports()
    reports = edureport.parse_many((report(n) for n in numbers), n_process=2, batch_size=2, segmenter="char")
    first = list(itertools.islice(reports, 5))
    reports.close()
    assert [r.metrics[0].value for r in first] == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert numbers.taken < 20


def test_corpus_runner_on_processes_is_lazy_and_ordered() -> None:
    numbers = many_reports()
    corpus = Corpus.from_texts(report(n) for n in numbers)
    chunks = corpus.iter_tables(n_process=2, batch_size=2, chunk_size=3, segmenter="char", progress=False)
    first = next(chunks)
    chunks.close()
    assert first.reports.report_id.tolist() == ["0", "1", "2"]
    assert first.metrics.value.tolist() == [1.0, 2.0, 3.0]
    assert numbers.taken < 20
