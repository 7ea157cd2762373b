"""Within-document duplicate removal: identical (date, place, sub-type, dyad) events collapse."""

from __future__ import annotations

from ..config import Settings
from ..registry import stage
from ..resources import Resources
from ..schema import Doc, Event

__all__ = ["WithinDocDedup"]


def _key(e: Event) -> tuple[object, ...]:
    return (e.event_date, e.location, e.sub_event_type, frozenset(filter(None, (e.actor1, e.actor2))))


class WithinDocDedup:
    """Stage ``dedup.v1``."""

    def __call__(self, doc: Doc) -> Doc:
        seen: dict[tuple[object, ...], Event] = {}
        for event in doc.events:
            k = _key(event)
            if k in seen:
                kept = seen[k]
                kept.evidence.extend(event.evidence)
                kept.fatalities = max(kept.fatalities or 0, event.fatalities or 0)
            else:
                seen[k] = event
        doc.events = list(seen.values())
        return doc


@stage("dedup.v1")
def make_dedup(settings: Settings, resources: Resources) -> WithinDocDedup:
    return WithinDocDedup()
