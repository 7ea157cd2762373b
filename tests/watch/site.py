"""A tiny HTTP server on 127.0.0.1 whose routes a test changes between polls."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["LocalSite", "Route", "page", "rss"]


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0  # seconds before answering
    fail_first: int = 0  # answer 500 to the first N requests
    send_length: bool = True
    headers: dict[str, str] = field(default_factory=dict)
    hits: int = 0


@dataclass
class Hit:
    method: str
    path: str
    headers: dict[str, str]
    at: float
    body: bytes = b""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: LocalSite

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (timeouts, size caps) is part of the tests


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    wbufsize = 1 << 16

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        n = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(n)
        site = self.server.site
        site.record(Hit("POST", self.path, dict(self.headers), time.monotonic(), body))
        route = site.routes.get(self.path)
        status = route.status if route else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        site = self.server.site
        site.record(Hit("GET", self.path, dict(self.headers), time.monotonic()))
        route = site.routes.get(self.path)
        if route is None:
            self._send(404, b"not found", "text/plain", {})
            return
        with site.lock:
            route.hits += 1
            hit_no = route.hits
        if route.delay:
            time.sleep(route.delay)
        if hit_no <= route.fail_first:
            self._send(500, b"boom", "text/plain", {})
            return
        inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        if (route.etag and inm == route.etag) or (route.last_modified and ims == route.last_modified):
            self._send(304, b"", None, {})
            return
        extra = dict(route.headers)
        if route.etag:
            extra["ETag"] = route.etag
        if route.last_modified:
            extra["Last-Modified"] = route.last_modified
        self._send(route.status, route.body, route.content_type, extra, length=route.send_length)

    def _send(self, status: int, body: bytes, ctype: str | None, extra: dict[str, str], *,
              length: bool = True) -> None:
        try:
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            for k, v in extra.items():
                self.send_header(k, v)
            if status == 304:
                self.end_headers()
                return
            if length:
                self.send_header("Content-Length", str(len(body)))
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            for i in range(0, len(body), 65536):
                self.wfile.write(body[i:i + 65536])
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


class LocalSite:
    """Routes by path; ``url(path)`` gives the address; ``hits`` everything asked."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.site = self
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    def __enter__(self) -> LocalSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def set(self, path: str, body: bytes | str = b"", **kw: Any) -> Route:
        route = Route(body=body.encode() if isinstance(body, str) else body, **kw)
        self.routes[path] = route
        return route

    def record(self, hit: Hit) -> None:
        with self.lock:
            self.hits.append(hit)

    def gets(self, path: str) -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if h.method == "GET" and h.path == path]

    def posts(self, path: str) -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if h.method == "POST" and h.path == path]


def page(title: str, *paragraphs: str, charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<html><head><meta charset="{charset}"><title>{title}</title></head><body>'
            f"<nav>Home | World | Contact</nav><article><h1>{title}</h1>{body}</article>"
            f"<footer>(c) Example Wire</footer></body></html>")


def rss(title: str, items: list[tuple[str, str]], *, pub: str = "Mon, 06 Jan 2020 10:00:00 GMT") -> str:
    entries = "".join(f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
                      f"<pubDate>{pub}</pubDate><description>{t}</description></item>"
                      for t, link in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://127.0.0.1/</link><description>test</description>{entries}</channel></rss>")
