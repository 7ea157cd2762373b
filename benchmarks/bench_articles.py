"""Whole-article coding on real news (issue 19): FA-KES and GVA, development part vs untouched slice.

    python benchmarks/bench_articles.py [--sets fakes,gva] [--part dev|slice|both]

Each data set is split once, by hash of the id, into a development part and an untouched slice
(about a third) that nobody reads, prints or tunes on:
- FA-KES (``../shared/data/fa-kes-dev``): an article is in the slice when
  ``int(sha1(id), 16) % 3 == 0``;
- GVA (``../shared/data/gva-dev``): split by incident, so that every outlet's article of one
  incident falls in the same part; incidents of a confuser pair are kept together (the smallest
  incident id of the connected pair decides).

Both parts are scored by the shared scorer (``../shared/tools/score-articles``), exactly as the
project's article figures are measured; this script only writes the two document files to a scratch
folder and collects the scorer's summary lines into ``benchmarks/results/articles.json``. It never
prints a document or an event of the slice.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score-articles"
RESULTS = ROOT / "benchmarks" / "results" / "articles.json"


def in_slice(key: str) -> bool:
    """The fixed untouched slice: about a third of the ids, chosen by hash."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 3 == 0


def fakes_parts(docs: list[dict]) -> dict[str, list[dict]]:
    return {"dev": [d for d in docs if not in_slice(d["id"])],
            "slice": [d for d in docs if in_slice(d["id"])]}


def gva_parts(docs: list[dict], gold: dict) -> dict[str, list[dict]]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for inc in gold["incidents"]:
        find(str(inc["incident_id"]))
    for pair in gold.get("confusers", []):
        a, b = find(str(pair["a"])), find(str(pair["b"]))
        if a != b:
            parent[max(a, b)] = min(a, b)
    doc_part = {}
    for inc in gold["incidents"]:
        part = "slice" if in_slice("gva-incident-" + find(str(inc["incident_id"]))) else "dev"
        for doc_id in inc["doc_ids"]:
            doc_part[doc_id] = part
    return {p: [d for d in docs if doc_part.get(d["id"]) == p] for p in ("dev", "slice")}


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _summary(output: str) -> dict[str, float | str]:
    """The scorer's last line: ``bar: key=value key=value ...``."""
    lines = [ln for ln in output.strip().splitlines() if "=" in ln]
    if not lines:
        return {"error": output.strip()[-500:]}
    out: dict[str, float | str] = {}
    for key, value in re.findall(r"(\w+)=(\S+)", lines[-1]):
        try:
            out[key] = float(value)
        except ValueError:
            out[key] = value
    return out


def split_set(name: str) -> dict[str, list[dict]]:
    """The development part and the untouched slice of ``name`` ("fakes" or "gva")."""
    data = SHARED / "data" / ("fa-kes-dev" if name == "fakes" else "gva-dev")
    docs = _read_jsonl(data / "documents.jsonl")
    return (fakes_parts(docs) if name == "fakes"
            else gva_parts(docs, json.loads((data / "gold.json").read_text(encoding="utf-8"))))


def score_file(name: str, path: Path) -> dict[str, float | str]:
    """The scorer's summary of the CLI on the documents in ``path``."""
    proc = subprocess.run([str(SCORER), name, "--docs", str(path)], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    return _summary(proc.stdout + proc.stderr)


def run(sets: list[str], parts: list[str]) -> dict[str, dict[str, dict]]:
    results: dict[str, dict[str, dict]] = {}
    with tempfile.TemporaryDirectory(prefix="sitrep-articles-") as tmp:
        for name in sets:
            split = split_set(name)
            results[name] = {}
            for part in parts:
                path = Path(tmp) / f"{name}-{part}.jsonl"
                with path.open("w", encoding="utf-8") as fh:
                    for d in split[part]:
                        fh.write(json.dumps(d, ensure_ascii=False) + "\n")
                summary = score_file(name, path)
                summary["documents"] = len(split[part])
                results[name][part] = summary
                print(f"{name:5s} {part:5s} " + " ".join(f"{k}={v}" for k, v in summary.items()), flush=True)
    return results


def megabyte_article_seconds(size: int = 1_000_000) -> dict[str, float]:
    """Wall time of one team-made ~1 MB article (thousands of mentions, tolls and restatements)
    through the whole pipeline: the discourse stage must keep it bounded (issue 19, bad input)."""
    import random
    import time
    from datetime import date

    from sitrep.pipeline import Pipeline
    from sitrep.schema import Document

    rng = random.Random(1)
    towns = ["Aleppo", "Idlib", "Homs", "Hama", "Daraa", "Raqqa", "Douma", "Saraqib", "Azaz", "Manbij"]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < size:
        parts.append(f"Air strikes killed {rng.randint(2, 40)} people in {rng.choice(towns)} on "
                     f"{rng.choice(days)}, the monitor said. Rebels shelled the district of "
                     f"{rng.choice(towns)} a day later. The war has killed more than 300,000 people since 2011.")
    pipe = Pipeline()
    pipe(Document(id="warm", text="Rebels attacked Aleppo on Monday.", date=date(2016, 11, 4)))
    t0 = time.perf_counter()
    doc = pipe(Document(id="megabyte", text=" ".join(parts), date=date(2016, 11, 4)))
    return {"characters": float(sum(len(p) + 1 for p in parts)), "seconds": round(time.perf_counter() - t0, 1),
            "mentions": float(len(doc.candidates)), "events": float(len(doc.events))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="fakes,gva")
    ap.add_argument("--part", choices=["dev", "slice", "both"], default="both")
    ap.add_argument("--no-megabyte", dest="megabyte", action="store_false",
                    help="skip timing one ~1 MB article through the pipeline")
    args = ap.parse_args(argv)
    if not SCORER.exists():
        print(f"bench_articles: scorer not found at {SCORER}; skipped", file=sys.stderr)
        return 0
    parts = ["dev", "slice"] if args.part == "both" else [args.part]
    results = run(args.sets.split(","), parts)
    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    if args.megabyte:
        previous["megabyte_article"] = megabyte_article_seconds()
        print("megabyte article: " + " ".join(f"{k}={v}" for k, v in previous["megabyte_article"].items()))
    for name, by_part in results.items():
        previous.setdefault(name, {}).update(by_part)
    RESULTS.write_text(json.dumps(previous, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
