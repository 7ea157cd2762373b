"""Egress policy of the watcher: public addresses only, unless a source allows private ones.

A feed, a redirect or an entry link may point anywhere: at the cloud metadata service
(169.254.169.254), at a router on 10.x, at a database on 127.0.0.1. What the watcher fetches is
coded and served through the read API, so reaching those would leak them. Every request, every
redirect hop and every robots.txt fetch is therefore checked *after* DNS resolution: each address
a name resolves to must be public (loopback, private, link-local, unique-local, multicast,
unspecified, reserved, shared and IPv4-mapped IPv6 addresses are refused).

DNS rebinding (a name that resolves to a public address when checked and to a private one when
connected) is closed by :func:`guarded_client`: its connections are opened by a network backend
that resolves, checks and connects to the checked address in one step. A client injected by the
caller (tests, embedding) gets the check before each request only; a proxy from the environment
resolves names itself, so through a proxy only that check applies.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

import httpcore
import httpx

from .errors import FetchError

__all__ = ["EgressRefused", "Resolver", "check_url", "guarded_client", "refusal", "system_resolver"]

#: host, port -> the addresses it resolves to (``socket.gaierror`` when it does not resolve).
Resolver = Callable[[str, int], list[str]]

_HINT = "set allow_private: true on the source to fetch it"


class EgressRefused(FetchError):
    """A URL whose host is, or resolves to, an address that is not public (permanent)."""

    code = "E606"

    def __init__(self, reason: str, *, url: str) -> None:
        super().__init__(reason, url=url, permanent=True, code="E606")


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the resolver's order, without repeats."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def refusal(address: str) -> str | None:
    """Why ``address`` is not a public address (None when it is)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    except ValueError:
        return f"{address!r} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return f"{ip} is an IPv4-mapped IPv6 address"
        if ip.sixtofour is not None and refusal(str(ip.sixtofour)):
            return f"{ip} is a 6to4 address of a non-public IPv4 address"
        if ip.teredo is not None:
            return f"{ip} is a Teredo address"
    kinds = (("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
             ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
             ("private", ip.is_private), ("reserved", ip.is_reserved))
    for name, flag in kinds:
        if flag:
            return f"{ip} is a {name} address"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return None


def _literal(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.strip("[]").split("%", 1)[0]))
    except ValueError:
        return None


def checked_addresses(host: str, port: int, resolver: Resolver, *, url: str) -> list[str]:
    """The addresses of ``host``, all public; raises :class:`EgressRefused` naming the first that
    is not. ``socket.gaierror`` (name does not resolve) passes through."""
    literal = _literal(host)
    addresses = [literal] if literal is not None else resolver(host, port)
    if not addresses:
        raise socket.gaierror(f"{host} resolves to no address")
    for address in addresses:
        why = refusal(address)
        if why is not None:
            shown = why if literal is not None else f"{host} resolves to {why}"
            raise EgressRefused(f"refused: {shown} ({_HINT})", url=url)
    return addresses


def check_url(url: str, *, resolver: Resolver = system_resolver) -> None:
    """Refuse ``url`` unless it is http(s) to a host whose every address is public.

    Raises :class:`EgressRefused` (permanent) or ``socket.gaierror`` (DNS failure, transient).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"unsupported URL scheme in {url[:100]!r}", url=url, permanent=True, code="E601")
    host = parts.hostname or ""
    if not host:
        raise FetchError("URL without a host", url=url, permanent=True, code="E601")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"invalid port in {url[:100]!r}", url=url, permanent=True, code="E601") from exc
    checked_addresses(host, port, resolver, url=url)


class _GuardedBackend(httpcore.SyncBackend):
    """Resolve, check and connect to the checked address: no second lookup to rebind."""

    def __init__(self, resolver: Resolver) -> None:
        self._resolver = resolver

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None) -> httpcore.NetworkStream:
        try:
            addresses = checked_addresses(host, port, self._resolver, url=f"//{host}:{port}")
        except (socket.gaierror, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        last: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last


def guarded_client(*, timeout: float, resolver: Resolver = system_resolver) -> httpx.Client:
    """An httpx client that only ever connects to public addresses (see the module docstring)."""
    transport = httpx.HTTPTransport()
    # httpx does not expose httpcore's network backend; the pool builds every connection with it.
    transport._pool._network_backend = _GuardedBackend(resolver)  # noqa: SLF001
    return httpx.Client(transport=transport, timeout=httpx.Timeout(timeout), follow_redirects=False)
