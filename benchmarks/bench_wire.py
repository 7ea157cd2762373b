"""The article figures on the same articles set as wire copy (hard-wrapped lines, capitals) and as
copy that lost its capitals.

    python benchmarks/bench_wire.py [--sets fakes,gva] [--variants written,wrapped,capitals,lower]

Wire services, broadcast monitors (FBIS), e-mailed bulletins and text taken from PDFs reach
analysts hard-wrapped at a fixed width, and many of them in capitals. The FA-KES and GVA parts of
``bench_articles.py`` (development part and untouched slice, split the same way) are scored as
written, wrapped at 70 columns (paragraphs kept apart by a blank line), wrapped in capitals, and
as written in lower case;
a reader that restores running text and case scores the three alike (rules
``wrapped-lines-run-on`` and ``capitals-read-as-written``). The transformations are mechanical;
no article is read or printed. Writes ``benchmarks/results/wire.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import textwrap
from pathlib import Path

from bench_articles import ROOT, SCORER, score_file, split_set

RESULTS = ROOT / "benchmarks" / "results" / "wire.json"
WIDTH = 70
KEYS = {"fakes": ("fatal_within20", "fatal_conservative", "loc_admin1", "actor", "date1", "events_per_doc"),
        "gva": ("pair_P", "pair_R", "killed_exact", "date_exact", "loc25", "events_per_doc")}


def as_wire(text: str, variant: str) -> str:
    """``text`` as ``variant`` copy: "wrapped" at :data:`WIDTH` columns (one blank line between
    paragraphs), wrapped in "capitals", or as written in "lower" case."""
    if variant == "lower":
        return text.lower()
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    wired = "\n\n".join(textwrap.fill(p, WIDTH) for p in paragraphs)
    return wired.upper() if variant == "capitals" else wired


def run(sets: list[str], variants: list[str]) -> dict[str, dict[str, dict[str, dict]]]:
    results: dict[str, dict[str, dict[str, dict]]] = {}
    with tempfile.TemporaryDirectory(prefix="sitrep-wire-") as tmp:
        for name in sets:
            split = split_set(name)
            results[name] = {}
            for variant in variants:
                results[name][variant] = {}
                for part in ("dev", "slice"):
                    path = Path(tmp) / f"{name}-{variant}-{part}.jsonl"
                    with path.open("w", encoding="utf-8") as fh:
                        for d in split[part]:
                            text = d["text"] if variant == "written" else as_wire(d["text"], variant)
                            fh.write(json.dumps({**d, "text": text}, ensure_ascii=False) + "\n")
                    summary = score_file(name, path)
                    kept = {k: summary[k] for k in KEYS[name] if k in summary} or summary
                    results[name][variant][part] = kept
                    print(f"{name:5s} {variant:8s} {part:5s} " + " ".join(f"{k}={v}" for k, v in kept.items()),
                          flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="fakes,gva")
    ap.add_argument("--variants", default="written,wrapped,capitals,lower")
    args = ap.parse_args(argv)
    if not SCORER.exists():
        print(f"skipped: {SCORER} not found (the shared tools are not on this machine)")
        return 0
    results = run(args.sets.split(","), args.variants.split(","))
    RESULTS.write_text(json.dumps({"width": WIDTH, **results}, indent=1) + "\n", encoding="utf-8")
    print(f"written {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
