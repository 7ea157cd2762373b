"""Per-outlet framing summary: which partisan terms each source uses, and how often.

Works on *reports* (events as one document coded them), because a merged event's framing is the
union over its outlets. Shown alongside a merged event (``framing_summary(cluster_reports)``) or
over a whole corpus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..schema import Event

__all__ = ["OutletFraming", "framing_summary"]


@dataclass
class OutletFraming:
    """One outlet's partisan vocabulary: term -> (neutral form, count of events using it)."""

    source: str
    events: int = 0
    terms: Counter[str] = field(default_factory=Counter)
    normalised: dict[str, str] = field(default_factory=dict)

    def top(self, n: int = 10) -> list[tuple[str, str, int]]:
        """(term, neutral form, count), most used first."""
        return [(t, self.normalised.get(t, ""), c) for t, c in self.terms.most_common(n)]


def framing_summary(reports: Iterable[Event], *, kinds: tuple[str, ...] = ("partisan",)
                    ) -> list[OutletFraming]:
    """Summarise framing flags per source (an event counts once per term).

    kinds: which FramingFlag kinds to count.
    """
    out: dict[str, OutletFraming] = {}
    for e in reports:
        source = e.source or "unknown source"
        of = out.setdefault(source, OutletFraming(source))
        of.events += 1
        terms = {f.term.casefold(): f.normalised for f in e.framing if f.kind in kinds}
        for term, norm in terms.items():
            of.terms[term] += 1
            of.normalised.setdefault(term, norm)
    return sorted(out.values(), key=lambda o: (-o.events, o.source))
