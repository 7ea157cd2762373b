"""The analyst's charts and the review queue in headless chromium: the timeline stacked by event
type, top actors that filter on click, the date slider that filters the map and the table
together, and the queue's keyboard review (bulk accept, audited under the token's name)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from tests.api.seed import TOKEN
from tests.web.conftest import shot


def _hash_params(browser: Any) -> dict[str, str]:
    query = browser.current_url.split("#", 1)[1].split("?", 1)
    return {k: v[0] for k, v in parse_qs(query[1] if len(query) > 1 else "").items()}


def _rows(d: Any, table: str = "events-table") -> list[str]:
    from selenium.webdriver.common.by import By

    return [r.get_attribute("data-id") for r in d.find_elements(By.CSS_SELECTOR, f"#{table} tr.row")]


def _map_events(d: Any) -> str | None:
    from selenium.webdriver.common.by import By

    stage = d.find_elements(By.CSS_SELECTOR, "#view .leaflet-stage, #view canvas.map-canvas")
    return stage[0].get_attribute("data-events") if stage else None


def test_ui_workbench_stacked_timeline_tops_and_slider(server: str, browser: Any, tmp_path: Path) -> None:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 20, ignored_exceptions=(StaleElementReferenceException,))
    browser.get(server + "/")
    wait.until(lambda d: len(_rows(d)) == 4 and _map_events(d) == "4")
    segs = browser.find_elements(By.CSS_SELECTOR, "svg.timeline rect.seg")
    assert {s.get_attribute("data-type") for s in segs} == {
        "Battles", "Explosions/Remote violence", "Protests"}
    colours = {s.value_of_css_property("fill") for s in segs}
    assert len(colours) == 3  # one colour per type, as on the map
    actors = wait.until(lambda d: [(li.get_attribute("data-value"), li.get_attribute("data-events"))
                                   for li in d.find_elements(By.CSS_SELECTOR, "#top-actor li")] or None)
    # actor2 of every seed event is Jaysh al-Fateh; Russia is actor1 twice
    assert actors[:2] == [("Jaysh al-Fateh", "4"), ("Military Forces of Russia (2000-)", "2")]
    assert len(actors) == 4
    shot(browser, tmp_path, "ui-workbench-charts")

    # the slider's last handle to its first bin: November 2016 only, in the map and the table
    bins = browser.find_element(By.CSS_SELECTOR, "svg.timeline").get_attribute("data-bins")
    browser.find_element(By.ID, "time-to").send_keys(Keys.HOME)
    wait.until(lambda d: _hash_params(d).get("date_to") == "2016-11-30")
    wait.until(lambda d: _rows(d) == ["SYR-1", "SYR-2"] and _map_events(d) == "2")
    # the timeline keeps every date (the range is its selection); the rest is dimmed
    svg = browser.find_element(By.CSS_SELECTOR, "svg.timeline")
    assert svg.get_attribute("data-bins") == bins
    assert browser.find_elements(By.CSS_SELECTOR, "svg.timeline rect.seg.dim")
    assert "2016-11-01" in browser.find_element(By.ID, "time-range").text
    # the top lists follow the dates: Syria's 12 dead rank it above Russia's 5 at one event each
    assert wait.until(lambda d: [li.get_attribute("data-value") for li in d.find_elements(
        By.CSS_SELECTOR, "#top-actor li")] == ["Jaysh al-Fateh", "Military Forces of Syria (2000-)",
                                               "Military Forces of Russia (2000-)"])
    shot(browser, tmp_path, "ui-workbench-slider")
    browser.find_element(By.ID, "time-all").click()
    wait.until(lambda d: "date_to" not in _hash_params(d) and len(_rows(d)) == 4)

    # clicking a top actor filters by it
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#top-actor li button")) == 4)
    browser.find_elements(By.CSS_SELECTOR, "#top-actor li button")[1].click()
    wait.until(lambda d: _hash_params(d).get("actor") == "Military Forces of Russia (2000-)")
    assert sorted(wait.until(lambda d: (r := _rows(d)) and len(r) == 2 and r)) == ["SYR-2", "UKR-1"]


def test_ui_workbench_queue_keyboard_bulk_review(server: str, browser: Any, tmp_path: Path) -> None:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 20, ignored_exceptions=(StaleElementReferenceException,))
    browser.get(server + "/#/review")
    assert wait.until(lambda d: _rows(d, "queue")) == ["SYR-1", "SYR-2", "UKR-1", "KEN-1"]
    help_text = browser.find_element(By.ID, "shortcuts").text
    for key in ("j", "k", "a", "r", "e"):
        assert key in help_text.split()
    browser.find_element(By.ID, "token").send_keys(TOKEN)
    browser.find_element(By.CSS_SELECTOR, "#queue thead th:nth-child(2)").click()  # focus off the field
    keys = ActionChains(browser)
    keys.send_keys("j").send_keys("x").send_keys("j").send_keys("x").perform()  # SYR-2 and UKR-1
    assert browser.find_element(By.ID, "ticked").text == "2 ticked"
    assert browser.find_element(By.ID, "queue").get_attribute("data-cursor") == "UKR-1"
    ActionChains(browser).send_keys("a").perform()
    wait.until(lambda d: "Accepted 2 events as default" in d.find_element(By.ID, "queue-msg").text)
    # reviewed events go to the end of the queue
    assert wait.until(lambda d: _rows(d, "queue")) == ["SYR-1", "KEN-1", "SYR-2", "UKR-1"]
    shot(browser, tmp_path, "ui-workbench-queue")

    # r rejects the event under the cursor; e opens it with the edit form
    ActionChains(browser).send_keys("k").send_keys("k").send_keys("k").send_keys("r").perform()
    wait.until(lambda d: "Rejected 1 event as default" in d.find_element(By.ID, "queue-msg").text)
    ActionChains(browser).send_keys("e").perform()
    wait.until(lambda d: "/event/KEN-1" in d.current_url and "edit=1" in d.current_url)
    assert wait.until(lambda d: d.find_element(By.ID, "edit").get_attribute("open") is not None)
    browser.get(server + "/#/event/SYR-1")
    audit = wait.until(lambda d: [r.text for r in d.find_elements(By.CSS_SELECTOR, "#audit tbody tr")])
    assert len(audit) == 1 and "default" in audit[0] and "reject" in audit[0]
