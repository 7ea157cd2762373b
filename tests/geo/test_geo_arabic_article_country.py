"""A place name with an Arabic article ('al-Maleh') folds to a country's key ('mali') but names
no country: it must not place a Syrian story's events in Mali."""

from __future__ import annotations

from datetime import date

from sitrep.pipeline import Pipeline
from sitrep.schema import Document


def test_geo_arabic_article_names_no_country() -> None:
    text = ("At least 70 fighters were killed in 24 hours of battle in Aleppo province, the monitor said "
            "on Thursday. For nearly a week regime troops have been battling for control of al-Maleh. "
            "The army withdrew from the farms of al-Maleh on Thursday.")
    doc = Pipeline()(Document(id="maleh", text=text, date=date(2016, 11, 4)))
    named = [pm.place.country for pm in doc.places if pm.span.text == "al-Maleh" and pm.place is not None]
    assert "Mali" not in named
    assert all(e.country != "Mali" for e in doc.events)
