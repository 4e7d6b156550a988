"""Every failure gets a countable reason and a decision on whether to try again."""

from __future__ import annotations

import pytest

from scraper.crawl import faults
from scraper.errors import DecodeError, NoArticleError


class DownloadTimeoutError(Exception):  # named like Scrapy's; classification goes by name
    pass


class DownloadCancelledError(Exception):
    pass


class ConnectionRefusedError(Exception):
    pass


class IgnoreRequest(Exception):
    pass


@pytest.mark.parametrize(
    ("error", "reason", "transient"),
    [
        (DownloadTimeoutError("took longer than 30 seconds"), "timeout", True),
        (
            DownloadCancelledError(
                "Expected to receive 52428800 bytes which is larger than download max size"
            ),
            "too large",
            False,
        ),
        (IgnoreRequest("max redirections reached"), "redirect loop", False),
        (IgnoreRequest("Forbidden by robots.txt"), "robots.txt", False),
        (ConnectionRefusedError("refused"), "connection failed", True),
        (ValueError("odd"), "ValueError", False),
    ],
)
def test_download_failures(error: Exception, reason: str, transient: bool) -> None:
    fault = faults.from_exception(error)
    assert (fault.reason, fault.transient) == (reason, transient)
    assert fault.detail


@pytest.mark.parametrize(
    ("status", "transient"), [(404, False), (403, False), (500, True), (503, True)]
)
def test_http_statuses(status: int, transient: bool) -> None:
    fault = faults.from_http_status(status)
    assert (fault.reason, fault.transient) == (f"HTTP {status}", transient)


@pytest.mark.parametrize(
    ("content_type", "fault"),
    [
        ("text/html; charset=gbk", None),
        ("text/html", None),
        ("application/xhtml+xml", None),
        (None, None),
        ("application/pdf", "not a web page"),
        ("image/png", "not a web page"),
        ("application/msword", "not a web page"),
    ],
)
def test_content_types(content_type: str | None, fault: str | None) -> None:
    found = faults.from_content_type(content_type)
    assert (found.reason if found else None) == fault


def test_extraction_errors_keep_their_message() -> None:
    assert faults.from_input_error(NoArticleError("no body text")) == faults.Fault(
        "no article", "no body text"
    )
    assert faults.from_input_error(DecodeError("x")).reason == "undecodable"


class ResponseDataLossError(Exception):
    pass


def test_every_reason_is_a_sentence_not_a_bare_class_name() -> None:
    """Issue 13 (7): a lost connection was reported as `ResponseDataLossError: `."""
    fault = faults.from_exception(ResponseDataLossError(""))
    assert fault.detail == "the connection broke before the whole page arrived"
    assert faults.from_http_status(404).detail == "the server answered HTTP 404 (Not Found)"
    assert faults.from_exception(ValueError("")).detail == "the download failed: ValueError"


def test_archive_errors_are_tried_again() -> None:
    fault = faults.from_archive_error(OSError("No space left on device"))
    assert fault.transient and fault.reason == "archive error"
