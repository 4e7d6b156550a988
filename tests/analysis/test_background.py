from __future__ import annotations

import os

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
    pid = deferred._pid
    del deferred  # never joined: garbage-collected
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped
