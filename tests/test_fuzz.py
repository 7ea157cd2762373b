"""Property-based fuzzing of every ingest format and the whole pipeline.

Short profile in `make test`; `make fuzz` runs the long profile (SITREP_FUZZ=long: 4,000 random-byte
and 4,000 text cases over the ingest formats, 2,500 pipeline cases, 1 MB lines). Every input must
end as a Document or a QuarantineItem with a reason; every document must come out of the pipeline
as events or "no event", never an exception.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.ingest.readers import read_path
from sitrep.pipeline import Pipeline
from sitrep.schema import Document, QuarantineItem

LONG = os.environ.get("SITREP_FUZZ") == "long"
N_INGEST = 4000 if LONG else 60
N_PIPE = 2500 if LONG else 40
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
