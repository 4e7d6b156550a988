"""Run one function in a forked child process and collect its result when it is needed.

The site build uses it for the slow, jieba-bound part of the analysis: MkDocs converts every
page's Markdown (one core) while the child segments the articles (the other core); the result is
joined only when the first page needs it. Where ``fork`` is unavailable the function runs inline,
at the first :meth:`Deferred.result`.

``os.fork`` rather than ``multiprocessing.Process``: the child may start a worker pool of its own
(daemonic processes may not). A result nobody collects (a build that failed elsewhere, which
``mkdocs serve`` survives) is abandoned when its :class:`Deferred` is garbage-collected or the
interpreter exits: the child is killed and reaped.
"""

from __future__ import annotations

import os
import pickle
import signal
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

from scraper.errors import RdkbError

T = TypeVar("T")


class BackgroundError(RdkbError):
    """The child process ended without a result (killed, out of memory, unpicklable result)."""


class Deferred(Generic[T]):
    """``fn()`` started now (in a child process when ``background``), its value on demand."""

    def __init__(self, fn: Callable[[], T], *, background: bool = True) -> None:
        self._fn: Callable[[], T] | None = fn
        self._value: T | None = None
        self._done = False
        self._pid = 0
        self._read = -1
        if background and hasattr(os, "fork"):
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: compute, send, leave without running the parent's exit code
                os.close(read)
                _run_child(fn, write)
            os.close(write)
            self._pid, self._read, self._fn = pid, read, None
            self._abandon = weakref.finalize(self, _abandon, pid, read)

    @property
    def in_background(self) -> bool:
        return self._pid > 0

    def result(self) -> T:
        """The function's value (waits for the child); re-raises what the function raised."""
        if not self._done:
            if self._fn is not None:
                self._value = self._fn()
                self._fn = None
            else:
                self._value = self._receive()
            self._done = True
        return self._value  # type: ignore[return-value]

    def _receive(self) -> T:
        self._abandon.detach()
        try:
            with os.fdopen(self._read, "rb") as fh:
                ok, payload = pickle.load(fh)
        except (EOFError, pickle.UnpicklingError) as exc:
            raise BackgroundError(f"the analysis process ended without a result: {exc}") from exc
        finally:
            os.waitpid(self._pid, 0)
        if not ok:
            raise payload
        return payload  # type: ignore[no-any-return]


def _abandon(pid: int, read: int) -> None:
    """Stop a child whose result nobody will read."""
    os.close(read)
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _run_child(fn: Callable[[], object], write: int) -> None:  # pragma: no cover (child)
    code = 0
    try:
        try:
            payload: tuple[bool, object] = (True, fn())
        except BaseException as exc:  # sent to the parent, which re-raises it
            payload = (False, exc)
        try:
            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # e.g. an exception that cannot be pickled
            data = pickle.dumps((False, BackgroundError(f"unpicklable result: {exc!r}")))
        with os.fdopen(write, "wb") as fh:
            fh.write(data)
    except BaseException:  # the parent is gone: nothing to report to
        code = 1
    finally:
        os._exit(code)
