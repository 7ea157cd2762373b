"""`sitrep extract` tells the truth: missing inputs fail, and the summary accounts for each input."""

from __future__ import annotations

import json
from pathlib import Path

def _flat(text: str) -> str:
    """stderr as one line (the console wraps at its width)."""
    return " ".join(text.split())


REPORT = ("Demo Desk | 9 May, 2020\n\nGovernment warplanes carried out airstrikes on the town of "
          "Ariha in Idlib on Friday, killing three civilians, rescuers said.\n")


def test_extract_missing_input_is_an_error(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "r.txt"
    good.write_text(REPORT, encoding="utf-8")
    result = cli("extract", str(good), str(tmp_path / "typo.txt"))
    assert result.exit_code == 1
    assert "typo.txt: no such file" in _flat(result.stderr)
    assert result.stdout == ""


def test_extract_summary_counts_each_outcome(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.jsonl"
    rows = [{"id": "a", "text": REPORT, "date": "2020-05-09"},
            {"id": "b", "text": "The weather was mild all week."},
            {"id": "c", "text": "Shelling \u0000 hit Ariha on Friday."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = cli("extract", str(path))
    assert result.exit_code == 0, result.stderr
    err = _flat(result.stderr)
    assert "outcomes of 3 inputs: 1 with events, 1 no event, 1 quarantined" in err
    assert "in.jsonl:3" in err and "NUL" in err


def test_extract_max_document_mb_applies_per_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.jsonl"
    rows = [{"id": "a", "text": REPORT, "date": "2020-05-09"}, {"id": "b", "text": REPORT + "x" * 3000}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = cli("extract", str(path), "--max-document-mb", "0.002")
    assert result.exit_code == 0, result.stderr
    err = _flat(result.stderr)
    assert "in.jsonl:2" in err and "max_document_bytes" in err
    assert "1 with events" in err and "1 quarantined" in err


def test_extract_undated_document_is_coded_and_counted(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.jsonl"
    rows = [{"id": "nodate", "text": "Government warplanes carried out airstrikes on the town of "
                                     "Ariha in Idlib, killing three civilians, rescuers said."},
            {"id": "stated", "text": "On 3 May 2020, government warplanes carried out airstrikes "
                                     "on the town of Ariha in Idlib, killing three civilians."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = cli("extract", str(path))
    assert result.exit_code == 0, result.stderr
    events = {e["doc_id"]: e for e in map(json.loads, result.stdout.splitlines())}
    assert events["nodate"]["event_date"] is None and events["nodate"]["time_precision"] == 3
    assert events["stated"]["event_date"] == "2020-05-03"
    err = _flat(result.stderr)
    assert "2 with events" in err and "1 documents have undated events" in err


def test_extract_same_id_other_text_is_kept_renamed_and_rerun_changes_nothing(  # type: ignore[no-untyped-def]
        cli, tmp_path: Path, db_url: str) -> None:
    import hashlib

    from sitrep.store import open_store

    other = REPORT.replace("three civilians", "five civilians").replace("Ariha", "Saraqib")
    new = "a~" + hashlib.sha1(other.encode()).hexdigest()[:8]
    path = tmp_path / "in.jsonl"
    rows = [{"id": "a", "text": REPORT, "date": "2020-05-09"},
            {"id": "a", "text": other, "date": "2020-05-09"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    counts = []
    outputs = []
    for _ in range(2):
        result = cli("extract", str(path), "--db", db_url, "--strict")
        assert result.exit_code == 0, result.stderr  # nothing quarantined
        err = _flat(result.stderr)
        assert "renamed: 1 documents whose id was taken by a different text" in err
        assert f"'a' -> '{new}'" in err
        events = [json.loads(line) for line in result.stdout.splitlines()]
        assert {e["doc_id"] for e in events} == {"a", new}
        for e in events:
            assert {ev["doc_id"] for ev in e["evidence"]} <= {e["doc_id"]}
            assert {c["doc_id"] for c in e["claims"] if c.get("doc_id")} <= {e["doc_id"]}
        outputs.append(sorted(result.stdout.splitlines()))
        store = open_store(db_url)
        try:
            counts.append((store.count("documents"), store.count("events"), store.count("quarantine")))
            assert store.stored_text(new) == other
        finally:
            store.dispose()
    assert "0 with events, 0 no event, 0 quarantined, 2 skipped" in err  # the second run's
    assert counts[0] == counts[1] and counts[0][0] == 2 and counts[0][2] == 0
    assert outputs[0] == outputs[1]


def test_extract_without_db_same_id_other_text_gets_its_own_doc_id(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = REPORT.replace("three civilians", "five civilians")
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": "a", "text": t, "date": "2020-05-09"}) + "\n"
                            for t in (REPORT, other)), encoding="utf-8")
    result = cli("extract", str(path))
    assert result.exit_code == 0, result.stderr
    ids = {json.loads(line)["doc_id"] for line in result.stdout.splitlines()}
    assert len(ids) == 2 and "a" in ids
    assert "renamed: 1 documents" in _flat(result.stderr)
