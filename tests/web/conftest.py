"""Fixtures of the browser tests: a live uvicorn server on 127.0.0.1 and Debian's headless chromium
driven by selenium (tests skip, saying why, when chromium or chromedriver is missing)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from sitrep.api import create_app
from tests.api.seed import TOKEN, seed_docs

__all__ = ["CHROMEDRIVER", "CHROMIUM", "shot"]

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
def live_server() -> Iterator[Callable[[FastAPI], str]]:
    """``live_server(app)`` serves ``app`` on a free port and returns its base URL."""
    import uvicorn

    running: list[tuple[Any, threading.Thread]] = []

    def start(app: FastAPI) -> str:
        port = _free_port()
        srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=srv.run, daemon=True)
        thread.start()
        running.append((srv, thread))
        deadline = time.monotonic() + 15
        while not srv.started:
            if time.monotonic() > deadline or not thread.is_alive():
                pytest.fail("uvicorn did not start")
            time.sleep(0.05)
        return f"http://127.0.0.1:{port}"

    try:
        yield start
    finally:
        for srv, thread in running:
            srv.should_exit = True
            thread.join(timeout=10)


@pytest.fixture
def server(tmp_path: Path, live_server: Callable[[FastAPI], str]) -> str:
    """The UI over the hand-built seed events (tests.api.seed)."""
    app = create_app(db_url=f"sqlite:///{tmp_path / 'ui.db'}", token=TOKEN)
    for doc in seed_docs():
        app.state.sitrep.store.add(doc)
    return live_server(app)


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


def shot(driver: Any, tmp_path: Path, name: str) -> Path:
    """A screenshot in $SITREP_SCREENSHOT_DIR (default: the test's tmp_path)."""
    folder = Path(os.environ.get("SITREP_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    return path
