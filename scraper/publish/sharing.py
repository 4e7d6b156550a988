"""Share a list of tasks with a helper process: the caller takes them from the front, in order,
as it comes to them; a forked helper takes them from the back, until the two meet.

The site build uses it to convert articles' Markdown on the second core: MkDocs converts every
page in turn on one, and the conversion is the largest part of a build. Neither side waits for
the other until they meet, and then only for the page the helper is on; no task is done twice.
Where processes cannot be forked, the caller takes every task.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from typing import Generic, TypeVar

from scraper.analysis.background import Deferred

R = TypeVar("R")

# The helper runs behind the caller and its other children (a core they leave idle is its own):
# taking turns with them made the build slower than doing without it.
HELPER_NICENESS = 10
RESERVE = 32  # tasks the caller reserves at a time


class Shared(Generic[R]):
    """Tasks 0 … count-1; ``work(i)`` (in the helper) does task i and returns what it sends."""

    def __init__(self, count: int, work: Callable[[int], R], *, background: bool = True) -> None:
        self._lock = multiprocessing.Lock()
        # [next task of the caller, first task of the helper], in memory both processes share
        self._bounds = multiprocessing.RawArray("q", [0, count])
        self._work = work
        self._results: dict[int, R] | None = None
        self._reserved = 0  # the caller's tasks are those below this
        self._theirs_from: int | None = None  # the helper's are those from here on, once met
        self._helper = Deferred[dict[int, R], None](self._help, background=background and count > 1)
        if not self._helper.in_background:  # nothing shared: the caller does every task
            self._results = {}

    def _help(self) -> dict[int, R]:  # pragma: no cover (runs in the helper)
        os.nice(HELPER_NICENESS)
        done: dict[int, R] = {}
        while True:
            with self._lock:
                front, back = self._bounds
                if back <= front:
                    return done
                self._bounds[1] = back - 1
            done[back - 1] = self._work(back - 1)

    def take(self, index: int) -> bool:
        """True: task ``index`` is the caller's to do; False: the helper does it (see
        :meth:`result`). Tasks are taken in ascending order (one skipped is left to nobody); asking
        again about a task gives the same answer."""
        if self._theirs_from is not None:
            return index < self._theirs_from
        if index < self._reserved:
            return True
        with self._lock:  # reserve a few at a time: the helper may hold the lock, preempted
            back = self._bounds[1]
            if index < back:
                self._reserved = self._bounds[0] = min(index + RESERVE, back)
                return True
        self._theirs_from = index  # the helper took all the rest, from the back down to here
        return False

    def result(self, index: int) -> R:
        """What the helper sent for task ``index`` (waits for the helper to finish its tasks:
        when the caller comes to one, the helper is on its last). KeyError if it was the
        caller's. Raises BackgroundError if the helper died."""
        return self._received()[index]

    def helped(self) -> int:
        """How many tasks the helper did (waits for it)."""
        return len(self._received())

    def _received(self) -> dict[int, R]:
        if self._results is None:
            self._results = self._helper.result()
        return self._results
