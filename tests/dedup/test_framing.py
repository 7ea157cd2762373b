from __future__ import annotations

import pytest

from sitrep.dedup.framing import framing_summary
from sitrep.schema import FramingFlag
from tests.helpers import make_event


def _ev(source: str | None, *terms: str, kind: str = "partisan") -> object:
    return make_event(source=source, framing=[FramingFlag(term=t, normalised=f"n-{t.lower()}", kind=kind)
                                              for t in terms])


@pytest.mark.parametrize(("events", "expected"), [
    ([_ev("ElDorar", "regime", "Regime"), _ev("ElDorar", "regime", "revolutionaries"), _ev("SANA", "terrorists")],
     {"ElDorar": [("regime", "n-regime", 2), ("revolutionaries", "n-revolutionaries", 1)],
      "SANA": [("terrorists", "n-terrorists", 1)]}),
    ([_ev("Reuters"), _ev(None, "occupied")], {"Reuters": [], "unknown source": [("occupied", "n-occupied", 1)]}),
    ([_ev("AFP", "claimed", kind="hedge")], {"AFP": []}),
])
def test_framing_summary_per_outlet(events: list, expected: dict) -> None:  # type: ignore[type-arg]
    summary = framing_summary(events)
    assert {o.source: o.top() for o in summary} == expected
