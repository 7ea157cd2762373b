from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import sitrep.web
from sitrep.api import create_app
from sitrep.api.app import TOKEN_ENV


def _client(tmp_path: Path, **kwargs: object) -> TestClient:
    app = create_app(db_url=f"sqlite:///{tmp_path / 'app.db'}", **kwargs)  # type: ignore[arg-type]
    return TestClient(app, raise_server_exceptions=False, base_url="http://127.0.0.1")


@pytest.mark.parametrize(("origins", "allowed"), [((), None), (("http://localhost:3000",),
                                                               "http://localhost:3000")])
def test_app_cors_is_off_unless_configured(tmp_path: Path, origins: tuple[str, ...],
                                           allowed: str | None) -> None:
    client = _client(tmp_path, token="t", cors_origins=origins)
    pre = client.options("/api/events", headers={"Origin": "http://localhost:3000",
                                                 "Access-Control-Request-Method": "PATCH"})
    assert pre.headers.get("access-control-allow-origin") == allowed
    got = client.get("/api/events", headers={"Origin": "http://localhost:3000"})
    assert got.headers.get("access-control-allow-origin") == allowed


@pytest.mark.parametrize(("given", "env", "generated"), [("abc", None, False), (None, "from-env", False),
                                                         (None, None, True)])
def test_app_token_is_given_from_env_or_generated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  given: str | None, env: str | None,
                                                  generated: bool) -> None:
    if env is None:
        monkeypatch.delenv(TOKEN_ENV, raising=False)
    else:
        monkeypatch.setenv(TOKEN_ENV, env)
    client = _client(tmp_path, token=given)
    state = client.app.state.sitrep  # type: ignore[attr-defined]
    assert state.token_generated is generated
    assert state.token == (given or env or state.token) and len(state.token) >= 3
    if generated:
        assert len(state.token) >= 24
    no = client.patch("/api/events/X", json={"action": "accept"})
    yes = client.patch("/api/events/X", json={"action": "accept"},
                       headers={"Authorization": f"Bearer {state.token}"})
    assert (no.status_code, yes.status_code) == (401, 404)


def test_app_openapi_documents_every_route(tmp_path: Path) -> None:
    spec = _client(tmp_path, token="t").get("/api/openapi.json").json()
    assert {"/api/events", "/api/events/points", "/api/events/{event_id}", "/api/documents",
            "/api/documents/{doc_id}", "/api/export", "/api/health"} <= set(spec["paths"])
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            assert op.get("summary"), f"{method.upper()} {path} has no summary"
    assert spec["paths"]["/api/events/{event_id}"]["patch"]["security"]


def test_app_serves_the_ui_offline(tmp_path: Path) -> None:
    client = _client(tmp_path, token="t")
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    static = Path(sitrep.web.__file__).parent
    files = [p for p in static.rglob("*") if p.suffix in {".html", ".js", ".css"}]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8").replace('"http://www.w3.org/2000/svg"', "")
        assert "http://" not in text and "https://" not in text, f"{path.name} loads from the web"
    for name in ("app.js", "style.css"):
        assert client.get(f"/static/{name}").status_code == 200


def test_app_health_reports_counts(tmp_path: Path) -> None:
    body = _client(tmp_path, token="t").get("/api/health").json()
    assert body["status"] == "ok" and body["database"] == "sqlite"
    assert (body["events"], body["documents"]) == (0, 0)
