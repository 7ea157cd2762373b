from __future__ import annotations

import pytest

from sitrep.nlp.segment import segment_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Clashes in Taiz. Two were killed.", ["Clashes in Taiz.", "Two were killed."]),
        ("Gen. Haftar said so. Then he left.", ["Gen. Haftar said so.", "Then he left."]),
        ("Headline here\n\nBody one. Body two.", ["Headline here", "Body one.", "Body two."]),
        ("قتل خمسة مدنيين. وأصيب آخرون", ["قتل خمسة مدنيين.", "وأصيب آخرون"]),
        ("", []),
    ],
)
def test_segment_splits_and_keeps_offsets(text: str, expected: list[str]) -> None:
    sents = segment_text(text)
    assert [s.text for s in sents] == expected
    for s in sents:
        assert text[s.start:s.end] == s.text
