"""Cross-report merging benchmark: cost per event as the corpus grows, and merge precision/recall.

Synthetic reports (``sitrep.dedup.scenarios.synthetic_events``: 60 a day over 12 war-zone places,
30 % of them repeating an earlier event) are merged

- in memory (``MergeIndex``), and
- into a fresh store (a temporary SQLite file, or a private schema of ``--db`` PostgreSQL; ``merge_documents``, one transaction per 1,000 documents),

and the time per event is reported for each size; a flat figure means near-linear cost. The
labelled scenarios (``make_scenarios``, 36 clusters of 2-6 reports plus distractors, 5 seeds) give
pairwise precision/recall. Writes benchmarks/results/dedup.json.

    python benchmarks/bench_dedup.py [--sizes 1000,10000,50000,100000] [--store-sizes ...] [--db URL]

Wall time depends on how busy the machine is; ``cpu_*`` figures (this process only) do not.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from itertools import islice
from pathlib import Path

from benchdb import fresh_db

from sitrep.dedup.index import MergeIndex
from sitrep.dedup.scenarios import make_scenarios, pairwise_scores, synthetic_events
from sitrep.schema import Doc, Document, Event
from sitrep.store import open_store
from sitrep.store.merges import merge_documents

RESULTS = Path(__file__).resolve().parent / "results" / "dedup.json"


def _docs(events: list[Event]) -> list[Doc]:
    out = []
    for e in events:
        doc = Doc(document=Document(id=e.doc_id or "", text="x", source=e.source))
        doc.events = [e]
        out.append(doc)
    return out


def bench_memory(n: int) -> dict[str, float]:
    events = list(synthetic_events(n))
    index = MergeIndex()
    t0, c0 = time.perf_counter(), time.process_time()
    for e in events:
        index.add(e)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"events": n, "seconds": round(dt, 2), "cpu_seconds": round(cpu, 2),
            "us_per_event": round(1e6 * dt / n, 1), "cpu_us_per_event": round(1e6 * cpu / n, 1),
            "merged_events": len(index.clusters), "comparisons_per_event": round(index.comparisons / n, 2)}


def bench_store(n: int, url: str | None) -> dict[str, float]:
    with fresh_db(url) as fresh:
        store = open_store(fresh)
        docs = _docs(list(synthetic_events(n)))
        t0, c0 = time.perf_counter(), time.process_time()
        comparisons = 0
        it = iter(docs)
        while batch := list(islice(it, 1000)):
            comparisons += merge_documents(store, batch).comparisons
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        stored = store.count("events")
        store.dispose()
    return {"events": n, "seconds": round(dt, 2), "cpu_seconds": round(cpu, 2),
            "ms_per_event": round(1e3 * dt / n, 3), "cpu_ms_per_event": round(1e3 * cpu / n, 3),
            "stored_events": stored, "comparisons_per_event": round(comparisons / n, 2)}


def bench_quality() -> dict[str, object]:
    runs = []
    for seed in range(5):
        reports = make_scenarios(seed=seed)
        index = MergeIndex()
        predicted = [index.add(r.report)[0] for r in reports]
        p, r, true_pairs, pred_pairs = pairwise_scores([x.cluster for x in reports], predicted)
        runs.append({"seed": seed, "reports": len(reports),
                     "true_clusters": len({x.cluster for x in reports}),
                     "precision": round(p, 3), "recall": round(r, 3), "true_pairs": true_pairs,
                     "predicted_pairs": pred_pairs})
    return {"runs": runs, "min_precision": min(x["precision"] for x in runs),  # type: ignore[type-var]
            "min_recall": min(x["recall"] for x in runs)}  # type: ignore[type-var]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,50000,100000")
    ap.add_argument("--store-sizes", default="1000,10000,50000,100000")
    ap.add_argument("--db", default=None, help="store URL (default: a temporary SQLite file)")
    args = ap.parse_args()
    result: dict[str, object] = {"cpus": os.cpu_count(), "load_average": os.getloadavg(),
                                 "quality": bench_quality()}
    print(json.dumps(result["quality"], indent=1))
    mem = []
    for n in (int(x) for x in args.sizes.split(",") if x):
        mem.append(bench_memory(n))
        print("memory", mem[-1], flush=True)
    result["memory"] = mem
    st = []
    for n in (int(x) for x in args.store_sizes.split(",") if x):
        st.append(bench_store(n, args.db))
        print("store", st[-1], flush=True)
    result["store"] = st
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
