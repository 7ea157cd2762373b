"""Builders shared by the watch tests."""

from __future__ import annotations

from typing import Any

import httpx

from sitrep.store import Store, open_store
from sitrep.watch.config import FetchSettings, WatchConfig
from sitrep.watch.fetch import Fetcher
from sitrep.watch.poll import Poller

from .fakes import FakeCoder

__all__ = ["KILLED", "make_poller", "watch_config"]

KILLED = "In Aleppo, {n} people were killed when shells hit a market on Monday, a monitor said."


def watch_config(sources: list[dict[str, Any]], fetch: FetchSettings,
                 alerts: list[dict[str, Any]] | None = None) -> WatchConfig:
    """The test sites live on 127.0.0.1: sources allow private addresses unless they say not."""
    sources = [{"allow_private": True, **s} for s in sources]
    return WatchConfig.model_validate({"sources": sources, "alerts": alerts or [],
                                       "fetch": fetch.model_dump()})


def make_poller(db_url: str, config: WatchConfig, *, coder: FakeCoder | None = None,
                client: httpx.Client | None = None, **kw: Any) -> tuple[Poller, Store, FakeCoder]:
    store = open_store(db_url)
    coder = coder or FakeCoder()
    fetcher = Fetcher(config.fetch, client=client)
    return Poller(config, store, coder, fetcher=fetcher, **kw), store, coder
