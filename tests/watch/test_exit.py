"""``watch --once`` exits non-zero when no source answered or an alert sink failed; the status says so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from click.testing import Result
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitrep.api import create_app
from sitrep.store import open_store
from sitrep.watch.poll import CycleReport
from sitrep.watch.run import check_once
from sitrep.watch.status import SourceOutcome, status_snapshot

from .fakes import FakeCoder
from .helpers import KILLED
from .site import LocalSite, page, rss


@pytest.fixture
def watch_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    import sitrep.pipeline
    from sitrep.cli.watch import watch

    monkeypatch.setattr(sitrep.pipeline, "Pipeline", lambda *_a, **_k: FakeCoder())
    local = typer.Typer()
    local.command("watch")(watch)
    local.callback()(lambda: None)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(local, ["watch", *args], catch_exceptions=False)

    return invoke


def _yaml(tmp_path: Path, sources: str, alerts: str = "") -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text("fetch: {timeout: 0.5, retries: 0, per_host_interval: 0}\n"
                    f"sources:\n{sources}{alerts}", encoding="utf-8")
    return path


def test_exit_once_with_every_source_down_is_an_error(tmp_path: Path, site: LocalSite,
                                                      watch_cli: Callable[..., Result]) -> None:
    site.set("/down.xml", status=500)
    sources = _yaml(tmp_path, f"  - {{name: A, feeds: ['{site.url('/down.xml')}'], allow_private: true}}\n"
                              f"  - {{name: B, feeds: ['{site.url('/gone.xml')}'], allow_private: true}}\n")
    result = watch_cli(str(sources), "--db", f"sqlite:///{tmp_path / 'w.db'}", "--once")
    assert result.exit_code == 1
    assert "E630" in result.stderr and "every source is down (A, B)" in result.stderr


def test_exit_once_with_refused_sources_is_an_error(tmp_path: Path, site: LocalSite,
                                                    watch_cli: Callable[..., Result]) -> None:
    site.set("/rss", rss("Wire", []))
    sources = _yaml(tmp_path, f"  - {{name: Local, feeds: ['{site.url('/rss')}']}}\n")
    result = watch_cli(str(sources), "--db", f"sqlite:///{tmp_path / 'w.db'}", "--once")
    assert result.exit_code == 1 and "refused" in result.stderr and "E630" in result.stderr
    assert site.hits == []


def test_exit_once_with_a_failing_webhook_is_an_error_and_shows_in_status(
        tmp_path: Path, site: LocalSite, watch_cli: Callable[..., Result]) -> None:
    site.set("/a", page("Shelling", KILLED.format(n=5), "Residents said shelling went on."))
    site.set("/rss", rss("Wire", [("a", site.url("/a"))]))
    site.set("/hook", status=503)
    sources = _yaml(tmp_path, f"  - {{name: Wire, feeds: ['{site.url('/rss')}'], allow_private: true}}\n",
                    f"alerts:\n  - name: all\n    sinks: [{{type: webhook, url: '{site.url('/hook')}'}}]\n")
    db = f"sqlite:///{tmp_path / 'w.db'}"
    result = watch_cli(str(sources), "--db", db, "--once")
    assert result.exit_code == 1
    assert "E623" in result.stderr and "HTTP 503" in result.stderr
    assert "alert(s) not delivered" in result.stderr  # under the live table
    store = open_store(db)
    try:
        snap = status_snapshot(store.engine)
        assert store.count("documents") == 1  # the article itself was stored
    finally:
        store.dispose()
    assert snap["alerts_fired"] == 1 and snap["alerts_failed"] == 1
    assert snap["alert_failures"][0]["rule"] == "all" and "HTTP 503" in snap["alert_failures"][0]["delivery"]
    with TestClient(create_app(db_url=db, token="t"), base_url="http://127.0.0.1") as client:
        body = client.get("/api/watch").json()
    assert body["alerts_failed"] == 1 and "HTTP 503" in body["alert_failures"][0]["delivery"]
    site.routes["/hook"].status = 200  # the sink is back: the retry delivers, the run is clean
    again = watch_cli(str(sources), "--db", db, "--once")
    assert again.exit_code == 0, again.stderr
    assert len(site.posts("/hook")) == 2


@pytest.mark.parametrize(("outcomes", "resting", "down"), [
    ([SourceOutcome(name="A", errors=1, error="x")], [], True),
    ([], ["A"], True),
    ([SourceOutcome(name="A", errors=1, error="x")], ["B"], True),
    ([SourceOutcome(name="A", errors=1, error="x"), SourceOutcome(name="B", fetched_ok=True)], [], False),
    ([SourceOutcome(name="A", fetched_ok=True, errors=2, error="article 404")], [], False),
    ([], [], False),
])
def test_exit_all_down_only_when_no_source_answered(outcomes: list[SourceOutcome], resting: list[str],
                                                    down: bool) -> None:
    report = CycleReport(outcomes=outcomes, resting=resting, sources=len(outcomes))
    assert report.all_down is down
    if down:
        with pytest.raises(Exception, match="E630"):
            check_once(report)
    else:
        check_once(report)
