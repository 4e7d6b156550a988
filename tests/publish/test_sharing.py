"""Tasks shared with a forked helper: each done once, by one side, the helper's sent back."""

from __future__ import annotations

import os
import time

from scraper.publish.sharing import RESERVE, Shared


def _square_with_pid(number: int) -> tuple[int, int]:
    time.sleep(0.001)  # as slow as the caller's own work below
    return number * number, os.getpid()


def test_every_task_is_done_once_by_one_side() -> None:
    count = 400
    shared = Shared(count, _square_with_pid)
    mine = []
    for number in range(count):
        if shared.take(number):
            mine.append(number)
            time.sleep(0.001)  # the caller's work
        else:
            value, pid = shared.result(number)
            assert value == number * number
            assert pid != os.getpid()  # done in the helper
    theirs = shared.helped()
    assert mine == list(range(count - theirs))  # the caller's from the front, without a gap
    assert 0 < theirs < count
    for number in range(count):  # asking again gives the same answer
        assert shared.take(number) == (number in mine)


def test_without_a_helper_the_caller_takes_every_task() -> None:
    shared = Shared(50, _square_with_pid, background=False)
    assert all(shared.take(number) for number in range(50))
    assert shared.helped() == 0


def test_the_helper_stops_at_the_callers_reservation() -> None:
    """The caller reserves a few tasks at a time (it then needs no lock for them); while it
    does nothing, the helper does every task down to that reservation, and no more."""
    shared = Shared(100, _square_with_pid)
    assert shared.take(0)
    assert shared.helped() == 100 - RESERVE  # waits for the helper to end
    assert all(shared.take(n) for n in range(1, RESERVE))
    assert not any(shared.take(n) for n in range(RESERVE, 100))
    assert [shared.result(n)[0] for n in range(RESERVE, 100)] == [
        n * n for n in range(RESERVE, 100)
    ]
