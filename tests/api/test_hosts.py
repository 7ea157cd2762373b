"""Host allow-list against DNS rebinding, and the idle-connection timeout of ``sitrep serve``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitrep.api import create_app
from sitrep.api.middleware import host_name


def _served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[FastAPI, dict[str, Any]]:
    """Run ``sitrep serve ARGS`` with uvicorn.run captured: the app and uvicorn's options."""
    import uvicorn

    from sitrep.cli.app import _load_commands, app

    seen: dict[str, Any] = {}

    def fake_run(application: FastAPI, **kwargs: Any) -> None:
        seen.update(kwargs, app=application)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.delenv("SITREP_ALLOWED_HOSTS", raising=False)
    _load_commands()
    result = CliRunner().invoke(app, ["serve", "--db", f"sqlite:///{tmp_path / 's.db'}", "--token", "t",
                                      *args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    application = seen.pop("app")
    return application, seen


@pytest.mark.parametrize(("args", "host", "answered"), [
    ((), "127.0.0.1:8000", True),
    ((), "localhost:8000", True),
    ((), "LOCALHOST", True),
    ((), "[::1]:8000", True),
    ((), "evil.example", False),
    ((), "evil.example:8000", False),
    ((), "127.0.0.1.evil.example", False),
    (("--host", "10.1.2.3"), "10.1.2.3:8000", True),
    (("--host", "10.1.2.3"), "sitrep.lan", False),
    (("--host", "0.0.0.0", "--allowed-host", "sitrep.lan"), "sitrep.lan:8000", True),
    (("--host", "0.0.0.0"), "0.0.0.0:8000", False),
    (("--allowed-host", "*"), "anything.example", True),
])
def test_hosts_serve_answers_only_allowed_host_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     args: tuple[str, ...], host: str, answered: bool) -> None:
    application, _options = _served(tmp_path, monkeypatch, *args)
    with TestClient(application, raise_server_exceptions=False) as client:
        r = client.get("/api/events", headers={"Host": host})
    if answered:
        assert r.status_code == 200, r.text
        return
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert list(body) == ["error"] and set(body["error"]) == {"code", "message", "detail"}
    assert body["error"]["code"] == "bad_host" and "not served here" in body["error"]["message"]
    assert r.headers["x-frame-options"] == "DENY"  # the security headers still apply


def test_hosts_serve_sets_an_idle_connection_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _app, options = _served(tmp_path, monkeypatch)
    assert 0 < options["timeout_keep_alive"] <= 30


def test_hosts_allowed_hosts_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from sitrep.cli.app import _load_commands, app

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **_kw: seen.update(app=application))
    monkeypatch.setenv("SITREP_ALLOWED_HOSTS", "a.lan b.lan")
    _load_commands()
    CliRunner().invoke(app, ["serve", "--db", f"sqlite:///{tmp_path / 's.db'}", "--token", "t"],
                       catch_exceptions=False)
    with TestClient(seen["app"], raise_server_exceptions=False) as client:
        codes = [client.get("/api/events", headers={"Host": h}).status_code for h in ("a.lan", "b.lan", "c.lan")]
    assert codes == [200, 200, 400]


@pytest.mark.parametrize(("host", "answered"), [
    ("127.0.0.1", True), ("localhost:8000", True), ("[::1]:8000", True),
    ("evil.example", False), ("testserver", False), ("localhost.evil.example", False),
])
def test_hosts_create_app_answers_only_loopback_by_default(tmp_path: Path, host: str, answered: bool) -> None:
    app = create_app(db_url=f"sqlite:///{tmp_path / 'a.db'}", token="t")
    with TestClient(app, raise_server_exceptions=False, base_url="http://127.0.0.1") as client:
        r = client.get("/api/events", headers={"Host": host})
    if answered:
        assert r.status_code == 200, r.text
        return
    assert r.status_code == 400
    body = r.json()
    assert list(body) == ["error"] and set(body["error"]) == {"code", "message", "detail"}
    assert body["error"]["code"] == "bad_host"


@pytest.mark.parametrize(("allowed", "host", "status"), [
    (["sitrep.lan"], "sitrep.lan", 200), (["sitrep.lan"], "127.0.0.1", 400), (["*"], "evil.example", 200),
])
def test_hosts_create_app_allowed_hosts_replaces_the_default(tmp_path: Path, allowed: list[str], host: str,
                                                             status: int) -> None:
    app = create_app(db_url=f"sqlite:///{tmp_path / 'a.db'}", token="t", allowed_hosts=allowed)
    with TestClient(app, raise_server_exceptions=False, base_url=f"http://{host}") as client:
        assert client.get("/api/events").status_code == status


@pytest.mark.parametrize(("header", "name"), [("Example.ORG:80", "example.org"), ("[::1]:8000", "::1"),
                                              ("::1", "::1"), ("host.lan.", "host.lan"), ("", "")])
def test_hosts_host_name_parsing(header: str, name: str) -> None:
    assert host_name(header) == name
