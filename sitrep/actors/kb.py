"""Actor knowledge base: YAML layers (shipped, learned, user) loaded and validated once.

A layer is a YAML mapping with any of these sections (see ``data/*.yaml``)::

    countries:    {Syria: {periods: [2000], adj: [Syrian], the: false, iso3: SYR}}
    actors:       [{name, inter, country, side, aliases: [...], assoc_of: NAME}]
    descriptions: [{ref | name, inter, aliases, countries, partisan, side, assoc_only}]
    defaults:     {Syria: {rebels: NAME, air: NAME, gang: NAME, "Armed clash": [A1, A2]}}

``ref`` names a role resolved against the event's country: ``military``, ``police``,
``rebels``, ``air`` (warplanes), ``gang``. ``name`` may hold ``{c}`` (the country).
Later layers extend earlier ones; a later actor with the same name replaces the earlier one.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError

__all__ = [
    "ActorEntry",
    "Country",
    "KnowledgeBase",
    "data_files",
    "load_kb",
    "normalise_alias",
    "parse_layer",
]

_DATA = Path(__file__).parent / "data"
_FORCE_NOUNS = ("forces", "troops", "soldiers", "army", "military", "armed forces", "security forces",
                "servicemen", "service members", "personnel", "units", "navy", "air force", "border guards",
                "warplanes", "jets", "aircraft", "fighter jets", "helicopters", "drones", "artillery",
                "police", "policemen", "gendarmes", "gendarmerie", "coast guard",
                "air strikes", "airstrikes", "air raids", "strikes", "raids", "planes", "bombers",
                "aerospace forces", "cruise missiles", "missiles", "warships",
                # one strike or aircraft is the force's as much as many ("a Syrian air strike")
                "air strike", "airstrike", "air raid", "drone strike", "drone strikes", "warplane", "jet",
                "fighter jet", "helicopter", "drone", "plane", "bomber")  # fmt: skip
_REFS = {"military", "police", "rebels", "opposition", "air", "gang"}


_LEAD = "\"“”‘'([{«"
_TRAIL = "\"“”’'),;:!?.]}»"


#: Words every force's or group's name may share ("Military Forces of ...", "... Movement"):
#: they tell no two actors apart
NAME_BOILERPLATE = frozenset(("military", "forces", "force", "police", "of", "the", "group", "armed",
                              "movement", "militia", "state", "al", "el"))


def distinctive_words(name: str) -> list[str]:
    """The words of an actor's name that tell it from others: folded, punctuation and numbers
    ("(2000-)") dropped, NAME_BOILERPLATE left out ("Military Forces of Syria (2000-)" -> syria)."""
    return [w for w in re.sub(r"[^\w ]+", " ", name.casefold()).split()
            if w not in NAME_BOILERPLATE and not w.isdigit()]


def normalise_alias(text: str) -> str:
    """Matching key: lower case, straight quotes, words split at spaces/hyphens/slashes, outer punctuation dropped."""
    words = re.split(r"[\s\-–—/]+", text.lower().replace("’", "'").replace("`", "'"))
    return " ".join(w for w in (w.lstrip(_LEAD).rstrip(_TRAIL) for w in words) if w)


@dataclass(frozen=True)
class Country:
    name: str
    periods: tuple[int, ...] = ()
    adj: tuple[str, ...] = ()
    the: bool = False
    iso3: str | None = None

    def period(self, year: int | None) -> str:
        if not self.periods:
            return ""
        starts = [p for p in self.periods if year is None or p <= year]
        return f" ({(starts[-1] if starts else self.periods[0])}-)"

    def forces(self, kind: str, year: int | None = None) -> str:
        article = "the " if self.the else ""
        return f"{kind} Forces of {article}{self.name}{self.period(year)}"


@dataclass(frozen=True)
class ActorEntry:
    """One thing an alias can point to: a named actor or a description resolved by country."""

    name: str | None  # fixed name (may hold ``{c}``), or None when ``ref`` is set
    inter: int
    aliases: tuple[str, ...] = ()
    country: str | None = None  # a named actor's home country; scopes its aliases if scoped
    ref: str | None = None  # military | police | rebels | air | gang | foreign:<Country>
    countries: tuple[str, ...] = ()  # description valid only in these event countries
    side: str | None = None
    partisan: bool = False
    assoc_only: bool = False
    assoc_of: str | None = None
    scoped: bool = False  # aliases only match when the event country is ``country``
    origin: str = ""


@dataclass
class KnowledgeBase:
    countries: dict[str, Country] = field(default_factory=dict)
    entries: list[ActorEntry] = field(default_factory=list)
    defaults: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # duplicate aliases etc., reported at load
    _named: dict[str, ActorEntry] | None = field(default=None, repr=False, compare=False)
    _named_src: list[ActorEntry] = field(default_factory=list, repr=False, compare=False)

    def by_alias(self) -> dict[str, list[ActorEntry]]:
        index: dict[str, list[ActorEntry]] = {}
        for entry in self.entries:
            for alias in entry.aliases:
                index.setdefault(normalise_alias(alias), []).append(entry)
        return index

    def named(self) -> dict[str, ActorEntry]:
        """Named entries by name (computed once; the knowledge base is not changed after loading)."""
        if self._named is None or len(self._named_src) != len(self.entries):
            self._named = {e.name: e for e in self.entries if e.name and "{" not in e.name}
            self._named_src = list(self.entries)
        return self._named

    def country_of_word(self) -> dict[str, str]:
        """Country names and demonyms (normalised) -> country."""
        out: dict[str, str] = {}
        for c in self.countries.values():
            out[normalise_alias(c.name)] = c.name
            for adj in c.adj:
                if len(adj) > 3:
                    out[normalise_alias(adj)] = c.name
        return out


def data_files() -> list[Path]:
    """The shipped layers, in load order."""
    return sorted(_DATA.glob("*.yaml"))


def _err(origin: str, line: int | None, message: str) -> ConfigError:
    where = f"{origin}:{line}" if line is not None else origin
    return ConfigError(f"actor file {where}: {message}", code="E110")


def _tuple(value: Any, origin: str, line: int | None, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
        return tuple(str(v) for v in value)
    raise _err(origin, line, f"{what} must be a list of strings")


def _name_aliases(name: str) -> tuple[str, ...]:
    """"HTS: Hayat Tahrir al Sham" -> ("HTS", "Hayat Tahrir al Sham"); a trailing "(2000-)" dropped."""
    out: list[str] = []
    if ": " in name:
        head, tail = name.split(": ", 1)
        out += [head, tail]
    for item in list(out) or [name]:
        bare = re.sub(r"\s*\(\d{4}-(?:\d{4})?\)\s*$", "", item)
        if bare != item and bare and not bare.endswith(" Forces of"):
            out.append(bare)
    return tuple(dict.fromkeys(a for a in out if a and a != name))


def _entry(raw: Any, origin: str, line: int | None, *, description: bool) -> ActorEntry:
    if not isinstance(raw, dict):
        raise _err(origin, line, "each actor must be a mapping with at least name and inter")
    name, ref = raw.get("name"), raw.get("ref")
    if not name and not ref:
        raise _err(origin, line, "actor has neither 'name' nor 'ref'")
    if ref is not None and ref not in _REFS and not str(ref).startswith("foreign:"):
        raise _err(origin, line, f"unknown ref {ref!r}; known: {', '.join(sorted(_REFS))}")
    inter = raw.get("inter", 1 if ref in ("military", "police", "air") else None)
    if not isinstance(inter, int) or not 1 <= inter <= 8:
        raise _err(origin, line, f"actor {name or ref!r}: inter must be an integer 1-8, got {inter!r}")
    unknown = set(raw) - {"name", "ref", "inter", "aliases", "country", "countries", "side",
                          "partisan", "assoc_only", "assoc_of", "scoped"}  # fmt: skip
    if unknown:
        raise _err(origin, line, f"actor {name or ref!r}: unknown keys {sorted(unknown)}")
    aliases = _tuple(raw.get("aliases"), origin, line, "aliases")
    if name and not description and "{" not in str(name):
        aliases = (str(name), *_name_aliases(str(name)), *aliases)
    return ActorEntry(
        name=str(name) if name else None, inter=inter, aliases=aliases,
        country=raw.get("country"), ref=ref, countries=_tuple(raw.get("countries"), origin, line, "countries"),
        side=raw.get("side"), partisan=bool(raw.get("partisan", False)),
        assoc_only=bool(raw.get("assoc_only", False)), assoc_of=raw.get("assoc_of"),
        scoped=bool(raw.get("scoped", False)), origin=f"{origin}:{line}" if line else origin,
    )


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records the line of every mapping (``__line__``)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Hashable, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def parse_layer(text: str, *, origin: str) -> KnowledgeBase:
    """Parse one YAML layer; a broken file raises :class:`ConfigError` naming the line."""
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise _err(origin, line, f"not valid YAML: {exc.problem or exc}") from exc
    except yaml.YAMLError as exc:
        raise _err(origin, None, f"not valid YAML: {exc}") from exc
    kb = KnowledgeBase()
    if data is None:
        return kb
    if not isinstance(data, dict):
        raise _err(origin, 1, "top level must be a mapping (countries/actors/descriptions/defaults)")
    unknown = set(data) - {"countries", "actors", "descriptions", "defaults", "__line__"}
    if unknown:
        raise _err(origin, data.get("__line__"), f"unknown sections {sorted(unknown)}")
    for cname, raw in (data.get("countries") or {}).items():
        if cname == "__line__":
            continue
        raw = raw or {}
        if not isinstance(raw, dict):
            raise _err(origin, data["countries"].get("__line__"), f"country {cname!r} must be a mapping")
        periods = raw.get("periods") or []
        if not all(isinstance(p, int) for p in periods):
            raise _err(origin, raw.get("__line__"), f"country {cname!r}: periods must be years")
        kb.countries[cname] = Country(name=cname, periods=tuple(periods),
                                      adj=_tuple(raw.get("adj"), origin, raw.get("__line__"), "adj"),
                                      the=bool(raw.get("the", False)), iso3=raw.get("iso3"))
    for section, description in (("actors", False), ("descriptions", True)):
        items = data.get(section) or []
        if not isinstance(items, list):
            raise _err(origin, data.get("__line__"), f"{section} must be a list")
        for raw in items:
            line = raw.get("__line__") if isinstance(raw, dict) else None
            kb.entries.append(_entry(_strip(raw), origin, line, description=description))
    for cname, raw in (data.get("defaults") or {}).items():
        if cname != "__line__":
            kb.defaults[cname] = _strip(raw)
    return kb


def _foreign_entries(countries: dict[str, Country], taken: set[str]) -> list[ActorEntry]:
    """"Russian forces", "Turkish warplanes" ... -> that country's state forces (explicit aliases win)."""
    out: list[ActorEntry] = []
    for c in countries.values():
        # "Russian jets" and "Russia's jets" alike
        owners = (*c.adj, f"{c.name}'s") if not c.the and not c.name.endswith("s") else c.adj
        for adj in owners:
            combos = [f"{adj} {n}" for n in _FORCE_NOUNS if normalise_alias(f"{adj} {n}") not in taken]
            mil = tuple(a for a in combos if "police" not in a and "gendarm" not in a)
            pol = tuple(a for a in combos if "police" in a or "gendarm" in a)
            out.append(ActorEntry(name=None, inter=1, aliases=mil, ref=f"foreign:{c.name}:Military",
                                  origin="countries"))
            out.append(ActorEntry(name=None, inter=1, aliases=pol, ref=f"foreign:{c.name}:Police",
                                  origin="countries"))
    return out


def _duplicates(entries: list[ActorEntry]) -> list[str]:
    seen: dict[tuple[str, str | None, tuple[str, ...]], ActorEntry] = {}
    problems: list[str] = []
    for entry in entries:
        scope = entry.country if entry.scoped else None
        for alias in entry.aliases:
            key = (normalise_alias(alias), scope, entry.countries)
            other = seen.get(key)
            if other is not None and (other.name, other.ref) != (entry.name, entry.ref):
                problems.append(f"duplicate alias {alias!r}: {other.name or other.ref} ({other.origin}) "
                                f"and {entry.name or entry.ref} ({entry.origin})")
            seen[key] = entry
    return problems


def _merge(old: list[ActorEntry], new: list[ActorEntry]) -> list[ActorEntry]:
    """A later entry with a known name adds its aliases and sets the inter code; others are appended."""
    position = {e.name: i for i, e in enumerate(old) if e.name}
    out = list(old)
    for entry in new:
        i = position.get(entry.name) if entry.name else None
        if i is None:
            out.append(entry)
            continue
        prev = out[i]
        out[i] = replace(prev, inter=entry.inter, aliases=tuple(dict.fromkeys((*prev.aliases, *entry.aliases))),
                         side=prev.side or entry.side, country=prev.country or entry.country)
    return out


def _quiet(kb: KnowledgeBase, layer: KnowledgeBase) -> None:
    """A learned layer only adds aliases nobody else holds (curated names win, ambiguity is dropped)."""
    owner: dict[str, str | None] = {}
    for e in kb.entries:
        for a in e.aliases:
            owner.setdefault(normalise_alias(a), e.name or e.ref)
    counts: dict[str, set[str | None]] = {}
    for e in layer.entries:
        for a in e.aliases:
            counts.setdefault(normalise_alias(a), set()).add(e.name)
    layer.entries = [replace(e, aliases=tuple(
        a for a in e.aliases
        if owner.get(normalise_alias(a), e.name) == e.name and len(counts[normalise_alias(a)]) == 1))
        for e in layer.entries]


def load_kb(paths: list[Path] | None = None, *, extra: list[Path] | None = None,
            learned: list[Path] | None = None) -> KnowledgeBase:
    """Load the shipped layers (or ``paths``), ``learned`` layers (``sitrep train``), then ``extra``
    (user) layers; validate; report duplicate aliases in ``problems``."""
    kb = KnowledgeBase()
    quiet = set(learned or [])
    for path in [*(paths if paths is not None else data_files()), *(learned or []), *(extra or [])]:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise _err(str(path), None, f"cannot be read: {exc.strerror or exc}") from exc
        if path.suffix.lower() == ".csv":
            from .learn import layer_from_csv

            layer = layer_from_csv(text, origin=str(path))
        else:
            layer = parse_layer(text, origin=str(path))
        if path in quiet:
            _quiet(kb, layer)
        kb.countries.update(layer.countries)
        kb.entries = _merge(kb.entries, layer.entries)
        for cname, values in layer.defaults.items():
            kb.defaults.setdefault(cname, {}).update(values)
    taken = {normalise_alias(a) for e in kb.entries if not e.scoped and not e.countries for a in e.aliases}
    kb.entries = [*kb.entries, *_foreign_entries(kb.countries, taken)]
    kb.problems = _duplicates(kb.entries)
    return kb
