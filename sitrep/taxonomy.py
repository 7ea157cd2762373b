"""ACLED event types, sub-event types, disorder types and inter codes (exact strings)."""

from __future__ import annotations

__all__ = [
    "DISORDER_BY_SUB",
    "EVENT_TYPES",
    "INTER_NAMES",
    "SUB_EVENT_TYPES",
    "TYPE_OF_SUB",
    "disorder_type",
    "interaction",
    "type_of_violence",
]

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}  # fmt: skip

TYPE_OF_SUB: dict[str, str] = {sub: et for et, subs in EVENT_TYPES.items() for sub in subs}
SUB_EVENT_TYPES: tuple[str, ...] = tuple(TYPE_OF_SUB)

INTER_NAMES: dict[int, str] = {
    1: "State forces", 2: "Rebel groups", 3: "Political militias", 4: "Identity militias",
    5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/other forces",
}  # fmt: skip


def disorder_type(event_type: str, sub_event_type: str | None = None) -> str:
    if event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        return "Political violence"
    if event_type == "Riots":
        return "Political violence" if sub_event_type == "Mob violence" else "Demonstrations"
    if event_type == "Protests":
        if sub_event_type == "Excessive force against protesters":
            return "Political violence; Demonstrations"
        return "Demonstrations"
    return "Strategic developments"


DISORDER_BY_SUB: dict[str, str] = {sub: disorder_type(et, sub) for sub, et in TYPE_OF_SUB.items()}


def interaction(inter1: int | None, inter2: int | None) -> str | None:
    """Both codes joined, lower first; a lone actor gives e.g. ``"10"``."""
    if inter1 is None and inter2 is None:
        return None
    codes = sorted(c for c in (inter1, inter2) if c)
    if len(codes) == 1:
        return f"{codes[0]}0"
    return f"{codes[0]}{codes[1]}"


def type_of_violence(event_type: str | None, inter1: int | None, inter2: int | None) -> int | None:
    """UCDP: 1 state-based, 2 non-state, 3 one-sided; None for non-violent events."""
    if event_type not in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        return None
    codes = {c for c in (inter1, inter2) if c}
    if 7 in codes or event_type == "Violence against civilians":
        return 3
    if 1 in codes or 8 in codes:
        return 1
    return 2
