"""Synthetic multi-report scenarios for evaluating and benchmarking cross-report merging.

Each *cluster* is one true event reported 2-6 ways: different outlets (with their own partisan
terms and casualty figures: 5, 7, "dozens" = 12 ...), dates exact or only known to a window ("a
few days ago"), places at precision 1 with other spellings and another gazetteer's coordinates,
precision 2 ("near X") or 3 (province), actors named, generic ("Unidentified Armed Group") or
missing, the type sometimes seen differently (a clash reported as shelling). Distractor clusters are
distinct but similar events that must not merge: same place next day, same day in the neighbouring
district, same place and day but another type, same town and day but another armed group.

``make_scenarios(seed=..)`` returns the reports (shuffled) with the true cluster of each;
``synthetic_events(n)`` returns ``n`` plain reports spread over space and time for benchmarks.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from ..schema import Claim, Event, Evidence, FramingFlag

__all__ = ["LabelledReport", "make_scenarios", "pairwise_scores", "synthetic_events"]

_PLACES = [  # name, spellings, lat, lon, country, admin1, neighbour district
    ("Menyan", ["Minyan", "Manyan"], 36.2167, 37.0833, "Syria", "Aleppo", "Kafr Naha"),
    ("Dahyat al-Assad", ["Dahiyat al-Assad", "Dahiet al Assad"], 36.1970, 37.0960, "Syria", "Aleppo",
     "3000 Apartments"),
    ("Saraqib", ["Sarakeb", "Saraqeb"], 35.8622, 36.8003, "Syria", "Idleb", "Afes"),
    ("Maarat al-Numan", ["Ma'arrat al-Nu'man", "Maarat Alnuman"], 35.6437, 36.6724, "Syria", "Idleb",
     "Maar Shurin"),
    ("Douma", ["Duma", "Doumah"], 33.5711, 36.4050, "Syria", "Rural Damascus", "Misraba"),
    ("Bakhmut", ["Bakhmout", "Artemivsk"], 48.5947, 38.0008, "Ukraine", "Donetsk", "Opytne"),
    ("Avdiivka", ["Avdeevka", "Avdiyivka"], 48.1394, 37.7497, "Ukraine", "Donetsk", "Stepove"),
    ("Maiduguri", ["Maidugri", "Maiduguri town"], 11.8333, 13.1500, "Nigeria", "Borno", "Jere"),
    ("Gao", ["Gao city", "Gaoh"], 16.2666, -0.0400, "Mali", "Gao", "Sossokoira"),
    ("Kidal", ["Kidaal", "Kidal town"], 18.4411, 1.4078, "Mali", "Kidal", "Anefis"),
    ("Mogadishu", ["Muqdisho", "Mogadisho"], 2.0469, 45.3182, "Somalia", "Banadir", "Dayniile"),
    ("Marib", ["Ma'rib", "Mareb"], 15.4625, 45.3253, "Yemen", "Marib", "Sirwah"),
]
_STATE = {"Syria": "Military Forces of Syria (2000-)", "Ukraine": "Military Forces of Ukraine (2019-)",
          "Nigeria": "Military Forces of Nigeria (2015-2023)", "Mali": "Military Forces of Mali (2021-)",
          "Somalia": "Military Forces of Somalia (2022-)", "Yemen": "Military Forces of Yemen (2017-)"}
_REBELS = {"Syria": ["Jaysh al-Fateh", "Hayat Tahrir al-Sham", "Islamic State (Syria)"],
           "Ukraine": ["Military Forces of Russia (2000-)", "Wagner Group"],
           "Nigeria": ["Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "ISWAP"],
           "Mali": ["JNIM: Group for Support of Islam and Muslims", "CSP-DPA"],
           "Somalia": ["Al Shabaab", "Islamic State (Somalia)"],
           "Yemen": ["Houthi Movement", "AQAP: Al Qaeda in the Arabian Peninsula"]}
_OUTLETS = [("ElDorar", ["regime", "revolutionaries"]), ("SANA", ["terrorists", "liberated"]),
            ("Reuters", []), ("AFP", []), ("Local Observatory", ["occupied"]),
            ("Al-Masdar", ["terrorists", "militants"]), ("Enab Baladi", ["regime", "Assad militias"])]
_TYPES = [("Battles", "Armed clash", 2), ("Explosions/Remote violence", "Air/drone strike", 1),
          ("Explosions/Remote violence", "Shelling/artillery/missile attack", 2),
          ("Battles", "Non-state actor overtakes territory", 2),
          ("Violence against civilians", "Attack", 7)]


@dataclass(frozen=True)
class LabelledReport:
    report: Event
    cluster: int  # the true event this report describes


def _shift(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    dlat = km * math.cos(bearing) / 111.32
    dlon = km * math.sin(bearing) / (111.32 * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


def _event(*, eid: str, doc: str, source: str, day: date, window: tuple[date, date] | None, place: str,
           lat: float, lon: float, prec: int, country: str, admin1: str, etype: str, sub: str,
           a1: str | None, i1: int | None, a2: str | None, i2: int | None, fat: int,
           terms: list[str]) -> Event:
    start, end = window or (day, day)
    tp = 1 if window is None else 2
    return Event(
        event_id_cnty=eid, event_date=day if window is None else start + (end - start) / 2,
        year=day.year, time_precision=tp, date_prec=tp, date_start=start, date_end=end,
        event_type=etype, sub_event_type=sub, actor1=a1, inter1=i1, actor2=a2, inter2=i2,
        country=country, admin1=admin1, location=place, latitude=round(lat, 5), longitude=round(lon, 5),
        geo_precision=prec, where_prec=prec, source=source, notes=f"{sub} in {place}.", fatalities=fat,
        fatalities_low=fat, fatalities_best=fat, fatalities_high=fat, doc_id=doc, doc_ids=[doc],
        evidence=[Evidence(doc_id=doc, field="trigger", start=0, end=len(sub), text=sub)],
        claims=[Claim(quantity="killed", low=fat, high=fat, claimant_chain=[source],
                      sentence=f"{fat} killed.", doc_id=doc)],
        framing=[FramingFlag(term=t, normalised=t.lower()) for t in terms], confidence=0.8)


def make_scenarios(*, seed: int = 7, n_clusters: int = 36) -> list[LabelledReport]:
    """Reports of ``n_clusters`` true events (2-6 reports each) plus distractor events, shuffled."""
    rng = random.Random(seed)
    out: list[LabelledReport] = []
    cid = 0
    day0 = date(2016, 10, 1)
    for k in range(n_clusters):
        name, spellings, lat, lon, country, admin1, neighbour = _PLACES[k % len(_PLACES)]
        etype, sub, i2 = _TYPES[k % len(_TYPES)]
        day = day0 + timedelta(days=10 * (k // len(_PLACES)) + k % 3)
        rebels = _REBELS[country]
        a1, a2 = _STATE[country], (f"Civilians ({country})" if i2 == 7 else rebels[k % len(rebels)])
        distractor = ("next_day", "neighbour", "other_type", "other_group", None)[(k + k // 5) % 5]
        if distractor == "other_group" and i2 == 7:
            distractor = "next_day"  # who attacked civilians is an attribution conflict, not a new event
        true_fat = rng.choice([3, 5, 7, 12, 20])
        for r in range(rng.randint(2, 6)):
            source, terms = _OUTLETS[(k + r) % len(_OUTLETS)]
            doc = f"c{k}-r{r}"
            place, plat, plon, prec = rng.choice(spellings + [name]), lat, lon, 1
            roll = rng.random()
            if roll < 0.3:
                plat, plon = _shift(lat, lon, rng.uniform(0.05, 0.8), rng.uniform(0, 6.28))
            elif roll < 0.4:  # "near X": ACLED keeps X and its coordinates, precision 2
                place, prec = rng.choice([name, f"near {name}"]), 2
            window = None
            if distractor != "next_day" and rng.random() < 0.25:
                back = rng.randint(0, 3)
                window = (day - timedelta(days=back), day + timedelta(days=4 - back))
            r1 = a1
            r2: str | None = a2
            if rng.random() < 0.2 and i2 != 7:
                r2 = f"Unidentified Armed Group ({country})"
            elif rng.random() < 0.15:
                r2 = None
            rsub, rtype = sub, etype
            if sub == "Armed clash" and rng.random() < 0.2:
                rtype, rsub = "Explosions/Remote violence", "Shelling/artillery/missile attack"
            fat = max(0, true_fat + rng.choice([0, 0, -2, 2, 7]))
            out.append(LabelledReport(_event(
                eid=f"SYN-{doc}", doc=doc, source=source, day=day, window=window, place=place, lat=plat,
                lon=plon, prec=prec, country=country, admin1=admin1, etype=rtype, sub=rsub, a1=r1, i1=1,
                a2=r2, i2=i2 if r2 else None, fat=fat, terms=terms), cid))
        cid += 1
        if distractor is None:
            continue
        dday, dplace, dlat, dlon, dtype, dsub, da2, di2 = day, name, lat, lon, etype, sub, a2, i2
        if distractor == "next_day":
            dday = day + timedelta(days=1)
        elif distractor == "neighbour":
            dplace = neighbour
            dlat, dlon = _shift(lat, lon, rng.uniform(2.0, 4.0), rng.uniform(0, 6.28))
        elif distractor == "other_type":
            dtype, dsub, da2, di2 = "Protests", "Peaceful protest", f"Protesters ({country})", 6
            a1 = None  # type: ignore[assignment]
        else:
            da2, di2 = next(x for x in rebels if x != a2), 2
        for r in range(rng.randint(1, 2)):
            source, terms = _OUTLETS[(k + r + 3) % len(_OUTLETS)]
            doc = f"d{k}-r{r}"
            out.append(LabelledReport(_event(
                eid=f"SYN-{doc}", doc=doc, source=source, day=dday, window=None, place=dplace, lat=dlat,
                lon=dlon, prec=1, country=country, admin1=admin1, etype=dtype, sub=dsub,
                a1=a1 if dtype != "Protests" else da2, i1=1 if dtype != "Protests" else di2,
                a2=da2 if dtype != "Protests" else None, i2=di2 if dtype != "Protests" else None,
                fat=rng.choice([0, 2, 4]), terms=terms), cid))
        cid += 1
    rng.shuffle(out)
    return out


def pairwise_scores(truth: list[int], predicted: list[int]) -> tuple[float, float, int, int]:
    """Pairwise (precision, recall, true pairs, predicted pairs) of a clustering."""
    tp = fp = fn = 0
    n = len(truth)
    for i in range(n):
        for j in range(i + 1, n):
            same_t, same_p = truth[i] == truth[j], predicted[i] == predicted[j]
            tp += same_t and same_p
            fp += same_p and not same_t
            fn += same_t and not same_p
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp + fn, tp + fp


def synthetic_events(n: int, *, seed: int = 1, per_day: int = 60, dup_rate: float = 0.3) -> Iterator[Event]:
    """``n`` reports spread over a growing span of days (``per_day`` events a day over the places
    above, jittered up to 40 km), a ``dup_rate`` share of them repeating an earlier event."""
    rng = random.Random(seed)
    day0 = date(2015, 1, 1)
    recent: list[Event] = []
    for i in range(n):
        doc = f"b{i}"
        if recent and rng.random() < dup_rate:
            base = rng.choice(recent[-200:])
            yield base.model_copy(update={"event_id_cnty": f"SYN-{doc}", "doc_id": doc, "doc_ids": [doc],
                                          "source": "Other outlet"}, deep=True)
            continue
        name, _, lat, lon, country, admin1, _ = _PLACES[rng.randrange(len(_PLACES))]
        plat, plon = _shift(lat, lon, rng.uniform(0, 40), rng.uniform(0, 6.28))
        etype, sub, i2 = _TYPES[rng.randrange(len(_TYPES))]
        rebels = _REBELS[country]
        a2 = f"Civilians ({country})" if i2 == 7 else rebels[rng.randrange(len(rebels))]
        ev = _event(eid=f"SYN-{doc}", doc=doc, source="Outlet", day=day0 + timedelta(days=i // per_day),
                    window=None, place=f"{name} {rng.randrange(1000)}", lat=plat, lon=plon, prec=1,
                    country=country, admin1=admin1, etype=etype, sub=sub, a1=_STATE[country], i1=1,
                    a2=a2, i2=i2, fat=rng.randrange(10), terms=[])
        recent.append(ev)
        yield ev
