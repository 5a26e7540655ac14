"""One bounded process pool for every "many items on N processes, results in order" loop.

``parse_many`` and the corpus runner both send batches to worker processes and
need their results back in input order, lazily, without reading the whole input
first: :func:`map_batches` is that loop, written once. It imports nothing of
edureport, so any layer may use it.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Batches in flight per process: enough to keep every process busy, few enough to keep memory flat.
AHEAD = 2


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items in order (the last may be shorter), taking items only as each list fills.

    >>> list(batched("abcde", 2))
    [['a', 'b'], ['c', 'd'], ['e']]
    """
    if size < 1:
        raise ValueError("size must be at least 1")
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def map_batches(
    function: Callable[[T], R],
    batches: Iterable[T],
    n_process: int,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[R]:
    """``function(batch)`` for every batch on ``n_process`` processes, yielded in input order.

    Lazy and bounded: the pool starts at the first ``next()``, and a new batch
    is taken from ``batches`` only while fewer than ``AHEAD * n_process + 1``
    are in flight, so a long (or endless) input is never read ahead of the
    results. ``function`` and ``initializer`` must be picklable (module-level);
    ``initializer(*initargs)`` runs once in each process. An exception raised
    by ``function`` is raised here, when its result is due.
    """
    if n_process < 1:
        raise ValueError("n_process must be at least 1")
    with ProcessPoolExecutor(max_workers=n_process, initializer=initializer, initargs=initargs) as pool:
        pending: deque[Future[R]] = deque()
        for batch in batches:
            pending.append(pool.submit(function, batch))
            while len(pending) > AHEAD * n_process:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
