"""One validation layer: the readers, the API models and the store apply the same rules, and a
bad line or row costs itself only."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from sitrep.ingest import read_path
from sitrep.schema import Document, QuarantineItem

GOOD = "Gunmen killed two farmers near Jos on Sunday, police said."


def _jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("field", "row"),
    [
        ("text", {"id": "bad", "text": "Shelling \ud800 in Idlib"}),
        ("text", {"id": "bad", "text": "Shelling \u0000 in Idlib"}),
        ("id", {"id": "x" * 256, "text": GOOD}),
        ("source", {"id": "bad", "text": GOOD, "source": "s" * 501}),
        ("language", {"id": "bad", "text": GOOD, "language": "l" * 17}),
        ("country", {"id": "bad", "text": GOOD, "country": "c" * 121}),
        ("id", {"id": " ", "text": GOOD}),
    ],
)
def test_validate_jsonl_bad_field_quarantines_that_line_only(tmp_path: Path, field: str,
                                                             row: dict[str, object]) -> None:
    path = _jsonl(tmp_path / "d.jsonl", [{"id": "a", "text": GOOD}, row, {"id": "c", "text": GOOD}])
    items = list(read_path(path))
    assert [type(i).__name__ for i in items] == ["Document", "QuarantineItem", "Document"]
    bad = items[1]
    assert isinstance(bad, QuarantineItem)
    assert (bad.origin, bad.line) == (str(path), 2)
    assert f"'{field}'" in bad.reason
    assert "\x00" not in (bad.raw or "") and (bad.raw or "").encode("utf-8")


def test_validate_latin1_byte_in_a_long_jsonl_costs_one_line(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"d{i}", "text": f"{GOOD} ({i})"}).encode() for i in range(2001)]
    lines[1000] = '{"id": "d1000", "text": "Caf\u00e9 bombed"}'.encode("latin-1")
    path = tmp_path / "big.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = list(read_path(path))
    bad = [i for i in items if isinstance(i, QuarantineItem)]
    assert len(items) == 2001 and len(bad) == 1
    assert bad[0].line == 1001 and "UTF-8" in bad[0].reason


def test_validate_csv_nul_costs_one_row(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(b"id,text\na," + GOOD.encode() + b"\nb,Bomb\x00blast in Aden\nc,"
                     + GOOD.encode() + b"\n")
    items = list(read_path(path))
    assert [type(i).__name__ for i in items] == ["Document", "QuarantineItem", "Document"]
    assert isinstance(items[1], QuarantineItem) and items[1].line == 3
    assert "NUL" in items[1].reason and "'text'" in items[1].reason


def test_validate_csv_invalid_utf8_costs_one_row(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(b"id,text\na," + GOOD.encode() + b"\nb,Caf\xe9 bombed\nc," + GOOD.encode() + b"\n")
    items = list(read_path(path))
    assert [type(i).__name__ for i in items] == ["Document", "QuarantineItem", "Document"]
    assert isinstance(items[1], QuarantineItem) and "0xE9" in items[1].reason


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\u0085"])
def test_validate_jsonl_splits_on_newline_only(tmp_path: Path, sep: str) -> None:
    text = f"Clashes in Marib.{sep}Two fighters were killed."
    path = tmp_path / "d.jsonl"
    path.write_bytes((json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n").encode())
    (doc,) = list(read_path(path))
    assert isinstance(doc, Document) and doc.text == text


def test_validate_size_limit_is_per_line_not_per_file(tmp_path: Path) -> None:
    rows = [{"id": f"d{i}", "text": f"{GOOD} {i}"} for i in range(50)]
    rows[7]["text"] = "x " * 400
    path = _jsonl(tmp_path / "d.jsonl", rows)
    assert path.stat().st_size > 500
    items = list(read_path(path, max_bytes=500))
    bad = [i for i in items if isinstance(i, QuarantineItem)]
    assert len(items) == 50 and [b.line for b in bad] == [8]
    assert "max_document_bytes" in bad[0].reason


def test_validate_large_text_file_is_refused_as_one_document(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(GOOD * 20, encoding="utf-8")
    (item,) = list(read_path(path, max_bytes=100))
    assert isinstance(item, QuarantineItem) and "max_document_bytes" in item.reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_validate_links_and_fifos_in_a_folder_get_a_reason(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop1.txt").symlink_to(folder / "loop2.txt")
    (folder / "loop2.txt").symlink_to(folder / "loop1.txt")
    os.mkfifo(folder / "pipe.txt")
    items = list(read_path(folder))
    reasons = {Path(i.origin).name: i.reason for i in items if isinstance(i, QuarantineItem)}
    assert "dangling" in reasons["dangling.txt"]
    assert "loop" in reasons["loop1.txt"] and "loop" in reasons["loop2.txt"]
    assert "FIFO" in reasons["pipe.txt"]
    assert sum(isinstance(i, Document) for i in items) == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [("text", "a\x00b"), ("text", "a\ud800b"), ("id", "x" * 256), ("source", "s" * 501),
     ("id", "   ")],
)
def test_validate_api_model_and_readers_share_the_rules(field: str, value: str) -> None:
    from sitrep.api.models import DocumentCreate
    from sitrep.ingest.validate import FIELD_LIMITS, document_problem

    fields = {"id": "ok", "text": GOOD, field: value}
    assert document_problem(Document(**fields)) is not None  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        DocumentCreate(**fields)  # type: ignore[arg-type]
    assert DocumentCreate(id="x" * FIELD_LIMITS["id"], text=GOOD, source="s" * FIELD_LIMITS["source"])
