from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.geo.importers import import_path
from sitrep.geo.match import name_key
from sitrep.geo.store import SQLiteGazetteer

CSV = (
    "name,alt_names,lat,lon,admin1,admin2,admin3,kind\n"
    "Kafr Hamra,Kfar Hamra|كفر حمرة,36.26,37.08,Aleppo,Jebel Saman,,village\n"
    "Swapped,,37.1,136.2,,,,village\n"
    "Bad,,abc,37.0,,,,village\n"
    "Short,,36.0\n"
    "Weird,,36.0,37.0,,,,galaxy\n"
)


def _write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_importers_csv_rejects_bad_rows_with_reasons(tmp_path: Path,
                                                     sqlite_gazetteer: SQLiteGazetteer) -> None:
    report = import_path("csv", _write(tmp_path / "p.csv", CSV), sqlite_gazetteer)
    assert report.added == 2  # Kafr Hamra and the (valid) far-east row
    assert report.rejected == 3
    assert any("not numbers" in r for r in report.reasons)
    assert any("wrong number of columns" in r for r in report.reasons)
    assert any("unknown kind" in r for r in report.reasons)
    found = sqlite_gazetteer.lookup(name_key("Kfar Hamra"))
    assert found and found[0].priority >= 10 and found[0].country == "Syria"


@pytest.mark.parametrize(("lat", "lon", "reason"), [
    ("137.0", "36.0", "swapped"), ("95", "200", "latitude out of range"),
    ("36", "181", "longitude out of range"), ("", "36", "missing"), ("nan", "1", "not numbers"),
])
def test_importers_coordinates_checked(tmp_path: Path, sqlite_gazetteer: SQLiteGazetteer,
                                       lat: str, lon: str, reason: str) -> None:
    path = _write(tmp_path / "c.csv", f"name,lat,lon\nX,{lat},{lon}\n")
    report = import_path("csv", path, sqlite_gazetteer)
    assert report.added == 0 and report.rejected == 1
    assert any(reason in r for r in report.reasons)


def test_importers_mixed_encoding_rejected_row_by_row(tmp_path: Path,
                                                      sqlite_gazetteer: SQLiteGazetteer) -> None:
    raw = (b"name,lat,lon\nGood,36.1,37.1\n"
           + "Bäd,36.2,37.2\n".encode("latin-1") + b"Also Good,36.3,37.3\n")
    report = import_path("csv", _write(tmp_path / "m.csv", raw), sqlite_gazetteer)
    assert (report.added, report.rejected) == (2, 1)
    assert "not UTF-8 (mixed encoding)" in report.reasons


def test_importers_twice_is_idempotent(tmp_path: Path, sqlite_gazetteer: SQLiteGazetteer) -> None:
    path = _write(tmp_path / "p.csv", CSV)
    import_path("csv", path, sqlite_gazetteer)
    count = sqlite_gazetteer.count()
    import_path("csv", path, sqlite_gazetteer)
    assert sqlite_gazetteer.count() == count


def test_importers_csv_wrong_columns_is_an_error(tmp_path: Path,
                                                 sqlite_gazetteer: SQLiteGazetteer) -> None:
    with pytest.raises(InputError):
        import_path("csv", _write(tmp_path / "w.csv", "place,x,y\nA,1,2\n"), sqlite_gazetteer)


def test_importers_ocha_csv_and_geojson(tmp_path: Path, sqlite_gazetteer: SQLiteGazetteer) -> None:
    _write(tmp_path / "hoods.csv",
           "neighborhood_pcode,name_en,name_ar,alt_names,city_en,adm1_en,adm1_pcode,lat,lon\n"
           "N9001,Salah Ad-Deen,صلاح الدين,Salaheddine,Aleppo,Aleppo,SY02,36.18,37.13\n")
    feature = {"type": "Feature", "properties": {"NAME": "Bustan al-Qasr", "NAME_A": "بستان القصر"},
               "geometry": {"type": "Polygon", "coordinates": [[[37.14, 36.19], [37.15, 36.19],
                                                                [37.15, 36.20], [37.14, 36.19]]]}}
    _write(tmp_path / "csr_neighborhoods.geojson",
           json.dumps({"type": "FeatureCollection", "features": [feature]}))
    report = import_path("ocha", tmp_path, sqlite_gazetteer)
    assert report.added == 2 and report.rejected == 0
    hood = sqlite_gazetteer.lookup(name_key("Salaheddine"))[0]
    assert (hood.kind, hood.cc, hood.city) == ("neighbourhood", "SY", "Aleppo")
    qasr = sqlite_gazetteer.lookup(name_key("Bustan Al Qasr"))[0]
    assert qasr.kind == "neighbourhood" and 36.19 < qasr.lat < 36.2


def test_importers_geonames_dump(tmp_path: Path, sqlite_gazetteer: SQLiteGazetteer) -> None:
    def row(gid: str, name: str, alts: str, lat: str, lon: str, fcl: str, fcode: str,
            a1: str = "09", pop: str = "0") -> str:
        return "\t".join([gid, name, name, alts, lat, lon, fcl, fcode, "SY", "", a1, "", "", "",
                          pop, "", "", "Asia/Damascus", "2020-01-01"])

    text = "\n".join([
        row("1", "Aleppo Governorate", "Halab Governorate", "36.2", "37.5", "A", "ADM1"),
        row("2", "Salah ad Din", "Salaheddine,صلاح الدين", "36.18", "37.13", "P", "PPLX"),
        row("3", "Broken", "", "x", "37", "P", "PPL"),
        "too\tfew\tcolumns",
    ]) + "\n"
    report = import_path("geonames", _write(tmp_path / "SY.txt", text), sqlite_gazetteer)
    assert (report.added, report.rejected) == (2, 2)
    hood = sqlite_gazetteer.lookup(name_key("Salah ad-Din"))[0]
    assert hood.kind == "neighbourhood" and hood.admin1 == "Aleppo Governorate"


def test_importers_unknown_format(tmp_path: Path, sqlite_gazetteer: SQLiteGazetteer) -> None:
    with pytest.raises(InputError):
        import_path("kml", tmp_path, sqlite_gazetteer)


def test_importers_syrianarchive_list(tmp_path: Path, sqlite_gazetteer: SQLiteGazetteer) -> None:
    """The Syrian Archive location list's own columns (team-made rows in its format): a city's
    geocoded quarters are neighbourhoods under their short names, communities are villages, a row
    without coordinates is rejected with the reason, and a second import adds nothing."""
    path = _write(tmp_path / "locations.csv",
                  "sa_id,name_ar_short,name_ar_full,name_en_full,pcode,lat,lon,sa_loc_only,old_sa_name\n"
                  "1,مدينة حلب : حي الشعار,مدينة حلب : حي الشعار,ALEPPO : Shaar - Aleppo,SY02,36.205,37.181,TRUE,\n"
                  "2,كفر حمرة,كفر حمرة - حريتان - جبل سمعان - حلب,Kafr Hamra - Haritan - Jebel Saman - Aleppo,"
                  "C1234,36.26,37.08,FALSE,\n"
                  "3,مدينة حلب : راموسة,مدينة حلب : راموسة,ALEPPO : Ramouseh,SY02,,,TRUE,\n")
    report = import_path("syrianarchive", path, sqlite_gazetteer)
    assert (report.added, report.rejected) == (2, 1)
    hood = sqlite_gazetteer.lookup(name_key("الشعار"))[0]
    assert (hood.name, hood.kind, hood.cc) == ("Shaar", "neighbourhood", "SY")
    village = sqlite_gazetteer.lookup(name_key("كفر حمرة"))[0]
    assert (village.name, village.kind) == ("Kafr Hamra", "village")
    import_path("syrianarchive", path, sqlite_gazetteer)
    assert len(sqlite_gazetteer.lookup(name_key("Shaar"))) == 1
    with pytest.raises(InputError):
        import_path("syrianarchive", _write(tmp_path / "other.csv", "name,lat,lon\nX,1,2\n"), sqlite_gazetteer)
