"""Where the partition functions run: in this process (`LocalEngine`), in a pool of processes on this machine
(`ProcessEngine`, every core by default), or on a Dask cluster (`DaskEngine`)."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator

# --- engines ----------------------------------------------------------------------------------------

class LocalEngine:
    """Runs the partition functions in this process, one after another."""

    def map(self, func: Callable, jobs: Iterable[tuple]) -> Iterator:
        """`func(*args)` for each job, in order, one at a time: (max, [(1, 2), (5, 3)]) -> 2, 5.

        >>> list(LocalEngine().map(max, [(1, 2), (5, 3)]))
        [2, 5]
        """
        for args in jobs:
            yield func(*args)

    def share(self, obj):
        """`obj` itself: in one process every job already sees it.

        >>> index = {"a": 1}
        >>> LocalEngine().share(index) is index
        True
        """
        return obj

    def close(self) -> None:
        """Nothing to release.

        >>> LocalEngine().close()
        """


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, which `taskset` and containers narrow), at least 1.

    >>> available_cores() >= 1
    True
    """
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class ProcessEngine:
    """Runs the partition functions in `jobs` worker processes on this machine; results come back in job order,
    at most `window` partitions in flight, so the tables are those of one process."""

    def __init__(self, jobs: int, window: int | None = None):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # forkserver: a fresh interpreter per worker, safe whatever threads this process runs
        self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("forkserver"))
        self.window = window or 2 * jobs

    def map(self, func: Callable, jobs: Iterable[tuple]) -> Iterator:
        """`func(*args)` for each job in the pool; results in job order.

        >>> engine = ProcessEngine(2)
        >>> list(engine.map(max, [(1, 2), (5, 3), (4, 4)]))
        [2, 5, 4]
        >>> engine.close()
        """
        pending: deque = deque()
        for args in jobs:
            pending.append(self.pool.submit(func, *args))
            if len(pending) >= self.window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def share(self, obj):
        """`obj` itself: it travels to the workers with each job that needs it.

        >>> engine = ProcessEngine(1)
        >>> engine.share([1]) == [1]
        True
        >>> engine.close()
        """
        return obj

    def close(self) -> None:
        """Stop the worker processes.

        >>> ProcessEngine(1).close()
        """
        self.pool.shutdown()


class DaskEngine:
    """Runs the partition functions on a Dask cluster with dask.delayed; results come back in order.

    No scheduler address: a LocalCluster of one single-threaded process worker per core. At most
    `window` partitions are in flight, so the client never holds more than that many results.
    """

    def __init__(self, scheduler: str | None = None, n_workers: int | None = None, window: int | None = None):
        from distributed import Client, LocalCluster

        if scheduler:
            self.cluster, self.client = None, Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1,
                                        processes=True, dashboard_address=None)
            self.client = Client(self.cluster)
        workers = max(1, len(self.client.scheduler_info(n_workers=-1).get("workers", {})))
        self.window = window or 2 * workers

    def map(self, func: Callable, jobs: Iterable[tuple]) -> Iterator:
        """`func(*args)` for each job on the cluster, at most `window` in flight; results in job order.

        >>> from distributed import LocalCluster
        >>> cluster = LocalCluster(n_workers=1, processes=False, dashboard_address=None)
        >>> engine = DaskEngine(cluster.scheduler_address)
        >>> list(engine.map(max, [(1, 2), (5, 3)]))
        [2, 5]
        >>> engine.close()
        >>> cluster.close()
        """
        import dask

        pending: deque = deque()
        for args in jobs:
            pending.append(self.client.compute(dask.delayed(func, pure=False)(*args)))
            if len(pending) >= self.window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def share(self, obj):
        """`obj` on every worker, as one future (scatter would split a dict or set into its items).

        >>> from distributed import LocalCluster
        >>> cluster = LocalCluster(n_workers=1, processes=False, dashboard_address=None)
        >>> engine = DaskEngine(cluster.scheduler_address)
        >>> index = engine.share({"a": 1})
        >>> index.result()
        {'a': 1}
        >>> engine.close()
        >>> cluster.close()
        """
        return self.client.scatter([obj], broadcast=True)[0]

    def close(self) -> None:
        """Close the client, and the LocalCluster when this engine started one.

        >>> from distributed import LocalCluster
        >>> cluster = LocalCluster(n_workers=1, processes=False, dashboard_address=None)
        >>> engine = DaskEngine(cluster.scheduler_address)
        >>> engine.close()
        >>> engine.client.status
        'closed'
        >>> cluster.close()
        """
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
