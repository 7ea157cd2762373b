"""Casualty figures: what is not a count."""

from __future__ import annotations

import pytest

from sitrep.normalise.casualties import find_figures


@pytest.mark.parametrize("text", ["The coroner confirmed that Freda Lockett, 39, was killed.",
                                  "Ahmed (12) was killed in the raid.", "A man aged 45 was shot dead."])
def test_casualties_age_is_no_count(text: str) -> None:
    assert all(f.value not in (39, 12, 45) for f in find_figures(text))
