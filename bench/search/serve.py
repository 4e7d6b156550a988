"""A static file server on 127.0.0.1 that counts the bytes it sends, per path."""

from __future__ import annotations

import functools
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class Counting(SimpleHTTPRequestHandler):
    sent: Counter[str]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def copyfile(self, source: Any, outputfile: Any) -> None:
        data = source.read()
        self.sent[self.path.split("?")[0]] += len(data)
        outputfile.write(data)


@contextmanager
def serve(directory: Path) -> Iterator[tuple[str, Counter[str]]]:
    """Yields (base URL, bytes sent per path); the counter can be cleared between measurements."""
    sent: Counter[str] = Counter()
    handler = type("Handler", (Counting,), {"sent": sent})
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", sent
    finally:
        server.shutdown()
        server.server_close()
