"""The web UI in a real headless browser (Debian's chromium + chromedriver, driven by selenium).

Loads the UI over a live uvicorn server on 127.0.0.1, sees the seeded events in the table and on
the map, opens one, sees its evidence highlighted, edits a field with the token and sees the audit
entry. A screenshot of the event page is written to $SITREP_SCREENSHOT_DIR (default: tmp_path).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep.api import create_app
from tests.api.seed import TOKEN, seed_docs

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,1100")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    import uvicorn

    app = create_app(db_url=f"sqlite:///{tmp_path / 'ui.db'}", token=TOKEN)
    for doc in seed_docs():
        app.state.sitrep.store.add(doc)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.skip(f"headless browser test needs {' and '.join(missing)} "
                    "(apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def _shot(driver: Any, tmp_path: Path, name: str) -> Path:
    folder = Path(os.environ.get("SITREP_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


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
    canvas = browser.find_element(By.CSS_SELECTOR, "canvas.map-canvas")
    assert (canvas.get_attribute("data-events"), canvas.get_attribute("data-groups")) == ("4", "4")
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.timeline rect.bar")) >= 1
    _shot(browser, tmp_path, "ui-events")
    print(f"first load in a fresh browser, 4 events: {first_paint:.2f} s")

    wait.until(lambda d: click_row(d, "SYR-1"))
    marks = wait.until(lambda d: [(m.text, m.get_attribute("class") or "")
                                  for m in d.find_elements(By.CSS_SELECTOR, "article.doc mark.hl")])
    assert [m[0] for m in marks] == ["Fighting"]
    assert "ev-trigger" in marks[0][1]
    assert "Demo → sources" in browser.find_element(By.CSS_SELECTOR, "ol.claims").text

    token = browser.find_element(By.ID, "token")
    token.send_keys(TOKEN)
    browser.find_element(By.ID, "reviewer").send_keys("ui-test")  # blurs the token: saved
    browser.find_element(By.CSS_SELECTOR, ".review details summary").click()
    field = browser.find_element(By.ID, "edit-fatalities")
    field.clear()
    field.send_keys("40")
    browser.find_element(By.ID, "save-edit").click()
    audit = wait.until(lambda d: [r.text for r in d.find_elements(By.CSS_SELECTOR, "#audit tbody tr")])
    assert "fatalities: 12" in audit[0] and "fatalities: 40" in audit[0]
    assert "ui-test" in audit[0]
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
