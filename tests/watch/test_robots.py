"""robots.txt as RFC 9309 says: 4xx = no rules, 5xx/429/unreachable = disallow all, 5 redirects."""

from __future__ import annotations

import httpx
import pytest

from sitrep.watch.config import FetchSettings
from sitrep.watch.errors import FetchError
from sitrep.watch.fetch import Fetcher

from .site import LocalSite


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410])
def test_robots_4xx_means_everything_is_allowed(site: LocalSite, fast: FetchSettings,
                                                client: httpx.Client, status: int) -> None:
    site.set("/robots.txt", "User-agent: *\nDisallow: /\n", status=status, content_type="text/plain")
    site.set("/p", "open")
    with Fetcher(fast, client=client, allow_private=True) as f:
        assert f.fetch(site.url("/p")).content == b"open"


@pytest.mark.parametrize("status", [429, 500, 503])
def test_robots_5xx_or_429_means_nothing_is_allowed(site: LocalSite, fast: FetchSettings,
                                                    client: httpx.Client, status: int) -> None:
    site.set("/robots.txt", "User-agent: *\nDisallow:\n", status=status, content_type="text/plain")
    site.set("/p", "open")
    with Fetcher(fast, client=client, allow_private=True) as f, pytest.raises(FetchError) as info:
        f.fetch(site.url("/p"))
    assert f"robots.txt unreachable (HTTP {status})" in info.value.reason
    assert not info.value.permanent and site.gets("/p") == []


def test_robots_unreachable_host_means_nothing_is_allowed(fast: FetchSettings, client: httpx.Client) -> None:
    with LocalSite() as gone:
        url = gone.url("/p")
    with Fetcher(fast, client=client, allow_private=True) as f, pytest.raises(FetchError) as info:
        f.fetch(url)
    assert "robots.txt unreachable" in info.value.reason


def _chain(site: LocalSite, hops: int) -> None:
    """/robots.txt -> /r1 -> ... -> /r{hops} (the rules)."""
    names = ["/robots.txt", *(f"/r{i}" for i in range(1, hops + 1))]
    for here, there in zip(names, names[1:], strict=False):
        site.set(here, status=302, headers={"Location": there})
    site.set(names[-1], "User-agent: *\nDisallow: /private/\n", content_type="text/plain")


def test_robots_redirects_are_followed_five_hops(site: LocalSite, fast: FetchSettings,
                                                 client: httpx.Client) -> None:
    assert fast.max_redirects < 5  # robots.txt does not depend on the page redirect limit
    _chain(site, 5)
    site.set("/public", "open")
    site.set("/private/x", "secret")
    with Fetcher(fast, client=client, allow_private=True) as f:
        assert f.fetch(site.url("/public")).content == b"open"
        with pytest.raises(FetchError) as info:
            f.fetch(site.url("/private/x"))
    assert info.value.reason == "disallowed by robots.txt" and site.gets("/private/x") == []


def test_robots_more_than_five_redirects_is_unavailable(site: LocalSite, fast: FetchSettings,
                                                        client: httpx.Client) -> None:
    _chain(site, 7)
    site.set("/private/x", "secret")
    with Fetcher(fast, client=client, allow_private=True) as f:
        assert f.fetch(site.url("/private/x")).content == b"secret"
    assert site.gets("/r6") == []  # the sixth hop was not followed


def test_robots_redirect_to_a_private_address_is_unreachable(fast: FetchSettings) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(301, headers={"Location": "http://10.0.0.1/robots.txt"})
        return httpx.Response(200, text="page")

    with httpx.Client(transport=httpx.MockTransport(handler)) as client, \
            Fetcher(fast, client=client, resolver=lambda _h, _p: ["93.184.216.34"]) as f, \
            pytest.raises(FetchError) as info:
        f.fetch("http://news.example/p")
    assert "robots.txt unreachable (refused: 10.0.0.1 is a private address" in info.value.reason
