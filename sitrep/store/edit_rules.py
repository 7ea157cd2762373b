"""What a reviewer's edit must respect: ACLED's codebook, and the fields derived from others.

Why: review used to accept any value (``sub_event_type: "Banana"``, ``inter1: 9``, Protests with
the sub-type Armed clash) and kept the old ``disorder_type``, so one PATCH could leave an event no
ACLED tool reads. The codebook lives in :mod:`sitrep.taxonomy`; this module only applies it to an
edit: :func:`edit_problems` says what is wrong (one entry per field, with the reason), and
:func:`derive` recomputes the derived fields from the edited ones. Derived fields are never taken
from the client.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..schema import Event
from ..taxonomy import EVENT_TYPES, INTER_NAMES, TYPE_OF_SUB, disorder_type, interaction

__all__ = ["DERIVED_FIELDS", "derive", "derived_problems", "edit_problems"]

#: field -> the fields it is computed from (a client may not set it).
DERIVED_FIELDS: dict[str, tuple[str, ...]] = {
    "disorder_type": ("event_type", "sub_event_type"),
    "interaction": ("inter1", "inter2"),
    "year": ("event_date",),
}

_INTER_TEXT = ", ".join(f"{k} {v}" for k, v in INTER_NAMES.items())


def derived_problems(fields: Mapping[str, Any]) -> list[dict[str, str]]:
    """Derived fields in an edit: each one is refused, naming what it is computed from."""
    return [{"field": k, "reason": f"derived from {' and '.join(DERIVED_FIELDS[k])}; "
             "edit those instead"} for k in sorted(DERIVED_FIELDS) if k in fields]


def _type_problems(event: Event, fields: Mapping[str, Any]) -> list[dict[str, str]]:
    if "event_type" not in fields and "sub_event_type" not in fields:
        return []  # a stored pair the edit does not touch is not the reviewer's to answer for
    out: list[dict[str, str]] = []
    et, sub = event.event_type, event.sub_event_type
    if et not in EVENT_TYPES:
        out.append({"field": "event_type",
                    "reason": f"{et!r} is not an ACLED event type; one of: {', '.join(EVENT_TYPES)}"})
    if sub not in TYPE_OF_SUB:
        choices = EVENT_TYPES.get(et or "", tuple(TYPE_OF_SUB))
        out.append({"field": "sub_event_type",
                    "reason": f"{sub!r} is not an ACLED sub-event type; one of: {', '.join(choices)}"})
    elif et in EVENT_TYPES and TYPE_OF_SUB[sub] != et:
        out.append({"field": "sub_event_type",
                    "reason": f"{sub!r} belongs to {TYPE_OF_SUB[sub]!r}, not {et!r}; "
                              f"for {et!r} one of: {', '.join(EVENT_TYPES[et])}"})
    return out


def _inter_problems(event: Event, fields: Mapping[str, Any]) -> list[dict[str, str]]:
    out = []
    for name in ("inter1", "inter2"):
        if name not in fields:
            continue
        value = getattr(event, name)
        if value is None and name == "inter2":
            continue  # no second actor
        if isinstance(fields[name], bool) or value not in INTER_NAMES:
            out.append({"field": name, "reason": f"must be an ACLED inter code 1-8 ({_INTER_TEXT})"
                        + ("" if name == "inter1" else " or null")})
    return out


def _date_problems(event: Event, fields: Mapping[str, Any], today: date) -> list[dict[str, str]]:
    out = []
    if "event_date" in fields and event.event_date is not None and event.event_date > today:
        out.append({"field": "event_date", "reason": f"must not be after today ({today})"})
    if ({"date_start", "date_end"} & set(fields) and event.date_start and event.date_end
            and event.date_start > event.date_end):
        out.append({"field": "date_end", "reason": "must not be before date_start"})
    return out


def edit_problems(event: Event, fields: Mapping[str, Any], *, today: date) -> list[dict[str, str]]:
    """Why the edited ``event`` breaks the codebook (empty when it does not), checking the fields
    the edit names: event/sub-event type and their pairing, inter codes, dates."""
    return (_type_problems(event, fields) + _inter_problems(event, fields)
            + _date_problems(event, fields, today))


def derive(event: Event, fields: Mapping[str, Any]) -> Event:
    """``event`` with the fields derived from edited ones recomputed."""
    update: dict[str, Any] = {}
    if {"event_type", "sub_event_type"} & set(fields) and event.event_type in EVENT_TYPES:
        update["disorder_type"] = disorder_type(event.event_type, event.sub_event_type)
    if {"inter1", "inter2"} & set(fields):
        update["interaction"] = interaction(event.inter1, event.inter2)
    if "event_date" in fields:
        update["year"] = event.event_date.year if event.event_date else None
    return event.model_copy(update=update) if update else event
