"""Property-based fuzzing of every ingest format, the whole pipeline, and the store.

Short profile in `make test`; `make fuzz` runs the long profile (SITREP_FUZZ=long: 4,000 random-byte
and 4,000 text cases over the ingest formats, 2,500 pipeline cases, 1 MB lines, and 10,500
generated inputs through `sitrep extract --db` on SQLite and PostgreSQL). Every input must end as a
Document or a QuarantineItem with a reason; every document must come out of the pipeline as events
or "no event", never an exception; and a run into a database must give every input exactly the
outcome it deserves (tests/hardening/fuzzcorpus.py decides it when writing the input).
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.ingest.readers import read_path
from sitrep.pipeline import Pipeline
from sitrep.schema import Document, QuarantineItem
from tests.hardening.fuzzcorpus import Expected, write_fuzz_corpus

LONG = os.environ.get("SITREP_FUZZ") == "long"
N_INGEST = 4000 if LONG else 60
N_PIPE = 2500 if LONG else 40
N_STORE = 10_500 if LONG else 250
COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                    HealthCheck.too_slow], derandomize=not LONG)
EXTS = [".txt", ".html", ".jsonl", ".csv", ".rss", ".xml", ".tsv", ""]

_PIPE: dict[str, Pipeline] = {}


def _pipeline() -> Pipeline:
    if "p" not in _PIPE:
        _PIPE["p"] = Pipeline()
    return _PIPE["p"]


war_words = st.sampled_from([
    "killed", "wounded", "shelled", "airstrike", "clashes", "protesters", "Aleppo", "al-Masharqa",
    "on Thursday", "yesterday", "a few days ago", "31 February", "1e309", "999999", "dozens",
    "at least", "regime", "the Resistance", "would", "if", "not", "denied", "\u200f", "قتل", "خمسة",
    "\n", "\n\n", ".", ",", "“", "”", "0", "-1", "10 to 15", "hundreds", "Sha'hed", "’",
])
texty = st.lists(st.one_of(war_words, st.text(max_size=12)), max_size=60).map(" ".join)


def _check_items(items: list[Document | QuarantineItem]) -> None:
    assert items, "an input vanished without a document or a quarantine entry"
    for item in items:
        if isinstance(item, QuarantineItem):
            assert item.reason.strip()
            assert "\x00" not in (item.raw or "")
        else:
            assert isinstance(item, Document) and item.text.strip()


@settings(max_examples=N_INGEST, **COMMON)
@given(data=st.binary(max_size=3000), ext=st.sampled_from(EXTS))
def test_fuzz_random_bytes_every_format(tmp_path: Path, data: bytes, ext: str) -> None:
    path = tmp_path / f"in{ext}"
    path.write_bytes(data)
    _check_items(list(read_path(path)))


@settings(max_examples=N_INGEST, **COMMON)
@given(text=texty, ext=st.sampled_from(EXTS))
def test_fuzz_text_every_format(tmp_path: Path, text: str, ext: str) -> None:
    path = tmp_path / f"in{ext}"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    _check_items(list(read_path(path)))


@settings(max_examples=N_PIPE, **COMMON)
@given(text=texty.filter(lambda t: t.strip()), pub=st.one_of(st.none(), st.dates()))
def test_fuzz_pipeline_never_crashes(text: str, pub: date | None) -> None:
    doc = _pipeline()(Document(id="fuzz", text=text, date=pub))
    for event in doc.events:
        assert event.event_type and event.sub_event_type
        assert event.fatalities is None or event.fatalities >= 0
        for ev in event.evidence:
            assert 0 <= ev.start <= ev.end <= len(text)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # 1 MB single line in the long profile; ~200 KB in the suite (same code path, linear time)
        ("long-line.txt", ("Shelling killed 3 in Idlib on Monday. " * (30000 if LONG else 5000)).encode()),
        ("nested.html", b"<html><body>" + b"<div>" * 5000 + b"Clashes in Taiz" + b"</div>" * 5000 + b"</body></html>"),
        ("deep.jsonl", b'{"text": ' + b"[" * 100000 + b"]" * 100000 + b"}\n"),
        ("huge-number.txt", b"Officials said 1" + b"0" * 400 + b" people were killed on Monday."),
        ("bad-date.jsonl", b'{"text": "Clashes on Monday.", "date": "2016-02-31"}\n'),
        ("mixed.txt", "قصف on Thursday 五 killed ١٢ people in حلب".encode()),
    ],
)
def test_fuzz_pathological_inputs_end_accounted(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    items = list(read_path(path))
    _check_items(items)
    for item in items:
        if isinstance(item, Document):
            _pipeline()(item)


_OUTCOMES = re.compile(r"outcomes of (\d+) inputs: (\d+) with events, (\d+) no event, (\d+) quarantined, "
                       r"(\d+) skipped")


def _outcomes(stderr: str) -> dict[str, int]:
    """The reconciliation line of `sitrep extract` (stderr wraps at the console width)."""
    found = _OUTCOMES.search(" ".join(stderr.split()))
    assert found, stderr[-2000:]
    return dict(zip(("inputs", "events", "no event", "quarantined", "skipped"),
                    map(int, found.groups()), strict=True))


def _renamed(stderr: str) -> int:
    """The documents `sitrep extract` says it kept under a new id (0 when it says nothing)."""
    found = re.search(r"renamed: (\d+) documents whose id was taken", " ".join(stderr.split()))
    return int(found.group(1)) if found else 0


def _lines(path: Path) -> list[str]:
    """JSONL lines (split on \\n only: U+2028 inside a JSON string is no line break)."""
    return [line for line in path.read_text(encoding="utf-8").split("\n") if line]


def _rows(db_url: str) -> dict[str, int]:
    from sitrep.store import open_store

    store = open_store(db_url)
    try:
        return {t: store.count(t) for t in ("documents", "events", "event_documents", "evidence",
                                            "claims", "quarantine")}
    finally:
        store.dispose()


def test_fuzz_store_every_input_has_its_outcome_on_both_databases(tmp_path: Path, db_url: str) -> None:
    """Generated JSONL, CSV and text files through `sitrep extract --db` (the real pipeline): no
    crash, exit 0, each input exactly one outcome matching what was generated, and a second run
    (with --strict: exit 2 for the quarantined) stores nothing twice."""
    from typer.testing import CliRunner

    from sitrep.cli.app import _load_commands, app

    _load_commands()
    want = write_fuzz_corpus(tmp_path / "in", N_STORE, seed=int(os.environ.get("SITREP_FUZZ_SEED", "0")))
    runner = CliRunner()
    first = runner.invoke(app, ["extract", str(tmp_path / "in"), "--db", db_url,
                                "-o", str(tmp_path / "1.jsonl")], catch_exceptions=False)
    assert first.exit_code == 0, first.stderr[-2000:]
    got = _outcomes(first.stderr)
    assert got["inputs"] == want.inputs, (got, want)
    assert got["events"] + got["no event"] == want.documents, (got, want)
    assert (got["quarantined"], got["skipped"]) == (want.quarantined, want.skipped), (got, want)
    assert _renamed(first.stderr) == want.renamed, (first.stderr[-2000:], want)
    assert "have no outcome" not in first.stderr
    rows = _rows(db_url)
    assert rows["documents"] == want.documents
    assert rows["quarantine"] == want.quarantined
    # storing merges by default: each document's own events are written out, the store holds
    # them merged across documents, consistently with its merge log
    assert 0 < rows["events"] <= len(set(_lines(tmp_path / "1.jsonl")))
    from sitrep.store import open_store
    from sitrep.store.invariants import check_invariants

    store = open_store(db_url)
    try:
        assert check_invariants(store) == []
    finally:
        store.dispose()
    assert got["events"] > 0 and got["no event"] > 0

    again = runner.invoke(app, ["extract", str(tmp_path / "in"), "--db", db_url, "--strict",
                                "-o", str(tmp_path / "2.jsonl")], catch_exceptions=False)
    assert again.exit_code == 2, again.stderr[-2000:]  # --strict: inputs were quarantined
    got2 = _outcomes(again.stderr)
    assert got2 == {"inputs": want.inputs, "events": 0, "no event": 0,
                    "quarantined": want.quarantined, "skipped": want.documents + want.skipped}
    assert _rows(db_url) == rows  # nothing stored twice, no quarantine row repeated
    assert _renamed(again.stderr) == want.renamed  # found stored under the same new ids
    assert set(_lines(tmp_path / "2.jsonl")) == set(_lines(tmp_path / "1.jsonl"))
    _report_figures(db_url, want, got)


def _report_figures(db_url: str, want: Expected, got: dict[str, int]) -> None:
    """Append this run's figures to $SITREP_FUZZ_REPORT (a JSON list), for the stress benchmark."""
    target = os.environ.get("SITREP_FUZZ_REPORT")
    if not target:
        return
    path = Path(target)
    runs = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    runs.append({"database": db_url.split(":", 1)[0].split("+", 1)[0], "inputs": got["inputs"],
                 "outcomes": got, "files": want.files, "kinds": want.kinds,
                 "crashes": 0, "without_outcome": 0})
    path.write_text(json.dumps(runs, indent=1), encoding="utf-8")
