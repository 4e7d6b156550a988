"""Create the built site's folders and page files ahead of MkDocs, in a child process.

MkDocs writes each page in turn, creating its folder (``use_directory_urls``) and its file just
then. On the ext4 disks measured here creating a folder or a file costs 0.1–0.5 ms, which made
writing, not rendering, the larger part of the page-building phase (bench/BUILD_RESULTS.md).
Created empty while MkDocs converts the pages, they are off the critical path: MkDocs then only
opens existing files and writes them. A forked process rather than a thread: a thread needs the
GIL back after every system call, and so took turns with MkDocs' own work (profiled: it was not
done before the pages were written, and cost the build's thread its switches).

A file is created with ``O_EXCL`` and never truncated, so a page MkDocs has written already
(the child fell behind) keeps its content.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence

from scraper.analysis.background import Deferred


class Precreated:
    """The processes creating output paths for one build; :meth:`join` before the build ends.
    Where processes cannot be forked nothing is created ahead (MkDocs creates what it writes)."""

    def __init__(self) -> None:
        self._jobs: list[Deferred[int, None]] = []
        self._started: set[str] = set()

    def start(self, paths: Iterable[str]) -> None:
        """Create these files (and their folders) in a new child process, in this order; paths
        given to an earlier call are left out."""
        todo = [p for p in dict.fromkeys(paths) if p not in self._started]
        self._started.update(todo)
        job = Deferred[int, None](functools.partial(create_files, todo))
        if job.in_background:
            self._jobs.append(job)

    def join(self) -> int:
        """Wait for the children; returns how many files they created."""
        created = sum(job.result() for job in self._jobs)
        self._jobs.clear()
        return created


def create_files(paths: Sequence[str]) -> int:
    """Create the missing files among ``paths`` (empty) and their folders; returns how many
    were created. Errors are left for MkDocs to report when it writes the file."""
    created = 0
    folders: set[str] = set()
    for path in paths:
        folder = os.path.dirname(path)
        try:
            if folder not in folders:
                os.makedirs(folder, exist_ok=True)
                folders.add(folder)
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            created += 1
        except OSError:  # exists already (MkDocs was first), or cannot be created: MkDocs says
            continue
    return created
