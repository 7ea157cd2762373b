"""A place name with an Arabic article ('al-Maleh') folds to a country's key ('mali') but names
no country: it must not place a Syrian story's events in Mali."""

from __future__ import annotations

from datetime import date

import pytest

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


@pytest.mark.parametrize(("text", "span"), [
    ("He was killed in Deir ez-Zor on Monday.", "Deir ez-Zor"),
    ("Fighting near Tell es-Sultan went on.", "Tell es-Sultan"),
    ("A blast hit Deir ed-Dahab.", "Deir ed-Dahab"),
])
def test_geo_hyphenated_arabic_articles_stay_in_the_name(text: str, span: str) -> None:
    from sitrep.geo.spans import find_spans

    assert span in [s.text for s in find_spans(text)]
