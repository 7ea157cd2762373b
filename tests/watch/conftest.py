from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from sitrep.watch.config import FetchSettings

from .site import LocalSite


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with LocalSite() as s:
        yield s


@pytest.fixture
def fast() -> FetchSettings:
    """Tiny timeouts and backoffs so failure paths cost milliseconds."""
    return FetchSettings(timeout=0.4, retries=1, backoff=0.01, backoff_max=0.05, per_host_interval=0.0,
                         max_bytes=200_000, max_redirects=3)


@pytest.fixture(scope="session")
def client() -> Iterator[httpx.Client]:
    """One plain-HTTP client for the whole session (building one loads CA certificates: ~0.2 s)."""
    with httpx.Client(verify=False) as c:
        yield c
