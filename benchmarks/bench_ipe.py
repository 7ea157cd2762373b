"""IndiaPoliceEvents: Times of India reports (Gujarat, 2002) that reach us in lower case.

    python benchmarks/bench_ipe.py

``../shared/data/conflibert-event-text/IndiaPoliceEvents_docs`` holds 905 training and 187 test
documents, every one lower-cased by the set's makers, each labelled with the police actions it
reports (KILL, ARREST, FAIL, FORCE, ANY_ACTION, in the upstream order). Every event they report is in
India, so the share of coded events placed in India measures reading copy that lost its capitals
(rule ``capitals-read-as-written``); the share of documents with a police action that yield an
event, and of the others, are information (riots without the police are events too). The
training part is the development part; the test part is never read: only these aggregates are
printed. Writes ``benchmarks/results/ipe.json``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "conflibert-event-text" / "IndiaPoliceEvents_docs"
RESULTS = ROOT / "benchmarks" / "results" / "ipe.json"


def _documents(split: str) -> list[tuple[str, str, list[int]]]:
    out = []
    with (DATA / f"{split}.tsv").open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            text, *labels = line.rstrip("\n").split("\t")
            out.append((f"ipe-{split}-{i}", text, [int(x) for x in labels[:5] if x.strip().isdigit()]))
    return out


def score(split: str, tmp: Path) -> dict[str, float]:
    docs = _documents(split)
    src, out = tmp / f"{split}.jsonl", tmp / f"{split}.out.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t, _ in docs), encoding="utf-8")
    sitrep = Path(sys.executable).with_name("sitrep")
    subprocess.run([str(sitrep), "extract", str(src), "-o", str(out)], check=True, capture_output=True)
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    countries = Counter(e.get("country") for e in events)
    with_events = {e["doc_id"] for e in events}
    labelled = [i for i, _, labels in docs if any(labels)]
    other = [i for i, _, labels in docs if not any(labels)]
    return {"documents": len(docs), "events": len(events),
            "events_in_india": round(countries.get("India", 0) / max(len(events), 1), 3),
            "events_without_country": round(countries.get(None, 0) / max(len(events), 1), 3),
            "events_located": round(sum(1 for e in events if e.get("location")) / max(len(events), 1), 3),
            "police_action_documents_with_events": round(sum(i in with_events for i in labelled) / max(len(labelled), 1), 3),
            "other_documents_with_events": round(sum(i in with_events for i in other) / max(len(other), 1), 3)}


def main() -> int:
    if not DATA.exists():
        print(f"skipped: {DATA} not found")
        return 0
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="sitrep-ipe-") as tmp:
        for split, part in (("train", "development"), ("test", "untouched")):
            results[part] = score(split, Path(tmp))
            print(part, " ".join(f"{k}={v}" for k, v in results[part].items()), flush=True)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"written {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
