"""Neighbourhood outlines: OCHA GeoJSON polygons kept (simplified) in ``places.shape``, and a
schema-1 gazetteer file upgraded in place."""

from __future__ import annotations

import json
import math
import sqlite3
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

from sitrep.geo.importers import import_path
from sitrep.geo.match import name_key
from sitrep.geo.store import SCHEMA_VERSION, SQLiteGazetteer


def square(lon: float, lat: float, side: float = 0.01) -> list[list[list[float]]]:
    return [[[lon, lat], [lon + side, lat], [lon + side, lat + side], [lon, lat + side], [lon, lat]]]


def _feature(name: str, geometry: dict[str, object], **props: object) -> dict[str, object]:
    return {"type": "Feature", "properties": {"NAME": name, **props}, "geometry": geometry}


def _write_hoods(path: Path, features: list[dict[str, object]]) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def test_importers_geojson_polygons_keep_their_outline(tmp_path: Path,
                                                       sqlite_gazetteer: SQLiteGazetteer) -> None:
    features = [
        _feature("Bustan al-Qasr", {"type": "Polygon", "coordinates": square(37.14, 36.19)}),
        _feature("Two Parts", {"type": "MultiPolygon",
                               "coordinates": [square(37.10, 36.21), square(37.12, 36.21)]}),
        _feature("Only A Point", {"type": "Point", "coordinates": [37.16, 36.22]}),
    ]
    report = import_path("ocha", _write_hoods(tmp_path / "neighborhoods.geojson", features),
                         sqlite_gazetteer)
    assert (report.added, report.outlines, report.rejected) == (3, 2, 0)
    assert report.as_dict()["outlines"] == 2
    found = {r[1]: r for r in sqlite_gazetteer.shapes_in(37.0, 36.1, 37.3, 36.3)}
    assert set(found) == {"Bustan al-Qasr", "Two Parts"}  # a point has no outline
    uid, _, kind, lat, lon, text = found["Bustan al-Qasr"]
    geom = shape(json.loads(text))
    assert kind == "neighbourhood" and geom.geom_type == "Polygon"
    assert geom.covers(Point(lon, lat)) and math.isclose(geom.area, 0.0001, rel_tol=0.01)
    assert shape(json.loads(found["Two Parts"][5])).geom_type == "MultiPolygon"
    # lookups are unchanged: the centroid stays the place's coordinates
    qasr = sqlite_gazetteer.lookup(name_key("Bustan Al Qasr"))[0]
    assert qasr.uid == uid and (qasr.lat, qasr.lon) == (lat, lon)
    # outside the box: nothing
    assert sqlite_gazetteer.shapes_in(30.0, 30.0, 31.0, 31.0) == []


def test_importers_large_polygon_is_simplified(tmp_path: Path,
                                               sqlite_gazetteer: SQLiteGazetteer) -> None:
    n = 20_000  # a 20,000-vertex circle of ~1 km: ~800 kB of GeoJSON as given
    ring = [[37.15 + 0.01 * math.cos(2 * math.pi * i / n), 36.2 + 0.01 * math.sin(2 * math.pi * i / n)]
            for i in range(n)]
    ring.append(ring[0])
    path = _write_hoods(tmp_path / "neighborhoods.geojson",
                        [_feature("Round", {"type": "Polygon", "coordinates": [ring]})])
    assert path.stat().st_size > 500_000
    import_path("ocha", path, sqlite_gazetteer)
    [(_, _, _, lat, lon, text)] = sqlite_gazetteer.shapes_in(37.0, 36.0, 37.3, 36.4)
    geom = shape(json.loads(text))
    assert len(text) < 100_000 and len(geom.exterior.coords) < n / 10
    original = shape({"type": "Polygon", "coordinates": [ring]})
    assert geom.hausdorff_distance(original) <= 0.00025  # within ~25 m of the outline given
    assert geom.covers(Point(lon, lat))


@pytest.mark.parametrize("geometry", [
    {"type": "Polygon", "coordinates": "not coordinates"},
    {"type": "Polygon", "coordinates": [[[37.1, 36.2], [37.2, 36.2], [37.1, 36.2]]]},  # no area
])
def test_importers_broken_polygons_have_no_outline(tmp_path: Path, sqlite_gazetteer: SQLiteGazetteer,
                                                   geometry: dict[str, object]) -> None:
    feature = _feature("Broken", geometry, lat=36.2, lon=37.1)
    import_path("ocha", _write_hoods(tmp_path / "neighborhoods.geojson", [feature]), sqlite_gazetteer)
    assert sqlite_gazetteer.lookup(name_key("Broken"))  # the place itself is kept
    assert sqlite_gazetteer.shapes_in(37.0, 36.0, 37.3, 36.4) == []


def test_importers_reimport_keeps_one_outline(tmp_path: Path, sqlite_gazetteer: SQLiteGazetteer) -> None:
    path = _write_hoods(tmp_path / "neighborhoods.geojson",
                        [_feature("Bustan al-Qasr",
                                  {"type": "Polygon", "coordinates": square(37.14, 36.19)})])
    import_path("ocha", path, sqlite_gazetteer)
    import_path("ocha", path, sqlite_gazetteer)
    assert len(sqlite_gazetteer.shapes_in(37.0, 36.0, 37.3, 36.4)) == 1


_SCHEMA_1 = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, name TEXT NOT NULL, lat REAL NOT NULL,
    lon REAL NOT NULL, cc TEXT, country TEXT, iso INTEGER, iso3 TEXT, region TEXT, admin1 TEXT,
    admin2 TEXT, admin3 TEXT, kind TEXT NOT NULL, population INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL, priority INTEGER NOT NULL DEFAULT 0, city TEXT);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
INSERT INTO meta VALUES ('schema', '1');
INSERT INTO places (uid, name, lat, lon, kind, source)
    VALUES ('old:1', 'Old Town', 36.2, 37.15, 'neighbourhood', 'csv');
"""


def test_store_upgrades_a_schema_1_file(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.executescript(_SCHEMA_1)
        conn.execute("INSERT INTO names VALUES (?, 1)", (name_key("Old Town"),))
    store = SQLiteGazetteer(path)
    assert store.meta("schema") == SCHEMA_VERSION == "3"
    assert [(p.uid, p.people) for p in store.lookup(name_key("Old Town"))] == [("old:1", 0)]
    assert store.shapes_in(37.0, 36.0, 37.3, 36.4) == []  # the column exists, empty
    import_path("ocha", _write_hoods(tmp_path / "neighborhoods.geojson", [
        _feature("Old Town", {"type": "Polygon", "coordinates": square(37.14, 36.19)})]), store)
    assert [r[1] for r in store.shapes_in(37.0, 36.0, 37.3, 36.4)] == ["Old Town"]
    store.close()
    assert SQLiteGazetteer(path).meta("schema") == "3"  # opening again changes nothing
