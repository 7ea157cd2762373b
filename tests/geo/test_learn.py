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
