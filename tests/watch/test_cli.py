from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from click.testing import Result
from typer.testing import CliRunner

from sitrep.store import open_store
from sitrep.watch.status import read_status

from .fakes import FakeCoder
from .helpers import KILLED
from .site import LocalSite, page, rss

ROOT = Path(__file__).resolve().parents[2]


def _sources(tmp_path: Path, site: LocalSite) -> Path:
    site.set("/a", page("Shelling", KILLED.format(n=5), "Residents said shelling went on."))
    site.set("/rss", rss("Wire", [("a", site.url("/a"))]), etag='"1"')
    path = tmp_path / "sources.yaml"
    path.write_text(
        "fetch: {timeout: 0.5, retries: 0, per_host_interval: 0}\n"
        f"sources:\n  - {{name: Wire, feeds: ['{site.url('/rss')}'], country: Syria, allow_private: true}}\n"
        f"  - {{name: Dead, feeds: ['{site.url('/missing.xml')}'], allow_private: true}}\n"
        "alerts:\n  - name: aleppo\n    bbox: [36.5, 35.5, 38.5, 37.0]\n"
        "    sinks: [{type: stdout, json: true}, {type: jsonl, path: alerts.jsonl}]\n",
        encoding="utf-8")
    return path


def _run(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "160"}
    return subprocess.Popen([sys.executable, "-m", "tests.watch.cli_driver", "watch", *args],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def watch_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """``sitrep watch`` in-process on a private typer app, with the hand-written coder."""
    import sitrep.pipeline
    from sitrep.cli.watch import watch

    monkeypatch.setattr(sitrep.pipeline, "Pipeline", lambda *_a, **_k: FakeCoder())
    local = typer.Typer()
    local.command("watch")(watch)
    local.callback()(lambda: None)
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(local, ["watch", *args], catch_exceptions=False)

    return invoke


def test_cli_watch_once_codes_stores_and_alerts(tmp_path: Path, site: LocalSite,
                                                watch_cli: Callable[..., Result]) -> None:
    sources = _sources(tmp_path, site)
    db = f"sqlite:///{tmp_path / 'w.db'}"
    result = watch_cli(str(sources), "--db", db, "--once")
    assert result.exit_code == 0, result.stderr
    out, err = result.stdout, result.stderr
    alert_lines = [json.loads(x) for x in out.splitlines() if x.startswith("{")]
    assert len(alert_lines) == 1 and alert_lines[0]["event"]["location"] == "Aleppo"
    assert "ALERT aleppo [new]" in out
    assert "1 new articles" in err and "Wire" in err and "HTTP 404" in err
    assert (tmp_path / "alerts.jsonl").read_text().count("\n") == 1
    store = open_store(db)
    try:
        status = {s.name: s for s in read_status(store.engine)}
        assert store.count("documents") == 1
    finally:
        store.dispose()
    assert status["Wire"].state == "ok" and status["Dead"].state == "down"
    again = watch_cli(str(sources), "--db", db, "--once")  # a restart: nothing new, no alert
    assert again.exit_code == 0 and "ALERT" not in again.stdout and "0 new articles" in again.stderr


def test_cli_watch_sigterm_finishes_the_current_article_then_exits(tmp_path: Path, site: LocalSite) -> None:
    site.set("/slow", page("Shelling", KILLED.format(n=5), "Residents said shelling went on."), delay=0.8)
    site.set("/next", page("Next", KILLED.format(n=1), "More."))
    site.set("/rss", rss("Wire", [("slow", site.url("/slow")), ("next", site.url("/next"))]))
    sources = tmp_path / "sources.yaml"
    sources.write_text("fetch: {timeout: 5, retries: 0, per_host_interval: 0}\n"
                       f"sources:\n  - {{name: Wire, feeds: ['{site.url('/rss')}'], allow_private: true}}\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'w.db'}"
    proc = _run(str(sources), "--db", db, "--every", "1h")
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline and not site.gets("/slow") and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGTERM)  # while the first article is being fetched
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "SIGTERM" in err and "finishing the current article" in err
    assert site.gets("/next") == []  # not started
    store = open_store(db)
    try:
        assert store.count("documents") == 1  # the current article was finished and stored
    finally:
        store.dispose()


def test_cli_watch_bad_config_is_a_clean_error(tmp_path: Path, watch_cli: Callable[..., Result]) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("sources: []\n", encoding="utf-8")
    result = watch_cli(str(path), "--db", f"sqlite:///{tmp_path / 'w.db'}", "--once")
    assert result.exit_code == 1 and "E162" in result.stderr
    bad_every = watch_cli(str(_sources(tmp_path, LocalSite())), "--every", "soon", "--once")
    assert bad_every.exit_code == 1 and "E163" in bad_every.stderr
