from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.engine.inputs import estimate_total, input_identity


def test_inputs_estimate_total_counts_files_and_jsonl_lines(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>two</p>", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("skipped", encoding="utf-8")
    jsonl = tmp_path / "more.jsonl"
    jsonl.write_text('{"text": "x"}\n\n{"text": "y"}\n{"text": "z"}\n', encoding="utf-8")
    assert estimate_total([tmp_path]) == 5
    assert estimate_total([tmp_path / "a.txt", tmp_path / "missing.txt"]) == 2


@pytest.mark.parametrize("name", ["-", "feed.csv"])
def test_inputs_estimate_total_unknown_for_stdin_and_csv(tmp_path: Path, name: str) -> None:
    (tmp_path / "feed.csv").write_text("text\na\nb\n", encoding="utf-8")
    target = name if name == "-" else str(tmp_path / name)
    assert estimate_total([target]) is None


def test_inputs_identity_changes_when_a_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("one", encoding="utf-8")
    before = input_identity([tmp_path])
    path.write_text("one, changed", encoding="utf-8")
    assert input_identity([tmp_path]) != before
    assert before[0][0] == str(path.resolve())
