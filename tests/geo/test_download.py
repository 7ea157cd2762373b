"""``sitrep gazetteer download``: fetch, verify, resume and import GeoNames country dumps (all or
nothing), against a local server on 127.0.0.1 serving team-made files."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from geonames_server import DumpServer, geoname_row, serve, sy_files, zip_of
from sitrep.cli.app import _load_commands, app
from sitrep.config import Settings
from sitrep.geo.match import name_key
from sitrep.geo.stage import Geocoder
from sitrep.geo.store import SQLiteGazetteer
from sitrep.nlp.segment import segment_text
from sitrep.resources import Resources
from sitrep.schema import Doc, Document, EventCandidate, Span


@pytest.fixture
def dump_server() -> Iterator[DumpServer]:
    yield from serve(DumpServer(files=sy_files()))


def _download(store: SQLiteGazetteer, server_url: str, *codes: str):  # type: ignore[no-untyped-def]
    _load_commands()
    return CliRunner().invoke(app, ["gazetteer", "download", *codes, "--gazetteer",
                                    str(store.path), "--base-url", server_url])


def _locate(store: SQLiteGazetteer, text: str, trigger: str) -> Doc:
    """Run the pipeline's geocoding stage over ``text`` with ``store`` as the gazetteer."""
    resources = Resources(Settings())
    resources.put("geo.gazetteer", SQLiteGazetteer(store.path))
    doc = Doc(document=Document(id="t", text=text))
    doc.sentences = segment_text(text)
    i = text.index(trigger)
    doc.candidates.append(EventCandidate(
        sentence_index=0, trigger=Span(start=i, end=i + len(trigger), text=trigger),
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack"))
    return Geocoder(resources)(doc)


def _snapshot(store: SQLiteGazetteer) -> list[tuple[object, ...]]:
    return store.conn.execute("SELECT uid, name, priority FROM places ORDER BY uid").fetchall()


def test_download_imports_a_country_that_then_resolves(
        sqlite_gazetteer: SQLiteGazetteer, dump_server: DumpServer) -> None:
    text = "Artillery shelling hit Kafr Tallul on Monday, wounding three farmers."
    before = _locate(sqlite_gazetteer, text, "shelling").candidates[0].place
    assert before is None or before.place is None or before.place.name != "Kafr Tallul"
    result = _download(sqlite_gazetteer, dump_server.url, "sy")
    assert result.exit_code == 0, result.output
    assert "rejected 1 rows" in result.output and "latitude out of range" in result.output
    place = _locate(sqlite_gazetteer, text, "shelling").candidates[0].place
    assert place is not None and place.place is not None
    assert (place.place.name, place.geo_precision) == ("Kafr Tallul", 1)
    assert (place.place.admin1, place.place.admin2) == ("Aleppo", "Al Bab")
    assert place.place.country == "Syria"
    arabic = sqlite_gazetteer.lookup(name_key("كفر تلول"))
    assert [r.name for r in arabic] == ["Kafr Tallul"]
    kinds = {r.name: r.kind for r in (sqlite_gazetteer.lookup(name_key("Hayy al-Zaytuna"))
                                      + sqlite_gazetteer.lookup(name_key("Jabal Qurnat Tallul")))}
    assert kinds == {"Hayy al-Zaytuna": "neighbourhood"}  # the mountain is not kept
    assert sqlite_gazetteer.lookup(name_key("Kafr Tallul"))[0].priority >= 10  # above defaults


def test_download_resumes_a_dropped_connection(sqlite_gazetteer: SQLiteGazetteer,
                                              dump_server: DumpServer) -> None:
    dump_server.modes["SY.zip"] = "drop"
    result = _download(sqlite_gazetteer, dump_server.url, "SY")
    assert result.exit_code == 0, result.output
    ranges = [rng for name, rng in dump_server.requests if name == "SY.zip"]
    assert ranges[0] is None and ranges[1] is not None and ranges[1].startswith("bytes=")
    assert int(ranges[1][6:].rstrip("-")) > 0
    assert sqlite_gazetteer.lookup(name_key("Kafr Tallul"))


def test_download_uses_its_cache_the_second_time(sqlite_gazetteer: SQLiteGazetteer,
                                                 dump_server: DumpServer) -> None:
    assert _download(sqlite_gazetteer, dump_server.url, "SY").exit_code == 0
    first = len(dump_server.requests)
    assert _download(sqlite_gazetteer, dump_server.url, "SY").exit_code == 0
    assert len(dump_server.requests) == first
    assert len(sqlite_gazetteer.lookup(name_key("Kafr Tallul"))) == 1  # imported once


def _bad_sy_zip() -> dict[str, bytes | int]:
    good = sy_files()["SY.zip"]
    header = "geonameid,name,latitude,longitude\n" + "".join(f"{i},Place {i},35.1,37.2\n"
                                                               for i in range(20))
    return {
        "server error": 500,
        "not found": 404,
        "corrupt zip": good[:40] + bytes(200) + good[240:],
        "truncated zip": good[: len(good) // 2],
        "not a zip": b"<html><body>Service unavailable</body></html>",
        "wrong format": zip_of("SY.txt", header),
        "no SY.txt inside": zip_of("readme.txt", geoname_row(1, "Qaryat Wahm", 35.0, 37.0,
                                                             "P", "PPL") + "\n"),
    }


@pytest.mark.parametrize("case", list(_bad_sy_zip()))
def test_download_bad_answer_leaves_the_gazetteer_unchanged(
        case: str, sqlite_gazetteer: SQLiteGazetteer, dump_server: DumpServer) -> None:
    bad = _bad_sy_zip()[case]
    if isinstance(bad, int):
        dump_server.modes["SY.zip"] = bad
    else:
        dump_server.files["SY.zip"] = bad
    before = _snapshot(sqlite_gazetteer)
    result = _download(sqlite_gazetteer, dump_server.url, "SY")
    assert result.exit_code == 1, result.output
    assert "error: [E" in result.output and "Traceback" not in result.output
    assert "gazetteer is unchanged" in result.output
    assert _snapshot(sqlite_gazetteer) == before
    assert not (sqlite_gazetteer.path.parent / "geonames" / "SY.zip").exists()


def test_download_is_all_or_nothing_across_countries(
        sqlite_gazetteer: SQLiteGazetteer, dump_server: DumpServer) -> None:
    dump_server.modes["LB.zip"] = 503
    before = _snapshot(sqlite_gazetteer)
    result = _download(sqlite_gazetteer, dump_server.url, "SY", "LB")
    assert result.exit_code == 1 and "503" in result.output
    assert _snapshot(sqlite_gazetteer) == before  # SY was fine, but nothing went in


def test_download_unknown_country_fails_before_any_fetch(
        sqlite_gazetteer: SQLiteGazetteer, dump_server: DumpServer) -> None:
    result = _download(sqlite_gazetteer, dump_server.url, "SY", "QQ")
    assert result.exit_code == 1 and "QQ" in result.output and "E236" in result.output
    assert dump_server.requests == []


def test_download_offline_is_a_clean_error(sqlite_gazetteer: SQLiteGazetteer) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    before = _snapshot(sqlite_gazetteer)
    result = _download(sqlite_gazetteer, f"http://127.0.0.1:{port}/dump", "SY")
    assert result.exit_code == 1 and "E330" in result.output and "cannot reach" in result.output
    assert _snapshot(sqlite_gazetteer) == before


def test_download_base_url_comes_from_the_environment(
        sqlite_gazetteer: SQLiteGazetteer, dump_server: DumpServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_GEONAMES_URL", dump_server.url)
    _load_commands()
    result = CliRunner().invoke(app, ["gazetteer", "download", "SY", "--gazetteer",
                                      str(sqlite_gazetteer.path)])
    assert result.exit_code == 0, result.output
    assert dump_server.requests


def test_download_part_file_left_by_an_earlier_run_is_resumed(
        tmp_path: Path, sqlite_gazetteer: SQLiteGazetteer, dump_server: DumpServer) -> None:
    cache = sqlite_gazetteer.path.parent / "geonames"
    cache.mkdir()
    body = dump_server.files["SY.zip"]
    (cache / "SY.zip.part").write_bytes(body[:1000])
    assert _download(sqlite_gazetteer, dump_server.url, "SY").exit_code == 0
    assert ("SY.zip", "bytes=1000-") in dump_server.requests
    assert (cache / "SY.zip").read_bytes() == body
