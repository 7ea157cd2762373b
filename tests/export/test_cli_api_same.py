"""``sitrep export`` and ``GET /api/export`` give the same events for the same filters."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitrep.api import create_app
from sitrep.cli.app import _load_commands, app
from sitrep.store.review import review_event
from tests.api.seed import TOKEN, seed_docs

#: (CLI options, API query) pairs naming the same filters
CASES = [
    ([], {}),
    (["--country", "syria"], {"country": "syria"}),
    (["--country", "SYRIA", "--min-fatalities", "6"], {"country": "SYRIA", "min_fatalities": 6}),
    (["--min-fatalities", "3"], {"min_fatalities": 3}),
    (["--q", "killed"], {"q": "killed"}),
    (["--q", "tear gas"], {"q": "tear gas"}),
    (["--status", "rejected"], {"status": "rejected"}),
    (["--status", "new", "--country", "Syria"], {"status": "new", "country": "Syria"}),
]


@pytest.fixture
def seeded(db_url: str) -> TestClient:
    api = create_app(db_url=db_url, token=TOKEN)
    store = api.state.sitrep.store
    for doc in seed_docs():
        store.add(doc)
    review_event(store, "SYR-1", action="reject", who="ana")
    return TestClient(api, base_url="http://127.0.0.1")


def _cli_ids(db_url: str, options: list[str]) -> set[str]:
    _load_commands()
    result = CliRunner().invoke(app, ["export", "--db", db_url, "--format", "jsonl", *options],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return {json.loads(line)["event_id_cnty"] for line in result.stdout.splitlines() if line.strip()}


@pytest.mark.parametrize(("options", "query"), CASES)
def test_cli_export_matches_api_export(seeded: TestClient, db_url: str, options: list[str],
                                       query: dict[str, object]) -> None:
    r = seeded.get("/api/export", params={**query, "format": "jsonl"})
    assert r.status_code == 200, r.text
    api_ids = {json.loads(line)["event_id_cnty"] for line in r.text.splitlines() if line.strip()}
    assert _cli_ids(db_url, options) == api_ids


def test_cli_export_leaves_rejected_events_out(seeded: TestClient, db_url: str) -> None:
    assert _cli_ids(db_url, []) == {"SYR-2", "UKR-1", "KEN-1"}
    assert _cli_ids(db_url, ["--status", "rejected"]) == {"SYR-1"}
    assert _cli_ids(db_url, ["--country", "syria"]) == {"SYR-2"}
    assert _cli_ids(db_url, ["--q", "killed"]) == {"SYR-2"}  # SYR-1 shares the report, rejected


def test_cli_export_refuses_an_unknown_status(seeded: TestClient, db_url: str) -> None:
    _load_commands()
    result = CliRunner().invoke(app, ["export", "--db", db_url, "--status", "banana"])
    assert result.exit_code != 0 and "--status" in result.output
