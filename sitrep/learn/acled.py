"""Read ACLED exports, modern (2019-) and old (pre-2019) schemas, into lower-case-keyed rows.

Old files have UPPERCASE headers, ``ALLY_ACTOR_1/2`` instead of ``assoc_actor_1/2``, no
``sub_event_type``, old event types ("Battle-No change of territory", "Remote violence",
"Riots/Protests") and sometimes an unnamed index column first. Notes may span several lines
inside quotes (the csv module handles that). Every row comes back with the modern names.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError

__all__ = ["OLD_EVENT_TYPES", "read_acled_rows"]

_RENAMES = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2"}

#: Old event types mapped to the modern (event_type, sub_event_type) where the mapping is sure.
OLD_EVENT_TYPES: dict[str, tuple[str, str | None]] = {
    "battle-no change of territory": ("Battles", "Armed clash"),
    "battle-government regains territory": ("Battles", "Government regains territory"),
    "battle-non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
    "remote violence": ("Explosions/Remote violence", None),
    "violence against civilians": ("Violence against civilians", None),
    "riots/protests": ("Riots/Protests", None),
    "strategic development": ("Strategic developments", None),
    "headquarters or base established": ("Strategic developments", "Headquarters or base established"),
    "non-violent transfer of territory": ("Strategic developments", "Non-violent transfer of territory"),
}


def _key(name: str) -> str:
    key = name.strip().lower().lstrip("\ufeff")
    return _RENAMES.get(key, key)


def read_acled_rows(path: Path | str) -> Iterator[dict[str, str]]:
    """Yield one dict per event with lower-case modern keys and stripped values.

    Old rows keep ``event_type`` as written, get ``sub_event_type = ""`` and, when the old type
    pins it down, ``inferred_event_type`` / ``inferred_sub_event_type`` (modern names).
    """
    path = Path(path)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"cannot open ACLED file: {exc.strerror}", origin=str(path),
                         code="E210") from exc
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"not a CSV file: {exc}", origin=str(path), code="E211") from exc
        keys = [_key(h) for h in header]
        if "notes" not in keys:
            raise InputError("no 'notes' column: not an ACLED export", origin=str(path), code="E212")
        modern = "sub_event_type" in keys
        line = 1
        try:
            for values in reader:
                line = reader.line_num
                if not any(v.strip() for v in values):
                    continue
                row = {k: v.strip() for k, v in zip(keys, values, strict=False) if k}
                for k in keys:
                    if k:
                        row.setdefault(k, "")
                if not modern:
                    mapped = OLD_EVENT_TYPES.get(row.get("event_type", "").lower())
                    row["sub_event_type"] = ""
                    row["inferred_event_type"] = mapped[0] if mapped else ""
                    row["inferred_sub_event_type"] = (mapped[1] or "") if mapped else ""
                row.setdefault("assoc_actor_1", "")
                row.setdefault("assoc_actor_2", "")
                yield row
        except csv.Error as exc:
            raise InputError(f"bad CSV: {exc}", origin=str(path), line=line, code="E213") from exc
