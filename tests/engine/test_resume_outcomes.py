"""A resumed run writes out exactly what the first attempt wrote: a second document reusing an id
(kept under a new id, issue 23) gets its own events on resume, never the other document's."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sitrep.config import Settings
from sitrep.engine import run_local
from sitrep.schema import Event
from sitrep.store import open_store
from tests.engine.fakes import FakePipeline


def test_resume_outcomes_renamed_duplicate_emits_its_own_events_on_resume(tmp_path: Path,
                                                                         db_url: str) -> None:
    rows = [{"id": "a", "text": "A clash at dawn.\nA clash at dusk."},
            {"id": "b", "text": "A clash in town."},
            {"id": "a", "text": "Another report under the id a: a clash."}]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    store = open_store(db_url)
    try:
        attempts: list[list[str]] = []
        for _ in range(2):
            seen: list[Event] = []
            report = run_local([path], FakePipeline(Settings()), store=store, resume=True,
                               on_events=seen.extend)
            attempts.append([e.event_id_cnty for e in seen])
        renamed = "a~" + hashlib.sha1(rows[2]["text"].encode()).hexdigest()[:8]
        assert attempts[0] == ["T-a-0", "T-a-1", "T-b-0", f"T-{renamed}-0"]
        assert attempts[1] == attempts[0]
        assert report.resumed == 3 and report.renamed == 1 and report.quarantined == []
    finally:
        store.dispose()
