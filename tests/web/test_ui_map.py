"""The Leaflet map and the timeline in headless chromium: Natural Earth land drawn (land pixels
differ from sea), circles coloured and clustered per zoom, tooltips as text, a drawn rectangle
that filters the table; the timeline's fatalities, its labels apart, an outlier date at the edge.
Skips without the npm packages (`make install` fetches them) or without chromium."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from sitrep.api import create_app
from sitrep.api.routes.web import node_modules_dir
from sitrep.schema import Doc, Document
from tests.api.seed import TOKEN, seed_docs
from tests.helpers import make_event
from tests.web.conftest import shot

#: share of the base-map canvas that is land (opaque) and sea (transparent, the stage shows through)
_LAND_SEA = """
const c = document.querySelector(".leaflet-basemap-pane canvas");
const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
let land = 0;
for (let i = 3; i < d.length; i += 4) if (d[i] > 200) land += 1;
return land / (c.width * c.height);
"""
_LABELS_APART = """
const r = [...document.querySelectorAll("svg.timeline text.x-label")].map((t) => t.getBoundingClientRect());
for (let i = 1; i < r.length; i += 1) if (r[i].left < r[i - 1].right + 2) return false;
return r.length;
"""


def _needs_packages() -> None:
    if node_modules_dir() is None:
        pytest.skip("map packages not installed (make install runs npm ci)")


def _hostile_doc() -> Doc:
    """An event whose place name is markup: the tooltip must show it as text."""
    doc = Doc(document=Document(id="doc-x", text="Clashes near the border.", date=date(2023, 1, 1), source="Demo"))
    doc.events = [make_event(event_id_cnty="SOM-1", doc_id="doc-x", doc_ids=["doc-x"], country="Somalia",
                             location="<b>Bold</b><img src=x onerror=alert(1)>", latitude=2.05, longitude=45.3,
                             event_date=date(2023, 1, 5), year=2023, fatalities=1, claims=[])]
    return doc


def _serve(live_server: Callable[[FastAPI], str], tmp_path: Path, docs: list[Doc]) -> str:
    app = create_app(db_url=f"sqlite:///{tmp_path / 'map.db'}", token=TOKEN)
    for doc in docs:
        app.state.sitrep.store.add(doc)
    return live_server(app)


def _stage(wait: Any, selector: str = "#view .leaflet-stage") -> dict[str, str]:
    from selenium.webdriver.common.by import By

    def ready(d: Any) -> dict[str, str] | None:
        els = d.find_elements(By.CSS_SELECTOR, selector)
        if not els:
            return None
        data = d.execute_script("return Object.assign({}, arguments[0].dataset)", els[0])
        return data if data.get("ready") and data.get("basemap") == "drawn" else None
    return wait.until(ready)  # type: ignore[no-any-return]


def test_ui_map_borders_circles_clusters_tooltip_and_area(live_server: Callable[[FastAPI], str], browser: Any,
                                                           tmp_path: Path) -> None:
    _needs_packages()
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base = _serve(live_server, tmp_path, [*seed_docs(), _hostile_doc()])
    wait = WebDriverWait(browser, 20)
    browser.get(base + "/")
    data = _stage(wait)
    assert data["events"] == "5"
    land = float(browser.execute_script(_LAND_SEA))
    assert 0.05 < land < 0.95, land  # land and sea both on screen, told apart
    # SYR-1 and SYR-2 (half a degree apart) are one cluster of 2 at this zoom; the others circles
    assert (data["clusters"], data["points"]) == ("1", "3")
    colours = {p.get_attribute("fill") for p in browser.find_elements(By.CSS_SELECTOR, "path.ev-point")}
    assert {"#1f77b4", "#d62728", "#ff7f0e"} <= colours  # protests, battles, explosions
    shot(browser, tmp_path, "ui-map-world")

    # hover the Somali circle: its place name is shown as text, never markup
    somali = browser.execute_script(
        "const m = document.querySelector('#view .leaflet-stage').__map;"
        "return m.latLngToContainerPoint([2.05, 45.3]);")
    stage = browser.find_element(By.CSS_SELECTOR, "#view .leaflet-stage")
    size = stage.size
    ActionChains(browser).move_to_element_with_offset(
        stage, somali["x"] - size["width"] / 2, somali["y"] - size["height"] / 2).perform()
    tip = wait.until(lambda d: (t := d.find_elements(By.CSS_SELECTOR, ".leaflet-tooltip .tip-place"))
                     and "Bold" in t[0].text and t[0])
    assert "<b>Bold</b><img src=x onerror=alert(1)>" in tip.text
    assert not browser.find_elements(By.CSS_SELECTOR, ".leaflet-tooltip img, .leaflet-tooltip b")
    assert "Armed clash" in browser.find_element(By.CSS_SELECTOR, ".leaflet-tooltip").text

    # clicking the cluster zooms in until it splits: two circles, no cluster
    zoom = int(data["zoom"])
    browser.find_element(By.CSS_SELECTOR, ".ev-cluster").click()
    split = wait.until(lambda d: (s := _stage(wait)) and int(s["zoom"]) > zoom and s)
    assert split["clusters"] == "0"
    shot(browser, tmp_path, "ui-map-zoomed")

    # draw a rectangle around Aleppo (SYR-1) only: the table keeps that event
    browser.get(base + "/")
    _stage(wait)
    browser.execute_script("document.querySelector('#view .leaflet-stage').__map.setView([36.1, 36.9], 8)")
    wait.until(lambda d: _stage(wait)["zoom"] == "8")
    pt = browser.execute_script("return document.querySelector('#view .leaflet-stage').__map"
                                ".latLngToContainerPoint([36.2, 37.16]);")
    stage = browser.find_element(By.CSS_SELECTOR, "#view .leaflet-stage")
    size = stage.size
    browser.find_element(By.CSS_SELECTOR, "button.map-draw").click()
    x, y = pt["x"] - size["width"] / 2, pt["y"] - size["height"] / 2
    ActionChains(browser).move_to_element_with_offset(stage, x - 25, y - 25).click_and_hold() \
        .move_by_offset(25, 25).move_by_offset(25, 25).release().perform()
    wait.until(lambda d: "bbox=" in d.current_url)
    rows = wait.until(lambda d: (r := [x.get_attribute("data-id") for x in
                                       d.find_elements(By.CSS_SELECTOR, "#events-table tr.row")])
                      and len(r) == 1 and r)
    assert rows == ["SYR-1"]
    west, south, east, north = (float(v) for v in browser.current_url.split("bbox=")[1].split("&")[0]
                                .replace("%2C", ",").split(","))
    assert west < 37.16 < east and south < 36.2 < north and east - west < 2


def test_ui_timeline_fatalities_labels_and_outlier(live_server: Callable[[FastAPI], str], browser: Any,
                                                   tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    # 60 events over the autumn of 2016, 1 to 4 dead each, and one stray event in 1990
    doc = Doc(document=Document(id="doc-t", text="Fighting in Aleppo.", date=date(2016, 12, 31), source="Demo"))
    days = [date(2016, 9, 1) + timedelta(days=2 * i) for i in range(60)] + [date(1990, 5, 1)]
    doc.events = [make_event(event_id_cnty=f"T-{i}", doc_id="doc-t", doc_ids=["doc-t"], event_date=d, year=d.year,
                             date_start=d, date_end=d, fatalities=1 + i % 4, claims=[]) for i, d in enumerate(days)]
    base = _serve(live_server, tmp_path, [doc])
    wait = WebDriverWait(browser, 20)
    browser.get(base + "/")
    svg = wait.until(lambda d: (s := d.find_elements(By.CSS_SELECTOR, "svg.timeline")) and s[0])
    # the stray date is an edge bar; the autumn keeps day bins instead of one bar per month
    assert svg.get_attribute("data-bucket") == "day"
    edge = browser.find_elements(By.CSS_SELECTOR, "svg.timeline rect.outlier")
    assert [e.get_attribute("data-from") for e in edge] == ["1990-05-01"]
    labels = browser.execute_script(_LABELS_APART)
    assert labels and labels >= 3, labels
    assert svg.get_attribute("data-measure") == "events"
    browser.find_element(By.CSS_SELECTOR, ".timeline-toggle button[data-measure='fatalities']").click()
    svg = wait.until(lambda d: (s := d.find_elements(By.CSS_SELECTOR, "svg.timeline[data-measure='fatalities']")) and s[0])
    values = [int(r.get_attribute("data-value")) for r in svg.find_elements(By.CSS_SELECTOR, "rect.bar")]
    assert sum(values) == sum(1 + i % 4 for i in range(len(days)))
    assert svg.find_element(By.CSS_SELECTOR, "text.y-max").text == str(max(values))
    assert "fatalities" in browser.find_element(By.CSS_SELECTOR, ".timeline-wrap figcaption").text.lower()
    assert browser.execute_script(_LABELS_APART)
    shot(browser, tmp_path, "ui-timeline-fatalities")
