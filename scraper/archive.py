"""Article → Markdown file under ``docs/articles/<year>/``, safely.

- Writes are atomic (temp file in the same folder, then rename): a crash never leaves half a file.
- One article, one file: a page already archived (same URL, or the same text reposted under
  another URL) is merged into its file, the other URL kept in ``also_at``.
- One writer at a time: :meth:`Archive.locked` holds ``.rdkb/lock`` while an import or crawl
  writes; a second one waits, saying so.
- A broken archived file (a typo in its front matter) is left out of the index and reported, and
  only an article that would go into that very file is refused; every other article is stored.
- Hand edits survive: the front matter the importer last wrote is kept in ``.rdkb/extracted/``;
  a key whose archived value differs from that snapshot was edited by a person and is kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import filelock
import yaml

from scraper.errors import ArchiveError
from scraper.frontmatter import markdown_files, parse_front_matter, read_article, shown
from scraper.records import FRONT_MATTER_KEYS, Article

Status = Literal["new", "updated", "unchanged", "duplicate"]
_NOT_TEXT = re.compile(r"[\W_]+")
_MIN_PARAGRAPH = 30  # shorter paragraphs are too generic to fingerprint a text
_SHARED_SHARE = 0.6  # share of paragraphs two texts must share to be the same article
_SAME_TEXT = 0.5  # shingle similarity above which two texts are one article re-paragraphed
_SLUG_SYLLABLES = 8
# Read once (setting it is the only way to read it, and that is not thread-safe).
_UMASK = os.umask(0o022)
os.umask(_UMASK)


@dataclass(frozen=True)
class StoreResult:
    status: Status
    path: Path


def normalised_text(text: str) -> str:
    """Text with only letters and digits, so ASCII vs full-width punctuation does not matter."""
    return _NOT_TEXT.sub("", unicodedata.normalize("NFKC", text))


def paragraph_fingerprints(body: str) -> frozenset[str]:
    prints = set()
    for paragraph in body.split("\n\n"):
        if paragraph.startswith("#"):
            continue
        text = normalised_text(paragraph)
        if len(text) >= _MIN_PARAGRAPH:
            prints.add(hashlib.blake2b(text.encode(), digest_size=8).hexdigest())
    return frozenset(prints)


def text_similarity(first: str, second: str) -> float:
    """Jaccard similarity of the two texts' 4-character shingles (punctuation ignored)."""

    def shingles(text: str) -> set[str]:
        plain = normalised_text(text)
        return {plain[i : i + 4] for i in range(max(1, len(plain) - 3))}

    a, b = shingles(first), shingles(second)
    return len(a & b) / len(a | b) if a | b else 1.0


def slug(title: str) -> str:
    """Readable ASCII from a Chinese title: the pinyin of its first characters."""
    from pypinyin import lazy_pinyin

    han = "".join(c for c in title if "\u4e00" <= c <= "\u9fff")[:_SLUG_SYLLABLES]
    words = [w for w in lazy_pinyin(han) if w.isascii() and w.isalnum()]
    return "-".join(words) or "article"


def _day(article: Article) -> str:
    return article.date.isoformat() if article.date else "undated"


def article_id(article: Article) -> str:
    key = f"{normalised_text(article.title)}|{_day(article)}"
    return hashlib.sha1(key.encode()).hexdigest()[:6]


def render(article: Article) -> str:
    meta = article.front_matter()
    meta["date"] = article.date  # a YAML date, unquoted
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{text}---\n\n{article.body.strip()}\n"


def parse(text: str, origin: str) -> Article:
    """An archived file's text → Article (:mod:`scraper.frontmatter`, the project's one reader)."""
    return parse_front_matter(origin, text)[1]


def _file_mode(path: Path) -> int:
    """The mode a new file gets from open() under the current umask (mkstemp would give 0600);
    an existing file keeps its own."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_UMASK


def atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, _file_mode(path))
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _same_page(new: Article, archived: Article) -> bool:
    """The same page seen again, rather than the same text on another page (a repost)?"""
    if new.url and archived.url:
        return new.url == archived.url
    # A saved page has no URL of its own: it is the same page if it is on the same site.
    return new.site == archived.site


class Archive:
    """The articles under ``docs_dir/articles`` and the importer's data in ``docs_dir/.rdkb``."""

    def __init__(self, docs_dir: Path) -> None:
        self.docs_dir = Path(docs_dir)
        self.articles_dir = self.docs_dir / "articles"
        self.data_dir = self.docs_dir / ".rdkb"
        self._by_url: dict[str, Path] = {}
        self._by_key: dict[tuple[str, str], Path] = {}
        self._by_paragraph: dict[str, set[Path]] = {}
        self._prints: dict[Path, frozenset[str]] = {}
        self._loaded = False
        # archived files that cannot be read (path -> `path: what is wrong`), and other warnings
        self.broken: dict[Path, str] = {}
        self.warnings: list[str] = []

    # -- reading ---------------------------------------------------------------------------

    def load_all(self) -> Iterator[tuple[Path, Article]]:
        """Every readable article; broken files go to :attr:`broken` (symlink loops to
        :attr:`warnings`) instead of stopping the others."""
        paths, self.warnings = markdown_files(self.articles_dir)
        for path in paths:
            try:
                article = read_article(path)
            except ArchiveError as error:
                self.broken[path] = str(error)
                continue
            yield path, article

    @contextlib.contextmanager
    def locked(self, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the archive's lock (``.rdkb/lock``) for one import or crawl. When another
        process holds it, ``waiting`` is told why and this one waits for it. (filelock: the
        operating system's lock on Linux, macOS and Windows alike.)"""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        lock = filelock.FileLock(self.data_dir / "lock")
        holder_file = self.data_dir / "lock.holder"
        try:
            lock.acquire(timeout=0)
        except filelock.Timeout:
            try:
                holder = holder_file.read_text(encoding="utf-8").strip()
            except OSError:
                holder = ""
            if waiting is not None:
                waiting(
                    f"{shown(self.docs_dir)}: another rdkb import or crawl "
                    f"({holder or 'another process'}) is writing to this archive; "
                    "waiting for it to finish (Ctrl-C to give up)"
                )
            lock.acquire()
        try:
            holder_file.write_text(f"process {os.getpid()}\n", encoding="utf-8")
            yield
        finally:
            holder_file.unlink(missing_ok=True)
            lock.release()

    def _load_index(self) -> None:
        if self._loaded:
            return
        for path, article in self.load_all():
            self._index(path, article)
        self._loaded = True

    def _index(self, path: Path, article: Article) -> None:
        for url in (article.url, *article.also_at):
            if url:
                self._by_url[url] = path
        self._by_key[(normalised_text(article.title), _day(article))] = path
        prints = paragraph_fingerprints(article.body)
        self._prints[path] = prints
        for fingerprint in prints:
            self._by_paragraph.setdefault(fingerprint, set()).add(path)

    def find_same(self, article: Article) -> Path | None:
        """The archived copy of ``article`` (same URL, same text, or same title and date)."""
        self._load_index()
        if article.url and article.url in self._by_url:
            return self._by_url[article.url]
        prints = paragraph_fingerprints(article.body)
        shared: dict[Path, int] = {}
        for fingerprint in prints:
            for path in self._by_paragraph.get(fingerprint, ()):
                shared[path] = shared.get(path, 0) + 1
        for path, count in sorted(shared.items(), key=lambda item: -item[1]):
            smaller = min(len(prints), len(self._prints[path])) or 1
            if (count >= 2 and count >= _SHARED_SHARE * smaller) or count == smaller == 1:
                return path
        # Same title and date, paragraphs split differently: the same text if the words agree.
        # (Two county sites can both run 县人大常委会召开主任会议 on one day.)
        same_key = self._by_key.get((normalised_text(article.title), _day(article)))
        if same_key is not None:
            archived = read_article(same_key)
            if text_similarity(article.body, archived.body) >= _SAME_TEXT:
                return same_key
        return None

    def path_for(self, article: Article) -> Path:
        year_dir = self.articles_dir / (str(article.date.year) if article.date else "undated")
        name = f"{_day(article)}-{slug(article.title)}-{article_id(article)}"
        path = year_dir / f"{name}.md"
        if path in self.broken:
            raise ArchiveError(
                f"{self.broken[path]} — this article belongs in that file and was not stored; "
                "fix the file and run again"
            )
        if path.exists():  # same title and date, different text: disambiguate by the text
            digest = hashlib.sha1(article.body.encode()).hexdigest()[:4]
            path = year_dir / f"{name}-{digest}.md"
        return path

    # -- writing ---------------------------------------------------------------------------

    def _snapshot_path(self, path: Path) -> Path:
        return (
            self.data_dir / "extracted" / path.relative_to(self.articles_dir).with_suffix(".json")
        )

    def _snapshot(self, path: Path) -> dict[str, Any] | None:
        try:
            data: dict[str, Any] = json.loads(self._snapshot_path(path).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return data

    def _write(self, path: Path, article: Article, extracted: Article | None) -> None:
        """Write ``article``; ``extracted`` (what the importer read off the page) becomes the
        snapshot that later imports compare the file with (None: keep the snapshot there is)."""
        atomic_write(path, render(article))
        if extracted is not None:
            meta = extracted.front_matter()
            snapshot = {k: v for k, v in meta.items() if k in FRONT_MATTER_KEYS}
            text = json.dumps(snapshot, ensure_ascii=False, indent=1)
            atomic_write(self._snapshot_path(path), text)
        self._index(path, article)

    def _merge(self, path: Path, archived: Article, new: Article, same_page: bool) -> Article:
        """New extraction, except keys a person edited or deleted; URLs of reposts go into
        also_at. ``review`` is merged field by field (:func:`_merge_review`)."""
        snapshot = self._snapshot(path)
        merged = archived.front_matter()
        if same_page:
            for key, value in new.front_matter().items():
                if key == "review":
                    continue
                if key in merged:
                    edited = snapshot is None or snapshot.get(key) != merged[key]
                else:  # a key the last import wrote and a person deleted stays deleted
                    edited = snapshot is not None and key in snapshot
                if not edited:
                    merged[key] = value
            review = _merge_review(archived, new, snapshot)
            merged.pop("review", None)
            if review:
                merged["review"] = review
        urls = [*archived.also_at, *new.also_at]
        if not same_page and new.url and new.url != archived.url:
            urls.append(new.url)
        merged["also_at"] = list(dict.fromkeys(u for u in urls if u and u != merged.get("url")))
        merged["body"] = new.body if same_page else archived.body
        return Article.from_dict({k: v for k, v in merged.items() if v not in (None, [])})

    def store(self, article: Article) -> StoreResult:
        found = self.find_same(article)
        if found is None:
            path = self.path_for(article)
            self._write(path, article, article)
            return StoreResult("new", path)
        current = found.read_text(encoding="utf-8")
        archived = parse(current, shown(found))
        same_page = _same_page(article, archived)
        merged = self._merge(found, archived, article, same_page)
        if render(merged) == current:
            return StoreResult("unchanged" if same_page else "duplicate", found)
        self._write(found, merged, article if same_page else None)
        return StoreResult("updated" if same_page else "duplicate", found)


def _merge_review(
    archived: Article, new: Article, snapshot: dict[str, Any] | None
) -> dict[str, str]:
    """The ``review`` notes after a re-import. The snapshot holds the notes the last import
    wrote; against it, a note a person deleted stays deleted (the field was checked), a note a
    person wrote or changed stays, and the note on a field a person edited is dropped (their
    value stands). The others follow the new extraction: a doubt it no longer has goes away."""
    if snapshot is None:  # no record of what the importer wrote: leave the notes to the person
        return dict(archived.review)
    last: dict[str, str] = snapshot.get("review") or {}
    written = archived.front_matter()
    keys = (set(snapshot) | set(written)) & set(FRONT_MATTER_KEYS) - {"review", "also_at"}
    edited = {key for key in keys if snapshot.get(key) != written.get(key)}
    out = {f: r for f, r in archived.review.items() if last.get(f) != r}  # by hand
    for field_name, reason in new.review.items():
        deleted = field_name in last and field_name not in archived.review
        if field_name not in out and not deleted and field_name not in edited:
            out[field_name] = reason
    return out
