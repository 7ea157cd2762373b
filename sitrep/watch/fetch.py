"""Polite HTTP fetching: conditional requests, retries with backoff, per-host rate limit, robots.txt.

One :class:`Fetcher` per watcher; it remembers each host's robots.txt and when the host may be
asked again. Redirects are followed by hand so every hop is rate-limited, checked against the
egress policy (:mod:`.egress`: public addresses only unless ``allow_private``) and robots.txt,
and loops end with a clear reason. Bodies are streamed and abandoned past ``max_bytes``. Clock
and sleep are injected so tests run on tiny delays.

robots.txt follows RFC 9309: a 2xx is parsed; a 4xx (404 included) means no rules; a 429, a 5xx
or an unreachable host means "disallow everything" (for a minute, so a run gives up on the host);
its redirects are followed up to five hops, more count as "unavailable" (no rules).
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from types import TracebackType
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from .config import FetchSettings
from .egress import EgressRefused, Resolver, check_url, guarded_client, system_resolver
from .errors import FetchError

__all__ = ["FetchResult", "Fetcher"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_DISALLOW_ALL = ["User-agent: *", "Disallow: /"]
_ROBOTS_REDIRECTS = 5  # RFC 9309 2.3.1.2: follow at least five redirects for robots.txt


@dataclass(frozen=True, kw_only=True)
class FetchResult:
    """One completed fetch. ``not_modified`` means a 304: ``content`` is empty."""

    url: str  # final URL after redirects
    status: int
    content: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    elapsed: float = 0.0

    @property
    def media_type(self) -> str:
        return (self.content_type or "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in (self.content_type or "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


class _Retry(Exception):
    """A failure worth retrying (timeout, connection error, 429, 5xx)."""

    def __init__(self, reason: str, *, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


@dataclass
class _Robots:
    parser: RobotFileParser
    expires: float
    note: str  # why: "HTTP 404", "parsed", "unreachable: ..."


def _base(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError):
        return None


class Fetcher:
    """Fetch URLs politely. Use as a context manager or call :meth:`close`.

    Options (keyword-only): ``client`` an httpx.Client to share (built lazily otherwise; the
    User-Agent, timeout and redirect policy are set per request, so any client will do; a shared
    client gets the egress check before each request but not the connect-time check);
    ``clock``/``sleep`` monotonic time source and sleeper, injectable for tests; ``resolver``
    host name -> addresses, for the egress policy; ``allow_private`` the default of
    :meth:`fetch`'s (True only where every URL is trusted, e.g. tests on 127.0.0.1).
    """

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        client: httpx.Client | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        resolver: Resolver = system_resolver,
        allow_private: bool = False,
    ) -> None:
        self.settings = settings or FetchSettings.model_validate({})
        self._client = client
        self._own_client = client is None
        self._guarded: httpx.Client | None = None
        self._resolver = resolver
        self.allow_private = allow_private
        self._clock = clock
        self._sleep = sleep
        self._next_slot: dict[str, float] = {}
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, _Robots] = {}
        self.requests = 0  # HTTP requests sent (robots.txt included)

    # -- lifecycle ---------------------------------------------------------
    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            s = self.settings
            self._client = httpx.Client(timeout=httpx.Timeout(s.timeout), follow_redirects=False)
        return self._client

    def _client_for(self, allow_private: bool) -> httpx.Client:
        """The shared client, else one that connects anywhere (``allow_private``) or a guarded one."""
        if not self._own_client or allow_private:
            return self.client
        if self._guarded is None:
            self._guarded = guarded_client(timeout=self.settings.timeout, resolver=self._resolver)
        return self._guarded

    def close(self) -> None:
        if self._client is not None and self._own_client:
            self._client.close()
            self._client = None
        if self._guarded is not None:
            self._guarded.close()
            self._guarded = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- public ------------------------------------------------------------
    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
              accept: str | None = None, allow_private: bool | None = None) -> FetchResult:
        """GET ``url`` (conditionally when ``etag``/``last_modified`` are given).

        Unless ``allow_private``, the URL and every redirect target must resolve to public
        addresses only (:class:`~.egress.EgressRefused`, permanent, otherwise).
        Raises :class:`FetchError` with a short reason; ``permanent`` is set when asking again
        next poll would not help.
        """
        if allow_private is None:
            allow_private = self.allow_private
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        seen: set[str] = set()
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            if urlsplit(current).scheme not in ("http", "https"):
                raise FetchError(f"unsupported URL scheme in {current[:100]!r}", url=url, permanent=True,
                                 code="E601")
            if not allow_private:  # before robots.txt, so a refusal is named as such
                try:
                    self._check(current)
                except _Retry:
                    pass  # a name that does not resolve: the request below retries and says so
            if self.settings.respect_robots and not self.allowed(current, allow_private=allow_private):
                note = self._robots[_base(current)].note
                if note != "parsed":  # robots.txt unreachable or refused: try again later
                    raise FetchError(f"robots.txt {note}", url=current, code="E602")
                raise FetchError("disallowed by robots.txt", url=current, permanent=True, code="E602")
            result = self._with_retries(current, headers, allow_private)
            if result.status in _REDIRECTS:
                seen.add(current)
                target = urljoin(current, result.content.decode("latin-1"))
                if target in seen:
                    raise FetchError("redirect loop", url=url, permanent=True, code="E605")
                current = target
                continue
            return result
        raise FetchError(f"more than {self.settings.max_redirects} redirects", url=url,
                         permanent=True, code="E605")

    def allowed(self, url: str, *, allow_private: bool = False) -> bool:
        """Whether robots.txt of ``url``'s host lets our User-Agent fetch it."""
        if urlsplit(url).path == "/robots.txt":
            return True
        robots = self._robots_for(_base(url), allow_private)
        return robots.parser.can_fetch(self.settings.user_agent, url)

    def _check(self, url: str) -> None:
        """The egress policy before a request; a name that does not resolve is worth a retry."""
        try:
            check_url(url, resolver=self._resolver)
        except (socket.gaierror, UnicodeError) as exc:
            raise _Retry(f"cannot resolve host: {exc}"[:200]) from exc

    # -- rate limit --------------------------------------------------------
    def _interval(self, base: str) -> float:
        interval = self.settings.per_host_interval
        robots = self._robots.get(base)
        if robots is not None:
            delay = robots.parser.crawl_delay(self.settings.user_agent)
            if delay is not None:
                interval = max(interval, min(float(delay), self.settings.max_crawl_delay))
        return interval

    def _wait_turn(self, url: str) -> None:
        base = _base(url)
        now = self._clock()
        slot = self._next_slot.get(base, now)
        if slot > now:
            self._sleep(slot - now)
        self._last_request[base] = max(now, slot)
        self._next_slot[base] = self._last_request[base] + self._interval(base)

    # -- robots.txt --------------------------------------------------------
    def _robots_for(self, base: str, allow_private: bool = False) -> _Robots:
        cached = self._robots.get(base)
        if cached is not None and cached.expires > self._clock():
            return cached
        parser = RobotFileParser(f"{base}/robots.txt")
        ttl = self.settings.robots_ttl
        try:
            result = self._follow(f"{base}/robots.txt", allow_private)
        except (FetchError, _Retry) as exc:
            # RFC 9309 2.3.1.4: an unreachable robots.txt means "disallow all", for a while.
            parser.parse(_DISALLOW_ALL)
            ttl = min(ttl, 60.0)
            note = f"unreachable ({exc.reason})"
        else:
            status = result.status
            if 200 <= status < 300:
                parser.parse(result.content.decode("utf-8", "replace").splitlines())
                note = "parsed"
            elif (400 <= status < 500 and status != 429) or status in _REDIRECTS:
                parser.parse([])  # 2.3.1.3 "unavailable" (4xx, too many redirects): no rules
                note = f"HTTP {status}"
            else:  # 2.3.1.4 "unreachable" (5xx; 429 and the unexpected alike): disallow all
                parser.parse(_DISALLOW_ALL)
                ttl = min(ttl, 60.0)
                note = f"unreachable (HTTP {status})"
        robots = _Robots(parser=parser, expires=self._clock() + ttl, note=note)
        self._robots[base] = robots
        if base in self._last_request:  # a Crawl-delay applies from the robots.txt request on
            self._next_slot[base] = self._last_request[base] + self._interval(base)
        return robots

    def _follow(self, url: str, allow_private: bool) -> FetchResult:
        """robots.txt: no robots checks or retries; up to five redirect hops, each checked.

        After the fifth hop the last redirect is returned (robots.txt "unavailable")."""
        current = url
        result = FetchResult(url=url, status=0)
        for _hop in range(_ROBOTS_REDIRECTS + 1):
            result = self._once(current, {}, statuses_ok=True, allow_private=allow_private)
            if result.status not in _REDIRECTS:
                return result
            current = urljoin(current, result.content.decode("latin-1"))
        return result

    # -- one request -------------------------------------------------------
    def _with_retries(self, url: str, headers: dict[str, str], allow_private: bool) -> FetchResult:
        s = self.settings
        last: _Retry | None = None
        for attempt in range(s.retries + 1):
            if last is not None:
                delay = min(s.backoff * 2 ** (attempt - 1), s.backoff_max)
                if last.retry_after is not None:
                    delay = max(delay, min(last.retry_after, s.backoff_max))
                self._sleep(delay)
            try:
                return self._once(url, headers, statuses_ok=False, allow_private=allow_private)
            except _Retry as exc:
                last = exc
        assert last is not None
        raise FetchError(f"{last.reason} (after {s.retries + 1} attempts)", url=url, code="E601")

    def _once(self, url: str, headers: dict[str, str], *, statuses_ok: bool,
              allow_private: bool) -> FetchResult:
        """One GET. Redirects come back with the Location in ``content``.

        With ``statuses_ok`` every HTTP status is returned; otherwise 429/5xx raise _Retry and
        other 4xx raise a permanent FetchError. Unless ``allow_private`` the egress policy is
        checked first (and again at connect time on the Fetcher's own client).
        """
        s = self.settings
        if not allow_private:
            self._check(url)
        self._wait_turn(url)
        started = self._clock()
        self.requests += 1
        try:
            headers = {"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate", **headers}
            with self._client_for(allow_private).stream("GET", url, headers=headers, timeout=s.timeout,
                                                         follow_redirects=False) as resp:
                status = resp.status_code
                if status in _REDIRECTS:
                    location = resp.headers.get("location")
                    if not location:
                        raise FetchError(f"HTTP {status} without Location", url=url, permanent=True,
                                         code="E605")
                    return FetchResult(url=url, status=status, content=location.encode("latin-1", "replace"))
                if status == 304:
                    return FetchResult(url=url, status=304, not_modified=True,
                                       etag=resp.headers.get("etag"),
                                       last_modified=resp.headers.get("last-modified"),
                                       elapsed=self._clock() - started)
                if not statuses_ok and (status == 429 or status >= 500):
                    raise _Retry(f"HTTP {status}", retry_after=_retry_after(resp.headers.get("retry-after")))
                if not statuses_ok and status >= 400:
                    raise FetchError(f"HTTP {status}", url=url, permanent=status in (404, 410, 401, 403),
                                     code="E604")
                content = self._read_capped(resp, url, started)
                return FetchResult(
                    url=url, status=status, content=content,
                    content_type=resp.headers.get("content-type"), etag=resp.headers.get("etag"),
                    last_modified=resp.headers.get("last-modified"), elapsed=self._clock() - started)
        except EgressRefused as exc:  # from the connect-time check: name the URL, not the socket
            raise EgressRefused(exc.reason, url=url) from exc
        except httpx.TimeoutException as exc:
            raise _Retry(f"timed out ({type(exc).__name__})") from exc
        except httpx.UnsupportedProtocol as exc:  # e.g. a redirect to ftp:// or mailto:
            raise FetchError(f"unsupported URL scheme: {exc}"[:200], url=url, permanent=True,
                             code="E601") from exc
        except httpx.DecodingError as exc:  # a body that claims gzip and is not
            raise FetchError(f"undecodable body: {exc}"[:200], url=url, permanent=True, code="E601") from exc
        except httpx.RequestError as exc:  # connection refused/reset, DNS, protocol errors
            raise _Retry(f"{type(exc).__name__}: {exc}"[:200]) from exc
        except httpx.InvalidURL as exc:
            raise FetchError(f"invalid URL: {exc}", url=url, permanent=True, code="E601") from exc

    def _read_capped(self, resp: httpx.Response, url: str, started: float) -> bytes:
        cap = self.settings.max_bytes
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(f"too large ({int(declared)} bytes > {cap})", url=url, permanent=True,
                             code="E603")
        deadline = started + self.settings.timeout * 3
        chunks: list[bytes] = []
        size = 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(f"too large (over {cap} bytes)", url=url, permanent=True, code="E603")
            if self._clock() > deadline:
                raise _Retry("too slow (body not complete within 3x timeout)")
            chunks.append(chunk)
        return b"".join(chunks)
