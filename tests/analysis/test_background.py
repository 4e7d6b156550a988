from __future__ import annotations

import os
import select

import pytest

from scraper.analysis.background import Deferred
from scraper.errors import ArchiveError


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def _fail() -> int:
    raise ArchiveError("articles/x.md: unknown theme")


def test_runs_in_a_child_process_and_returns_its_value() -> None:
    deferred = Deferred(lambda: _pid_and_square(7))
    assert deferred.in_background
    pid, value = deferred.result()
    assert value == 49 and pid != os.getpid()
    assert deferred.result() == (pid, 49)  # joined once, kept


def test_reraises_what_the_child_raised() -> None:
    deferred = Deferred(_fail)
    with pytest.raises(ArchiveError, match="unknown theme"):
        deferred.result()


def test_inline_when_not_in_background() -> None:
    deferred = Deferred(lambda: _pid_and_square(3), background=False)
    assert not deferred.in_background
    assert deferred.result() == (os.getpid(), 9)


def test_an_abandoned_child_is_stopped_and_reaped() -> None:
    import time

    deferred = Deferred(lambda: time.sleep(60))
    pid = deferred.pid
    del deferred  # never joined: garbage-collected
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped


def _wait_for_then(deferred: Deferred[int, int]) -> int | None:
    import time

    deadline = time.monotonic() + 30  # generous: CI machines are shared and slow to fork
    while time.monotonic() < deadline:
        value = deferred.then_ready()
        if value is not None or deferred._then_done:  # a value, or settled as None for good
            return value
        time.sleep(0.01)
    return None


def _result_without_waiting(deferred: Deferred[int, object]) -> None:
    """Join the result once the child has sent it (a caller that waits skips ``then``)."""
    child = deferred._child
    assert child is not None
    assert select.select([child.read], [], [], 30)[0], "the child sent no result within 30 s"
    assert deferred.result() == 1


def test_then_runs_in_the_child_after_the_result_and_never_blocks() -> None:

    deferred: Deferred[int, int] = Deferred(lambda: 6, then=lambda v: v * 7)
    assert deferred.then_ready() is None  # not before the result is joined
    # Wait until the child has sent the result, so that asking for it does not wait (a caller
    # that waits does then's work itself: the next test). Polled, not slept: no timing race.
    child = deferred._child
    assert child is not None
    assert select.select([child.read], [], [], 30)[0], "the child sent no result within 30 s"
    assert deferred.result() == 6
    pid = deferred.pid
    assert _wait_for_then(deferred) == 42
    assert deferred.then_ready() == 42  # kept
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped once both results are in


def test_then_is_none_when_it_fails_or_runs_inline() -> None:
    def fail(_value: int) -> int:
        raise ArchiveError("articles/x.md: cannot render")

    failing: Deferred[int, int] = Deferred(lambda: 1, then=fail)
    assert failing.result() == 1
    assert _wait_for_then(failing) is None
    inline: Deferred[int, int] = Deferred(lambda: 1, then=lambda v: v, background=False)
    assert inline.result() == 1 and inline.then_ready() is None


def test_a_then_value_larger_than_the_pipe_arrives_whole() -> None:
    """``then``'s value is pickled straight into the pipe, in many writes."""
    big = {f"articles/{i}.md": "人大代表" * 2_000 for i in range(100)}  # ~2.4 MB as UTF-8
    deferred: Deferred[int, dict[str, str]] = Deferred(lambda: 1, then=lambda _v: big)
    _result_without_waiting(deferred)
    assert _wait_for_then(deferred) == big  # type: ignore[arg-type]


def test_a_then_value_that_fails_to_pickle_halfway_is_none() -> None:
    """Part of the stream is written before pickling fails: the parent must not take what
    arrived for a value (the build then renders those pages itself)."""
    half = ["监督" * 100_000, lambda: None]  # a lambda cannot be pickled
    deferred: Deferred[int, list[object]] = Deferred(lambda: 1, then=lambda _v: half)
    _result_without_waiting(deferred)
    assert _wait_for_then(deferred) is None  # type: ignore[arg-type]
    assert deferred._then_done  # settled, not still waiting


def test_a_child_still_in_then_is_stopped_when_abandoned() -> None:
    import time

    deferred: Deferred[int, None] = Deferred(lambda: 1, then=lambda _v: time.sleep(60))
    assert deferred.result() == 1
    pid = deferred.pid
    del deferred
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_then_is_left_out_when_the_caller_waits_for_the_result() -> None:
    import time

    def slow() -> int:
        time.sleep(1.5)  # long enough that the parent asks first, even on a loaded machine
        return 1

    deferred: Deferred[int, int] = Deferred(slow, then=lambda v: v + 1)
    assert deferred.result() == 1  # joined while the child was still busy: no then
    assert _wait_for_then(deferred) is None


def _pipes(pid: int) -> set[str]:
    """The pipes a process holds open, by inode ("pipe:[1234]")."""
    fds = f"/proc/{pid}/fd"
    targets = set()
    for name in os.listdir(fds):
        try:
            targets.add(os.readlink(f"{fds}/{name}"))
        except FileNotFoundError:  # closed meanwhile
            continue
    return {t for t in targets if t.startswith("pipe:")}


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs Linux /proc")
def test_a_child_does_not_hold_its_siblings_pipes() -> None:
    """A sibling holding a read end would hide from a child that its parent stopped reading
    (the child then blocks writing to a full pipe: a deadlock the site build once hit)."""
    import time

    first: Deferred[None, None] = Deferred(lambda: time.sleep(60), then=lambda _v: None)
    second: Deferred[None, None] = Deferred(lambda: time.sleep(60))
    child = first._child
    assert child is not None
    first_pipes = {os.readlink(f"/proc/self/fd/{fd}") for fd in (child.read, child.read_then)}
    assert first_pipes <= _pipes(os.getpid())  # the parent does hold them
    deadline = time.monotonic() + 30  # the child closes them once it runs: poll, do not sleep
    while first_pipes & _pipes(second.pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not first_pipes & _pipes(second.pid)
    del first, second  # abandoned: both children stopped
