"""Benchmark the Arabic path on real Arabic event headlines (../shared/data/aleppo-media-ar).

The set has no event labels, so this scores what its fields make measurable, read by path only
(no text is copied into the project):

- ``event_date`` exact against ``date_in_text`` (a d-m-yyyy date the outlet wrote), for items that
  carry one and yield an event; the publication date is ``published_at`` in Aleppo's time zone;
- language identification (every item is Arabic);
- coverage: share of items with at least one event, events per item that has any (the target is
  <= 1.5 for one-event headlines), share of events located, with fatalities, with actor1;
- silver non-events: items whose title is an interview, appeal, commemoration or statistic
  (لقاء، مقابلة، نداء، ذكرى، حصيلة، إحصائية) should yield no event;
- speed: reports per second through the whole default pipeline;
- on the team's hand-coded sample (``benchmarks/data/aleppo_ar_labels.csv``: video ids and
  labels only, labelled before any tuning on those items): event/no-event precision and recall
  and sub_event_type macro-F1 over the gold classes (``none`` included as a class).

    /tmp/probe-venv/bin/python benchmarks/bench_arabic.py [--limit N]

Prints a summary and writes ``benchmarks/results/arabic.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any

from sitrep.config import Settings
from sitrep.pipeline import Pipeline
from sitrep.schema import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data" / "aleppo-media-ar" / "aleppo_media_ar_2012-2015.jsonl"
OUT = Path(__file__).resolve().parent / "results" / "arabic.json"
LABELS = Path(__file__).resolve().parent / "data" / "aleppo_ar_labels.csv"
_NON_EVENT = re.compile(r"لقاء|مقابلة|نداء|ذكرى|حصيلة|إحصائية|احصائية")


def _local_zone() -> tzinfo:
    """The outlets' zone (Aleppo): upload times are UTC, the dates they write are local."""
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        return ZoneInfo("Asia/Damascus")
    except (ImportError, ZoneInfoNotFoundError):
        return UTC


def load(limit: int | None) -> list[dict[str, Any]]:
    items = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    return items[:limit] if limit else items


def document(item: dict[str, Any]) -> Document:
    title = str(item.get("title") or "")
    desc = str(item.get("description") or "") if item.get("description_complete") else ""
    text = title if not desc or desc.startswith(title) else f"{title}\n{desc}"
    pub = datetime.fromisoformat(str(item["published_at"])).astimezone(_local_zone()).date()
    return Document(id=str(item["video_id"]), text=text, date=pub, source=str(item.get("channel") or ""))


def load_labels() -> dict[str, str]:
    import csv

    lines = [ln for ln in LABELS.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return {row["video_id"]: row["sub_event_type"] for row in csv.DictReader(lines)}


def score_labels(gold: dict[str, str], predicted: dict[str, str]) -> dict[str, Any]:
    """Event detection P/R and sub_event_type macro-F1 (classes of the gold, ``none`` included)."""
    ids = [i for i in gold if i in predicted]
    tp = sum(1 for i in ids if gold[i] != "none" and predicted[i] != "none")
    fp = sum(1 for i in ids if gold[i] == "none" and predicted[i] != "none")
    fn = sum(1 for i in ids if gold[i] != "none" and predicted[i] == "none")
    f1s: dict[str, float] = {}
    for label in sorted({gold[i] for i in ids}):
        t = sum(1 for i in ids if gold[i] == label and predicted[i] == label)
        p = sum(1 for i in ids if predicted[i] == label)
        g = sum(1 for i in ids if gold[i] == label)
        f1s[label] = round(2 * t / (p + g), 3) if p + g else 0.0
    return {
        "items": len(ids),
        "event_precision": round(tp / (tp + fp), 3) if tp + fp else None,
        "event_recall": round(tp / (tp + fn), 3) if tp + fn else None,
        "sub_event_type_accuracy": round(sum(gold[i] == predicted[i] for i in ids) / len(ids), 3) if ids else None,
        "sub_event_type_macro_f1": round(sum(f1s.values()) / len(f1s), 3) if f1s else None,
        "f1_by_class": f1s,
    }


def run(limit: int | None) -> dict[str, Any]:
    items = load(limit)
    settings = Settings(stage_options={"detect.v1": {"parser": False}, "fatalities.v1": {"parser": "off"}})
    pipe = Pipeline(settings)
    pipe(Document(id="warm", text="غارة جوية على حي الشعار بحلب", date=date(2014, 1, 1)))  # load models
    langs: Counter[str] = Counter()
    subs: Counter[str] = Counter()
    date_total = date_ok = with_events = n_events = located = with_fat = with_actor = 0
    silver_total = silver_events = 0
    misses: list[dict[str, str]] = []
    labels = load_labels()
    predicted: dict[str, str] = {}
    start = time.perf_counter()
    for item in items:
        doc = pipe(document(item))
        langs[doc.language] += 1
        events = doc.events
        if str(item["video_id"]) in labels:
            predicted[str(item["video_id"])] = str(events[0].sub_event_type) if events else "none"
        n_events += len(events)
        with_events += bool(events)
        for e in events:
            subs[str(e.sub_event_type)] += 1
            located += e.location is not None
            with_fat += bool(e.fatalities)
            with_actor += e.actor1 is not None
        if _NON_EVENT.search(str(item.get("title") or "")):
            silver_total += 1
            silver_events += bool(events)
        gold = item.get("date_in_text")
        if gold and events:
            date_total += 1
            if events[0].event_date is not None and events[0].event_date.isoformat() == gold:
                date_ok += 1
            elif len(misses) < 15:
                misses.append({"id": str(item["video_id"]), "gold": str(gold), "got": str(events[0].event_date),
                               "rule": "see --explain"})
    seconds = time.perf_counter() - start
    n = len(items)
    return {
        "data": str(DATA.relative_to(SHARED.parent)),
        "items": n,
        "language_ar_share": round(langs["ar"] / n, 4) if n else 0.0,
        "languages": dict(langs.most_common()),
        "items_with_events_share": round(with_events / n, 4) if n else 0.0,
        "events_per_item_with_events": round(n_events / with_events, 3) if with_events else 0.0,
        "event_date_exact_vs_date_in_text": round(date_ok / date_total, 4) if date_total else None,
        "event_date_scored": date_total,
        "events_located_share": round(located / n_events, 4) if n_events else 0.0,
        "events_with_fatalities_share": round(with_fat / n_events, 4) if n_events else 0.0,
        "events_with_actor1_share": round(with_actor / n_events, 4) if n_events else 0.0,
        "silver_non_event_items": silver_total,
        "silver_non_event_items_with_events_share": round(silver_events / silver_total, 4) if silver_total else None,
        "sub_event_types": dict(subs.most_common()),
        "reports_per_second": round(n / seconds, 1) if seconds else None,
        "hand_coded_sample": score_labels(labels, predicted),
        "date_misses_sample": misses,
        "not_measurable_here": ["sub_event_type macro-F1 (no labels)", "location within 5 km (no coordinates)",
                                "fatalities exact (no gold counts)"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N items")
    args = parser.parse_args()
    result = run(args.limit)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for key, value in result.items():
        if key not in ("date_misses_sample", "sub_event_types", "not_measurable_here", "hand_coded_sample"):
            print(f"{key:45s} {value}")
    print("sub_event_types", json.dumps(result["sub_event_types"], ensure_ascii=False))
    print("hand_coded_sample", json.dumps(result["hand_coded_sample"], ensure_ascii=False))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
