from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from sitrep.dedup.control import (
    build_control,
    find_place,
    holder_on,
    place_key,
    state_on,
    write_control,
)
from sitrep.schema import Event, Evidence
from tests.helpers import make_event

REBELS, ARMY = "Jaysh al-Fateh", "Military Forces of Syria (2000-)"


def _territory(place: str, sub: str, start: date, end: date | None = None, *, taker: str = REBELS,
               loser: str = ARMY, notes: str = "", doc: str = "seed") -> Event:
    end = end or start
    inter_t = 1 if "Military" in taker else 2
    return make_event(
        event_id_cnty=f"SYR-{doc}-{place}-{start}", location=place, sub_event_type=sub,
        event_type="Strategic developments" if "transfer" in sub else "Battles",
        actor1=taker, inter1=inter_t, actor2=loser, inter2=3 - inter_t if loser else None,
        event_date=start + (end - start) / 2, date_start=start, date_end=end,
        time_precision=1 if start == end else 2, notes=notes, doc_id=doc, doc_ids=[doc],
        evidence=[Evidence(doc_id=doc, field="trigger", start=0, end=4, text="seize")])


def _seed_timeline() -> dict[str, list]:  # type: ignore[type-arg]
    # the seed report (4 Nov 2016): rebels seized Dahyat al-Assad and Menyan "a few days ago"
    seized = [_territory(p, "Non-state actor overtakes territory", date(2016, 10, 30), date(2016, 11, 3))
              for p in ("Dahyat al-Assad", "Menyan")]
    regained = _territory("Dahyat al-Assad", "Government regains territory", date(2016, 11, 15),
                          taker=ARMY, loser=REBELS, doc="later")
    return build_control([*seized, regained])


def test_control_seed_capture_appears_with_its_date_span() -> None:
    tl = _seed_timeline()
    for place in ("dahyat al assad", "menyan"):
        inferred, captured = tl[place][0], tl[place][1]
        assert inferred.inferred and inferred.holder == ARMY and inferred.until == date(2016, 10, 30)
        assert captured.holder == REBELS
        assert (captured.since, captured.since_end) == (date(2016, 10, 30), date(2016, 11, 3))
        assert captured.doc_ids == ["seed"] and captured.evidence


@pytest.mark.parametrize(("place", "day", "holder"), [
    ("Dahyat al-Assad", date(2016, 10, 1), ARMY),  # before the capture (inferred)
    ("Dahyat al-Assad", date(2016, 11, 1), None),  # inside the capture window: not known
    ("Dahyat al-Assad", date(2016, 11, 4), REBELS),
    ("Dahyat al-Assad", date(2016, 11, 20), ARMY),  # regained on 15 Nov
    ("Menyan", date(2016, 11, 20), REBELS),
])
def test_control_holder_on_a_date(place: str, day: date, holder: str | None) -> None:
    spell = holder_on(_seed_timeline()[place_key(place)], day)
    assert (spell.holder if spell else None) == holder


def test_control_regain_closes_the_previous_spell() -> None:
    spells = _seed_timeline()["dahyat al assad"]
    assert [s.holder for s in spells] == [ARMY, REBELS, ARMY]
    assert spells[1].until == date(2016, 11, 15) and spells[2].until is None


@pytest.mark.parametrize(("notes", "holder"), [
    ("Government forces withdrew from the town, handing it to the rebels.", REBELS),
    ("Rebels took over the town after an agreement.", ARMY),
])
def test_control_withdrawal_passes_the_place_on(notes: str, holder: str) -> None:
    e = _territory("Kafr Naha", "Non-violent transfer of territory", date(2016, 12, 1), taker=ARMY,
                   loser=REBELS, notes=notes)
    spells = build_control([e])["kafr naha"]
    assert holder_on(spells, date(2016, 12, 2)).holder == holder  # type: ignore[union-attr]


def test_control_same_holder_extends_one_spell() -> None:
    a = _territory("Menyan", "Non-state actor overtakes territory", date(2016, 11, 1), doc="a")
    b = _territory("Menyan", "Non-state actor overtakes territory", date(2016, 11, 2), doc="b")
    spells = build_control([b, a])["menyan"]
    assert len(spells) == 2 and spells[1].doc_ids == ["a", "b"]


@pytest.mark.parametrize(("name", "key"), [("Menyan", "menyan"), ("Minyan", "menyan"), ("Douma", None)])
def test_control_find_place_by_spelling(name: str, key: str | None) -> None:
    assert find_place(_seed_timeline(), name) == key


@pytest.mark.parametrize("fmt", ["csv", "geojson"])
def test_control_export_state_on_a_date(fmt: str) -> None:
    state = state_on(_seed_timeline(), date(2016, 11, 4))
    buf = io.StringIO()
    assert write_control(state, buf, fmt=fmt) == 2
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
        assert {(r["place"], r["holder"], r["since"], r["since_end"]) for r in rows} == {
            ("Dahyat al-Assad", REBELS, "2016-10-30", "2016-11-03"), ("Menyan", REBELS, "2016-10-30", "2016-11-03")}
    else:
        gj = json.loads(buf.getvalue())
        assert [f["geometry"]["type"] for f in gj["features"]] == ["Point", "Point"]
        assert {f["properties"]["holder"] for f in gj["features"]} == {REBELS}


def test_control_export_rejects_unknown_format() -> None:
    with pytest.raises(ValueError):
        write_control([], io.StringIO(), fmt="kml")
