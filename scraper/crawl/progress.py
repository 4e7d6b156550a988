"""A progress display on stderr while a crawl runs: one updating line on a terminal, a line every
``RDKB_PROGRESS_INTERVAL`` seconds otherwise (logs, CI). Interval 0 turns it off."""

from __future__ import annotations

import sys
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task


class Progress:
    def __init__(self, crawler: Any, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.tty = sys.stderr.isatty()
        self._loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> Progress:
        interval = crawler.settings.getfloat("RDKB_PROGRESS_INTERVAL", 0.0)
        if interval <= 0:
            raise NotConfigured
        extension = cls(crawler, interval)
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def opened(self, spider: Any) -> None:
        self._loop = task.LoopingCall(self.show, spider)
        self._loop.start(self.interval, now=False)

    def closed(self, spider: Any) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        if self.tty:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()

    def show(self, spider: Any) -> None:
        counts = getattr(spider, "counts", None)
        if counts is None:
            return
        line = counts.progress_line()
        if self.tty:
            sys.stderr.write(f"\r\033[K{line}")
        else:
            sys.stderr.write(f"{line}\n")
        sys.stderr.flush()
