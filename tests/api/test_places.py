"""Place outlines in the API: /api/places/shapes (a box) and /api/events/{id}/place (an event's
place, by name near the event, else the outline covering it); empty without a gazetteer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from shapely.geometry import Point, shape

from sitrep.api import create_app
from sitrep.config import Settings
from sitrep.geo.importers import import_path
from sitrep.geo.store import SQLiteGazetteer
from tests.api.seed import TOKEN, seed_docs


def square(lon: float, lat: float, side: float = 0.01) -> list[list[list[float]]]:
    return [[[lon, lat], [lon + side, lat], [lon + side, lat + side], [lon, lat + side], [lon, lat]]]


#: name -> lower-left corner of a 0.01-degree square (SYR-1 is at 37.16, 36.2 "Aleppo";
#: UKR-1 at 36.25, 49.98 "Kharkiv").
HOODS = {"Aleppo": (37.17, 36.21), "Masharqa": (37.155, 36.195), "Saltivka": (36.245, 49.975)}


def _gazetteer(path: Path, tmp: Path) -> Path:
    features = [{"type": "Feature", "properties": {"NAME": name},
                 "geometry": {"type": "Polygon", "coordinates": square(*corner)}}
                for name, corner in HOODS.items()]
    src = tmp / "neighborhoods.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    store = SQLiteGazetteer(path)
    assert import_path("ocha", src, store).added == 3
    store.close()
    return path


def _client(db_url: str, gazetteer: Path) -> TestClient:
    app = create_app(Settings(gazetteer_path=gazetteer), db_url=db_url, token=TOKEN)
    for doc in seed_docs():
        app.state.sitrep.store.add(doc)
    return TestClient(app, raise_server_exceptions=False, base_url="http://127.0.0.1")


def test_places_event_outline_by_name_then_by_cover(db_url: str, tmp_path: Path) -> None:
    with _client(db_url, _gazetteer(tmp_path / "gaz.db", tmp_path)) as client:
        syr = client.get("/api/events/SYR-1/place").json()
        assert syr["event"] == "SYR-1"
        assert syr["place"]["properties"]["name"] == "Aleppo"  # named like the event's location
        assert syr["place"]["geometry"]["type"] == "Polygon"
        ukr = client.get("/api/events/UKR-1/place").json()["place"]
        assert ukr["properties"]["name"] == "Saltivka"  # no name match: the outline covering it
        assert shape(ukr["geometry"]).covers(Point(36.25, 49.98))
        assert client.get("/api/events/KEN-1/place").json()["place"] is None
        missing = client.get("/api/events/NOPE/place")
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_places_shapes_in_a_box(db_url: str, tmp_path: Path) -> None:
    with _client(db_url, _gazetteer(tmp_path / "gaz.db", tmp_path)) as client:
        body = client.get("/api/places/shapes?bbox=37,36,38,37").json()
        assert body["type"] == "FeatureCollection" and body["truncated"] is False
        assert sorted(f["properties"]["name"] for f in body["features"]) == ["Aleppo", "Masharqa"]
        for f in body["features"]:
            assert f["type"] == "Feature" and f["id"] == f["properties"]["uid"]
            assert shape(f["geometry"]).covers(Point(f["properties"]["lon"], f["properties"]["lat"]))
        one = client.get("/api/places/shapes?bbox=37,36,38,37&limit=1").json()
        assert len(one["features"]) == 1 and one["truncated"] is True
        assert client.get("/api/places/shapes?bbox=0,0,1,1").json()["features"] == []


@pytest.mark.parametrize("query", ["", "?bbox=1,2,3", "?bbox=10,0,1,1", "?bbox=0,0,1,1&limit=0",
                                   "?bbox=0,0,1,1&limit=5000", "?bbox=a,b,c,d"])
def test_places_shapes_bad_query_is_422(db_url: str, tmp_path: Path, query: str) -> None:
    with _client(db_url, tmp_path / "none.db") as client:
        r = client.get(f"/api/places/shapes{query}")
        assert r.status_code == 422 and r.json()["error"]["code"] == "validation_error"


def test_places_without_a_gazetteer_are_empty_and_build_nothing(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "never-built.db"
    with _client(db_url, path) as client:
        assert client.get("/api/places/shapes?bbox=-180,-90,180,90").json()["features"] == []
        assert client.get("/api/events/SYR-1/place").json() == {"event": "SYR-1", "place": None}
    assert not path.exists()
