"""Errors raised by `watchers`, each with a message fit for an admin.

    WatchError
    ├── FetchError          the server could not be reached or answered badly
    │   ├── BlockedAddressError   the URL resolves to a private/loopback/link-local address
    │   └── BodyTooLargeError     the body (or its decompressed form) passed the size cap
    ├── FeedParseError      the bytes are not a feed we can read
    └── WebSubError         a hub refused or failed a subscription request
"""


class WatchError(Exception):
    """Base of every error `watchers` raises on purpose."""


class FetchError(WatchError):
    """A fetch failed; `status` is the HTTP status when there was one."""

    def __init__(self, message: str, *, status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class BlockedAddressError(FetchError):
    """The URL points at an address we refuse to fetch (SSRF guard)."""


class BodyTooLargeError(FetchError):
    """The response body, or its decompressed form, exceeded the cap."""


class FeedParseError(WatchError):
    """The fetched bytes could not be read as RSS, Atom or JSON Feed."""


class WebSubError(WatchError):
    """A WebSub hub could not be reached or refused a request."""
