"""Sub-type typing on held-out parts nobody read (issue 21): rules vs. the learned typer.

    python benchmarks/bench_typing.py

Each set is split once by a hash of its ids: ``int(sha1(id), 16) % 5 == 0`` is held out (never
read, never tuned on; this script prints figures only, never texts). Sets (from ``../shared/data``):
ACLED notes (the two modern-schema exports), CASE-2021 task-2 snippets (30 classes; the 5 non-ACLED
classes must yield no event), MUC-4 dev stories (GRIT format: no incident type, so only "does a
story with a template yield an event, and one without yield none" through the whole pipeline).

Compared on each held-out part: (a) the codebook model + rules (what shipped before issue 21);
(b) the learned typer over richer features with the rules' scores among them, fitted on the
training parts; then ``sitrep train`` on the ACLED training part, scored on the ACLED held-out part;
and ms per candidate of the typing step. Development figures (training parts, where the rules were
written) sit beside the held-out ones. Writes benchmarks/results/typing.json.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "benchmarks" / "results" / "typing.json"
ACLED = ("acled_global_2020-05-01_09_rpanlilio.csv", "acled_afghanistan_2020-03_dkoban.csv")
CASE = SHARED / "case2021-task2" / "test_set_final_release_with_labels.tsv"
MUC4 = SHARED / "conflibert-event-text" / "muc4" / "dev.json"
sys.path.insert(0, str(ROOT / "benchmarks"))


def held_out(key: str) -> bool:
    """The fixed held-out fifth of every set."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 5 == 0


def acled_split() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(training part, held-out part) of the ACLED notes with a sub_event_type."""
    from sitrep.learn.acled import read_acled_rows

    rows = [r for name in ACLED for r in read_acled_rows(SHARED / "acled-samples" / name)
            if r["notes"] and r["sub_event_type"]]
    return [r for r in rows if not held_out(r["event_id_cnty"])], [r for r in rows if held_out(r["event_id_cnty"])]


def case_split() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(training part, held-out part) of the CASE-2021 snippets as (text, ACLED sub-type or none)."""
    from bench_extraction import CASE_MAP

    with CASE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    pairs = [(r["id"], r["EventSnippet"], CASE_MAP.get(r["SubType"], "none")) for r in rows]
    return ([(t, g) for i, t, g in pairs if not held_out(i)], [(t, g) for i, t, g in pairs if held_out(i)])


def muc4_split() -> tuple[dict[str, dict[str, object]], dict[str, dict[str, object]]]:
    data: dict[str, dict[str, object]] = json.loads(MUC4.read_text(encoding="utf-8"))
    return ({k: v for k, v in data.items() if not held_out(k)}, {k: v for k, v in data.items() if held_out(k)})


def _score(name: str, gold: list[str], pred: list[str], out: dict[str, object]) -> None:
    from sitrep.learn.metrics import label_report

    rep = label_report(gold, pred)
    out[name] = {k: v for k, v in rep.as_dict().items() if k != "per_class"}
    print(f"{name:<52} n={rep.n:<4} acc={rep.accuracy:.3f} macroF1={rep.macro_f1:.3f} "
          f"weightedF1={rep.weighted_f1:.3f}")


def _labels(clf: object, texts: list[str], *, allow_none: bool) -> list[str]:
    return [p.label for p in clf.predict(texts, allow_none=allow_none)]  # type: ignore[attr-defined]


def _ms_per_candidate(clf: object, texts: list[str]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        clf.predict(texts, allow_none=False)  # type: ignore[attr-defined]
        best = min(best, (time.perf_counter() - start) * 1000 / len(texts))
    return round(best, 3)


def _muc4(clf: object, docs: dict[str, dict[str, object]]) -> dict[str, float]:
    """Share of stories with a template that yield an event, and without one that yield none."""
    from datetime import date

    from sitrep.pipeline import Pipeline
    from sitrep.resources import Resources
    from sitrep.schema import Document

    resources = Resources()
    resources.put("event_classifier", clf)
    pipe = Pipeline(resources=resources)
    filled, empty = [0, 0], [0, 0]
    for doc_id, item in docs.items():
        roles = item.get("roles", {})
        has_template = isinstance(roles, dict) and any(roles.values())
        got = bool(pipe(Document(id=doc_id, text=str(item["doc"]), date=date(1990, 1, 1))).events)
        box = filled if has_template else empty
        box[0] += 1
        box[1] += got if has_template else not got
    yes, no = filled[1] / max(filled[0], 1), empty[1] / max(empty[0], 1)
    return {"with_template_yield_event": round(yes, 3), "without_template_yield_none": round(no, 3),
            "accuracy": round((filled[1] + empty[1]) / max(filled[0] + empty[0], 1), 3), "n": len(docs)}


def fit_learned(clf: object, acled: list[dict[str, str]], case: list[tuple[str, str]]) -> object:
    """(b): the learned typer on the codebook examples and the training parts (C=0.3 and the
    feature blocks chosen by 5-fold CV inside the training parts)."""
    from sitrep.nlp.codebook import NONE_LABEL, training_pairs
    from sitrep.nlp.typing_model import fit_typer

    cb_texts, cb_labels = training_pairs()
    pairs = [(t, g) for t, g in zip(cb_texts, cb_labels, strict=True) if g != NONE_LABEL]
    pairs += [(r["notes"], r["sub_event_type"]) for r in acled] + [(t, g) for t, g in case if g != NONE_LABEL]
    items = clf.typing_inputs([t for t, _ in pairs])  # type: ignore[attr-defined]
    return fit_typer(items, [g for _, g in pairs], c=0.3, prune=0.01)


def rules_and_learned(acl_tr: list[dict[str, str]], case_tr: list[tuple[str, str]],
                      out: dict[str, object]) -> tuple[object, object, object]:
    """The codebook model, (a) the shipped classifier with its rules and (b) the learned typer
    fitted on the training parts; the fitting time goes to ``out``."""
    from sitrep.nlp.classify import EventClassifier, train_codebook_model

    codebook = train_codebook_model()
    rules = EventClassifier(codebook)
    t0 = time.perf_counter()
    learned = EventClassifier(codebook, typer=fit_learned(rules, acl_tr, case_tr))  # type: ignore[arg-type]
    out["fit_b_seconds"] = round(time.perf_counter() - t0, 1)
    return codebook, rules, learned


def main() -> int:
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} not found (the shared data sets are not on this machine)")
        return 0
    from bench_extraction import _write_train_csv

    from sitrep.learn.train import train
    from sitrep.nlp.classify import EventClassifier, load_trained_model

    out: dict[str, object] = {"split": "int(sha1(id), 16) % 5 == 0 is held out"}
    acl_tr, acl_ho = acled_split()
    case_tr, case_ho = case_split()
    muc_tr, muc_ho = muc4_split()
    out["sizes"] = {"acled": [len(acl_tr), len(acl_ho)], "case": [len(case_tr), len(case_ho)],
                    "muc4": [len(muc_tr), len(muc_ho)]}
    codebook, rules, learned = rules_and_learned(acl_tr, case_tr, out)
    for tag, clf in (("a", rules), ("b", learned)):
        _score(f"({tag}) ACLED notes, training part (dev; (b) is fitted on it)", [r["sub_event_type"] for r in acl_tr],
               _labels(clf, [r["notes"] for r in acl_tr], allow_none=False), out)
        _score(f"({tag}) ACLED notes, held-out", [r["sub_event_type"] for r in acl_ho],
               _labels(clf, [r["notes"] for r in acl_ho], allow_none=False), out)
        _score(f"({tag}) CASE-2021, training part (dev; (b) is fitted on it)", [g for _, g in case_tr],
               _labels(clf, [t for t, _ in case_tr], allow_none=True), out)
        _score(f"({tag}) CASE-2021, held-out", [g for _, g in case_ho],
               _labels(clf, [t for t, _ in case_ho], allow_none=True), out)
        out[f"({tag}) MUC-4 dev, held-out stories"] = _muc4(clf, muc_ho)
        print(f"({tag}) MUC-4 dev, held-out stories: {out[f'({tag}) MUC-4 dev, held-out stories']}")
        out[f"({tag}) ms per candidate"] = _ms_per_candidate(clf, [r["notes"] for r in acl_ho])
        print(f"({tag}) typing: {out[f'({tag}) ms per candidate']} ms per candidate (best of 3)")
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "train.csv"
        _write_train_csv(acl_tr, csv_path)
        train([csv_path], Path(tmp) / "model")
        trained = EventClassifier(codebook, trained=load_trained_model(Path(tmp) / "model"))
    _score("sitrep train on the ACLED training part, held-out", [r["sub_event_type"] for r in acl_ho],
           _labels(trained, [r["notes"] for r in acl_ho], allow_none=False), out)
    RESULTS.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"written {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
