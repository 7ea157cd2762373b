"""``sitrep watch``: poll feeds and sites, code new reports as they appear, and alert.

    config.py   SOURCES.yaml model (sources, alert rules, fetch settings)
    fetch.py    polite HTTP: conditional requests, retries, per-host rate limit, robots.txt
    poll.py     one polling cycle into the store (pages.py: encodings, entry dates)
    alerts.py   rules fired once per (rule, event) to JSONL files, webhooks, stdout
    status.py   per-source status for the live table and the API
    state.py    seen articles, fetch validators, fired alerts
"""

from .alerts import Alerter, rule_matches
from .config import AlertRule, FetchSettings, Source, WatchConfig, load_config
from .errors import DeliveryError, FetchError, WatchError
from .fetch import Fetcher, FetchResult
from .poll import CycleReport, Poller
from .status import SourceStatus, read_status, render_table, status_snapshot

__all__ = [
    "AlertRule",
    "Alerter",
    "CycleReport",
    "DeliveryError",
    "FetchError",
    "FetchResult",
    "FetchSettings",
    "Fetcher",
    "Poller",
    "Source",
    "SourceStatus",
    "WatchConfig",
    "WatchError",
    "load_config",
    "read_status",
    "render_table",
    "rule_matches",
    "status_snapshot",
]
