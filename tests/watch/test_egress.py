"""The watcher fetches public addresses only, unless a source allows private ones."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from sitrep.watch.config import FetchSettings
from sitrep.watch.egress import EgressRefused, guarded_client, refusal
from sitrep.watch.errors import FetchError
from sitrep.watch.fetch import Fetcher
from sitrep.watch.poll import Poller
from sitrep.watch.state import WatchState
from sitrep.watch.status import read_status

from .fakes import FakeCoder
from .helpers import KILLED, make_poller, watch_config
from .site import LocalSite, page, rss

PUBLIC = "93.184.216.34"


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1",
    "169.254.169.254", "169.254.0.1", "0.0.0.0", "224.0.0.1", "100.64.0.1", "255.255.255.255",
    "::1", "::", "fd00::1", "fc12::5", "fe80::1", "fe80::1%eth0", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "2002:a00:1::1",
])
def test_egress_refuses_non_public_addresses(address: str) -> None:
    assert refusal(address) is not None


@pytest.mark.parametrize("address", [PUBLIC, "8.8.8.8", "2606:4700:4700::1111"])
def test_egress_accepts_public_addresses(address: str) -> None:
    assert refusal(address) is None


def _resolver(table: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def resolve(host: str, _port: int) -> list[str]:
        return table[host]
    return resolve


@pytest.mark.parametrize("target", [
    "http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/admin", "http://[::1]:8080/",
    "http://intranet.example/x",  # a name that resolves to a private address
    "http://mixed.example/x",  # one public and one private address: refused too
])
def test_egress_every_redirect_hop_is_checked(fast: FetchSettings, target: str) -> None:
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        if request.url.host == "news.example":
            return httpx.Response(302, headers={"Location": target})
        return httpx.Response(200, text="secret")

    resolve = _resolver({"news.example": [PUBLIC], "intranet.example": ["10.9.8.7"],
                         "mixed.example": [PUBLIC, "192.168.0.10"]})
    settings = fast.model_copy(update={"respect_robots": False})
    with httpx.Client(transport=httpx.MockTransport(handler)) as client, \
            Fetcher(settings, client=client, resolver=resolve) as f, pytest.raises(FetchError) as info:
        f.fetch("http://news.example/feed")
    assert isinstance(info.value, EgressRefused) and info.value.permanent
    assert info.value.code == "E606" and "allow_private" in info.value.reason
    assert asked == ["http://news.example/feed"]  # the private target was never asked


def test_egress_local_site_refused_without_allow_private(
        site: LocalSite, fast: FetchSettings, client: httpx.Client) -> None:
    site.set("/a", "hello")
    with Fetcher(fast, client=client) as f, pytest.raises(FetchError) as info:
        f.fetch(site.url("/a"))
    assert "127.0.0.1 is a loopback address" in info.value.reason and info.value.permanent
    assert site.hits == []  # not even robots.txt was asked
    with Fetcher(fast, client=client) as f:
        assert f.fetch(site.url("/a"), allow_private=True).content == b"hello"


def test_egress_guarded_client_connects_only_to_the_checked_address(site: LocalSite) -> None:
    """DNS rebinding: the name is resolved and checked when the connection is opened."""
    site.set("/a", "secret")
    url = site.url("/a").replace("127.0.0.1", "rebind.example")
    with guarded_client(timeout=1.0, resolver=_resolver({"rebind.example": ["127.0.0.1"]})) as c, \
            pytest.raises(EgressRefused) as info:
        c.get(url)
    assert "rebind.example resolves to 127.0.0.1" in info.value.reason
    assert site.hits == []


def test_egress_fetcher_own_client_rechecks_at_connect(site: LocalSite, fast: FetchSettings) -> None:
    """A name that is public when checked and loopback when connected is refused, unasked."""
    site.set("/a", "secret")
    answers = iter([[PUBLIC], [PUBLIC]])

    def rebinding(_host: str, _port: int) -> list[str]:
        return next(answers, ["127.0.0.1"])

    settings = fast.model_copy(update={"respect_robots": False, "retries": 0})
    with Fetcher(settings, resolver=rebinding) as f, pytest.raises(EgressRefused) as info:
        f.fetch(site.url("/a").replace("127.0.0.1", "rebind.example"))
    assert "127.0.0.1" in info.value.reason and "rebind.example" in info.value.url
    assert site.hits == []


def test_egress_poll_reports_refusal_in_the_status(
        site: LocalSite, fast: FetchSettings, db_url: str, client: httpx.Client) -> None:
    site.set("/a", page("Shelling", KILLED.format(n=5), "Residents said shelling went on."))
    site.set("/rss", rss("Wire", [("a", site.url("/a"))]))
    for allow, stored in ((False, 0), (True, 1)):
        config = watch_config([{"name": "Wire", "feeds": [site.url("/rss")], "allow_private": allow}], fast)
        poller, store, _coder = make_poller(db_url, config, client=client)
        try:
            report = poller.poll()
            status = read_status(store.engine)[0]
            n_docs = store.count("documents")
        finally:
            poller.close()
            store.dispose()
        assert n_docs == stored
        if not allow:
            assert report.errors == 1 and status.state == "down"
            assert "refused" in (status.last_error or "") and "loopback" in (status.last_error or "")
            assert site.hits == []


def test_egress_feed_entry_links_are_checked(fast: FetchSettings, db_url: str) -> None:
    article = page("Shelling", KILLED.format(n=5), "Residents said shelling went on.")
    feed = rss("Wire", [("inside", "http://169.254.169.254/latest/meta-data/"),
                        ("a", "http://news.example/a")])
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        if request.url.path == "/rss":
            return httpx.Response(200, text=feed, headers={"Content-Type": "application/rss+xml"})
        return httpx.Response(200, text=article, headers={"Content-Type": "text/html"})

    config = watch_config([{"name": "Wire", "feeds": ["http://news.example/rss"], "allow_private": False}],
                          fast.model_copy(update={"respect_robots": False}))
    from sitrep.store import open_store

    store = open_store(db_url)
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        fetcher = Fetcher(config.fetch, client=client, resolver=_resolver({"news.example": [PUBLIC]}))
        poller = Poller(config, store, FakeCoder(), fetcher=fetcher)
        try:
            report = poller.poll()
            seen = WatchState(store.engine).count_seen(status="skipped")
        finally:
            poller.close()
            store.dispose()
    assert report.new_articles == 1 and report.skipped == 1 and seen == 1
    assert asked == ["http://news.example/rss", "http://news.example/a"]


def test_egress_feed_body_is_parsed_as_data_never_opened_as_a_path(
        site: LocalSite, fast: FetchSettings, db_url: str, client: httpx.Client, tmp_path: Path) -> None:
    local = tmp_path / "local-feed.xml"
    local.write_text(rss("Local", [("secret", site.url("/secret"))]), encoding="utf-8")
    site.set("/secret", page("Shelling", KILLED.format(n=5), "Residents said shelling went on."))
    site.set("/rss", str(local), content_type="application/rss+xml")  # the body is a file path
    config = watch_config([{"name": "Wire", "feeds": [site.url("/rss")]}], fast)
    poller, store, coder = make_poller(db_url, config, client=client)
    try:
        report = poller.poll()
    finally:
        poller.close()
        store.dispose()
    assert site.gets("/secret") == [] and coder.calls == []
    assert report.new_articles == 0 and report.errors == 1
