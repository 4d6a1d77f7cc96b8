"""How the server shares one store file between its request threads.

DuckDB allows one writer per file, and inside one process a read-only and a read-write
connection to the same file cannot be open together. So the server owns the file: requests
read through cursors of one shared read-only connection (cheap: no open per request), and an
ingest (POST /api/articles) takes an exclusive lock, closes that connection, writes in a short
transaction and lets the next reader reopen it. Coding (the slow part) runs outside the lock,
so readers are blocked only while rows are written. One ingest and one coding job run at a
time (the spaCy pipeline is shared).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from herald.model import Article
from herald.store.ingest import Coder, IngestStats, classify, write_batch
from herald.store.schema import connect

BATCH = 64


class RWLock:
    """Many readers or one writer; a waiting writer stops new readers (no writer starvation)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._waiting = 0

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writer or self._waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._waiting += 1
            while self._writer or self._readers:
                self._cond.wait()
            self._waiting -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


class StoreAccess:
    """The server's handle on one store file: shared reads, serialized short writes."""

    def __init__(self, path: str | Path, lock_wait: float = 5.0) -> None:
        self.path = str(path)
        self.lock_wait = lock_wait
        self._lock = RWLock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._open = threading.Lock()
        self._ingest = threading.Lock()
        self.coding = threading.Lock()

    def ensure(self) -> None:
        """Create an empty store when the file does not exist yet (so POSTs can fill it)."""
        if not Path(self.path).exists():
            with self.writer():
                pass

    @contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the shared read-only connection (external access disabled)."""
        with self._lock.read():
            with self._open:
                if self._con is None:
                    self._con = connect(self.path, read_only=True, wait=self.lock_wait)
                cur = self._con.cursor()
            try:
                yield cur
            finally:
                cur.close()

    @contextmanager
    def writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection, exclusive within the process, closed on exit."""
        with self._lock.write():
            self._close_shared()
            con = connect(self.path, read_only=False, wait=self.lock_wait)
            try:
                yield con
            finally:
                con.close()

    def ingest(self, articles: Iterable[Article], coder: Coder) -> IngestStats:
        """Store articles like ``herald ingest``: classify and write under the write lock,
        code in between with no lock held."""
        stats = IngestStats()
        items = list(articles)
        with self._ingest:
            for i in range(0, len(items), BATCH):
                chunk = items[i:i + BATCH]
                stats.read += len(chunk)
                with self.writer() as con:
                    plan = classify(con, chunk, stats)
                if plan.to_code:
                    with self.coding:
                        coded = list(coder(plan.to_code))
                else:
                    coded = []
                if plan.to_code or plan.sources:
                    with self.writer() as con:
                        write_batch(con, plan, coded, stats)
                    stats.batches += 1
        return stats

    def close(self) -> None:
        with self._lock.write():
            self._close_shared()

    def _close_shared(self) -> None:
        with self._open:
            if self._con is not None:
                self._con.close()
                self._con = None
