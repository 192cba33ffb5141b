"""A real HTTP server on 127.0.0.1 for fetch/feed tests: configurable routes, bounded in time.

    with LocalServer() as srv:
        srv.add("/a.html", body="<html>...</html>", content_type="text/html; charset=utf-8")
        srv.add("/gone", status=404)
        fetch(srv.url("/a.html"))
        assert srv.hits["/a.html"] == 1

Helpers cover the usual failure modes: `slow`, `redirect_loop`, `oversize`, and conditional
responses (`etag=` / `last_modified=` on a route answer 304 to a matching request).
The server stops on leaving the context, and by itself after `lifetime` seconds at most.
"""

from __future__ import annotations

import contextlib
import email.utils
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

MAX_DELAY = 5.0  # no route sleeps longer than this
MAX_BODY = 64 * 2**20  # no route sends more than this


@dataclass
class Route:
    """What one path answers."""

    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to sleep before the status line
    drip: float = 0.0  # seconds to sleep between body chunks
    header_drip: float = 0.0  # seconds to sleep between bytes of the status line and headers
    fail_first: int = 0  # answer the first this many requests with 503 Service Unavailable
    chunk: int = 64 * 1024
    repeat: int = 1  # the body is sent this many times (large bodies without the memory)
    content_length: bool = True  # False: no Content-Length, the body ends when the socket closes
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None

    @property
    def size(self) -> int:
        return len(self.body) * self.repeat


class LocalServer:
    """ThreadingHTTPServer on a free port of 127.0.0.1, run in a daemon thread."""

    def __init__(self, routes: dict[str, Route] | None = None, *, lifetime: float = 60.0) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []  # (path, headers) of each request
        self.lifetime = lifetime
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._timer: threading.Timer | None = None

    # --- routes -----------------------------------------------------------------------------
    def add(self, path: str, body: str | bytes = b"", **options: object) -> Route:
        """Register `path`; `body` str is encoded UTF-8, other options are `Route` fields."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        route = Route(body=data, **options)  # type: ignore[arg-type]
        if route.size > MAX_BODY:
            raise ValueError(f"{path}: body of {route.size} bytes is over the {MAX_BODY} cap")
        route.delay = min(route.delay, MAX_DELAY)
        route.drip = min(route.drip, MAX_DELAY)
        route.header_drip = min(route.header_drip, MAX_DELAY)
        self.routes[path] = route
        return route

    def slow(self, path: str, seconds: float, body: str = "<html>late</html>") -> Route:
        """A route that sleeps `seconds` (at most MAX_DELAY) before answering."""
        return self.add(path, body, delay=seconds)

    def redirect(self, path: str, to: str, status: int = 302) -> Route:
        """A redirect from `path` to `to` (a path on this server or a full URL)."""
        return self.add(path, status=status, location=to, content_type=None)

    def redirect_loop(self, path: str) -> Route:
        """`path` redirects to a partner path, which redirects back: forever."""
        partner = path.rstrip("/") + "-again"
        self.redirect(partner, path)
        return self.redirect(path, partner)

    def oversize(self, path: str, n_bytes: int, *, content_length: bool = False) -> Route:
        """An HTML body of `n_bytes`, by default without Content-Length (streamed)."""
        block = b"<p>" + b"x" * 1017 + b"</p>\n"  # 1 KiB
        return self.add(
            path,
            block,
            repeat=-(-n_bytes // len(block)),
            content_length=content_length,
        )

    # --- lifecycle --------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("server is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def start(self) -> LocalServer:
        handler = type("Handler", (_Handler,), {"owner": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        self._timer = threading.Timer(self.lifetime, self.stop)
        self._timer.daemon = True
        self._timer.start()
        return self

    def stop(self) -> None:
        """Stop serving; sleeping handlers wake up at once. Safe to call twice."""
        self.stopping.set()
        if self._timer is not None and self._timer is not threading.current_thread():
            self._timer.cancel()
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def record(self, path: str, headers: dict[str, str]) -> None:
        with self._lock:
            self.hits[path] += 1
            self.requests.append((path, headers))


class _Handler(BaseHTTPRequestHandler):
    owner: LocalServer
    protocol_version = "HTTP/1.0"  # one request per connection; a body may end at close
    timeout = 10  # a client that stalls cannot hold a handler thread forever

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path.split("?", 1)[0]
        self.owner.record(path, dict(self.headers.items()))
        route = self.owner.routes.get(path)
        if route is None:
            route = Route(status=404, body=b"not found", content_type="text/plain")
        if route.delay and self.owner.stopping.wait(route.delay):
            return
        if route.fail_first and self.owner.hits[path] <= route.fail_first:
            route = Route(status=503, body=b"busy", content_type="text/plain")
        # the client may give up (size cap, timeout): expected, not an error
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(route)

    def _answer(self, route: Route) -> None:
        if route.header_drip:
            self._drip_headers(route)
            return
        if self._not_modified(route):
            self.send_response(304)
            self._validators(route)
            self.end_headers()
            return
        self.send_response(route.status)
        if route.content_type:
            self.send_header("Content-Type", route.content_type)
        if route.location:
            self.send_header("Location", route.location)
        self._validators(route)
        for name, value in route.headers.items():
            self.send_header(name, value)
        if route.content_length:
            self.send_header("Content-Length", str(route.size))
        self.end_headers()
        for _ in range(route.repeat):
            for start in range(0, len(route.body), route.chunk):
                if self.owner.stopping.is_set():
                    return
                self.wfile.write(route.body[start : start + route.chunk])
                if route.drip and self.owner.stopping.wait(route.drip):
                    return

    def _drip_headers(self, route: Route) -> None:
        """Status line and headers one byte at a time, `header_drip` seconds apart."""
        head = (
            f"HTTP/1.0 {route.status} OK\r\nContent-Type: {route.content_type}\r\n"
            f"Content-Length: {route.size}\r\nX-Padding: {'p' * 64}\r\n\r\n"
        ).encode("ascii")
        for byte in head:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            if self.owner.stopping.wait(route.header_drip):
                return
        self.wfile.write(route.body)

    def _validators(self, route: Route) -> None:
        if route.etag:
            self.send_header("ETag", route.etag)
        if route.last_modified:
            self.send_header("Last-Modified", route.last_modified)

    def _not_modified(self, route: Route) -> bool:
        """RFC 9110: If-None-Match wins; else If-Modified-Since against Last-Modified."""
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            if route.etag is None:
                return False
            tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
            return "*" in tags or route.etag.removeprefix("W/") in tags
        ims = self.headers.get("If-Modified-Since")
        if ims and route.last_modified:
            try:
                since = email.utils.parsedate_to_datetime(ims)
                modified = email.utils.parsedate_to_datetime(route.last_modified)
            except (TypeError, ValueError):
                return False
            return modified <= since
        return False

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass  # keep test output clean
