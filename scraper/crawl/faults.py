"""Why a page could not be archived: one :class:`Fault` per failure, with a short reason (counted in
the summary), a detail (logged with the URL) and whether trying again later may help."""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus

from scraper.errors import DecodeError, InputError, NoArticleError

# Content types that may hold an article page.
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")


@dataclass(frozen=True)
class Fault:
    reason: str  # short and countable: "HTTP 404", "timeout", "no article"
    detail: str  # what is logged after the URL
    transient: bool = False  # 5xx, timeouts, lost connections: try again on the next run


def from_http_status(status: int) -> Fault:
    try:
        phrase = f" ({HTTPStatus(status).phrase})"
    except ValueError:
        phrase = ""
    return Fault(
        f"HTTP {status}", f"the server answered HTTP {status}{phrase}", transient=status >= 500
    )


def from_input_error(error: InputError) -> Fault:
    """Extraction refused the page (the pipeline's error says why)."""
    if isinstance(error, NoArticleError):
        reason = "no article"
    elif isinstance(error, DecodeError):
        reason = "undecodable"
    else:
        reason = "unusable page"
    return Fault(reason, str(error) or reason)


def from_archive_error(error: Exception) -> Fault:
    """The local archive could not take the page (a broken file, a full disk): the page itself
    is fine, so it is fetched again on the next run, once the archive is fixed."""
    return Fault("archive error", f"not archived: {error}", transient=True)


def challenge(kind: str) -> Fault:
    """An anti-bot challenge page instead of the article: tried again on the next run."""
    return Fault(
        "challenge",
        f"the site answered with an anti-bot challenge ({kind}), not the page; "
        "not archived, tried again on the next run",
        transient=True,
    )


def from_content_type(content_type: str | None) -> Fault | None:
    """A fault when the server says the body is not a page (PDF, image, archive)."""
    if not content_type:
        return None
    media = content_type.split(";", 1)[0].strip().lower()
    if not media or media.startswith(_PAGE_TYPES):
        return None
    return Fault("not a web page", f"not a web page: the server sent {media}")


def from_exception(error: BaseException) -> Fault:
    """Download-level failures, recognised by class name so no Twisted/Scrapy type leaks here.
    Details are sentences: Scrapy's messages are often empty (``ResponseDataLossError: ``)."""
    name = type(error).__name__
    message = " ".join(str(error).split())
    lowered = message.lower()
    said = f" ({message})" if message else ""
    if name == "RobotsUnavailable":
        return Fault(
            "robots.txt unavailable",
            f"{message}: the site is left alone until it can be read (tried again next run)",
            transient=True,
        )
    if "robots.txt" in lowered:
        return Fault("robots.txt", "forbidden by robots.txt")
    if "max redirections" in lowered or "redirect" in lowered:
        return Fault("redirect loop", "too many redirects: the page redirects in a loop")
    if "max size" in lowered or "maxsize" in lowered or "larger than download" in lowered:
        return Fault("too large", "response too large: over the 10 MB a page may have")
    if "Timeout" in name or "TimedOut" in name:
        return Fault(
            "timeout", "no response in time (see --timeout); tried again next run", transient=True
        )
    if "Resolve" in name or "DNS" in name:
        return Fault(
            "connection failed",
            "the host name could not be resolved (no such host, or no network)",
            transient=True,
        )
    if "Refused" in name:
        return Fault("connection failed", "the server refused the connection", transient=True)
    if "DataLoss" in name:
        return Fault(
            "connection lost",
            "the connection broke before the whole page arrived",
            transient=True,
        )
    if "ResponseNeverReceived" in name:
        return Fault(
            "connection lost", "the server closed the connection without answering", transient=True
        )
    if "Connection" in name:
        return Fault("connection lost", f"the connection was lost{said}", transient=True)
    if "Cancelled" in name:
        return Fault("download cancelled", f"the download was cancelled{said}")
    return Fault(name, f"the download failed: {message or name}")
