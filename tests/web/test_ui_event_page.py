"""The event page in headless chromium: an Arabic report laid out right to left with its claimant
chain in reading order (first source rightmost), framing marks only on the document whose
characters they span, and the control-timeline link of a captured place showing its holder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from sitrep.api import create_app
from sitrep.schema import Claim, Doc, Document, Evidence, FramingFlag
from tests.api.seed import TOKEN
from tests.helpers import make_event
from tests.web.conftest import shot
from tests.web.test_control_link import capture_doc

AR_TEXT = "قال المرصد السوري نقلا عن ناشطين إن قوات النظام قتلت خمسة مدنيين في حلب."
EN_A = "Regime forces shelled the rebel-held district; five civilians died."
EN_B = "Government troops shelled the district held by terrorists; five died."


def _docs() -> list[Doc]:
    ar = Doc(document=Document(id="doc-ar", text=AR_TEXT, date=date(2016, 11, 4), source="المرصد", language="ar"))
    start = AR_TEXT.index("خمسة")
    ar.events = [make_event(event_id_cnty="AR-1", doc_id="doc-ar", doc_ids=["doc-ar"], evidence=[
        Evidence(doc_id="doc-ar", field="fatalities", start=start, end=start + 4, text="خمسة")],
        claims=[Claim(quantity="killed", low=5, high=5, claimant_chain=["المرصد السوري", "ناشطون"],
                      sentence=AR_TEXT, doc_id="doc-ar")])]
    # a merged event of two English reports; the one framing flag spans "rebel-held" in A only
    a0 = EN_A.index("rebel-held")
    first = Doc(document=Document(id="doc-b", text=EN_B, date=date(2016, 11, 4), source="Outlet B"))
    merged = Doc(document=Document(id="doc-a", text=EN_A, date=date(2016, 11, 4), source="Outlet A"))
    merged.events = [make_event(event_id_cnty="MRG-1", doc_id="doc-a", doc_ids=["doc-a", "doc-b"], claims=[],
                                evidence=[Evidence(doc_id="doc-a", field="trigger", start=0, end=6, text="Regime")],
                                framing=[FramingFlag(term="rebel-held", normalised="opposition-held",
                                                     start=a0, end=a0 + len("rebel-held"))])]
    return [ar, first, merged, capture_doc()]


def _serve(live_server: Callable[[FastAPI], str], tmp_path: Path) -> str:
    app = create_app(db_url=f"sqlite:///{tmp_path / 'ev.db'}", token=TOKEN)
    for doc in _docs():
        app.state.sitrep.store.add(doc)
    return live_server(app)


def test_ui_event_page_rtl_chain_framing_and_control(live_server: Callable[[FastAPI], str], browser: Any,
                                                     tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base = _serve(live_server, tmp_path)
    wait = WebDriverWait(browser, 15)
    browser.get(base + "/#/event/AR-1")
    text = wait.until(lambda d: (t := d.find_elements(By.CSS_SELECTOR, "article.doc .text")) and t[0])
    assert browser.execute_script("return getComputedStyle(arguments[0]).direction", text) == "rtl"
    assert [m.text for m in text.find_elements(By.CSS_SELECTOR, "mark.hl")] == ["خمسة"]
    who = browser.find_elements(By.CSS_SELECTOR, "ol.claims .who")
    assert [w.text for w in who] == ["المرصد السوري", "ناشطون"]
    # read right to left: the outermost source stands to the right of the one it quotes
    assert who[0].rect["x"] > who[1].rect["x"]
    chain = browser.find_element(By.CSS_SELECTOR, "ol.claims .chain-items")
    assert browser.execute_script("return getComputedStyle(arguments[0]).direction", chain) == "rtl"
    shot(browser, tmp_path, "ui-event-arabic")

    browser.get(base + "/#/event/MRG-1")
    arts = wait.until(lambda d: (a := d.find_elements(By.CSS_SELECTOR, "article.doc")) and len(a) == 2 and a)
    framing = {a.get_attribute("data-doc"): [m.text for m in a.find_elements(By.CSS_SELECTOR, "mark.ev-framing")]
               for a in arts}
    assert framing == {"doc-a": ["rebel-held"], "doc-b": []}
    for a in arts:
        assert browser.execute_script("return getComputedStyle(arguments[0].querySelector('.text')).direction", a) == "ltr"

    browser.get(base + "/#/event/SYR-CAP")
    links = wait.until(lambda d: (x := d.find_elements(By.CSS_SELECTOR, "a.control-link")) and len(x) == 2 and x)
    assert [x.text for x in links] == ["control timeline: Menyan", "control timeline: Dahyat al-Assad"]
    links[0].click()
    body = wait.until(lambda d: (v := d.find_element(By.ID, "view").text) and "Jaysh al-Fateh" in v and v)
    assert "No control changes" not in body
    shot(browser, tmp_path, "ui-control-timeline")
