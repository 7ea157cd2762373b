"""Per-document isolation from the reader to the store, the same on SQLite and PostgreSQL, and an
end-of-run reconciliation that accounts for every input item."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from sitrep.config import Settings
from sitrep.engine import run_local, run_with
from sitrep.engine.core import Job, Result, consume, in_process, plan_jobs
from sitrep.engine.ids import DocumentIds
from sitrep.store import open_store
from tests.engine.fakes import FakePipeline

TEXT = "A clash in town {n}.\n"


def _jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _counts(report: object) -> dict[str, int]:
    return dict(report.outcomes)  # type: ignore[attr-defined]


def test_isolation_bad_values_are_quarantined_alike_on_every_database(tmp_path: Path,
                                                                      db_url: str) -> None:
    rows: list[dict[str, object]] = [{"id": f"ok{i}", "text": TEXT.format(n=i)} for i in range(3)]
    rows += [
        {"id": "sur", "text": "A clash \ud800 here.\n"},
        {"id": "nul", "text": "A clash \u0000 here.\n"},
        {"id": "L" * 256, "text": "A clash, long id.\n"},
        {"id": "src", "text": "A clash, long source.\n", "source": "s" * 501},
    ]
    rows.append({"id": "ok9", "text": TEXT.format(n=9)})
    path = _jsonl(tmp_path / "in.jsonl", rows)
    store = open_store(db_url)
    try:
        for _ in range(2):  # a re-run neither crashes nor duplicates
            report = run_local([path], FakePipeline(Settings()), store=store)
            assert sorted(q.line or 0 for q in report.quarantined) == [4, 5, 6, 7]
            assert report.unaccounted == []
        assert sorted(store.document_ids()) == ["ok0", "ok1", "ok2", "ok9"]
        assert store.count("events") == 4
        assert len(store.quarantined()) == 4
    finally:
        store.dispose()


def test_isolation_storage_error_on_one_document_does_not_stop_the_run(tmp_path: Path,
                                                                      db_url: str) -> None:
    # FakeStage names events after the first 16 characters of the id: these two collide
    rows = [{"id": "same-prefix-0000-a", "text": "A clash here.\n"},
            {"id": "same-prefix-0000-b", "text": "A clash there.\n"},
            {"id": "other", "text": "A clash elsewhere.\n"}]
    path = _jsonl(tmp_path / "in.jsonl", rows)
    store = open_store(db_url)
    try:
        report = run_local([path], FakePipeline(Settings()), store=store)
        assert sorted(store.document_ids()) == ["other", "same-prefix-0000-a"]
        (item,) = report.quarantined
        assert item.line == 2 and "storage failed" in item.reason
        assert "same-prefix-0000-b" in item.reason
        assert _counts(report) == {"events": 2, "quarantined": 1}
    finally:
        store.dispose()


def test_isolation_same_id_different_text_is_kept_same_text_skipped(tmp_path: Path,
                                                                    db_url: str) -> None:
    first = _jsonl(tmp_path / "a.jsonl", [{"id": "d1", "text": "A clash here.\n"}])
    same = _jsonl(tmp_path / "b.jsonl", [{"id": "d1", "text": "A clash here.\n"}])
    other = _jsonl(tmp_path / "c.jsonl", [{"id": "d1", "text": "A clash somewhere else.\n"}])
    store = open_store(db_url)
    try:
        run_local([first], FakePipeline(Settings()), store=store)
        again = run_local([same], FakePipeline(Settings()), store=store)
        assert again.quarantined == [] and again.skipped_existing == 1
        kept = run_local([other], FakePipeline(Settings()), store=store)
        assert kept.quarantined == [] and _counts(kept) == {"events": 1} and kept.renamed == 1
        (new,) = set(store.document_ids()) - {"d1"}
        assert new.startswith("d1~") and store.stored_text(new) == "A clash somewhere else.\n"
        # both in one run, the second one planned before the first is stored (workers plan ahead)
        both = _jsonl(tmp_path / "d.jsonl", [{"id": "d2", "text": "A clash one.\n"},
                                             {"id": "d2", "text": "A clash two.\n"}])
        ids = DocumentIds(store)
        jobs = list(plan_jobs([both], settings=Settings(), store=store, ids=ids))
        results = list(in_process(FakePipeline(Settings()))(jobs))
        report = consume(results, store=store, ids=ids)
        assert report.quarantined == [] and report.renamed == 1
        assert store.stored_text("d2") == "A clash one.\n"
        assert len(store.document_ids()) == 4 and store.count("quarantine") == 0
    finally:
        store.dispose()


def test_isolation_reconciliation_names_items_without_outcome(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "in.jsonl", [{"id": f"d{i}", "text": TEXT.format(n=i)} for i in range(4)]
                  + [{"id": "quiet", "text": "Nothing happened.\n"}, {"id": "bad"}])
    pipeline = FakePipeline(Settings())
    coded = in_process(pipeline)

    def lossy(jobs: Iterable[tuple[int, Job]]) -> Iterator[tuple[int, Result]]:
        for ordinal, result in coded(jobs):
            if ordinal != 2:  # a mapper that loses one item
                yield ordinal, result

    report = run_with([path], pipeline, lossy)
    assert report.unaccounted == [2]
    assert _counts(report) == {"events": 3, "no event": 1, "quarantined": 1}
    assert report.no_event_reasons == {"no event mention found": 1}
    whole = run_with([path], pipeline, coded)
    assert whole.unaccounted == [] and sum(whole.outcomes.values()) == 6
