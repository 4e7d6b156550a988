"""Raw pages as fetched, gzip-compressed under ``<docs>/.rdkb/raw/``, so ``rdkb reextract`` can
rebuild every archived article offline with improved extraction rules.

One file per URL (the latest fetch), named by the URL's SHA-1; written atomically.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
from pathlib import Path


class RawStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, url: str) -> Path:
        digest = hashlib.sha1(url.encode("utf-8")).hexdigest()
        return self.root / digest[:2] / f"{digest}.gz"

    def save(self, url: str, content: bytes) -> Path:
        """Store ``content`` for ``url``; returns the path relative to :attr:`root`'s parent."""
        target = self.path_for(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(gzip.compress(content, compresslevel=6, mtime=0))
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return target.relative_to(self.root.parent)

    def load(self, relative: str) -> bytes:
        return gzip.decompress((self.root.parent / relative).read_bytes())


def content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
