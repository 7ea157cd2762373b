"""SOURCES.yaml: the outlets to watch, how to fetch them, and the alert rules.

A minimal file::

    sources:
      - name: Example Wire
        feeds: [https://example.invalid/rss.xml]
        language: en
        country: Syria
    alerts:
      - name: aleppo-deaths
        bbox: [36.5, 35.5, 38.5, 37.0]     # min_lon, min_lat, max_lon, max_lat
        min_fatalities: 1
        sinks: [{type: jsonl, path: alerts.jsonl}, {type: stdout}]
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from .._version import __version__
from ..errors import ConfigError

__all__ = [
    "AdminArea",
    "AlertRule",
    "FetchSettings",
    "FileSink",
    "Sink",
    "Source",
    "StdoutSink",
    "WatchConfig",
    "WebhookSink",
    "default_user_agent",
    "load_config",
]


BBox = tuple[float, float, float, float]


def default_user_agent() -> str:
    return f"sitrep/{__version__} (+offline conflict-event coder)"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FetchSettings(_Model):
    """How pages are fetched (every value in seconds or bytes).

    - ``timeout``: connect/read timeout per request.
    - ``retries``: extra attempts after a timeout, connection error, 429 or 5xx.
    - ``backoff``: first retry delay; doubles each attempt, capped at ``backoff_max``.
    - ``per_host_interval``: minimum gap between two requests to the same host
      (a larger robots.txt ``Crawl-delay`` wins, capped at ``max_crawl_delay``).
    - ``max_bytes``: responses larger than this are abandoned (default 5 MB).
    - ``max_redirects``: redirect hops before giving up (loops end here).
    - ``respect_robots``: read each host's robots.txt and obey it for our User-Agent.
    - ``robots_ttl``: how long a host's robots.txt is trusted before fetching it again.
    - ``user_agent``: sent with every request.
    - ``down_after``: polls failing in a row before a source rests between attempts;
      it rests ``down_retry`` seconds, doubling each further failure, capped at ``down_retry_max``.
    """

    timeout: float = Field(default=10.0, gt=0)
    retries: int = Field(default=2, ge=0, le=10)
    backoff: float = Field(default=1.0, ge=0)
    backoff_max: float = Field(default=30.0, ge=0)
    per_host_interval: float = Field(default=1.0, ge=0)
    max_crawl_delay: float = Field(default=30.0, ge=0)
    max_bytes: int = Field(default=5_000_000, gt=0)
    max_redirects: int = Field(default=5, ge=0)
    respect_robots: bool = True
    robots_ttl: float = Field(default=3600.0, ge=0)
    user_agent: str = Field(default_factory=default_user_agent)
    down_after: int = Field(default=3, ge=1)
    down_retry: float = Field(default=300.0, ge=0)
    down_retry_max: float = Field(default=6 * 3600.0, ge=0)


class Source(_Model):
    """One outlet: its feeds and/or plain article URLs."""

    name: str = Field(min_length=1)
    feeds: list[str] = Field(default_factory=list)
    urls: list[str] = Field(default_factory=list)
    language: str | None = None
    country: str | None = None  # country focus, passed to the coder as a hint
    trust: str | None = None  # free-text trust notes, kept for the reader
    enabled: bool = True
    max_articles: int = Field(default=50, gt=0)  # new entries taken from one feed per poll
    # Fetch from loopback/private/link-local addresses too (a local feed, an intranet site). Off:
    # the feed, its redirects and its entry links must resolve to public addresses only.
    allow_private: bool = False

    @field_validator("feeds", "urls")
    @classmethod
    def _http_only(cls, values: list[str]) -> list[str]:
        for url in values:
            if not url.startswith(("http://", "https://")):
                raise ValueError(f"{url!r} is not an http(s) URL")
        return values

    @model_validator(mode="after")
    def _has_something(self) -> Source:
        if not self.feeds and not self.urls:
            raise ValueError(f"source {self.name!r} has neither feeds nor urls")
        return self


class AdminArea(_Model):
    """An administrative area; every given level must match (case-insensitive)."""

    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None


class FileSink(_Model):
    """Append one JSON object a line to ``path``."""

    type: Literal["jsonl", "file"]
    path: Path


class WebhookSink(_Model):
    """POST the alert as JSON to ``url``."""

    type: Literal["webhook"]
    url: str
    timeout: float = Field(default=5.0, gt=0)
    headers: dict[str, str] = Field(default_factory=dict)


class StdoutSink(_Model):
    """Print a one-line summary (and the JSON with ``json: true``)."""

    type: Literal["stdout"]
    json_lines: bool = Field(default=False, alias="json")


Sink = Annotated[FileSink | WebhookSink | StdoutSink, Field(discriminator="type")]


def _stdout_only() -> list[Sink]:
    return [StdoutSink.model_validate({"type": "stdout"})]


class AlertRule(_Model):
    """Fires once per matching event (again only when that event grows).

    Every given criterion must hold; lists match when any element does.
    """

    name: str = Field(min_length=1)
    bbox: BBox | None = None  # min_lon, min_lat, max_lon, max_lat
    areas: list[AdminArea] = Field(default_factory=list)
    event_types: list[str] = Field(default_factory=list)  # event_type or sub_event_type
    min_fatalities: int | None = Field(default=None, ge=0)
    actors: list[str] = Field(default_factory=list)  # substrings of actor1/actor2/assoc actors
    on_growth: bool = True  # fire again when the event gains fatalities or sources
    sinks: list[Sink] = Field(default_factory=_stdout_only)

    @field_validator("bbox")
    @classmethod
    def _ordered(cls, bbox: BBox | None) -> BBox | None:
        if bbox is not None and (bbox[0] > bbox[2] or bbox[1] > bbox[3]):
            raise ValueError("bbox is [min_lon, min_lat, max_lon, max_lat]")
        return bbox


class WatchConfig(_Model):
    sources: list[Source] = Field(min_length=1)
    alerts: list[AlertRule] = Field(default_factory=list)
    fetch: FetchSettings = Field(default_factory=lambda: FetchSettings.model_validate({}))

    @model_validator(mode="after")
    def _unique_names(self) -> WatchConfig:
        for kind, names in (("source", [s.name for s in self.sources]),
                            ("alert", [a.name for a in self.alerts])):
            dupes = sorted({n for n in names if names.count(n) > 1})
            if dupes:
                raise ValueError(f"duplicate {kind} names: {', '.join(dupes)}")
        return self


def load_config(path: str | Path) -> WatchConfig:
    """Read and validate SOURCES.yaml; relative sink paths are taken from its folder."""
    import yaml

    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}", code="E160") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {exc}", code="E161") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping with 'sources'", code="E161")
    try:
        config = WatchConfig.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{path}: {where}: {first['msg']} ({exc.error_count()} problem(s))",
                          code="E162") from exc
    for rule in config.alerts:
        for sink in rule.sinks:
            if isinstance(sink, FileSink) and not sink.path.is_absolute():
                sink.path = path.parent / sink.path
    return config
