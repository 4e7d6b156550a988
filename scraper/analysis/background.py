"""Run one function in a forked child process and collect its result when it is needed.

The site build uses it for the slow, jieba-bound part of the analysis: MkDocs converts every
page's Markdown (one core) while the child segments the articles (the other core); the result is
joined only when the first page needs it. Where ``fork`` is unavailable the function runs inline,
at the first :meth:`Deferred.result`.

A second, optional step (``then``) runs in the child after the first result is sent: work the
parent may take over instead of doing it itself, if it is ready in time (:meth:`Deferred.then_ready`
never waits). The build uses it to render article headers and footers while MkDocs is busy.

``os.fork`` rather than ``multiprocessing.Process``: the child starts at once with the parent's
memory as it is (no pickling of the work to a fresh interpreter, no import of the project
again). A child closes its copies of the other children's pipes right after the fork: a read end
left open in a sibling would hide from a child that its parent stopped reading, and the child
would block on a full pipe (the analysis and search children once deadlocked that way).

A result nobody collects (a build that failed elsewhere, which ``mkdocs serve`` survives) is
abandoned when its :class:`Deferred` is garbage-collected or the interpreter exits: the child is
killed and reaped.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import threading
import weakref
from collections.abc import Callable
from typing import ClassVar, Generic, TypeVar, cast

from scraper.errors import RdkbError

T = TypeVar("T")
U = TypeVar("U")


class BackgroundError(RdkbError):
    """The child process ended without a result (killed, out of memory, unpicklable result)."""


class _Child:
    """A forked child's pid and the read ends of its pipes (result, then-result)."""

    # The children this process started, while their objects live: a new child closes their pipes.
    running: ClassVar[weakref.WeakSet[_Child]] = weakref.WeakSet()

    def __init__(self, pid: int, read: int, read_then: int) -> None:
        self.pid, self.read, self.read_then = pid, read, read_then
        _Child.running.add(self)

    @classmethod
    def close_siblings(cls) -> None:  # pragma: no cover (child)
        """In a new child: close the pipes the parent holds to its other children, and forget
        them (a sibling's finaliser, run here, must neither close reused fds nor kill it)."""
        for sibling in list(cls.running):
            sibling.close(sibling.read)
            sibling.close(sibling.read_then)
            sibling.pid = 0

    def close(self, fd: int) -> None:
        if fd >= 0:
            os.close(fd)
        if fd == self.read:
            self.read = -1
        if fd == self.read_then:
            self.read_then = -1

    def reap(self) -> None:
        if self.pid > 0:
            os.waitpid(self.pid, 0)
            self.pid = 0

    def stop(self) -> None:
        """Stop a child whose results nobody will read."""
        self.close(self.read)
        self.close(self.read_then)
        if self.pid > 0:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.pid = 0


class Deferred(Generic[T, U]):
    """``fn()`` started now (in a child process when ``background``), its value on demand; then
    ``then(value)`` in the child, its value if ready (:meth:`then_ready`)."""

    def __init__(
        self,
        fn: Callable[[], T],
        *,
        then: Callable[[T], U] | None = None,
        background: bool = True,
    ) -> None:
        self._fn: Callable[[], T] | None = fn
        self._value: T | None = None
        self._done = False
        self._then_value: U | None = None
        self._then_done = then is None
        self._child: _Child | None = None
        if background and hasattr(os, "fork"):
            read, write = os.pipe()
            read_then, write_then = os.pipe() if then is not None else (-1, -1)
            pid = os.fork()
            if pid == 0:  # the child: compute, send, leave without running the parent's exit code
                _Child.close_siblings()
                os.close(read)
                if read_then >= 0:
                    os.close(read_then)
                _run_child(fn, write, then, write_then)
            os.close(write)
            if write_then >= 0:
                os.close(write_then)
            self._fn = None
            self._child = _Child(pid, read, read_then)
            self._abandon = weakref.finalize(self, self._child.stop)
        else:
            self._then_done = True  # inline: the caller does that work itself

    @property
    def in_background(self) -> bool:
        return self._child is not None

    @property
    def pid(self) -> int:
        """The child's process id; 0 when running inline or once the child is reaped."""
        return self._child.pid if self._child is not None else 0

    def result(self) -> T:
        """The function's value (waits for the child); re-raises what the function raised."""
        if not self._done:
            if self._fn is not None:
                self._value = self._fn()
                self._fn = None
            else:
                self._skip_then_if_waiting()
                self._value = self._receive()
            self._done = True
        return self._value  # type: ignore[return-value]

    def then_ready(self) -> U | None:
        """``then``'s value if the child has sent it, else None (never waits). None for good when
        it failed, or when running inline."""
        if self._then_done:
            return self._then_value
        child = self._child
        assert child is not None
        if not self._done or not select.select([child.read_then], [], [], 0)[0]:
            return None
        self._then_done = True
        try:
            ok, payload = _load(child.read_then)
        except BackgroundError:
            return None
        finally:
            child.close(child.read_then)
        if child.read < 0:
            self._abandon.detach()
            child.reap()
        self._then_value = cast(U, payload) if ok else None
        return self._then_value

    def _skip_then_if_waiting(self) -> None:
        """A caller that has to wait for the result is idle no longer than the child: it does
        ``then``'s work itself, sooner. Tell the child (it checks before starting ``then``)."""
        child = self._child
        assert child is not None
        if not self._then_done and not select.select([child.read], [], [], 0)[0]:
            child.close(child.read_then)
            self._then_done = True

    def _receive(self) -> T:
        child = self._child
        assert child is not None
        try:
            ok, payload = _load(child.read)
        finally:
            child.close(child.read)
            if self._then_done or child.read_then < 0:
                self._abandon.detach()
                child.reap()
        if not ok:
            assert isinstance(payload, BaseException)
            raise payload
        return cast(T, payload)


def _load(fd: int) -> tuple[bool, object]:
    try:
        with os.fdopen(fd, "rb", closefd=False) as fh:
            ok, payload = pickle.load(fh)
    except (EOFError, pickle.UnpicklingError) as exc:
        raise BackgroundError(f"the analysis process ended without a result: {exc}") from exc
    return ok, payload


def _call(fn: Callable[[], object]) -> tuple[bool, object]:  # pragma: no cover (child)
    try:
        return True, fn()
    except BaseException as exc:  # sent to the parent, which re-raises it
        return False, exc


def _send(write: int, payload: tuple[bool, object]) -> None:  # pragma: no cover (child)
    try:
        data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # e.g. an exception that cannot be pickled
        data = pickle.dumps((False, BackgroundError(f"unpicklable result: {exc!r}")))
    with os.fdopen(write, "wb") as fh:
        fh.write(data)


def _stream(write: int, payload: tuple[bool, object]) -> None:  # pragma: no cover (child)
    """Pickle straight into the pipe, for ``then``'s value: the prerendered HTML of 10,000
    articles is ~300 MB, and a pickled copy of it at once would be as large again. If pickling
    fails halfway, the parent reads a broken stream and does the work itself (``then_ready``)."""
    with os.fdopen(write, "wb") as fh:
        pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)


def _reader_gone(write: int) -> bool:  # pragma: no cover (child)
    """The read end of the pipe ``write`` writes to is closed (the parent gave up on it)."""
    poller = select.poll()
    poller.register(write, select.POLLOUT)
    return any(event & (select.POLLERR | select.POLLHUP) for _, event in poller.poll(0))


def _run_child(
    fn: Callable[[], T], write: int, then: Callable[[T], object] | None, write_then: int
) -> None:  # pragma: no cover (child)
    code = 0
    try:
        payload = _call(fn)
        if then is None:
            _send(write, payload)
        else:
            # the parent reads the first result only when it needs it: send it from a thread
            # and go on with ``then`` meanwhile
            sender = threading.Thread(target=_send, args=(write, payload))
            sender.start()
            try:
                ok, value = payload
                if not _reader_gone(write_then):
                    _stream(write_then, _call(lambda: then(value)) if ok else (False, None))  # type: ignore[arg-type]
            except BrokenPipeError:  # the parent gave up on it meanwhile
                pass
            finally:
                sender.join()
    except BaseException:  # the parent is gone: nothing to report to
        code = 1
    finally:
        os._exit(code)
