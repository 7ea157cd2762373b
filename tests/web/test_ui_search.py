"""The events view in headless chromium: the search box finds words of the reports' text, column
headers sort the table on the server, and the edit form offers only the codebook's values.

Skips (saying why) where chromium/chromedriver are absent; the same behaviour is checked through
the API in tests/api/test_search_sort.py and tests/api/test_review_rules.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.web.conftest import shot as _shot


def _wait(browser: Any) -> Any:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, 15, ignored_exceptions=(StaleElementReferenceException,))


def _rows(d: Any) -> list[str]:
    from selenium.webdriver.common.by import By

    return [r.get_attribute("data-id") for r in d.find_elements(By.CSS_SELECTOR, "#events-table tr.row")]


def test_ui_search_box_finds_a_word_only_in_a_report(server: str, browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    wait = _wait(browser)
    browser.get(server + "/")
    wait.until(lambda d: len(_rows(d)) == 4)
    # the sub-type picker lists the sub-types stored, the actor box suggests the actors stored
    assert wait.until(lambda d: "Air/drone strike" in [o.get_attribute("value") for o in
                                                       d.find_elements(By.CSS_SELECTOR, "#f-sub_event_type option")])
    assert "Protesters (Kenya)" in [o.get_attribute("value") for o in
                                    browser.find_elements(By.CSS_SELECTOR, "#f-actor-values option")]
    box = browser.find_element(By.ID, "f-q")
    box.send_keys("killed")  # in the Aleppo report's text, in no event field
    browser.find_element(By.CSS_SELECTOR, "#filters button[type=submit]").click()
    assert wait.until(lambda d: set(_rows(d)) == {"SYR-1", "SYR-2"})
    assert "q=killed" in browser.current_url
    assert browser.find_element(By.ID, "f-q").get_attribute("value") == "killed"
    _shot(browser, tmp_path, "ui-search")


def test_ui_sorts_by_a_clicked_column(server: str, browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    wait = _wait(browser)
    browser.get(server + "/")
    wait.until(lambda d: len(_rows(d)) == 4)
    browser.find_element(By.ID, "sort-fatalities").click()
    assert wait.until(lambda d: _rows(d) == ["KEN-1", "UKR-1", "SYR-2", "SYR-1"])  # 0, 3, 5, 12
    header = browser.find_element(By.CSS_SELECTOR, "th[data-sort=fatalities]")
    assert header.get_attribute("aria-sort") == "ascending"
    browser.find_element(By.ID, "sort-fatalities").click()
    assert wait.until(lambda d: _rows(d) == ["SYR-1", "SYR-2", "UKR-1", "KEN-1"])
    assert "sort=-fatalities" in browser.current_url
    _shot(browser, tmp_path, "ui-sorted")


def test_ui_edit_form_offers_the_codebook(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    wait = _wait(browser)
    browser.get(server + "/#/event/SYR-1")
    wait.until(lambda d: d.find_elements(By.ID, "edit-sub_event_type"))
    browser.find_element(By.CSS_SELECTOR, ".review details summary").click()
    subs = wait.until(lambda d: (o := [x.get_attribute("value") for x in Select(
        d.find_element(By.ID, "edit-sub_event_type")).options]) and len(o) > 2 and o)
    assert "Armed clash" in subs and "Peaceful protest" not in subs
    Select(browser.find_element(By.ID, "edit-event_type")).select_by_value("Protests")
    assert wait.until(lambda d: "Peaceful protest" in [x.get_attribute("value") for x in Select(
        d.find_element(By.ID, "edit-sub_event_type")).options])
    inter = [x.get_attribute("value") for x in Select(browser.find_element(By.ID, "edit-inter1")).options]
    assert inter == ["", *[str(i) for i in range(1, 9)]]
