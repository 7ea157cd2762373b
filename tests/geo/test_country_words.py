"""Issue 22, rule ``learnt-country-words``: ``sitrep train`` learns the words that tell its export's
countries apart, and a report that names no place is read in the country its words point to."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.config import Settings
from sitrep.errors import ResourceError
from sitrep.geo.gazetteer import MemoryGazetteer, PlaceRecord
from sitrep.geo.learn import COUNTRY_WORDS, fit_country_words, harvest, load_country_words
from sitrep.geo.stage import Geocoder
from sitrep.nlp.segment import segment_text
from sitrep.resources import Resources
from sitrep.schema import Doc, Document, EventCandidate, Span

_ACTS = ("staged a protest", "held a rally", "blocked a road", "marched to the office",
         "began a sit-in", "called a strike")


def _rows() -> list[dict[str, str]]:
    rows = []
    for i in range(36):
        act = _ACTS[i % len(_ACTS)]
        rows.append({"notes": f"Members of the Jatiyo Krishak Dal {act} during the hartal in the upazila.",
                     "country": "Bangladesh", "iso3": "BGD", "location": "", "latitude": "", "longitude": ""})
        rows.append({"notes": f"Workers of the Madhesi Morcha {act} during the bandh in the gaunpalika.",
                     "country": "Nepal", "iso3": "NPL", "location": "", "latitude": "", "longitude": ""})
    return rows


GAZ = MemoryGazetteer([
    PlaceRecord(uid="c:BD", name="Bangladesh", lat=23.7, lon=90.4, kind="country", cc="BD",
                country="Bangladesh", population=160_000_000),
    PlaceRecord(uid="c:NP", name="Nepal", lat=27.7, lon=85.3, kind="country", cc="NP",
                country="Nepal", population=29_000_000),
])


def _geocode(text: str, model_dir: Path | None) -> Doc:
    resources = Resources(Settings(model_dir=model_dir))
    resources.put("geo.gazetteer", GAZ)
    doc = Doc(document=Document(id="t", text=text))
    doc.sentences = segment_text(text)
    i = text.index("rally")
    doc.candidates.append(EventCandidate(sentence_index=0, trigger=Span(start=i, end=i + 5, text="rally"),
                                         event_type="Protests", sub_event_type="Peaceful protest"))
    return Geocoder(resources)(doc)


def test_learnt_words_point_to_their_country() -> None:
    model = fit_country_words(_rows())
    assert model is not None and sorted(model.classes_) == ["BD", "NP"]
    votes = model.votes("The Madhesi Morcha called a bandh.")
    assert max(votes, key=lambda cc: votes[cc]) == "NP"
    assert model.votes("   ") == {}


def test_words_that_say_nothing_cast_no_vote() -> None:
    model = fit_country_words(_rows())
    assert model is not None and model.shares == {"BD": 0.5, "NP": 0.5}
    # only words both countries' notes share: the model gives back the notes' own mix
    assert model.votes("Members staged a protest during the strike.") == {}


def test_too_few_notes_or_one_country_teach_nothing() -> None:
    assert fit_country_words(_rows()[:20]) is None
    assert fit_country_words([r for r in _rows() if r["country"] == "Nepal"] * 2) is None


def test_report_naming_no_place_is_read_in_the_learnt_country(tmp_path: Path) -> None:
    summary = harvest(_rows(), tmp_path / "model")
    assert summary["country_words"] == 2 and (tmp_path / "model" / COUNTRY_WORDS).exists()
    text = "Members of the Jatiyo Krishak Dal held a rally during the hartal."
    assert _geocode(text, None).inferred_country is None
    assert _geocode(text, tmp_path / "model").inferred_country == "Bangladesh"


def test_the_input_country_outranks_learnt_words(tmp_path: Path) -> None:
    harvest(_rows(), tmp_path / "model")
    resources = Resources(Settings(model_dir=tmp_path / "model"))
    resources.put("geo.gazetteer", GAZ)
    text = "Members of the Jatiyo Krishak Dal held a rally during the hartal."
    doc = Doc(document=Document(id="t", text=text, country="Nepal"), country_hint="Nepal")
    doc.sentences = segment_text(text)
    assert Geocoder(resources)._learnt(doc) is None


def test_damaged_model_file_is_a_resource_error(tmp_path: Path) -> None:
    (tmp_path / COUNTRY_WORDS).write_bytes(b"not a model")
    with pytest.raises(ResourceError, match="country_words"):
        load_country_words(tmp_path)
    assert load_country_words(tmp_path / "absent") is None
