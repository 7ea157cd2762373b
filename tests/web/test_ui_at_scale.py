"""The workbench at 10,000 stored events in headless chromium (issue 24's measure): the base map
draws (land pixels differ from sea), zooming changes the clusters, the search box finds a word that
only a report's body holds, a sub-type that does not exist is refused with a clear message, an
Arabic report is laid out right to left, and a review action shows in the audit trail. Screenshots
of each view go to the test's tmp dir (or $SITREP_SCREENSHOT_DIR). Timings are `make bench`'s job.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from sitrep.api import create_app
from sitrep.api.routes.web import node_modules_dir
from sitrep.schema import Doc, Document
from tests.api.seed import TOKEN
from tests.helpers import make_event
from tests.web.bulk import seed_synthetic
from tests.web.conftest import shot
from tests.web.test_ui_map import _LAND_SEA

N = 10_000
WORD = "quarrystone"  # in one report's text only, in no name or field
BODY = f"Witnesses said the {WORD} depot outside the town burned after the strike."
ARABIC = "قال ناشطون إن غارة جوية قتلت ثلاثة مدنيين قرب معرة النعمان."


def _special_docs() -> list[Doc]:
    def one(doc_id: str, event_id: str, text: str, language: str) -> Doc:
        doc = Doc(document=Document(id=doc_id, text=text, date=date(2016, 5, 2), source="Monitor",
                                    language=language))
        doc.events = [make_event(event_id_cnty=event_id, doc_id=doc_id, doc_ids=[doc_id], claims=[],
                                 location="Maarat al-Numan", admin1="Idlib", latitude=35.65,
                                 longitude=36.67, event_date=date(2016, 5, 1), year=2016)]
        return doc
    return [one("doc-body", "BODY-1", BODY, "en"), one("doc-ar", "AR-1", ARABIC, "ar")]


@pytest.fixture
def big_server(tmp_path: Path, live_server: Callable[[FastAPI], str]) -> str:
    app = create_app(db_url=f"sqlite:///{tmp_path / 'big.db'}", token=TOKEN)
    store = app.state.sitrep.store
    seed_synthetic(store, N)
    for doc in _special_docs():
        assert store.add(doc)
    return live_server(app)


def _stage(d: Any) -> dict[str, str] | None:
    from selenium.webdriver.common.by import By

    els = d.find_elements(By.CSS_SELECTOR, "#view .leaflet-stage")
    data = d.execute_script("return Object.assign({}, arguments[0].dataset)", els[0]) if els else {}
    return data if data.get("ready") and data.get("basemap") == "drawn" else None


def _rows(d: Any) -> list[str]:
    from selenium.webdriver.common.by import By

    return [r.get_attribute("data-id") for r in d.find_elements(By.CSS_SELECTOR, "#events-table tr.row")]


@pytest.mark.slow
def test_ui_at_scale_map_search_review_rtl(big_server: str, browser: Any, tmp_path: Path) -> None:
    if node_modules_dir() is None:
        pytest.skip("map packages not installed (make install runs npm ci)")
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 60, ignored_exceptions=(StaleElementReferenceException,))
    browser.get(big_server + "/")
    first = wait.until(_stage)
    assert first["events"] == str(N + 2)
    assert len(_rows(browser)) == 50
    land = float(browser.execute_script(_LAND_SEA))
    assert 0.05 < land < 0.95, land  # land and sea both on screen, told apart
    assert wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#top-actor li"))
    shot(browser, tmp_path, "scale-events")

    # zooming in splits clusters: other counts of clusters and single circles
    browser.execute_script("const m = document.querySelector('#view .leaflet-stage').__map;"
                           "m.setView([35.65, 36.67], m.getZoom() + 3);")
    zoomed = wait.until(lambda d: (s := _stage(d)) and s["zoom"] != first["zoom"] and s)
    assert (zoomed["clusters"], zoomed["points"]) != (first["clusters"], first["points"])
    shot(browser, tmp_path, "scale-map-zoomed")

    # the search box finds the one report whose body holds the word
    box = browser.find_element(By.ID, "f-q")
    box.send_keys(WORD)
    box.submit()
    assert wait.until(lambda d: (r := _rows(d)) and len(r) == 1 and r) == ["BODY-1"]
    shot(browser, tmp_path, "scale-search")

    # a sub-type outside the codebook is refused, saying which field and why; nothing changes
    browser.get(big_server + "/#/event/BODY-1")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "article.doc[data-doc='doc-body']")
               and d.find_elements(By.ID, "edit-sub_event_type"))
    browser.find_element(By.ID, "token").send_keys(TOKEN)
    browser.find_element(By.CSS_SELECTOR, "details#edit summary").click()
    browser.execute_script("const s = document.getElementById('edit-sub_event_type');"
                           "s.append(new Option('Banana', 'Banana')); s.value = 'Banana';")
    browser.find_element(By.ID, "save-edit").click()
    error = wait.until(lambda d: (e := d.find_elements(By.CSS_SELECTOR, "#review-msg .error")) and e[0].text)
    assert "sub_event_type" in error and "Banana" not in browser.find_element(By.CSS_SELECTOR, "table.fields").text
    assert browser.find_element(By.ID, "status").text == "new"
    shot(browser, tmp_path, "scale-refused")

    # a review action appears in the audit trail, under the token's name
    browser.find_element(By.ID, "accept").click()
    audit = wait.until(lambda d: [r.text for r in d.find_elements(By.CSS_SELECTOR, "#audit tbody tr")])
    assert len(audit) == 1 and "accept" in audit[0] and "default" in audit[0]
    shot(browser, tmp_path, "scale-audit")

    # an Arabic report reads right to left
    browser.get(big_server + "/#/event/AR-1")
    text = wait.until(lambda d: (t := d.find_elements(By.CSS_SELECTOR, "article.doc[data-doc='doc-ar'] .text")) and t[0])
    assert browser.execute_script("return getComputedStyle(arguments[0]).direction", text) == "rtl"
    shot(browser, tmp_path, "scale-arabic")

    # the review queue over all of them: not yet reviewed first (BODY-1, accepted, is not on top)
    browser.get(big_server + "/#/review")
    ids = wait.until(lambda d: [r.get_attribute("data-id") for r in d.find_elements(By.CSS_SELECTOR, "#queue tr.row")])
    assert len(ids) == 50 and "BODY-1" not in ids
    assert {b.text for b in browser.find_elements(By.CSS_SELECTOR, "#queue .badge")} == {"new"}
    shot(browser, tmp_path, "scale-queue")
