"""The build's one background worker: a process for work the cache does not have.

Segmenting thousands of new articles and counting the search index's n-grams hold a core each
for seconds; MkDocs converts pages on one core meanwhile. The worker is a
``concurrent.futures`` process pool of one, started on first use with the ``spawn`` method
(the same on Linux, macOS and Windows: a fresh interpreter, never a fork of a build that has
loaded numpy) and fed plain data: texts and settings in, plain records out. A warm build with
nothing changed never starts it.
"""

from __future__ import annotations

import multiprocessing
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import ClassVar, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class Offload:
    """At most one worker process, started lazily; :meth:`close` when the build ends (or
    fails: ``mkdocs serve`` goes on, and must not keep a worker per failed build)."""

    # Every Offload alive in this process, for :meth:`close_all` (MkDocs' on_build_error is
    # given no config, so it cannot reach the failed build's own).
    _alive: ClassVar[weakref.WeakSet[Offload]] = weakref.WeakSet()

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        Offload._alive.add(self)

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn")
            )
        return self._pool.submit(fn, *args, **kwargs)

    @property
    def started(self) -> bool:
        return self._pool is not None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    @classmethod
    def close_all(cls) -> None:
        for offload in list(cls._alive):
            offload.close()
