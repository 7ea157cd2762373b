"""Neighbourhood outlines in the browser: the map draws the gazetteer's polygon under the points,
and the event page shows its place's outline (the pixels of the Leaflet outline layer's canvas are
checked, not just the DOM). Skips without the map's npm packages (make install fetches them)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from sitrep.api import create_app
from sitrep.api.routes.web import node_modules_dir
from sitrep.config import Settings
from sitrep.geo.importers import import_path
from sitrep.geo.store import SQLiteGazetteer
from tests.api.seed import TOKEN, seed_docs
from tests.web.conftest import shot

#: Share of the outline layer's canvas pixels tinted by the outline's green fill or stroke.
_GREEN_SHARE = """
const c = document.querySelector(arguments[0]);
if (!c) return 0;
const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
let n = 0;
for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 20 && d[i + 1] - d[i] > 12 && d[i + 1] - d[i + 2] > 6) n += 1;
return n / (c.width * c.height);
"""


def _needs_packages() -> None:
    if node_modules_dir() is None:
        pytest.skip("map packages not installed (make install runs npm ci)")


def _gazetteer(tmp_path: Path, *, with_outline: bool) -> Path:
    # a 0.1-degree square named like SYR-1's location (Aleppo, 36.2 N 37.16 E), centred on it:
    # large enough to show around the event's circle on the events map
    ring = [[37.11, 36.15], [37.21, 36.15], [37.21, 36.25], [37.11, 36.25], [37.11, 36.15]]
    geometry = ({"type": "Polygon", "coordinates": [ring]} if with_outline
                else {"type": "Point", "coordinates": [37.16, 36.2]})
    src = tmp_path / "neighborhoods.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"NAME": "Aleppo"}, "geometry": geometry}]}))
    path = tmp_path / f"gazetteer-{with_outline}.db"
    store = SQLiteGazetteer(path)
    import_path("ocha", src, store)
    store.close()
    return path


def _serve(live_server: Callable[[FastAPI], str], tmp_path: Path, *, with_outline: bool) -> str:
    app = create_app(Settings(gazetteer_path=_gazetteer(tmp_path, with_outline=with_outline)),
                     db_url=f"sqlite:///{tmp_path / f'places-{with_outline}.db'}", token=TOKEN)
    for doc in seed_docs():
        app.state.sitrep.store.add(doc)
    return live_server(app)


def _look(browser: Any, base: str, snap: Callable[[str], Path]) -> dict[str, Any]:
    """What the pages drew: outlines on the events map (all events, then Syria's only: two events
    half a degree apart), and the event page's place heading and map."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 15)
    seen: dict[str, Any] = {}

    def stage(selector: str) -> Any:
        def ready(d: Any) -> Any:
            el = d.find_elements(By.CSS_SELECTOR, selector)
            return el and el[0].get_attribute("data-ready") and el[0].get_attribute("data-basemap") and el[0]
        return wait.until(ready)
    for name, query, rows in (("all", "", 4), ("syria", "?country=Syria", 2)):
        browser.get(f"{base}/#/{query}")
        wait.until(lambda d, n=rows: len(d.find_elements(By.CSS_SELECTOR, "#events-table tr.row")) == n)
        seen[name] = stage("#view .leaflet-stage").get_attribute("data-shapes")
        seen[f"{name}_green"] = float(browser.execute_script(_GREEN_SHARE, "#view .leaflet-outlines-pane canvas"))
        seen[f"{name}_last_line"] = browser.find_element(By.ID, "view").text.strip().splitlines()[-1]
        snap(f"ui-map-{name}")
    browser.get(base + "/#/event/SYR-1")
    wait.until(lambda d: d.find_elements(By.ID, "audit-empty"))
    heading = browser.find_elements(By.CSS_SELECTOR, "#place-map h2")
    seen["heading"] = heading[0].text if heading else None
    if heading:
        seen["place_shapes"] = stage("#place-map .leaflet-stage").get_attribute("data-shapes")
        seen["place_green"] = float(browser.execute_script(_GREEN_SHARE, "#place-map .leaflet-outlines-pane canvas"))
    return seen


def test_ui_map_draws_place_outlines(live_server: Callable[[FastAPI], str], browser: Any,
                                     tmp_path: Path) -> None:
    _needs_packages()
    base = _serve(live_server, tmp_path, with_outline=True)
    seen = _look(browser, base, lambda name: shot(browser, tmp_path, name))
    # three countries: neighbourhoods would be specks, none are fetched or drawn
    assert (seen["all"], seen["all_green"]) == ("0", 0.0)
    # Syria's two events lie within a degree: the map zooms in and draws the outline under them
    assert seen["syria"] == "1" and seen["syria_green"] > 0
    assert seen["syria_last_line"] != "null"  # no stray text under the table
    assert seen["heading"] == "Place: Aleppo (neighbourhood)"
    assert seen["place_shapes"] == "1"
    assert seen["place_green"] > 0.10  # the square fills a good part of the place map
    assert shot(browser, tmp_path, "ui-place-outline").stat().st_size > 10_000


def test_ui_map_without_outlines_draws_none(live_server: Callable[[FastAPI], str], browser: Any,
                                            tmp_path: Path) -> None:
    _needs_packages()
    seen = _look(browser, _serve(live_server, tmp_path, with_outline=False),
                 lambda name: shot(browser, tmp_path, f"{name}-no-outlines"))
    assert (seen["syria"], seen["syria_green"], seen["heading"]) == ("0", 0.0, None)
