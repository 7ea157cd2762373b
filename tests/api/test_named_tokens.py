"""Reviewer identity per token: named tokens (``--token NAME=SECRET``, ``$SITREP_API_TOKENS``,
``--tokens-file``) whose name the audit records, never a name the request states; the single
token keeps working as ``default``; bad token settings are refused before serving."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitrep.api import create_app
from sitrep.api.deps import install_tokens, parse_tokens
from sitrep.errors import ConfigError
from tests.api.seed import TOKEN, seed_docs

ANA, BOB = "ana-secret-0001", "bob-secret-0002"


def _app(db_url: str, *, single: str | None = TOKEN) -> FastAPI:
    app = create_app(db_url=db_url, token=single)
    install_tokens(app.state.sitrep, {"ana": ANA, "bob": BOB})
    for doc in seed_docs():
        app.state.sitrep.store.add(doc)
    return app


def _patch(client: TestClient, event_id: str, secret: str, **body: Any) -> Any:
    return client.patch(f"/api/events/{event_id}", json={"action": "accept", **body},
                        headers={"Authorization": f"Bearer {secret}"})


def test_named_tokens_audit_names_the_token_not_the_request(db_url: str) -> None:
    with TestClient(_app(db_url), base_url="http://127.0.0.1") as client:
        r = _patch(client, "SYR-1", ANA, reviewer="someone else")
        assert r.status_code == 200, r.text
        assert [a["who"] for a in r.json()["audit"]] == ["ana"]
        assert [a["who"] for a in _patch(client, "SYR-2", BOB).json()["audit"]] == ["bob"]
        assert [a["who"] for a in _patch(client, "UKR-1", TOKEN).json()["audit"]] == ["default"]
        bulk = client.post("/api/events/review", json={"action": "reject", "ids": ["KEN-1"]},
                           headers={"Authorization": f"Bearer {BOB}"})
        assert bulk.json()["by"] == "bob"
        assert [a["who"] for a in client.get("/api/events/KEN-1").json()["audit"]] == ["bob"]
        for wrong in (ANA[:-1], ANA + "x", "ana", f"ana={ANA}", ""):
            assert _patch(client, "SYR-1", wrong).status_code == 401


def test_named_tokens_generated_default_is_not_accepted(tmp_path: Path) -> None:
    app = _app(f"sqlite:///{tmp_path / 'g.db'}", single=None)
    state = app.state.sitrep
    assert state.token_generated
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert _patch(client, "SYR-1", state.token).status_code == 401
        assert _patch(client, "SYR-1", ANA).status_code == 200


@pytest.mark.parametrize(("values", "named", "single"), [
    (["s3cret"], {}, "s3cret"),
    (["ana=a1", "bob.b@x=b2", "# a comment", "", "plain"], {"ana": "a1", "bob.b@x": "b2"}, "plain"),
    (["pad=="], {}, "pad=="),  # a base64 secret with padding is a bare token
])
def test_named_tokens_parse(values: list[str], named: dict[str, str], single: str | None) -> None:
    assert parse_tokens(values) == (named, single)


@pytest.mark.parametrize("values", [["one", "two"], ["ana=a1", "ana=a2"], ["ana=same", "bob=same"]])
def test_named_tokens_parse_refuses_ambiguity(values: list[str]) -> None:
    with pytest.raises(ConfigError):
        parse_tokens(values)


def _serve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[Any, FastAPI | None]:
    import uvicorn

    from sitrep.cli.app import _load_commands, app

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **_kw: seen.update(app=application))
    _load_commands()
    result = CliRunner().invoke(app, ["serve", "--db", f"sqlite:///{tmp_path / 's.db'}", *args])
    return result, seen.get("app")


def test_named_tokens_from_serve_options_env_and_file(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITREP_API_TOKEN", raising=False)
    monkeypatch.setenv("SITREP_API_TOKENS", "cy=cy-secret, dee=dee-secret")
    tokens = tmp_path / "tokens"
    tokens.write_text("# reviewers\neve=eve-secret\n", encoding="utf-8")
    result, app = _serve(tmp_path, monkeypatch, "--token", f"ana={ANA}", "--token", "single-one",
                         "--tokens-file", str(tokens))
    assert result.exit_code == 0, result.output
    assert app is not None
    state = app.state.sitrep
    assert state.tokens == {"ana": ANA, "cy": "cy-secret", "dee": "dee-secret", "eve": "eve-secret"}
    assert state.token == "single-one" and not state.token_generated
    assert "ana" in result.output and ANA not in result.output  # names shown, secrets never

    monkeypatch.delenv("SITREP_API_TOKENS")
    result, app = _serve(tmp_path, monkeypatch, "--token", "ana=x1", "--token", "ana=x2")
    assert result.exit_code == 1 and app is None
    assert "E141" in result.output and "given twice" in result.output
