from __future__ import annotations

import time
from itertools import pairwise

import httpx
import pytest

from sitrep.watch.config import FetchSettings
from sitrep.watch.errors import FetchError
from sitrep.watch.fetch import Fetcher

from .site import LocalSite


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 4))
        self.now += seconds


def test_fetch_sends_user_agent_and_returns_body(
        site: LocalSite, fast: FetchSettings, client: httpx.Client
) -> None:
    site.set("/a", "hello", content_type="text/html; charset=iso-8859-1")
    with Fetcher(fast, client=client, allow_private=True) as f:
        res = f.fetch(site.url("/a"))
    assert res.content == b"hello" and res.status == 200
    assert res.media_type == "text/html" and res.charset == "iso-8859-1"
    ua = site.gets("/a")[0].headers["User-Agent"]
    assert ua.startswith("sitrep/") and "offline conflict-event coder" in ua


@pytest.mark.parametrize("validator", ["etag", "last_modified"])
def test_fetch_conditional_request_honours_304(
        site: LocalSite, fast: FetchSettings, validator: str, client: httpx.Client
) -> None:
    kw = {"etag": '"v1"'} if validator == "etag" else {"last_modified": "Mon, 06 Jan 2020 10:00:00 GMT"}
    site.set("/feed", "<rss/>", **kw)
    with Fetcher(fast, client=client, allow_private=True) as f:
        first = f.fetch(site.url("/feed"))
        again = f.fetch(site.url("/feed"), etag=first.etag, last_modified=first.last_modified)
    assert not first.not_modified and first.content == b"<rss/>"
    assert again.not_modified and again.status == 304 and again.content == b""
    sent = site.gets("/feed")[1].headers
    assert ("If-None-Match" in sent) == (validator == "etag")
    assert ("If-Modified-Since" in sent) == (validator == "last_modified")


def test_fetch_retries_500_with_exponential_backoff(site: LocalSite, client: httpx.Client) -> None:
    clock = FakeClock()
    settings = FetchSettings(retries=3, backoff=0.5, backoff_max=1.5, per_host_interval=0)
    site.set("/flaky", "ok", fail_first=3)
    with Fetcher(settings, clock=clock, sleep=clock.sleep, client=client, allow_private=True) as f:
        res = f.fetch(site.url("/flaky"))
    assert res.content == b"ok"
    assert clock.sleeps == [0.5, 1.0, 1.5]  # doubled each time, capped
    assert len(site.gets("/flaky")) == 4


def test_fetch_gives_up_after_retries(site: LocalSite, fast: FetchSettings, client: httpx.Client) -> None:
    site.set("/down", status=500)
    with Fetcher(fast, client=client, allow_private=True) as f, pytest.raises(FetchError) as info:
        f.fetch(site.url("/down"))
    assert "HTTP 500" in info.value.reason and not info.value.permanent
    assert len(site.gets("/down")) == fast.retries + 1


def test_fetch_times_out_on_slow_response(site: LocalSite, fast: FetchSettings, client: httpx.Client) -> None:
    site.set("/slow", "late", delay=1.0)
    settings = fast.model_copy(update={"retries": 0, "timeout": 0.2})
    started = time.monotonic()
    with Fetcher(settings, client=client, allow_private=True) as f, pytest.raises(FetchError) as info:
        f.fetch(site.url("/slow"))
    assert "timed out" in info.value.reason
    assert time.monotonic() - started < 0.9


@pytest.mark.parametrize("send_length", [True, False])
def test_fetch_caps_huge_responses(
        site: LocalSite, fast: FetchSettings, send_length: bool, client: httpx.Client
) -> None:
    site.set("/huge", b"x" * 2_000_000, send_length=send_length)
    with Fetcher(fast, client=client, allow_private=True) as f, pytest.raises(FetchError) as info:
        f.fetch(site.url("/huge"))
    assert "too large" in info.value.reason and info.value.permanent


def test_fetch_robots_disallow_is_honoured(
        site: LocalSite, fast: FetchSettings, client: httpx.Client
) -> None:
    site.set("/robots.txt", "User-agent: sitrep\nDisallow: /private/\n\nUser-agent: *\nDisallow:\n",
             content_type="text/plain")
    site.set("/private/a", "secret")
    site.set("/public/a", "open")
    with Fetcher(fast, client=client, allow_private=True) as f:
        assert f.fetch(site.url("/public/a")).content == b"open"
        with pytest.raises(FetchError) as info:
            f.fetch(site.url("/private/a"))
    assert "robots.txt" in info.value.reason and info.value.permanent
    assert site.gets("/private/a") == []
    assert len(site.gets("/robots.txt")) == 1  # cached per host


def test_fetch_robots_can_be_ignored_and_missing_robots_allows(
        site: LocalSite, fast: FetchSettings, client: httpx.Client
) -> None:
    site.set("/p", "open")  # no robots.txt route: 404 means everything is allowed
    with Fetcher(fast, client=client, allow_private=True) as f:
        assert f.fetch(site.url("/p")).content == b"open"
    site.set("/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    with Fetcher(fast.model_copy(update={"respect_robots": False}), client=client, allow_private=True) as f:
        assert f.fetch(site.url("/p")).content == b"open"
    with Fetcher(fast, client=client, allow_private=True) as f, pytest.raises(FetchError):
        f.fetch(site.url("/p"))


def test_fetch_rate_limit_per_host(fast: FetchSettings, client: httpx.Client) -> None:
    clock = FakeClock()
    settings = fast.model_copy(update={"per_host_interval": 2.0, "respect_robots": False})
    with LocalSite() as one, LocalSite() as two:
        for s in (one, two):
            s.set("/a", "a")
            s.set("/b", "b")
        with Fetcher(settings, clock=clock, sleep=clock.sleep, client=client, allow_private=True) as f:
            f.fetch(one.url("/a"))
            f.fetch(two.url("/a"))  # another host: no wait
            assert clock.sleeps == []
            f.fetch(one.url("/b"))  # same host: waits out the interval
            assert clock.sleeps == [2.0]
            clock.now += 0.5
            f.fetch(one.url("/a"))  # waits only what is left of the interval
    assert clock.sleeps == [2.0, 1.5]
    assert len(one.gets("/b")) == 1 and len(two.gets("/a")) == 1


def test_fetch_rate_limit_spaces_real_requests(
        site: LocalSite, fast: FetchSettings, client: httpx.Client
) -> None:
    site.set("/r", "r")
    with Fetcher(fast.model_copy(update={"per_host_interval": 0.15}), client=client, allow_private=True) as f:
        for _ in range(3):
            f.fetch(site.url("/r"))
    times = [h.at for h in site.gets("/r")]
    gaps = [b - a for a, b in pairwise(times)]
    assert len(gaps) == 2 and min(gaps) >= 0.13


def test_fetch_crawl_delay_from_robots(site: LocalSite, fast: FetchSettings, client: httpx.Client) -> None:
    clock = FakeClock()
    site.set("/robots.txt", "User-agent: *\nCrawl-delay: 5\n", content_type="text/plain")
    site.set("/a", "a")
    settings = fast.model_copy(update={"per_host_interval": 1.0})
    with Fetcher(settings, clock=clock, sleep=clock.sleep, client=client, allow_private=True) as f:
        f.fetch(site.url("/a"))
        f.fetch(site.url("/a"))
    assert clock.sleeps == [5.0, 5.0]


def test_fetch_follows_redirects_and_stops_loops(
        site: LocalSite, fast: FetchSettings, client: httpx.Client
) -> None:
    site.set("/old", status=301, headers={"Location": "/new"})
    site.set("/new", "moved")
    site.set("/loop1", status=302, headers={"Location": "/loop2"})
    site.set("/loop2", status=302, headers={"Location": "/loop1"})
    with Fetcher(fast, client=client, allow_private=True) as f:
        res = f.fetch(site.url("/old"))
        assert res.content == b"moved" and res.url == site.url("/new")
        with pytest.raises(FetchError) as info:
            f.fetch(site.url("/loop1"))
    assert "redirect loop" in info.value.reason


def test_fetch_unreachable_host_is_a_fetch_error(fast: FetchSettings, client: httpx.Client) -> None:
    with LocalSite() as gone:
        url = gone.url("/x")
    settings = fast.model_copy(update={"respect_robots": False})
    with Fetcher(settings, client=client, allow_private=True) as f, pytest.raises(FetchError) as info:
        f.fetch(url)
    assert not info.value.permanent and "attempts" in info.value.reason


@pytest.mark.parametrize(("route", "needle"), [
    ({"status": 302, "headers": {"Location": "ftp://files.example.invalid/x"}}, "unsupported URL scheme"),
    ({"body": b"definitely not gzip", "headers": {"Content-Encoding": "gzip"}}, "undecodable body"),
    ({"status": 404}, "HTTP 404"),
])
def test_fetch_bad_answers_are_permanent_failures(site: LocalSite, fast: FetchSettings,
                                                   route: dict[str, object], needle: str,
                                                   client: httpx.Client) -> None:
    site.set("/x", **route)  # type: ignore[arg-type]
    with Fetcher(fast, client=client, allow_private=True) as f, pytest.raises(FetchError) as info:
        f.fetch(site.url("/x"))
    assert needle in info.value.reason and info.value.permanent
