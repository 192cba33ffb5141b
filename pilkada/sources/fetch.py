"""HTTP fetching of articles and feeds: one session, a deadline, a size cap, a host policy,
conditional GET.

Every fetch has an overall deadline (connect, headers and body together): a watchdog shuts its
sockets when it passes, however slowly the bytes come. Every connection, redirects included, is
held to the host policy: no loopback, link-local or private address unless it is the host of
the URL the user named (`origin`) or $PILKADA_ALLOW_PRIVATE_HOSTS allows it. `fetch_retrying`
retries one URL's transient failures (`is_retryable`) after $PILKADA_RETRY_DELAYS.
"""

from __future__ import annotations

import codecs
import contextlib
import ipaddress
import re
import socket
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.compat import chardet
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ReadTimeoutError

from pilkada.settings import allow_private_hosts, retry_delays

__all__ = [
    "ACCEPTED_TYPES",
    "ARTICLE_TYPES",
    "FEED_TYPES",
    "FetchError",
    "FetchResult",
    "decode_body",
    "fetch",
    "fetch_retrying",
    "is_retryable",
    "new_session",
    "retry_condition",
]

USER_AGENT = "pilkada-warehouse/0.1 (+https://example.org/pilkada-warehouse; research ETL)"
MAX_REDIRECTS = 10
CHUNK_SIZE = 64 * 1024
DEADLINE_FACTOR = 3  # a whole fetch (connect, headers, body) may take this many `timeout`s
READ_SIZE = 16 * 1024  # read1(): whatever has arrived, up to this, so the deadline is checked

ARTICLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/x-rss+xml",
        "application/xml",
        "text/xml",
    }
)
ACCEPTED_TYPES = ARTICLE_TYPES | FEED_TYPES

# Labels that browsers (WHATWG Encoding) decode as windows-1252, a superset of Latin-1.
_LATIN1_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
_ERRNO = re.compile(r"\[Errno -?\d+\][^'\")]*")


class FetchError(Exception):
    """A fetch that failed; the message names the URL and the reason."""

    def __init__(
        self, url: str, reason: str, *, retryable: bool = False, status: int | None = None
    ) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.retryable = retryable
        self.status = status

    def __reduce__(self) -> tuple[Any, ...]:  # picklable across Prefect/Dask workers
        return (_rebuild_error, (self.url, self.reason, self.retryable, self.status))


def _rebuild_error(url: str, reason: str, retryable: bool, status: int | None) -> FetchError:
    return FetchError(url, reason, retryable=retryable, status=status)


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One HTTP response: decoded text, or ``not_modified=True`` and ``text=None`` on a 304."""

    url: str
    final_url: str
    status: int
    content_type: str
    text: str | None
    etag: str | None
    last_modified: str | None
    not_modified: bool
    elapsed_s: float
    n_bytes: int
    encoding: str | None = None


_local = threading.local()


# --- deadline and host policy, enforced on every connection of a fetch -----------------------


class HostRefused(Exception):  # noqa: N818 - not an OSError on purpose: urllib3 must not retry it
    """A connection the host policy does not allow."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        super().__init__(f"{host} is {kind} address {address}")
        self.host, self.address, self.kind = host, address, kind


class _Guard:
    """One fetch's deadline and trusted host: its sockets are shut when the deadline passes."""

    def __init__(self, seconds: float, trusted: str | None, allow_private: bool) -> None:
        self.trusted = trusted
        self.allow_private = allow_private
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            if self.expired:
                _shut(sock)
            elif sock not in self._sockets:
                self._sockets.append(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def close(self) -> None:
        self._timer.cancel()

    def check_host(self, host: str) -> None:
        """Refuse a host whose addresses are not public (before connecting: nothing is sent)."""
        if self.allow_private or host.lower() == self.trusted:
            return
        try:
            infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
        except OSError:
            return  # connecting fails with the resolver's own reason
        for info in infos:
            _check_address(host, str(info[4][0]))

    def check_peer(self, host: str, sock: socket.socket) -> None:
        """The address actually connected to (a name may resolve differently the second time)."""
        if not (self.allow_private or host.lower() == self.trusted):
            _check_address(host, str(sock.getpeername()[0]))


def _check_address(host: str, address: str) -> None:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    ip = getattr(ip, "ipv4_mapped", None) or ip
    for kind, bad in (
        ("a loopback", ip.is_loopback),
        ("a link-local", ip.is_link_local),
        ("a private", ip.is_private),
        ("a multicast", ip.is_multicast),
        ("an unspecified", ip.is_unspecified),
        ("a reserved", ip.is_reserved),
    ):
        if bad:
            raise HostRefused(host, address, kind)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


_guards = threading.local()


def _guard() -> _Guard | None:
    return getattr(_guards, "current", None)


class _GuardedHTTPConnection(HTTPConnection):
    def connect(self) -> None:
        guard = _guard()
        if guard is not None:
            guard.check_host(self.host)
        super().connect()
        if guard is not None:
            guard.watch(self.sock)
            guard.check_peer(self.host, self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:
        guard = _guard()
        if guard is not None and self.sock is not None:  # a kept-alive connection, reused
            guard.watch(self.sock)
        super().request(*args, **kwargs)


class _GuardedHTTPSConnection(HTTPSConnection):
    connect = _GuardedHTTPConnection.connect
    request = _GuardedHTTPConnection.request


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class _GuardedAdapter(HTTPAdapter):
    """requests' adapter with connections that obey the current fetch's guard."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _GuardedHTTPPool,
            "https": _GuardedHTTPSPool,
        }


def _host(url: str) -> str | None:
    try:
        return (urlsplit(url).hostname or "").lower() or None
    except ValueError:
        return None


def new_session() -> requests.Session:
    """A session with this project's User-Agent, Accept header and redirect limit."""
    session = requests.Session()
    session.max_redirects = MAX_REDIRECTS
    session.mount("http://", _GuardedAdapter())
    session.mount("https://", _GuardedAdapter())
    session.headers["User-Agent"] = USER_AGENT
    session.headers["Accept"] = (
        "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
        "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8"
    )
    return session


def _default_session() -> requests.Session:
    """One shared session per thread (requests.Session is not documented as thread-safe)."""
    session = getattr(_local, "session", None)
    if session is None:
        session = _local.session = new_session()
    return session


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = 10.0,
    max_bytes: int = 10 * 2**20,
    session: requests.Session | None = None,
    accept: Collection[str] | None = None,
    origin: str | None = None,
) -> FetchResult:
    """GET `url` and decode its body; raise `FetchError` naming the URL and the reason.

    `timeout` bounds the connection and each read; the whole fetch (connect, headers, body,
    redirects) is cut at ``DEADLINE_FACTOR * timeout`` however slowly bytes arrive. `etag` /
    `last_modified` (from an earlier result) make the request conditional. `accept` lists the
    allowed media types (default `ACCEPTED_TYPES`). `origin` is the URL the user named that led
    here (a feed or sitemap; default `url`): only its host may have a non-public address.
    """
    guard = _Guard(DEADLINE_FACTOR * timeout, _host(origin or url), allow_private_hosts())
    _guards.current = guard
    try:
        return _fetch(url, etag, last_modified, timeout, max_bytes, session, accept, guard)
    except HostRefused as exc:
        where = "" if exc.host == _host(url) else f"redirected to {exc.host}, "
        raise FetchError(
            url,
            f"{where}{exc}: refused (feed entries and redirects must reach public addresses;"
            " PILKADA_ALLOW_PRIVATE_HOSTS=1 allows others)",
        ) from exc
    finally:
        _guards.current = None
        guard.close()


def fetch_retrying(url: str, **options: Any) -> FetchResult:
    """`fetch`, trying this one URL again after each of $PILKADA_RETRY_DELAYS seconds while its
    failure is transient (timeout, connection error, 5xx, 408, 429)."""
    delays = retry_delays()
    for attempt in range(len(delays) + 1):
        try:
            return fetch(url, **options)
        except FetchError as exc:
            if not exc.retryable or attempt == len(delays):
                raise
            time.sleep(delays[attempt])
    raise AssertionError("unreachable")


def _fetch(
    url: str,
    etag: str | None,
    last_modified: str | None,
    timeout: float,
    max_bytes: int,
    session: requests.Session | None,
    accept: Collection[str] | None,
    guard: _Guard,
) -> FetchResult:
    session = session or _default_session()
    allowed = ACCEPTED_TYPES if accept is None else frozenset(t.lower() for t in accept)
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    start = time.monotonic()
    try:
        response = session.get(url, headers=headers, timeout=(timeout, timeout), stream=True)
    except requests.RequestException as exc:
        raise _error_from(url, exc, timeout, session, guard) from exc
    with response:
        status = response.status_code
        new_etag = response.headers.get("ETag")
        new_modified = response.headers.get("Last-Modified")
        content_type = response.headers.get("Content-Type", "")
        if status == 304:  # a 304 may omit the validators: the ones we sent still hold
            return FetchResult(
                url=url,
                final_url=response.url,
                status=status,
                content_type=_parse_content_type(content_type)[0],
                text=None,
                etag=new_etag or etag,
                last_modified=new_modified or last_modified,
                not_modified=True,
                elapsed_s=time.monotonic() - start,
                n_bytes=0,
            )
        if not 200 <= status < 300:
            reason = response.reason or _phrase(status)
            raise FetchError(
                url,
                f"HTTP {status} {reason}".rstrip(),
                retryable=_status_retryable(status),
                status=status,
            )
        media_type, charset = _parse_content_type(content_type)
        if not media_type:
            raise FetchError(url, "no content type in the response", status=status)
        if media_type not in allowed:
            expected = "an article or feed" if accept is None else "one of " + ", ".join(allowed)
            raise FetchError(url, f"content type {media_type} is not {expected}", status=status)
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(url, f"body larger than {max_bytes} bytes", status=status)
        body = _read_capped(response, url, max_bytes, timeout, status, guard)
    text, encoding = decode_body(body, charset)
    return FetchResult(
        url=url,
        final_url=response.url,
        status=status,
        content_type=media_type,
        text=text,
        etag=new_etag,
        last_modified=new_modified,
        not_modified=False,
        elapsed_s=time.monotonic() - start,
        n_bytes=len(body),
        encoding=encoding,
    )


def _read_capped(
    response: requests.Response,
    url: str,
    max_bytes: int,
    timeout: float,
    status: int,
    guard: _Guard,
) -> bytes:
    """Stream the body, failing once it passes `max_bytes` or the fetch's deadline (the guard
    shuts the socket then; `read1` returns whatever has arrived, so nothing waits for a full
    chunk)."""
    chunks: list[bytes] = []
    total = 0
    try:
        while chunk := response.raw.read1(READ_SIZE, decode_content=True):
            total += len(chunk)
            if total > max_bytes:
                raise FetchError(url, f"body larger than {max_bytes} bytes", status=status)
            chunks.append(chunk)
    except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
        if guard.expired:
            raise _deadline_error(url, timeout, status) from exc
        if isinstance(exc, urllib3.exceptions.ReadTimeoutError | TimeoutError):
            raise FetchError(url, f"timed out after {timeout:g} s", retryable=True) from exc
        reason = f"connection broken while reading: {_short(exc)}"
        raise FetchError(url, reason, retryable=True, status=status) from exc
    if guard.expired:  # the socket was shut: what arrived is not the whole body
        raise _deadline_error(url, timeout, status)
    return b"".join(chunks)


def _deadline_error(url: str, timeout: float, status: int | None = None) -> FetchError:
    seconds = DEADLINE_FACTOR * timeout
    reason = f"no complete answer within {seconds:g} s (connect, headers and body), cut there"
    return FetchError(url, reason, retryable=True, status=status)


def _parse_content_type(value: str) -> tuple[str, str | None]:
    """``'text/html; charset=UTF-8'`` -> ``('text/html', 'UTF-8')``; no charset -> None."""
    media_type, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip().strip("\"'"):
            charset = val.strip().strip("\"'")
    return media_type.strip().lower(), charset


def decode_body(body: bytes, charset: str | None = None) -> tuple[str, str]:
    """Decode bytes: BOM, then declared charset (header, meta, XML), then UTF-8, then guessed."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if body.startswith(bom):
            return body[len(bom) :].decode(name, errors="replace"), name
    candidates = [charset, _declared_in_document(body), "utf-8"]
    for label in candidates:
        decoded = _try_decode(body, label)
        if decoded is not None:
            return decoded
    # requests' `apparent_encoding`, computed on the bytes we streamed
    guessed = chardet.detect(body)["encoding"] if chardet is not None else None
    decoded = _try_decode(body, guessed) or _try_decode(body, "cp1252")
    if decoded is not None:
        return decoded
    return body.decode("latin-1"), "latin-1"


def _try_decode(body: bytes, label: str | None) -> tuple[str, str] | None:
    """Strict decode with `label` (Latin-1 labels read as windows-1252); None if it fails."""
    if not label:
        return None
    label = label.strip().lower()
    names = ["cp1252", "latin-1"] if label in _LATIN1_LABELS else [label]
    for name in names:
        try:
            text = body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
        return text.removeprefix("\ufeff"), codecs.lookup(name).name
    return None


def _declared_in_document(body: bytes) -> str | None:
    """The charset of a ``<meta charset>`` or an XML declaration near the top of the body."""
    head = body[:4096]
    match = _XML_ENCODING.match(head.lstrip()) or _META_CHARSET.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii", errors="replace").lower()
    # a document that reached us as bytes of an 8-bit encoding cannot really be UTF-16
    return None if label.startswith("utf-16") else label


def _error_from(
    url: str,
    exc: requests.RequestException,
    timeout: float,
    session: requests.Session | None,
    guard: _Guard | None = None,
) -> FetchError:
    """Translate a requests exception into a FetchError with a short reason."""
    if guard is not None and guard.expired:
        return _deadline_error(url, timeout)
    if isinstance(exc, requests.ConnectTimeout):
        return FetchError(url, f"connection timed out after {timeout:g} s", retryable=True)
    if isinstance(exc, requests.Timeout) or _is_read_timeout(exc):
        return FetchError(url, f"timed out after {timeout:g} s", retryable=True)
    if isinstance(exc, requests.TooManyRedirects):
        limit = session.max_redirects if session is not None else MAX_REDIRECTS
        return FetchError(url, f"redirect loop (more than {limit} redirects)")
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
        return FetchError(url, "not a valid http(s) URL")
    if isinstance(exc, requests.exceptions.InvalidSchema):
        return FetchError(url, "not an http(s) URL")
    if isinstance(exc, requests.exceptions.SSLError):
        return FetchError(url, f"TLS error: {_short(exc)}")
    if isinstance(exc, requests.ConnectionError):
        return FetchError(url, f"connection failed: {_short(exc)}", retryable=True)
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return FetchError(url, f"connection broken while reading: {_short(exc)}", retryable=True)
    return FetchError(url, f"{type(exc).__name__}: {_short(exc)}")


def _is_read_timeout(exc: BaseException) -> bool:
    """requests reports a read timeout *while streaming the body* as a ConnectionError."""
    return isinstance(exc, requests.ConnectionError) and any(
        isinstance(arg, ReadTimeoutError) for arg in exc.args
    )


def _short(exc: BaseException) -> str:
    """The OS-level part of a long urllib3 message, e.g. ``[Errno 111] Connection refused``."""
    text = str(exc)
    match = _ERRNO.search(text)
    return match.group(0).strip() if match else text[:200]


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _status_retryable(status: int) -> bool:
    """5xx, 408 Request Timeout and 429 Too Many Requests are worth retrying."""
    return status >= 500 or status in (408, 429)


def is_retryable(exc: BaseException) -> bool:
    """True for timeouts, connection errors and 5xx; False for 4xx, size and content type."""
    if isinstance(exc, FetchError):
        return exc.retryable
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return _status_retryable(exc.response.status_code)
    if isinstance(exc, requests.TooManyRedirects | requests.exceptions.InvalidURL):
        return False
    return isinstance(exc, requests.Timeout | requests.ConnectionError | TimeoutError)


def retry_condition(task: Any, task_run: Any, state: Any) -> bool:
    """Prefect ``retry_condition_fn``: retry a failed task only if its error is retryable."""
    exc = getattr(state, "data", None)
    if not isinstance(exc, BaseException):
        try:
            exc = state.result(raise_on_failure=False)
        except Exception as err:  # noqa: BLE001 - a result that cannot load is its own error
            exc = err
    return isinstance(exc, BaseException) and is_retryable(exc)
