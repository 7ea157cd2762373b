from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.geo.gazetteer import LayeredGazetteer, MemoryGazetteer, PlaceRecord
from sitrep.geo.match import name_key
from sitrep.geo.store import SQLiteGazetteer


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_gazetteer_lookup_by_variant(kind: str, memory_gazetteer: MemoryGazetteer,
                                     sqlite_gazetteer: SQLiteGazetteer) -> None:
    gaz = memory_gazetteer if kind == "memory" else sqlite_gazetteer
    names = {r.name for r in gaz.lookup(name_key("Halab al-Jadideh"))}
    assert names == {"New Aleppo"}
    assert gaz.country("SY") is not None and gaz.country("SY").name == "Syria"
    assert ("Syria", "neighbourhood") in gaz.stats()


def test_gazetteer_sqlite_upsert_is_idempotent(sqlite_gazetteer: SQLiteGazetteer) -> None:
    before = sqlite_gazetteer.count()
    rec = sqlite_gazetteer.lookup(name_key("Masharqa"))[0]
    sqlite_gazetteer.add([rec, rec])
    assert sqlite_gazetteer.count() == before
    assert len(sqlite_gazetteer.lookup(name_key("Masharqa"))) == 1


def test_gazetteer_sqlite_failed_batch_leaves_store_unchanged(tmp_path: Path) -> None:
    store = SQLiteGazetteer(tmp_path / "g.db")

    def records() -> object:
        yield PlaceRecord(uid="x:1", name="Foo", lat=1.0, lon=1.0)
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        store.add(records())  # type: ignore[arg-type]
    assert store.count() == 0


def test_gazetteer_layers_merge(memory_gazetteer: MemoryGazetteer) -> None:
    extra = MemoryGazetteer([PlaceRecord(uid="m:1", name="Kafr Hamra", lat=36.26, lon=37.08,
                                         cc="SY", priority=20)])
    layered = LayeredGazetteer([extra, memory_gazetteer])
    assert layered.lookup(name_key("Kafr Hamra"))[0].priority == 20
    assert layered.lookup(name_key("Aleppo"))
    assert name_key("kafr hamra") in layered.keys("SY")


@pytest.mark.parametrize(("version", "build", "imported", "stale"), [
    ("0", None, False, True), ("0", None, True, False), (None, None, False, False),
    (None, "1", False, True), (None, "1", True, False)])
def test_gazetteer_default_store_keyed_by_old_keys_is_rebuilt(
        tmp_path: Path, version: str | None, build: str | None, imported: bool, stale: bool,
        caplog: pytest.LogCaptureFixture) -> None:
    """Old name keys or an older builder's places: rebuilt unless the store holds imports."""
    from sitrep.geo.build import BUILD_VERSION, _stale
    from sitrep.geo.gazetteer import PRIORITY_IMPORT
    from sitrep.geo.match import KEY_VERSION

    store = SQLiteGazetteer(tmp_path / "g.db")
    records = [PlaceRecord(uid="gn:1", name="Idlib", lat=35.9, lon=36.6, cc="SY",
                           source="geonames")]
    if imported:
        records.append(PlaceRecord(uid="imp:1", name="Masharqa", lat=36.2, lon=37.1, cc="SY",
                                   source="ocha", priority=PRIORITY_IMPORT))
    store.add(records, meta={"key_version": version or KEY_VERSION,
                             "build_version": build or BUILD_VERSION})
    store.close()
    with caplog.at_level("WARNING", logger="sitrep.geo"):
        assert _stale(tmp_path / "g.db") is stale
    assert ("imported places" in caplog.text) is (imported and version is not None)


def test_gazetteer_build_districts_sit_at_the_mean_of_their_towns() -> None:
    from sitrep.geo.build import _admin2_records

    rows = [{"cc": "YE", "lat": "16.0", "lon": "43.0", "name": "A", "admin1": "Muhafazat Sa'dah",
             "admin2": "Razih District"},
            {"cc": "YE", "lat": "16.2", "lon": "43.2", "name": "B", "admin1": "Muhafazat Sa'dah",
             "admin2": "Razih District"},
            {"cc": "YE", "lat": "15.0", "lon": "44.0", "name": "C", "admin1": "Amanat", "admin2": ""}]
    (razih,) = list(_admin2_records(rows, lambda cc: None))
    assert (razih.name, razih.kind, razih.admin1) == ("Razih", "admin2", "Sa'dah")
    assert (razih.lat, razih.lon) == pytest.approx((16.1, 43.1))


def test_gazetteer_build_provinces_also_answer_to_their_iso_names() -> None:
    from sitrep.geo.build import _iso_admin1_names, clean_admin1

    found = _iso_admin1_names({("TN", "Susah"), ("TN", "Safaqis"), ("TN", "Tunis")})
    assert found[("TN", "Susah")] == ("Sousse",) and found[("TN", "Safaqis")] == ("Sfax",)
    assert ("TN", "Tunis") not in found  # same name: nothing to add
    assert clean_admin1("Sha`biyat al Jabal al Gharbi") == "Al Jabal al Gharbi"


@pytest.mark.parametrize(("name", "short"), [
    ("Province de la Tapoa", "Tapoa"), ("Province d'Oubritenga", "Oubritenga"), ("Province du Soum", "Soum"),
    ("Kabupaten Bandung", "Bandung"), ("Amphoe Mueang Chiang Mai", "Mueang Chiang Mai"),
    ("Province of Asturias", "Asturias"), ("Politischer Bezirk Wien", "Wien"),
    # the kind word is the name itself
    ("Distrito Federal", "Distrito Federal"), ("Provincia Capital", "Provincia Capital"),
])
def test_gazetteer_build_names_a_district_as_reports_do(name: str, short: str) -> None:
    """GeoNames writes the kind of unit before many districts' names; ACLED's admin2 and the
    reports ("in Gaskinde (Pobe-Mengao, Soum)") use the name alone."""
    from sitrep.geo.build import clean_admin1

    assert clean_admin1(name) == short


def test_gazetteer_build_one_district_for_a_city_and_its_regency() -> None:
    """"Kota Bandung" and "Kabupaten Bandung" are both "Bandung" to a report: one district, at the
    mean of both's towns (two records under one name would collide)."""
    from sitrep.geo.build import _admin2_records

    rows = [{"cc": "ID", "lat": "-6.9", "lon": "107.6", "name": "A", "admin1": "West Java",
             "admin2": "Kota Bandung"},
            {"cc": "ID", "lat": "-7.1", "lon": "107.6", "name": "B", "admin1": "West Java",
             "admin2": "Kabupaten Bandung"}]
    (bandung,) = list(_admin2_records(rows, lambda cc: None))
    assert (bandung.name, bandung.admin2) == ("Bandung", "Bandung")
    assert bandung.lat == pytest.approx(-7.0)
