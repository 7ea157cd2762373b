"""A learned decision: are two happenings the rules kept apart one happening told twice?

The coreference rules (:mod:`.coref`) join mentions greedily and stay apart on any doubt: two sides
named differently ("Islamist militants" in the lede, "Jaish al-Islam against Fateh al-Sham" in the
body), a toll for the area and a smaller one for a town in it ("22 killed near Damascus", "the
highest toll was in Douma, where raids killed 16"), a restatement a day off. A story then codes one
attack two or three times and adds up its deaths.

This model reads each pair of the article's reported happenings that ACLED's unit of analysis lets
be one event (:func:`pair_allowed`: the same family of violence, no change of territory, one
country, places that can be one place: the same, one holding the other, or one unlocated; two
different villages are never one event) and gives the probability that they are one happening,
from named features of how the article tells them (:data:`PAIR_FEATURES`: days apart, place
relation, shared or disjoint sides, a definite description such as "the attack", a later toll that
is a part of the earlier one, "meanwhile" or "elsewhere", ...). Pairs at or above the threshold are
joined, most probable first, and a join that would put two incompatible happenings together is
refused.

Training (``benchmarks/train_coref.py``): the development parts of FA-KES and GVA only. Labels come
from the coded event of each article: two happenings that both lie within a day of the coded date
(and, for FA-KES, in its governorate; for GVA, lethal) are one happening, a reported one and one
that is not are two. Settings by cross-validation grouped by article on the articles' death
totals. The shipped weights (``coref_model.json``) are numbers over the named features.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..schema import Doc, EventCandidate, Place
from .coref import Happening, dyad, family, lethal, own_date, own_place, place_relation
from .linear import LinearModel, read_linear_model

__all__ = ["MODEL_PATH", "PAIR_FEATURES", "join_happenings", "load_coref_model", "pair_allowed", "pair_features"]

MODEL_PATH = Path(__file__).with_name("coref_model.json")

_TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
#: a definite description right before the trigger ("the attack", "the US-led coalition strike")
_DEFINITE = re.compile(r"\b(?:the|this|that|these|those|its|their)\s+(?:\S+\s+){0,3}$", re.IGNORECASE)
#: a figure told as part of another ("of them", "among them", "including", "the highest toll was in")
_PART = re.compile(r"\b(?:of\s+(?:them|whom)|among\s+(?:them|whom|the\s+dead|those)|including|highest\s+toll|"
                   r"most\s+of|half\s+of)\b", re.IGNORECASE)
_ELSEWHERE = re.compile(r"\b(?:elsewhere|meanwhile|separately|in\s+another|in\s+a\s+separate|another|also|other)\b",
                        re.IGNORECASE)

#: The named features of a pair (earlier happening, later happening), in the model's order.
PAIR_FEATURES: tuple[str, ...] = (
    "same_family", "same_sub", "days0", "days1", "days_more", "same_place", "contains", "unlocated",
    "dyad_overlap", "dyad_disjoint", "definite", "later_anaphoric", "later_own_date",
    "toll_part", "toll_equal", "toll_greater", "toll_zero", "part_cue", "elsewhere_cue", "distance",
    "earlier_first", "later_headline",
)


def _located(hap: Happening) -> EventCandidate | None:
    return next((m for m in hap.members if m.place is not None and m.place.place is not None), None)


def _place(cand: EventCandidate | None) -> Place | None:
    return cand.place.place if cand is not None and cand.place is not None else None


def pair_allowed(a: Happening, b: Happening) -> str | None:
    """Why ACLED's unit of analysis lets ``a`` and ``b`` be one event (their place relation), or
    None: another family of violence, a change of territory (coded apart from the fighting), two
    countries, or two places that cannot be one."""
    if lethal(family(a.head)) != lethal(family(b.head)):
        return None
    if any(m.sub_event_type in _TERRITORY for m in (*a.members, *b.members)):
        return None
    la, lb = _located(a), _located(b)
    if la is None or lb is None:
        return "one mention unlocated"
    pa, pb = _place(la), _place(lb)
    if pa is not None and pb is not None and pa.country and pb.country and pa.country != pb.country:
        return None
    return place_relation(la, lb)


def _days(a: Happening, b: Happening) -> int:
    da = [m.date.event_date for m in a.members if m.date is not None]
    db = [m.date.event_date for m in b.members if m.date is not None]
    return min(abs((x - y).days) for x in da for y in db) if da and db else 0


def _dyads(hap: Happening) -> frozenset[str]:
    return frozenset().union(*(dyad(m) for m in hap.members))


def pair_features(doc: Doc, happenings: list[Happening], i: int, j: int, relation: str,
                  headlines: frozenset[int]) -> dict[str, float]:
    """The named features of the pair ``happenings[i]`` (earlier) and ``happenings[j]``."""
    a, b = happenings[i], happenings[j]
    days = _days(a, b)
    ta, tb = a.toll, b.toll
    da, db = _dyads(a), _dyads(b)
    sent = doc.sentences[b.head.sentence_index]
    before = doc.text[max(sent.start, b.head.trigger.start - 40):b.head.trigger.start]
    told = " ".join(doc.sentences[k].text for k in sorted({m.sentence_index for m in b.members}))
    return {
        "same_family": float(family(a.head) == family(b.head)),
        "same_sub": float(bool({m.sub_event_type for m in a.members} & {m.sub_event_type for m in b.members})),
        "days0": float(days == 0),
        "days1": float(days == 1),
        "days_more": float(days > 1),
        "same_place": float(relation == "same place"),
        "contains": float(" contains " in relation),
        "unlocated": float(relation == "one mention unlocated"),
        "dyad_overlap": float(bool(da & db)),
        "dyad_disjoint": float(bool(da) and bool(db) and not da & db),
        "definite": float(bool(_DEFINITE.search(before))),
        "later_anaphoric": float(not any(own_place(m) for m in b.members)),
        "later_own_date": float(any(own_date(m) for m in b.members)),
        "toll_part": float(0 < tb < ta),
        "toll_equal": float(ta == tb > 0),
        "toll_greater": float(tb > ta > 0),
        "toll_zero": float(ta == 0 or tb == 0),
        "part_cue": float(bool(_PART.search(told))),
        "elsewhere_cue": float(bool(_ELSEWHERE.search(told))),
        "distance": min(abs(b.head.sentence_index - a.head.sentence_index), 20) / 20,
        "earlier_first": float(i == 0),
        "later_headline": float(any(m.sentence_index in headlines for m in b.members)),
    }


@lru_cache(maxsize=4)
def load_coref_model(path: Path = MODEL_PATH) -> LinearModel | None:
    """The shipped model, or None when no weights file is present (the rules alone then decide)."""
    return read_linear_model(path, PAIR_FEATURES)


def scored_pairs(doc: Doc, happenings: list[Happening], model: LinearModel,
                 headlines: frozenset[int]) -> dict[tuple[int, int], tuple[float, dict[str, float]]]:
    """Every allowed pair ``(i, j)``, ``i < j``: its probability and features."""
    out = {}
    for j in range(len(happenings)):
        for i in range(j):
            relation = pair_allowed(happenings[i], happenings[j])
            if relation is not None:
                feats = pair_features(doc, happenings, i, j, relation, headlines)
                out[(i, j)] = (model.probability(feats), feats)
    return out


def join_happenings(doc: Doc, happenings: list[Happening], model: LinearModel,
                    headlines: frozenset[int]) -> list[Happening]:
    """Join the pairs the model reads as one happening (most probable first; never two happenings
    one of whose pairs is not allowed); each joining mention records the probability and the
    features that decided. Returns the happenings in their order, each joined one in the place of the
    first of its parts."""
    pairs = scored_pairs(doc, happenings, model, headlines)
    owner = list(range(len(happenings)))
    groups: dict[int, list[int]] = {k: [k] for k in range(len(happenings))}
    for (i, j), (p, feats) in sorted(pairs.items(), key=lambda kv: -kv[1][0]):
        if p < model.threshold:
            break
        gi, gj = owner[i], owner[j]
        if gi == gj or any((min(x, y), max(x, y)) not in pairs for x in groups[gi] for y in groups[gj]):
            continue
        keep, gone = min(gi, gj), max(gi, gj)
        why = (f"one happening with {happenings[i].head.trigger.text!r} (model.coref {p:.2f}, threshold "
               f"{model.threshold:.2f}; {', '.join(model.strongest(feats))})")
        hap = happenings[gone]
        for k in range(len(hap.reasons)):
            hap.reasons[k] = f"{hap.reasons[k]}; {why}"
        doc.notes.append(f"discourse: {hap.head.sub_event_type!r} at {hap.head.trigger.text!r} is {why}")
        for k in groups.pop(gone):
            owner[k] = keep
            groups[keep].append(k)
    out = []
    for members in groups.values():
        if len(members) == 1:
            out.append(happenings[members[0]])
            continue
        pairs_in = sorted(((m, why) for k in sorted(members)
                           for m, why in zip(happenings[k].members, happenings[k].reasons, strict=True)),
                          key=lambda t: (t[0].sentence_index, t[0].trigger.start))
        head = happenings[min(members)].head
        pairs_in.sort(key=lambda t: t[0] is not head)  # the earliest happening's head stays the head
        out.append(Happening(members=[m for m, _ in pairs_in], reasons=[w for _, w in pairs_in]))
    return out
