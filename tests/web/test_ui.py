"""The web UI in a real headless browser (Debian's chromium + chromedriver, driven by selenium).

Loads the UI over a live uvicorn server on 127.0.0.1, sees the seeded events in the table and on
the map, opens one, sees its evidence highlighted, edits a field with the token and sees the audit
entry. A screenshot of the event page is written to $SITREP_SCREENSHOT_DIR (default: tmp_path).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from tests.api.seed import TOKEN
from tests.web.conftest import shot as _shot


def test_ui_table_map_event_evidence_and_edit(server: str, browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # the UI re-renders views after fetches: re-find elements instead of failing on stale ones
    wait = WebDriverWait(browser, 15, ignored_exceptions=(StaleElementReferenceException,))

    def click_row(d: Any, event_id: str) -> bool:
        for r in d.find_elements(By.CSS_SELECTOR, "#events-table tr.row"):
            if r.get_attribute("data-id") == event_id:
                r.click()
                return True
        return False
    started = time.perf_counter()
    browser.get(server + "/")
    ids = wait.until(lambda d: (r := [x.get_attribute("data-id") for x in
                                      d.find_elements(By.CSS_SELECTOR, "#events-table tr.row")])
                     and len(r) == 4 and r)
    first_paint = time.perf_counter() - started
    assert set(ids) == {"SYR-1", "SYR-2", "UKR-1", "KEN-1"}
    # the Leaflet map (or, without the npm packages, the canvas map) has the 4 events
    stage = wait.until(lambda d: (m := d.find_elements(By.CSS_SELECTOR, ".leaflet-stage, canvas.map-canvas")) and m[0])
    assert stage.get_attribute("data-events") == "4"
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.timeline rect.bar")) >= 1
    _shot(browser, tmp_path, "ui-events")
    print(f"first load in a fresh browser, 4 events: {first_paint:.2f} s")

    wait.until(lambda d: click_row(d, "SYR-1"))
    marks = wait.until(lambda d: [(m.text, m.get_attribute("class") or "")
                                  for m in d.find_elements(By.CSS_SELECTOR, "article.doc mark.hl")])
    assert [m[0] for m in marks] == ["Fighting"]
    assert "ev-trigger" in marks[0][1]
    assert "Demo → sources" in browser.find_element(By.CSS_SELECTOR, "ol.claims").text
    assert "status: new (reported)" in browser.find_element(By.CSS_SELECTOR, "ul.why").text

    token = browser.find_element(By.ID, "token")
    token.send_keys(TOKEN)
    browser.find_element(By.CSS_SELECTOR, ".review details summary").click()
    field = browser.find_element(By.ID, "edit-fatalities")
    field.clear()
    field.send_keys("40")
    browser.find_element(By.ID, "save-edit").click()
    audit = wait.until(lambda d: [r.text for r in d.find_elements(By.CSS_SELECTOR, "#audit tbody tr")])
    assert "fatalities: 12" in audit[0] and "fatalities: 40" in audit[0]
    assert "default" in audit[0]  # the token's name, not a name typed in the page
    assert wait.until(lambda d: d.find_element(By.ID, "status").text == "edited")
    shot = _shot(browser, tmp_path, "ui-event")
    assert shot.stat().st_size > 10_000
    browser.find_element(By.ID, "accept").click()  # the token is kept for the tab
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#audit tbody tr")) == 2)
    assert wait.until(lambda d: d.find_element(By.ID, "status").text == "accepted")

    browser.get(server + "/#/documents")
    docs = wait.until(lambda d: (r := d.find_elements(By.CSS_SELECTOR, "table.events tr.row"))
                      and len(r) == 3 and r)
    assert wait.until(lambda d: "doc-aleppo" in " ".join(
        r.text for r in d.find_elements(By.CSS_SELECTOR, "table.events tr.row")))
    browser.get(server + "/#/place/Aleppo")  # control timeline: no territory events seeded
    empty = wait.until(lambda d: [p for p in d.find_elements(By.CSS_SELECTOR, "p.muted")
                                  if "No control changes" in p.text])
    assert empty
    print(f"screenshots in {shot.parent}")
