"""``sitrep eval``: score predicted events against ACLED-format gold rows.

Predictions are JSONL events (the contract's fields) or an ACLED-style CSV with ``doc_id``.
Gold rows are an ACLED export whose notes were fed as documents with id = ``event_id_cnty``.
Per document, predicted and gold events are paired greedily: same sub-type > same event type >
nearer place; a pair needs the same event type or places within 25 km (or the same name).
"""

from __future__ import annotations

import csv
import json
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..geo.context import great_circle_km as haversine_km
from .acled import read_acled_rows
from .metrics import LabelReport, label_report

__all__ = ["EvalReport", "evaluate", "evaluate_files", "haversine_km", "read_predictions"]

NO_EVENT = "(no event)"


def _float(value: object) -> float | None:
    try:
        return float(str(value)) if value not in (None, "") else None
    except ValueError:
        return None


def _norm(value: object) -> str:
    return " ".join(str(value or "").lower().split())


def read_predictions(path: Path) -> list[dict[str, str]]:
    """Events from a JSONL file (one event per line) or a CSV with a ``doc_id`` column."""
    rows: list[dict[str, str]] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read predictions: {exc.strerror}", origin=str(path), code="E230") from exc
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"bad JSON: {exc.msg}", origin=str(path), line=n, code="E231") from exc
            rows.append({k: "" if v is None else str(v) for k, v in obj.items()
                         if not isinstance(v, (list, dict))})
        return rows
    for row in csv.DictReader(text.splitlines()):
        rows.append({k.strip().lower(): (v or "").strip() for k, v in row.items() if k})
    if rows and "doc_id" not in rows[0]:
        raise InputError("predictions CSV has no doc_id column", origin=str(path), code="E232")
    return rows


@dataclass
class EvalReport:
    gold_events: int
    predicted_events: int
    matched: int
    precision: float
    recall: float
    f1: float
    event_type_accuracy: float
    sub_event_type: LabelReport
    fields: dict[str, tuple[int, int]] = field(default_factory=dict)  # name -> (correct, scored)

    def summary(self) -> str:
        loc = self.fields.get("location within 25 km", (0, 0))
        return (f"detection F1 {self.f1:.3f} (P {self.precision:.3f} R {self.recall:.3f}); "
                f"event_type acc {self.event_type_accuracy:.3f}; sub_event_type macro-F1 "
                f"{self.sub_event_type.macro_f1:.3f} weighted-F1 {self.sub_event_type.weighted_f1:.3f}; "
                f"location<=25km {loc[0]}/{loc[1]}")


def _pair_score(pred: dict[str, str], gold: dict[str, str]) -> tuple[int, float] | None:
    same_type = _norm(pred.get("event_type")) == _norm(gold.get("event_type"))
    same_sub = _norm(pred.get("sub_event_type")) == _norm(gold.get("sub_event_type"))
    plat, plon = _float(pred.get("latitude")), _float(pred.get("longitude"))
    glat, glon = _float(gold.get("latitude")), _float(gold.get("longitude"))
    dist = math.inf
    if plat is not None and plon is not None and glat is not None and glon is not None:
        dist = haversine_km(plat, plon, glat, glon)
    same_place = dist <= 25 or (bool(_norm(pred.get("location")))
                                and _norm(pred.get("location")) == _norm(gold.get("location")))
    if not (same_type or same_place):
        return None
    return (2 * same_sub + same_type + same_place, -dist)


def _match(preds: list[dict[str, str]], golds: list[dict[str, str]]) -> list[tuple[int, int]]:
    scored = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            s = _pair_score(p, g)
            if s is not None:
                scored.append((s, i, j))
    scored.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _s, i, j in scored:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def evaluate(predictions: Sequence[dict[str, str]], gold: Sequence[dict[str, str]]) -> EvalReport:
    """Score ``predictions`` (with ``doc_id``) against ``gold`` (with ``event_id_cnty``)."""
    by_doc_p: dict[str, list[dict[str, str]]] = defaultdict(list)
    by_doc_g: dict[str, list[dict[str, str]]] = defaultdict(list)
    for p in predictions:
        by_doc_p[p.get("doc_id", "")].append(p)
    for g in gold:
        by_doc_g[g.get("doc_id") or g.get("event_id_cnty", "")].append(g)
    gold_docs = set(by_doc_g)
    n_pred = sum(len(v) for k, v in by_doc_p.items() if k in gold_docs)
    sub_gold: list[str] = []
    sub_pred: list[str] = []
    fields: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    matched = type_ok = 0
    for doc_id, golds in by_doc_g.items():
        preds = by_doc_p.get(doc_id, [])
        pairs = dict((j, i) for i, j in _match(preds, golds))
        for j, g in enumerate(golds):
            sub_gold.append(g.get("sub_event_type") or g.get("event_type") or "?")
            if j not in pairs:
                sub_pred.append(NO_EVENT)
                continue
            p = preds[pairs[j]]
            matched += 1
            type_ok += _norm(p.get("event_type")) == _norm(g.get("event_type"))
            sub_pred.append(p.get("sub_event_type") or NO_EVENT)
            _field_scores(p, g, fields)
    precision = matched / n_pred if n_pred else 0.0
    recall = matched / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return EvalReport(
        gold_events=len(gold), predicted_events=n_pred, matched=matched, precision=precision,
        recall=recall, f1=f1, event_type_accuracy=type_ok / matched if matched else 0.0,
        sub_event_type=label_report(sub_gold, sub_pred),
        fields={k: (v[0], v[1]) for k, v in fields.items()},
    )


def _field_scores(p: dict[str, str], g: dict[str, str], fields: dict[str, list[int]]) -> None:
    def tally(name: str, ok: bool) -> None:
        fields[name][0] += int(ok)
        fields[name][1] += 1

    gold_actors = {_norm(g.get("actor1")), _norm(g.get("actor2"))} - {""}
    pred_actors = [_norm(p.get("actor1")), _norm(p.get("actor2"))]
    for k, name in ((0, "actor1"), (1, "actor2")):
        if _norm(g.get(name)):  # actors carry no direction: a match on either side counts
            tally(f"{name} match", _norm(g.get(name)) in pred_actors)
    if gold_actors:
        tally("actor set exact", set(pred_actors) - {""} == gold_actors)
    plat, plon = _float(p.get("latitude")), _float(p.get("longitude"))
    glat, glon = _float(g.get("latitude")), _float(g.get("longitude"))
    if glat is not None and glon is not None:
        d = haversine_km(plat, plon, glat, glon) if plat is not None and plon is not None else math.inf
        tally("location within 5 km", d <= 5)
        tally("location within 25 km", d <= 25)
    if g.get("fatalities", "") != "":
        tally("fatalities exact", _float(p.get("fatalities")) == _float(g.get("fatalities")))
    if g.get("event_date"):
        tally("date exact", _norm(p.get("event_date")) == _norm(_iso_date(g["event_date"])))


def _iso_date(value: str) -> str:
    from datetime import datetime

    for fmt in ("%Y-%m-%d", "%d-%B-%Y", "%d-%b-%Y", "%d-%b-%y", "%d-%B-%y", "%d %B %Y", "%d %b %Y",
                "%m/%d/%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return value


def evaluate_files(predictions: Path, gold: Path) -> EvalReport:
    return evaluate(read_predictions(predictions), list(read_acled_rows(gold)))
