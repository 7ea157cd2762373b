from __future__ import annotations

from pathlib import Path

from sitrep.config import Settings
from sitrep.geo.learn import harvest, load_model_places
from sitrep.geo.match import name_key
from sitrep.geo.stage import load_gazetteer


def _rows() -> list[dict[str, str]]:
    base = {"country": "Syria", "iso": "760", "iso3": "SYR", "region": "Middle East",
            "admin1": "Aleppo", "admin2": "Jebel Saman", "admin3": "Jebel Saman",
            "geo_precision": "1"}
    return [dict(base, location="Kafr Hamra", latitude="36.26", longitude="37.08"),
            dict(base, location="Kafr Hamra", latitude="36.26", longitude="37.08"),
            dict(base, location="", latitude="1", longitude="1"),
            dict(base, location="Nowhere", latitude="999", longitude="37")]


def test_learn_harvest_writes_places(tmp_path: Path) -> None:
    summary = harvest(_rows(), tmp_path)
    assert summary["places"] == 1 and summary["rows"] == 4
    layer = load_model_places(tmp_path / "places.csv")
    rec = layer.lookup(name_key("Kafr Hamra"))[0]
    assert (rec.cc, rec.admin1, rec.priority, rec.population) == ("SY", "Aleppo", 20, 2)


def test_learn_model_layer_outranks_store(tmp_path: Path, sqlite_gazetteer: object) -> None:
    harvest(_rows(), tmp_path / "model")
    settings = Settings(gazetteer_path=tmp_path / "gazetteer.db", model_dir=tmp_path / "model")
    gaz = load_gazetteer(settings)
    assert gaz.lookup(name_key("Kafr Hamra"))[0].source == "model"
    assert gaz.lookup(name_key("Aleppo"))


def test_learn_layer_knows_the_districts_and_provinces_of_its_places(tmp_path: Path) -> None:
    base = {"country": "Afghanistan", "iso": "4", "iso3": "AFG", "region": "Caucasus and Central Asia",
            "admin1": "Kandahar", "admin2": "Zhari", "admin3": "", "geo_precision": "1"}
    rows = [dict(base, location="Sangsar", latitude="31.60", longitude="65.40"),
            dict(base, location="Pashmul", latitude="31.56", longitude="65.50")]
    harvest(rows, tmp_path)
    layer = load_model_places(tmp_path / "places.csv")
    (zhari,) = layer.lookup(name_key("Zhari"))
    assert (zhari.kind, zhari.admin1) == ("admin2", "Kandahar")
    assert (zhari.lat, zhari.lon) == (31.58, 65.45)
    (province,) = layer.lookup(name_key("Kandahar"))
    assert province.kind == "admin1" and province.priority < layer.lookup(
        name_key("Sangsar"))[0].priority


def test_learn_unknown_place_falls_back_to_its_learnt_district(tmp_path: Path,
                                                              sqlite_gazetteer: object) -> None:
    from sitrep.geo.stage import Geocoder
    from sitrep.nlp.segment import segment_text
    from sitrep.resources import Resources
    from sitrep.schema import Doc, Document, EventCandidate, Span

    base = {"country": "Afghanistan", "iso": "4", "iso3": "AFG", "region": "Caucasus and Central Asia",
            "admin1": "Kandahar", "admin2": "Zhari", "admin3": "", "geo_precision": "1"}
    harvest([dict(base, location="Sangsar", latitude="31.60", longitude="65.40"),
             dict(base, location="Pashmul", latitude="31.56", longitude="65.50")],
            tmp_path / "model")
    settings = Settings(gazetteer_path=tmp_path / "gazetteer.db", model_dir=tmp_path / "model")
    text = "A roadside bomb killed two soldiers in the Pasab area of Zhari district, Kandahar."
    doc = Doc(document=Document(id="t", text=text, country="Afghanistan"),
              country_hint="Afghanistan")
    doc.sentences = segment_text(text)
    i = text.index("bomb")
    doc.candidates.append(EventCandidate(sentence_index=0, trigger=Span(start=i, end=i + 4,
                                                                        text="bomb"),
                                         event_type="Explosions/Remote violence",
                                         sub_event_type="Remote explosive/landmine/IED"))
    place = Geocoder(Resources(settings))(doc).candidates[0].place
    assert place is not None and place.place is not None
    assert (place.place.name, place.place.kind, place.geo_precision) == ("Zhari", "admin2", 2)
