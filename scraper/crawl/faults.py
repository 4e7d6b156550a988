"""Why a page could not be archived: one :class:`Fault` per failure, with a short reason (counted in
the summary), a detail (logged with the URL) and whether trying again later may help."""

from __future__ import annotations

from dataclasses import dataclass

from scraper.errors import DecodeError, InputError, NoArticleError, NoDateError

# Content types that may hold an article page.
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")


@dataclass(frozen=True)
class Fault:
    reason: str  # short and countable: "HTTP 404", "timeout", "no article"
    detail: str  # what is logged after the URL
    transient: bool = False  # 5xx, timeouts, lost connections: try again on the next run


def from_http_status(status: int) -> Fault:
    return Fault(f"HTTP {status}", f"HTTP {status}", transient=status >= 500)


def from_input_error(error: InputError) -> Fault:
    """Extraction refused the page (the pipeline's error says why)."""
    if isinstance(error, NoArticleError):
        reason = "no article"
    elif isinstance(error, NoDateError):
        reason = "no date"
    elif isinstance(error, DecodeError):
        reason = "undecodable"
    else:
        reason = "unusable page"
    return Fault(reason, str(error) or reason)


def from_content_type(content_type: str | None) -> Fault | None:
    """A fault when the server says the body is not a page (PDF, image, archive)."""
    if not content_type:
        return None
    media = content_type.split(";", 1)[0].strip().lower()
    if not media or media.startswith(_PAGE_TYPES):
        return None
    return Fault("not a web page", f"not a web page: {media}")


def from_exception(error: BaseException) -> Fault:
    """Download-level failures, recognised by class name so no Twisted/Scrapy type leaks here."""
    name = type(error).__name__
    message = str(error)
    lowered = message.lower()
    if "robots.txt" in lowered:
        return Fault("robots.txt", "forbidden by robots.txt")
    if "max redirections" in lowered or "redirect" in lowered:
        return Fault("redirect loop", f"too many redirects ({message})")
    if "max size" in lowered or "maxsize" in lowered or "larger than download" in lowered:
        return Fault("too large", f"response too large ({message})")
    if "Timeout" in name or "TimedOut" in name:
        return Fault("timeout", f"no response in time ({name})", transient=True)
    if "Refused" in name or "Resolve" in name or "DNS" in name:
        return Fault("connection failed", f"{name}: {message}", transient=True)
    if "Connection" in name or "DataLoss" in name or "ResponseNeverReceived" in name:
        return Fault("connection lost", f"{name}: {message}", transient=True)
    if "Cancelled" in name:
        return Fault("download cancelled", f"{name}: {message}")
    return Fault(name, f"{name}: {message}")
