from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from sitrep.pipeline import Pipeline
from sitrep.store import open_store
from sitrep.watch.config import FetchSettings
from sitrep.watch.poll import Poller

from .helpers import watch_config
from .site import LocalSite, page, rss


@pytest.mark.slow
def test_poll_real_pipeline_turns_a_new_article_into_an_event(
        site: LocalSite, fast: FetchSettings, tmp_path: Path, client: httpx.Client) -> None:
    from sitrep.watch.fetch import Fetcher

    site.set("/idlib", page(
        "Shelling kills five in Idlib",
        "Government forces shelled the town of Maarat al-Numan in Idlib on Monday, killing five "
        "civilians, a monitor said.", "Rescuers said the shelling hit a market."))
    site.set("/rss", rss("Wire", [("Shelling kills five in Idlib", site.url("/idlib"))]))
    config = watch_config([{"name": "Wire", "feeds": [site.url("/rss")], "country": "Syria"}], fast)
    store = open_store(f"sqlite:///{tmp_path / 'w.db'}")
    poller = Poller(config, store, Pipeline(), fetcher=Fetcher(config.fetch, client=client))
    try:
        report = poller.poll()
        events = list(store.iter_events())
    finally:
        poller.close()
        store.dispose()
    assert report.new_articles == 1 and report.events >= 1
    assert any(e.fatalities == 5 and e.event_type == "Explosions/Remote violence" for e in events)
    assert all(e.event_date is not None and e.event_date.isoformat() == "2020-01-06" for e in events)
