"""Engines run one function over partitions of the input, in order, and yield the results.

One small interface (``Engine.map``) with three implementations: in-process (tests, one worker),
local processes (``--workers N``) and Dask (``--engine dask``, see ``herald.engines.dask``). The
output is the same for any engine and worker count: results come back in input order.
"""

from __future__ import annotations

import gc
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol


class Engine(Protocol):
    def map(self, func: Callable[[Any], Any], partitions: Iterable[Any]) -> Iterator[Any]: ...


class InProcess:
    """Runs everything in this process; the reference engine."""

    def map(self, func: Callable[[Any], Any], partitions: Iterable[Any]) -> Iterator[Any]:
        for part in partitions:
            yield func(part)


class LocalProcesses:
    """A pool of worker processes, with a bounded number of partitions in flight so that memory
    does not grow with the size of the input (Pool.imap would read the whole input ahead)."""

    def __init__(self, workers: int, initializer: Callable[[], None] | None = None):
        self.workers = workers
        self.initializer = initializer

    def map(self, func: Callable[[Any], Any], partitions: Iterable[Any]) -> Iterator[Any]:
        import multiprocessing as mp

        ctx = mp.get_context("fork")
        # Objects alive now (the model, the tables) move to a generation the collector never
        # scans, so the forked workers do not touch, and thereby copy, the pages holding them.
        gc.freeze()
        with ctx.Pool(self.workers, initializer=self.initializer) as pool:
            in_flight: deque[Any] = deque()
            for part in partitions:
                in_flight.append(pool.apply_async(func, (part,)))
                if len(in_flight) >= 2 * self.workers:
                    yield in_flight.popleft().get()
            while in_flight:
                yield in_flight.popleft().get()


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def local(workers: int | None = None, initializer: Callable[[], None] | None = None) -> Engine:
    n = workers or default_workers()
    return InProcess() if n <= 1 else LocalProcesses(n, initializer)
