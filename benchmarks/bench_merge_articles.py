"""Merging reports of one incident on real copy (issue 23): GVA articles and ACLED notes.

    python benchmarks/bench_merge_articles.py [--part dev|slice|both] [--no-notes]

- GVA (``../shared/data/gva-dev``): split exactly as ``bench_articles.gva_parts`` (by incident,
  confuser pairs together, the slice chosen by sha1 hash); each part is written to a scratch file
  and scored by the shared scorer with ``sitrep extract --db --merge``. Only the
  scorer's summary line is kept: pairwise merge precision/recall, confuser pairs merged, killed
  exact, date exact, place within 25 km, events per article. Nothing of the slice is printed.
- ACLED notes (``../shared/data/acled-samples``, three small files): each note is its own event.
  Every note is coded as a document (dated on its event date) and merged in memory as the store
  does (``MergeIndex.add_document`` with the documents' contexts); the share of notes that end up
  in one event with a note of a different place or date is the false-merge share. ACLED sometimes
  splits one source text into several events (one per district named) and repeats the same note
  text under each; such notes cannot be told apart from their text, so the share is also given
  without the clusters whose notes all have one identical text, and without those whose notes
  are that text with ACLED's own annotations added (token-set similarity >= NEAR_TEXT between
  every two of them: "different text").

Writes ``benchmarks/results/merge_articles.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from bench_articles import ROOT, SCORER, SHARED, _read_jsonl, _summary, gva_parts

RESULTS = ROOT / "benchmarks" / "results" / "merge_articles.json"
#: token-set similarity (0-100) at which two notes are one source text ACLED split by district and
#: annotated differently ("Fatalities split between ...", "[size=no report]")
NEAR_TEXT = 90

NOTE_FILES = ("acled_syria_2020-05-01_09_subset.csv", "acled_afghanistan_2020-03_dkoban.csv",
              "acled_africa_2016-07_aschharwood.csv")


def gva(parts: list[str]) -> dict[str, dict[str, float | str]]:
    data = SHARED / "data" / "gva-dev"
    split = gva_parts(_read_jsonl(data / "documents.jsonl"),
                      json.loads((data / "gold.json").read_text(encoding="utf-8")))
    out: dict[str, dict[str, float | str]] = {}
    with tempfile.TemporaryDirectory(prefix="sitrep-merge-") as tmp:
        for part in parts:
            path = Path(tmp) / f"gva-{part}.jsonl"
            path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in split[part]),
                            encoding="utf-8")
            proc = subprocess.run([str(SCORER), "gva", "--docs", str(path), "--extra-args=--merge"], cwd=ROOT, capture_output=True,
                                  text=True, check=False)
            out[part] = {**_summary(proc.stdout + proc.stderr), "documents": len(split[part])}
            print(f"gva {part:5s} " + " ".join(f"{k}={v}" for k, v in out[part].items()), flush=True)
    return out


def _date(value: str) -> str:
    for fmt in ("%d-%B-%y", "%d-%b-%y", "%Y-%m-%d", "%d %B %Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return value.strip()


def notes() -> dict[str, float]:
    """Share of ACLED notes merged with a note of another place or date."""
    from sitrep.dedup.features import doc_context
    from sitrep.dedup.index import MergeIndex
    from sitrep.pipeline import Pipeline
    from sitrep.schema import Document

    rows = []
    for name in NOTE_FILES:
        with open(SHARED / "data" / "acled-samples" / name, encoding="utf-8", newline="") as fh:
            rows += [r for r in csv.DictReader(fh) if (r.get("notes") or "").strip()]
    pipe = Pipeline()
    index = MergeIndex()
    gold: dict[str, tuple[str, str]] = {}
    text: dict[str, str] = {}
    for r in rows:
        day = _date(r["event_date"])
        doc = pipe(Document(id=r["event_id_cnty"], text=r["notes"], date=datetime.fromisoformat(day).date()
                            if len(day) == 10 else None, source=r.get("source") or None))
        gold[doc.document.id] = ((r.get("location") or "").casefold(), day)
        text[doc.document.id] = " ".join(r["notes"].split())
        index.contexts[doc.document.id] = doc_context(doc.document.text, published=doc.document.date,
                                                      source=doc.document.source)
        index.add_document(doc.events)
    from rapidfuzz import fuzz

    wrong: set[str] = set()
    same_text: set[str] = set()
    near_text: set[str] = set()
    for c in index.clusters.values():
        ids = {x.doc_id for x in c.reports if x.doc_id}
        if len({gold[i] for i in ids}) > 1:
            wrong |= ids
            if len({text[i] for i in ids}) == 1:  # one source text that ACLED split into events
                same_text |= ids
            elif all(fuzz.token_set_ratio(text[a], text[b]) >= NEAR_TEXT for a in ids for b in ids if a < b):
                near_text |= ids  # the same split text with ACLED's own notes appended
    rest = wrong - same_text
    result = {"notes": float(len(rows)), "notes_falsely_merged": float(len(wrong)),
              "false_merge_share": round(len(wrong) / max(len(rows), 1), 4),
              "notes_falsely_merged_identical_text": float(len(same_text)),
              "false_merge_share_distinct_text": round(len(rest) / max(len(rows), 1), 4),
              "notes_falsely_merged_near_identical_text": float(len(near_text)),
              "false_merge_share_different_text": round(len(rest - near_text) / max(len(rows), 1), 4)}
    print("acled notes " + " ".join(f"{k}={v}" for k, v in result.items()), flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=["dev", "slice", "both"], default="both")
    ap.add_argument("--no-notes", dest="notes", action="store_false", help="skip the ACLED-notes check")
    args = ap.parse_args(argv)
    result: dict[str, object] = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    if SCORER.exists():
        result.setdefault("gva", {}).update(gva(["dev", "slice"] if args.part == "both" else [args.part]))  # type: ignore[union-attr]
    else:
        print(f"bench_merge_articles: scorer not found at {SCORER}; GVA skipped", file=sys.stderr)
    if args.notes and (SHARED / "data" / "acled-samples").is_dir():
        result["acled_notes"] = notes()
    result["command"] = "python benchmarks/bench_merge_articles.py"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
