"""Splitting an event in the browser: a merged event gives one report to a new event (both events
listed, the split in the audit trail of each); a single-report event gets a second event at
another place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from sitrep.api import create_app
from tests.api.seed import TOKEN, seed_merged
from tests.web.conftest import shot


def test_ui_split_merged_event(live_server: Callable[[FastAPI], str], browser: Any,
                               tmp_path: Path) -> None:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    app = create_app(db_url=f"sqlite:///{tmp_path / 'split.db'}", token=TOKEN)
    seed_merged(app.state.sitrep.store)
    base = live_server(app)
    wait = WebDriverWait(browser, 15, ignored_exceptions=(StaleElementReferenceException,))

    def row_ids(d: Any) -> list[str]:
        return [r.get_attribute("data-id") for r in d.find_elements(By.CSS_SELECTOR, "#events-table tr.row")]

    browser.get(base + "/")
    [event_id] = wait.until(lambda d: row_ids(d) or None)
    browser.get(f"{base}/#/event/{event_id}")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "details#split"))
    browser.find_element(By.ID, "token").send_keys(TOKEN)
    browser.find_element(By.CSS_SELECTOR, "details#split summary").click()
    browser.find_element(By.ID, "split-doc-m2").click()
    browser.find_element(By.ID, "split-docs").click()

    link = wait.until(lambda d: d.find_elements(By.ID, "split-created"))[0]
    new_id = link.text
    assert new_id and new_id != event_id
    audit = wait.until(lambda d: [r.text for r in d.find_elements(By.CSS_SELECTOR, "#audit tbody tr")])
    assert len(audit) == 1 and "split" in audit[0] and "default" in audit[0] and new_id in audit[0]
    merged = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "ul.merged li")]
    assert merged == ["m1", "m3"]
    assert browser.find_element(By.ID, "status").text == "edited"
    shot(browser, tmp_path, "ui-split-original")

    link.click()
    wait.until(lambda d: new_id in d.find_element(By.TAG_NAME, "h1").text
               or new_id in " ".join(p.text for p in d.find_elements(By.CSS_SELECTOR, "p.muted")))
    audit_new = wait.until(lambda d: [r.text for r in d.find_elements(By.CSS_SELECTOR, "#audit tbody tr")])
    assert len(audit_new) == 1 and "split_from: " + event_id in audit_new[0]
    assert "m2" in browser.find_element(By.CSS_SELECTOR, "article.doc h3").text
    assert shot(browser, tmp_path, "ui-split-new").stat().st_size > 10_000

    browser.get(base + "/")
    assert sorted(wait.until(lambda d: (ids := row_ids(d)) and len(ids) == 2 and ids)) == sorted(
        [event_id, new_id])


def test_ui_split_single_report_by_fields(server: str, browser: Any, tmp_path: Path) -> None:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 15, ignored_exceptions=(StaleElementReferenceException,))
    browser.get(server + "/#/event/SYR-1")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "details#split"))
    assert not browser.find_elements(By.ID, "split-docs")  # one report: no documents to choose
    browser.find_element(By.ID, "token").send_keys(TOKEN)
    browser.find_element(By.CSS_SELECTOR, "details#split summary").click()
    place = browser.find_element(By.ID, "split-location")
    place.clear()
    place.send_keys("Tadef")
    browser.find_element(By.ID, "split-fields").click()
    link = wait.until(lambda d: d.find_elements(By.ID, "split-created"))[0]
    assert link.text == "SYR-1-s1"
    audit = wait.until(lambda d: [r.text for r in d.find_elements(By.CSS_SELECTOR, "#audit tbody tr")])
    assert len(audit) == 1 and "split_into: SYR-1-s1" in audit[0]
    assert "Aleppo" in browser.find_element(By.TAG_NAME, "h1").text  # the original is unchanged
    link.click()
    wait.until(lambda d: "Tadef" in d.find_element(By.TAG_NAME, "h1").text)
    assert "Fighting" in browser.find_element(By.CSS_SELECTOR, "article.doc").text  # same report
    shot(browser, tmp_path, "ui-split-fields")
