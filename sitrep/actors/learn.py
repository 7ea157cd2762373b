"""Learn an actor layer from a user's ACLED export (``sitrep train`` calls :func:`harvest`).

Every named actor in actor1/assoc_actor_1/actor2/assoc_actor_2 becomes an entry with its inter
code (the most frequent one), home country and aliases derived from the name ("HTS: Hayat Tahrir
al Sham" -> "HTS", "Hayat Tahrir al Sham"; "Police Forces of Mexico (2018-) State Police" ->
"State Police", scoped to Mexico). The most frequent dyad per (country, sub-event type) becomes a
default for events whose text names nobody.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import yaml

from .kb import KnowledgeBase, parse_layer
from .recognise import infer_inter

__all__ = ["harvest", "layer_from_csv", "learned_layer"]

_CLASS = re.compile(r"^(?:Civilians|Protesters|Rioters|Unidentified Armed Group|Labour Group|Women|Students|"
                    r"Farmers|Teachers|Health Workers|Journalists|Lawyers|Refugees/IDPs|Prisoners)\s*\(")
_STATE = re.compile(r"^(?:Former )?(?:Military|Police) Forces of (?:the )?(.+?) \(\d{4}-(?:\d{4})?\)\s*(.*)$")


def _aliases(name: str) -> tuple[list[str], bool]:
    """Aliases for a learned name, and whether they only hold in the actor's country."""
    state = _STATE.match(name)
    if state:
        unit = state.group(2).strip()
        return ([unit] if unit and len(unit) > 3 else []), True
    out: list[str] = []
    base = re.sub(r"\s*\([^)]*\)\s*$", "", name)
    if ": " in base:
        head, tail = base.split(": ", 1)
        out += [head, tail]
    elif base != name:
        out.append(base)
    return [a for a in out if len(a) > 1], base != name and ": " not in name


def _first(dyads: dict[tuple[str, str], Counter[tuple[str, str]]]) -> dict[str, list[str]]:
    """Per country, actors ACLED nearly always lists first when they meet another actor."""
    seen: dict[str, Counter[str]] = {}
    lead: dict[str, Counter[str]] = {}
    for (country, _sub), counter in dyads.items():
        for (a1, a2), n in counter.items():
            if a2:
                seen.setdefault(country, Counter()).update({a1: n, a2: n})
                lead.setdefault(country, Counter())[a1] += n
    out: dict[str, list[str]] = {}
    for country, counts in seen.items():
        ranked = sorted((lead[country][a] / n, a) for a, n in counts.items() if n >= 5)
        first = [a for share, a in reversed(ranked) if share >= 0.75]
        if first:
            out[country] = first
    return out


def learned_layer(rows: list[dict[str, str]]) -> dict[str, object]:
    """The YAML-able layer learned from ACLED rows."""
    inter: dict[str, Counter[int]] = {}
    home: dict[str, Counter[str]] = {}
    dyads: dict[tuple[str, str], Counter[tuple[str, str]]] = {}
    for row in rows:
        country = (row.get("country") or "").strip()
        for side in ("1", "2"):
            code = (row.get(f"inter{side}") or "").strip()
            names = [(row.get(f"actor{side}") or "").strip()]
            names += [a.strip() for a in (row.get(f"assoc_actor_{side}") or "").split(";")]
            for i, name in enumerate(n for n in names if n):
                if code.isdigit() and 1 <= int(code) <= 8 and i == 0:
                    inter.setdefault(name, Counter())[int(code)] += 1
                else:
                    inter.setdefault(name, Counter())
                if country:
                    home.setdefault(name, Counter())[country] += 1
        a1, a2 = (row.get("actor1") or "").strip(), (row.get("actor2") or "").strip()
        sub = (row.get("sub_event_type") or "").strip()
        if country and sub and a1:
            dyads.setdefault((country, sub), Counter())[(a1, a2)] += 1
    actors = []
    for name, codes in sorted(inter.items()):
        if _CLASS.match(name):
            continue
        aliases, scoped = _aliases(name)
        home_country = home[name].most_common(1)[0][0] if name in home else None
        inter_code = codes.most_common(1)[0][0] if codes else (1 if _STATE.match(name) else infer_inter(name))
        entry: dict[str, object] = {"name": name, "inter": inter_code}
        if home_country:
            entry["country"] = home_country
        if aliases:
            entry["aliases"] = aliases
        if scoped or _STATE.match(name):
            entry["scoped"] = True
        actors.append(entry)
    defaults: dict[str, dict[str, list[str]]] = {}
    for (country, sub), counter in sorted(dyads.items()):
        (a1, a2), n = counter.most_common(1)[0]
        if n >= 3 and a2 and not _CLASS.match(a1):
            defaults.setdefault(country, {})[sub] = [a1, a2]
    for country, first in _first(dyads).items():
        defaults.setdefault(country, {})["first"] = first
    return {"actors": actors, "defaults": defaults}


def harvest(rows: list[dict[str, str]], out_dir: Path) -> dict[str, object]:
    """Write ``out_dir/actors.yaml`` learned from ACLED rows; returns a summary."""
    layer = learned_layer(rows)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "actors.yaml"
    text = "# Learned by sitrep train from an ACLED export: actor names, inter codes, dyads.\n"
    text += yaml.safe_dump(layer, sort_keys=False, allow_unicode=True, width=120)
    path.write_text(text, encoding="utf-8")
    actors, defaults = layer["actors"], layer["defaults"]
    return {"path": str(path), "actors": len(actors) if isinstance(actors, list) else 0,
            "defaults": sum(len(v) for v in defaults.values()) if isinstance(defaults, dict) else 0,
            "rows": len(rows)}


def layer_from_csv(text: str, *, origin: str) -> KnowledgeBase:
    """A CSV actor file: either ACLED rows (actor1, inter1, ...) or name,inter,country,aliases."""
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    fields = set(reader.fieldnames or [])
    if {"actor1", "inter1"} <= fields:
        return parse_layer(yaml.safe_dump(learned_layer(rows)), origin=origin)
    if not {"name", "inter"} <= fields:
        from ..errors import ConfigError

        raise ConfigError(f"actor file {origin}:1: CSV needs columns name,inter (or ACLED actor1,inter1)",
                          code="E110")
    actors = []
    for row in rows:
        entry: dict[str, object] = {"name": row["name"], "inter": int(row["inter"]) if row["inter"].isdigit()
                                    else row["inter"]}
        if row.get("country"):
            entry["country"] = row["country"]
        if row.get("aliases"):
            entry["aliases"] = [a.strip() for a in row["aliases"].split(";") if a.strip()]
        actors.append(entry)
    return parse_layer(yaml.safe_dump({"actors": actors}), origin=origin)
