"""Create the built site's folders and page files ahead of MkDocs, on a thread.

MkDocs writes each page in turn, creating its folder (``use_directory_urls``) and its file just
then. On the ext4 disks measured here creating a folder or a file costs 0.1–0.5 ms, which made
writing, not rendering, the larger part of the page-building phase (bench/BUILD_RESULTS.md).
Created empty on a thread while MkDocs converts the pages (the system calls release the GIL),
they are off the critical path: MkDocs then only opens existing files and writes them.

A file is created with ``O_EXCL`` and never truncated, so a page MkDocs has written already
(the thread fell behind) keeps its content.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence


class Precreated:
    """The threads creating output paths for one build; :meth:`join` before the build ends."""

    def __init__(self) -> None:
        self._threads: list[threading.Thread] = []
        self._started: set[str] = set()

    def start(self, paths: Iterable[str]) -> None:
        """Create these files (and their folders) on a new thread, in this order; paths given
        to an earlier call are left out."""
        todo = [p for p in dict.fromkeys(paths) if p not in self._started]
        self._started.update(todo)
        thread = threading.Thread(target=create_files, args=(todo,), daemon=True)
        thread.start()
        self._threads.append(thread)

    def join(self) -> None:
        for thread in self._threads:
            thread.join()
        self._threads.clear()


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
