"""The map's npm assets: /vendor serves exactly the allow-listed files of node_modules (JS with a
JavaScript type, each package's licence), nothing reachable by ``..``, and a clear 404 while the
packages are not installed. A hand-made node_modules stands in for npm's."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.api.routes.web import NODE_MODULES_ENV, VENDOR_FILES, VENDOR_LICENCES


def _node_modules(root: Path) -> Path:
    for pkg, files in VENDOR_FILES.items():
        (root / pkg).mkdir(parents=True, exist_ok=True)
        (root / pkg / "package.json").write_text(f'{{"name": "{pkg}", "version": "9.9.9", "license": "X"}}')
        for f in files:
            (root / pkg / f).parent.mkdir(parents=True, exist_ok=True)
            (root / pkg / f).write_text(f"/* {pkg}/{f} */")
    (root / "secret.txt").write_text("not for the web")
    (root / "leaflet" / "src").mkdir()
    (root / "leaflet" / "src" / "Leaflet.js").write_text("source, not served")
    return root


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setenv(NODE_MODULES_ENV, str(_node_modules(tmp_path / "node_modules")))
    return TestClient(create_app(db_url=f"sqlite:///{tmp_path / 'v.db'}", token="t"),
                      base_url="http://127.0.0.1")


def test_vendor_serves_leaflet_js_as_javascript(client: TestClient) -> None:
    r = client.get("/vendor/leaflet/dist/leaflet.js")
    assert r.status_code == 200
    assert r.text == "/* leaflet/dist/leaflet.js */"
    assert r.headers["content-type"].startswith("text/javascript")
    topo = client.get("/vendor/world-atlas/countries-50m.json")
    assert topo.status_code == 200 and topo.headers["content-type"].startswith("application/json")


@pytest.mark.parametrize("pkg", sorted(VENDOR_LICENCES))
def test_vendor_licence_is_reachable(client: TestClient, pkg: str) -> None:
    r = client.get(f"/vendor/{pkg}/{VENDOR_LICENCES[pkg]}")
    assert r.status_code == 200 and pkg in r.text
    listing = client.get("/vendor/licences").json()
    assert listing["available"] is True
    entry = next(p for p in listing["packages"] if p["name"] == pkg)
    assert entry["licence_url"] == f"/vendor/{pkg}/{VENDOR_LICENCES[pkg]}"
    assert entry["version"] == "9.9.9"


@pytest.mark.parametrize("path", [
    "/vendor/leaflet/../secret.txt", "/vendor/leaflet/..%2Fsecret.txt", "/vendor/leaflet/%2e%2e/secret.txt",
    "/vendor/leaflet/dist/../../secret.txt", "/vendor/..%2Fsecret.txt/x", "/vendor/leaflet/src/Leaflet.js",
    "/vendor/leaflet/package.json", "/vendor/leaflet//etc/passwd", "/vendor/leaflet/%2Fetc%2Fpasswd",
    "/vendor/nope/LICENSE", "/vendor/leaflet/dist/leaflet.js/",
])
def test_vendor_refuses_paths_off_the_list(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert "not for the web" not in r.text and "source, not served" not in r.text


def test_vendor_without_packages_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NODE_MODULES_ENV, str(tmp_path / "absent"))
    client = TestClient(create_app(db_url=f"sqlite:///{tmp_path / 'v.db'}", token="t"),
                        base_url="http://127.0.0.1")
    r = client.get("/vendor/leaflet/dist/leaflet.js")
    assert r.status_code == 404
    assert "make install" in r.json()["error"]["message"]
    assert client.get("/vendor/licences").json()["available"] is False


def test_vendor_real_packages_when_installed() -> None:
    """After `make install`: the lockfile's packages are where the server looks, licences included."""
    from sitrep.api.routes.web import node_modules_dir

    root = node_modules_dir()
    if root is None:
        pytest.skip("npm packages not installed (make install fetches them)")
    for pkg, files in VENDOR_FILES.items():
        for f in files:
            assert (root / pkg / f).is_file(), f"{pkg}/{f}"
