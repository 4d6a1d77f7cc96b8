"""The Dask engine: partitions run on a ``distributed`` cluster, results come back in input order.

    from herald.engines.dask import DaskEngine
    from herald.pipeline import code_records

    with DaskEngine("tcp://scheduler:8786") as engine:  # or DaskEngine() for a local cluster
        for coded in code_records(articles, engine=engine):
            ...

The client reads the input and sends partitions of whole articles to the workers, so input paths
need only be readable by the client. Every worker needs herald and the spaCy model installed
(``docs/cluster.md``); each loads the model and herald's tables once, when it joins (see
:func:`prepare_worker`). At most ``window`` partitions are in flight, so the client's memory does
not grow with the input.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from herald.errors import HeraldError

if TYPE_CHECKING:
    from distributed import Client, LocalCluster

try:
    from distributed import WorkerPlugin
except ImportError:  # reported with advice when an engine is opened
    WorkerPlugin = object  # type: ignore[assignment,misc]


def prepare_worker(model: str | None = None) -> None:
    """Load the model and every stage's tables in a worker, and freeze them out of the GC.

    Freezing matters beyond speed: a full collection over herald's tables takes most of a
    second, and a worker that spends it while shutting down gets killed by its nanny.
    """
    from herald.pipeline import warm_up

    warm_up(model)  # ends with gc.freeze()


class _Setup(WorkerPlugin):  # type: ignore[misc]
    """A worker plugin that runs a setup function on every worker, including late joiners."""

    name = "herald-setup"

    def __init__(self, setup: Callable[[], Any]):
        self.setup_func = setup

    def setup(self, worker: Any) -> None:
        self.setup_func()


class DaskEngine:
    """Runs ``func`` over partitions on a Dask cluster and yields the results in input order.

    ``scheduler`` is a scheduler address ("tcp://host:8786"); without one a
    ``distributed.LocalCluster`` of ``n_workers`` single-threaded worker processes is started
    (and stopped when the engine closes). ``window`` bounds the partitions in flight (default:
    two per worker thread), which keeps every worker busy while the client holds little.
    ``setup`` runs once on every worker before its first partition (default:
    :func:`prepare_worker` for the default model; pass ``functools.partial(prepare_worker,
    model)`` for another, or None to skip). ``timeout`` bounds the wait for the scheduler.

    Used as a context manager the cluster and client live across several ``map`` calls;
    otherwise each ``map`` opens them and closes them when its results are exhausted.
    """

    def __init__(self, scheduler: str | None = None, *, n_workers: int = 2,
                 threads_per_worker: int = 1, window: int | None = None,
                 setup: Callable[[], Any] | None = prepare_worker, timeout: str = "30s"):
        self.scheduler = scheduler
        self.timeout = timeout
        self.setup = setup
        self.n_workers = n_workers
        self.threads_per_worker = threads_per_worker
        self.window = window
        self._client: Client | None = None
        self._cluster: LocalCluster | None = None

    def __enter__(self) -> DaskEngine:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self) -> Client:
        """Connect to the scheduler, or start a local cluster; returns the client."""
        if self._client is not None:
            return self._client
        try:
            from distributed import Client, LocalCluster
        except ImportError as err:
            raise HeraldError(
                "the Dask engine needs the 'distributed' package: pip install 'dask[distributed]'"
            ) from err
        if self.scheduler:
            try:
                self._client = Client(self.scheduler, timeout=self.timeout)
            except OSError as err:
                raise HeraldError(
                    f"cannot reach the Dask scheduler at {self.scheduler!r} ({err}); start one "
                    f"with `dask scheduler` and give its address, e.g. tcp://host:8786"
                ) from err
        else:
            self._cluster = LocalCluster(
                n_workers=self.n_workers, threads_per_worker=self.threads_per_worker,
                processes=True, dashboard_address=None,
            )
            self._client = Client(self._cluster)
        if self.setup is not None:
            self._client.register_plugin(_Setup(self.setup))
        return self._client

    def close(self) -> None:
        """Close the client, and the local cluster when this engine started it."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def _window(self, client: Client) -> int:
        if self.window:
            return self.window
        threads = sum(client.nthreads().values()) or 1
        return 2 * threads

    def map(self, func: Callable[[Any], Any], partitions: Iterable[Any]) -> Iterator[Any]:
        """``func(part)`` for each partition, computed on the cluster, yielded in input order."""
        owned = self._client is None
        client = self.open()
        window = self._window(client)
        in_flight: deque[Any] = deque()
        try:
            for part in partitions:
                # pure=False: two equal partitions are still two tasks, never one shared result
                in_flight.append(client.submit(func, part, pure=False))
                if len(in_flight) >= window:
                    yield in_flight.popleft().result()
            while in_flight:
                yield in_flight.popleft().result()
        finally:
            if in_flight:  # the consumer stopped early or a task failed: drop the rest
                client.cancel(list(in_flight))
            if owned:
                self.close()
