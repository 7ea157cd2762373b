from __future__ import annotations

import threading
import time

import httpx
import pytest

from sitrep.watch.config import FetchSettings
from sitrep.watch.state import WatchState
from sitrep.watch.status import read_status

from .fakes import FakeCoder
from .helpers import KILLED, make_poller, watch_config
from .site import LocalSite, page, rss


def _article(site: LocalSite, path: str, title: str, n: int = 3) -> str:
    site.set(path, page(title, KILLED.format(n=n) + f" ({title})", "Residents said shelling went on."))
    return site.url(path)


def test_poll_feed_changing_between_polls(
        site: LocalSite, fast: FetchSettings, db_url: str, client: httpx.Client
) -> None:
    a, b = _article(site, "/a", "First"), _article(site, "/b", "Second")
    feed = site.set("/rss", rss("Wire", [("First", a), ("Second", b)]), etag='"1"',
                    content_type="application/rss+xml")
    config = watch_config([{"name": "Wire", "feeds": [site.url("/rss")], "country": "Syria"}], fast)
    poller, store, coder = make_poller(db_url, config, client=client)
    try:
        first = poller.poll()
        assert first.new_articles == 2 and first.events == 2 and len(coder.calls) == 2
        second = poller.poll()  # 304: no article fetched, nothing coded
        assert second.feeds_not_modified == 1 and second.new_articles == 0
        assert len(site.gets("/a")) == 1 and len(coder.calls) == 2
        c = _article(site, "/c", "Third", n=7)
        feed.body = rss("Wire", [("Third", c), ("First", a), ("Second", b)]).encode()
        feed.etag = '"2"'
        third = poller.poll()
        assert third.new_articles == 1 and len(coder.calls) == 3
        assert len(site.gets("/a")) == 1 and len(site.gets("/c")) == 1
        assert store.count("documents") == 3 and store.count("events") == 3
        stored = {e.location: e for e in store.iter_events()}
        assert {e.fatalities for e in store.iter_events()} == {3, 7}
        docs = {d for d in store.document_ids()}
        assert stored["Aleppo"].doc_id in docs
    finally:
        poller.close()
        store.dispose()


def test_poll_survives_down_and_garbage_sources(
        site: LocalSite, fast: FetchSettings, db_url: str, client: httpx.Client
) -> None:
    good = _article(site, "/good", "Good")
    site.set("/down.xml", status=500)
    site.set("/garbage.xml", "<rss><channel><item><title>broken", content_type="application/rss+xml")
    site.set("/slow.xml", rss("Slow", [("x", good)]), delay=1.0)
    site.set("/ok.xml", rss("Ok", [("Good", good)]))
    config = watch_config([
        {"name": "Down", "feeds": [site.url("/down.xml")]},
        {"name": "Garbage", "feeds": [site.url("/garbage.xml")]},
        {"name": "Slow", "feeds": [site.url("/slow.xml")]},
        {"name": "Refused", "feeds": ["http://127.0.0.1:9/feed.xml"]},
        {"name": "Ok", "feeds": [site.url("/ok.xml")]},
    ], fast.model_copy(update={"timeout": 0.2, "retries": 0}))
    poller, store, _coder = make_poller(db_url, config, client=client)
    try:
        report = poller.poll()
        poller.poll()
        status = {s.name: s for s in read_status(store.engine)}
    finally:
        poller.close()
        store.dispose()
    assert report.new_articles == 1 and report.errors == 4
    assert status["Ok"].state == "ok" and status["Ok"].total_articles == 1
    for name, why in (("Down", "HTTP 500"), ("Garbage", "malformed feed"), ("Slow", "timed out"),
                      ("Refused", "Connect")):
        assert status[name].last_error and why in status[name].last_error, status[name]
        assert status[name].total_errors == 2
    assert status["Down"].consecutive_failures == 2 and status["Down"].last_success is None
    assert status["Garbage"].state == "down" and status["Slow"].state == "down"


def test_poll_skips_non_html_huge_and_disallowed_pages_once(
        site: LocalSite, fast: FetchSettings, db_url: str, client: httpx.Client
) -> None:
    site.set("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.set("/doc.pdf", b"%PDF-1.4 binary", content_type="application/pdf")
    site.set("/huge", page("Huge", "word " * 100_000))
    _article(site, "/private/x", "Private")
    good = _article(site, "/fine", "Fine")
    site.set("/rss", rss("Mixed", [("pdf", site.url("/doc.pdf")), ("huge", site.url("/huge")),
                                   ("private", site.url("/private/x")), ("fine", good)]))
    config = watch_config([{"name": "Mixed", "feeds": [site.url("/rss")]}], fast)
    poller, store, _coder = make_poller(db_url, config, client=client)
    try:
        first = poller.poll()
        second = poller.poll()
        state = WatchState(store.engine)
        assert state.count_seen(status="skipped") == 3
    finally:
        poller.close()
        store.dispose()
    assert first.new_articles == 1 and first.skipped == 3 and first.errors == 3
    assert second.new_articles == 0 and second.skipped == 0  # remembered, not fetched again
    assert len(site.gets("/doc.pdf")) == 1 and len(site.gets("/huge")) == 1
    assert site.gets("/private/x") == []


def test_poll_same_text_under_two_urls_is_coded_once(
        site: LocalSite, fast: FetchSettings, db_url: str, client: httpx.Client
) -> None:
    body = page("Same", KILLED.format(n=4), "Residents said shelling went on.")
    site.set("/one", body)
    site.set("/two?utm=x", body)
    site.set("/rss", rss("Wire", [("one", site.url("/one")), ("two", site.url("/two?utm=x"))]))
    config = watch_config([{"name": "Wire", "feeds": [site.url("/rss")]}], fast)
    poller, store, coder = make_poller(db_url, config, client=client)
    try:
        report = poller.poll()
    finally:
        poller.close()
        store.dispose()
    assert report.new_articles == 1 and report.duplicates == 1 and len(coder.calls) == 1


def test_poll_plain_url_recoded_only_when_its_text_changes(
        site: LocalSite, fast: FetchSettings, db_url: str, client: httpx.Client
) -> None:
    live = site.set("/live", page("Live", KILLED.format(n=2), "More to follow."))
    config = watch_config([{"name": "Live page", "urls": [site.url("/live")]}], fast)
    poller, store, coder = make_poller(db_url, config, client=client)
    try:
        poller.poll()
        poller.poll()  # same bytes, no validators: fetched, hashed, not coded
        assert len(coder.calls) == 1 and len(site.gets("/live")) == 2
        live.body = page("Live", KILLED.format(n=9), "Updated toll.").encode()
        live.etag = '"v2"'
        poller.poll()
        poller.poll()  # the ETag now answers 304
    finally:
        poller.close()
        store.dispose()
    assert len(coder.calls) == 2 and len(site.gets("/live")) == 4
    assert site.gets("/live")[-1].headers.get("If-None-Match") == '"v2"'


def test_poll_stop_finishes_current_article_and_keeps_the_rest(
        site: LocalSite, fast: FetchSettings, db_url: str, client: httpx.Client
) -> None:
    links = [(f"A{i}", _article(site, f"/a{i}", f"Article {i}", n=i + 1)) for i in range(4)]
    site.set("/rss", rss("Wire", links), etag='"1"')
    config = watch_config([{"name": "Wire", "feeds": [site.url("/rss")]},
                           {"name": "Later", "feeds": [site.url("/rss")]}], fast)
    stop = threading.Event()
    coder = FakeCoder(stop=stop, stop_after=1)
    poller, store, coder = make_poller(db_url, config, coder=coder, client=client)
    try:
        report = poller.poll(stop=stop)
        assert report.stopped and report.new_articles == 1 and store.count("documents") == 1
        assert report.sources == 1  # the next source was not started
        coder.stop_after = None
        again = poller.poll()  # the feed's ETag was not saved: the rest is picked up
        assert site.gets("/rss")[1].headers.get("If-None-Match") is None
        last = poller.poll()  # everything handled: now the ETag is kept and answered with 304
    finally:
        poller.close()
        store.dispose()
    assert again.new_articles == 3
    assert last.feeds_not_modified == 2 and last.new_articles == 0


@pytest.mark.parametrize(("charset", "meta"), [("iso-8859-1", False), (None, True)])
def test_poll_decodes_declared_encodings(
        site: LocalSite, fast: FetchSettings, db_url: str, charset: str | None, meta: bool,
        client: httpx.Client
) -> None:
    html = page("Café", KILLED.format(n=5) + " Le café était fermé.", charset="iso-8859-1" if meta else "x")
    if not meta:
        html = html.replace('<meta charset="x">', "")
    ctype = f"text/html; charset={charset}" if charset else "text/html"
    site.set("/latin", html.encode("iso-8859-1"), content_type=ctype)
    bad = b"<html><body><p>" + b"\xff\xfe\xfa" * 50 + b"</p></body></html>"
    site.set("/bad", bad, content_type="text/html")
    site.set("/rss", rss("Wire", [("latin", site.url("/latin")), ("bad", site.url("/bad"))]))
    config = watch_config([{"name": "Wire", "feeds": [site.url("/rss")]}], fast)
    poller, store, _coder = make_poller(db_url, config, client=client)
    try:
        report = poller.poll()
        texts = [e.notes for e in store.iter_events()]
        quarantined = store.quarantined()
    finally:
        poller.close()
        store.dispose()
    assert report.new_articles == 1 and report.quarantined == 1 and len(texts) == 1
    assert quarantined[0].origin == site.url("/bad")


def test_poll_coder_failure_is_quarantined_not_fatal(
        site: LocalSite, fast: FetchSettings, db_url: str, client: httpx.Client
) -> None:
    site.set("/bug", page("Bug", "RAISE " + KILLED.format(n=1)))
    ok = _article(site, "/ok", "Ok")
    site.set("/rss", rss("Wire", [("bug", site.url("/bug")), ("ok", ok)]))
    config = watch_config([{"name": "Wire", "feeds": [site.url("/rss")]}], fast)
    poller, store, _coder = make_poller(db_url, config, client=client)
    try:
        report = poller.poll()
        reasons = [q.reason for q in store.quarantined()]
    finally:
        poller.close()
        store.dispose()
    assert report.new_articles == 1 and report.quarantined == 1
    assert any("coding failed: IndexError" in r for r in reasons)


def test_poll_fifty_sources_with_nothing_new_is_cheap(
        site: LocalSite, fast: FetchSettings, db_url: str, client: httpx.Client
) -> None:
    a = _article(site, "/a", "Only")
    sources = []
    for i in range(50):
        site.set(f"/f{i}.xml", rss(f"S{i}", [("Only", a)]), etag=f'"{i}"')
        sources.append({"name": f"S{i}", "feeds": [site.url(f"/f{i}.xml")]})
    poller, store, coder = make_poller(db_url, watch_config(sources, fast), client=client)
    try:
        poller.poll()
        started = time.perf_counter()
        report = poller.poll()
        elapsed = time.perf_counter() - started
    finally:
        poller.close()
        store.dispose()
    assert report.feeds_not_modified == 50 and report.new_articles == 0 and len(coder.calls) == 1
    assert elapsed < 2.0, f"a quiet poll of 50 sources took {elapsed:.2f} s"


def test_poll_down_source_rests_with_growing_backoff(site: LocalSite, fast: FetchSettings, db_url: str,
                                                     client: httpx.Client) -> None:
    from datetime import UTC, datetime, timedelta

    down = site.set("/down.xml", status=503)
    site.set("/ok.xml", rss("Ok", []))
    settings = fast.model_copy(update={"retries": 0, "down_after": 2, "down_retry": 60.0})
    config = watch_config([{"name": "Down", "feeds": [site.url("/down.xml")]},
                           {"name": "Ok", "feeds": [site.url("/ok.xml")]}], settings)
    clock = [datetime(2026, 1, 1, tzinfo=UTC)]
    poller, store, _coder = make_poller(db_url, config, client=client, now=lambda: clock[0])

    def poll_at(seconds: float) -> list[str]:
        clock[0] = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)
        return poller.poll().resting

    try:
        assert poll_at(0) == [] and poll_at(1) == []  # two failures in a row
        assert poll_at(30) == ["Down"] and len(site.gets("/down.xml")) == 2  # resting 60 s
        assert poll_at(62) == []  # tried again, failed: now rests 120 s
        assert poll_at(150) == ["Down"]
        down.status, down.body = 200, rss("Back", []).encode()
        assert poll_at(183) == []
        status = {s.name: s for s in read_status(store.engine)}
    finally:
        poller.close()
        store.dispose()
    assert len(site.gets("/down.xml")) == 4 and len(site.gets("/ok.xml")) == 6
    assert status["Down"].consecutive_failures == 0 and status["Down"].state == "ok"
