"""A hand-written coder double: 'In PLACE, N people were killed' -> one event, no models."""

from __future__ import annotations

import hashlib
import re
import threading
from datetime import date

from sitrep.schema import Doc, Document, Event, Evidence

__all__ = ["FakeCoder"]

_PATTERN = re.compile(r"In (?P<place>[A-Z]\w+), (?P<n>\d+) people were killed[^.]*\.")
_PLACES = {"Aleppo": (36.20, 37.16, "Syria", "Aleppo"), "Nairobi": (-1.28, 36.82, "Kenya", "Nairobi"),
           "Idlib": (35.93, 36.63, "Syria", "Idlib")}


class FakeCoder:
    """Counts calls; optionally sets ``stop_after`` event once it has coded N documents."""

    def __init__(self, *, stop: threading.Event | None = None, stop_after: int | None = None) -> None:
        self.calls: list[str] = []
        self.stop = stop
        self.stop_after = stop_after

    def __call__(self, document: Document) -> Doc:
        self.calls.append(document.id)
        if "RAISE" in document.text:
            raise IndexError("stage bug")
        doc = Doc(document=document)
        for m in _PATTERN.finditer(document.text):
            lat, lon, country, admin1 = _PLACES.get(m["place"], (0.0, 0.0, "Nowhere", "Nowhere"))
            key = hashlib.sha1(f"{document.id}|{m.start()}".encode()).hexdigest()[:10]
            doc.events.append(Event(
                event_id_cnty=f"TST-{key}", event_date=document.date or date(2020, 1, 6),
                event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                actor1="Military Forces of Syria (2000-)", location=m["place"], latitude=lat,
                longitude=lon, country=country, admin1=admin1, fatalities=int(m["n"]),
                doc_id=document.id, doc_ids=[document.id],
                evidence=[Evidence(doc_id=document.id, field="trigger", start=m.start(), end=m.end(),
                                   text=m.group(0))]))
        if self.stop is not None and self.stop_after is not None and len(self.calls) >= self.stop_after:
            self.stop.set()
        return doc
