"""Check that a change to the typing rules changes no sub-type (issue 21, "rules as data").

    python benchmarks/check_typing_identity.py --write /tmp/typing-before.json   # on the old code
    python benchmarks/check_typing_identity.py --compare /tmp/typing-before.json # on the new code

Runs the event classifier on every ACLED note in ../shared/data/acled-samples, on the CASE-2021
snippets and on the first paragraphs of the Arabic media reports, three ways (the shipped model
with and without the event/no-event gate, and a model trained on ACLED notes, whose rule shifts are
scaled down), and records per text the label, its confidence, the top-3 ranking with scores and
the rule flags that fired. ``--compare`` prints every difference and exits 1 if there is any.
The JSON holds derived labels only and stays out of the repository (write it under /tmp).
Skips with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ACLED = SHARED / "data" / "acled-samples"
CASE = SHARED / "data" / "case2021-task2" / "test_set_final_release_with_labels.tsv"
ARABIC = SHARED / "data" / "aleppo-media-ar" / "aleppo_media_ar_2012-2015.jsonl"
MODERN = ("acled_global_2020-05-01_09_rpanlilio.csv", "acled_afghanistan_2020-03_dkoban.csv")


def _acled_texts() -> dict[str, str]:
    from sitrep.learn.acled import read_acled_rows

    out: dict[str, str] = {}
    for path in sorted(ACLED.glob("*.csv")):
        for i, row in enumerate(read_acled_rows(path)):
            if row.get("notes"):
                out[f"acled:{path.name}:{i}"] = row["notes"]
    return out


def _case_texts() -> dict[str, str]:
    with CASE.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {f"case:{r['id']}": r["EventSnippet"] for r in reader}


def _arabic_texts(limit: int = 600) -> dict[str, str]:
    out: dict[str, str] = {}
    if not ARABIC.is_file():
        return out
    with ARABIC.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= limit:
                break
            item = json.loads(line)
            text = f"{item.get('title', '')}. {item.get('description', '')}"[:600]
            if text:
                out[f"ar:{i}"] = text
    return out


def _trained_classifier(codebook: Any) -> Any:
    from sitrep.learn.acled import read_acled_rows
    from sitrep.learn.train import fit_notes_model
    from sitrep.nlp.classify import EventClassifier, TextModel

    rows = [r for name in MODERN for r in read_acled_rows(ACLED / name) if r["notes"] and r["sub_event_type"]]
    rows = rows[::2]  # any fixed part: the point is the scaled-down rule shifts, not the figures
    pipe = fit_notes_model([r["notes"] for r in rows], [r["sub_event_type"] for r in rows])
    return EventClassifier(codebook, trained=TextModel(labels=tuple(pipe.classes_), pipeline=pipe))


def _record(classifier: Any, texts: dict[str, str], *, allow_none: bool) -> dict[str, Any]:
    keys = list(texts)
    preds = classifier.predict([texts[k] for k in keys], allow_none=allow_none)
    return {k: [p.label, p.score, [[s, v] for s, v in p.ranking]] for k, p in zip(keys, preds, strict=True)}


def snapshot() -> dict[str, Any]:
    """Everything the typing decides, per text, keyed by run and text id."""
    from sitrep.nlp.classify import EventClassifier, train_codebook_model
    from sitrep.nlp.detect_ar import load_arabic_classifier
    from sitrep.nlp.rules import rule_flags

    english = {**_acled_texts(), **_case_texts()}
    arabic = _arabic_texts()
    shipped = EventClassifier(train_codebook_model())
    out: dict[str, Any] = {
        "flags": {k: sorted(str(f) for f in rule_flags(t)) for k, t in english.items()},
        "shipped": _record(shipped, english, allow_none=True),
        "shipped-typed": _record(shipped, english, allow_none=False),
        "trained-typed": _record(_trained_classifier(shipped.codebook), english, allow_none=False),
    }
    if arabic:
        out["arabic-typed"] = _record(load_arabic_classifier(), arabic, allow_none=False)
    return out


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """One line per text whose recorded typing differs (or that one side lacks)."""
    diffs: list[str] = []
    for run in sorted(set(before) | set(after)):
        old, new = before.get(run, {}), after.get(run, {})
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                diffs.append(f"{run} {key}: {old.get(key)!r} -> {new.get(key)!r}")
    return diffs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="write the snapshot here (the code before the change)")
    group.add_argument("--compare", type=Path, help="compare the current code with this snapshot")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} not found (the shared data sets are not on this machine)")
        return 0
    snap = json.loads(json.dumps(snapshot()))  # the same float and list forms as a file read back
    counts = ", ".join(f"{run}: {len(v)}" for run, v in snap.items())
    if args.write:
        args.write.write_text(json.dumps(snap), encoding="utf-8")
        print(f"wrote {args.write} ({counts})")
        return 0
    diffs = compare(json.loads(args.compare.read_text(encoding="utf-8")), snap)
    for line in diffs:
        print(line)
    print(f"{len(diffs)} differences ({counts})")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
