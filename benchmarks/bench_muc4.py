"""MUC-4 development documents (information for issue 19): do whole wire stories with a filled
template yield an event, and do the others yield none?

    python benchmarks/bench_muc4.py

MUC-4 (``../shared/data/conflibert-event-text/muc4/dev.json``, 200 FBIS stories of 1989-91, all
capitals) fills a template for terrorist incidents and leaves army-guerrilla battles out, while
ACLED codes both: neither share should reach 1. The stories carry no publication date; each is
given the same one (1990-01-01) so that relative dates resolve. Writes
``benchmarks/results/muc4.json``.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from sitrep.pipeline import Pipeline
from sitrep.schema import Document

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "conflibert-event-text" / "muc4" / "dev.json"
OUT = ROOT / "benchmarks" / "results" / "muc4.json"


def main() -> int:
    if not DEV.exists():
        print(f"bench_muc4: {DEV} not found; skipped", file=sys.stderr)
        return 0
    data = json.loads(DEV.read_text(encoding="utf-8"))
    pipe = Pipeline()
    filled = [0, 0]  # [documents, with an event]
    empty = [0, 0]  # [documents, with no event]
    events = 0
    for doc_id, item in data.items():
        roles = item.get("roles", {})
        has_template = any(roles.get(k) for k in roles)
        got = pipe(Document(id=doc_id, text=item["doc"], date=date(1990, 1, 1))).events
        events += len(got)
        if has_template:
            filled[0] += 1
            filled[1] += bool(got)
        else:
            empty[0] += 1
            empty[1] += not got
    result = {"documents": len(data), "with_template": filled[0],
              "with_template_yield_event": round(filled[1] / max(filled[0], 1), 3),
              "without_template": empty[0],
              "without_template_yield_none": round(empty[1] / max(empty[0], 1), 3),
              "events_per_document": round(events / max(len(data), 1), 2)}
    print(" ".join(f"{k}={v}" for k, v in result.items()))
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
