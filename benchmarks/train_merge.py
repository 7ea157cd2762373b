"""Train the learned merge decision (``sitrep/dedup/pair_model.json``) on the GVA development part.

    python benchmarks/train_merge.py [--write]

Only the development part of ``../shared/data/gva-dev`` is read (split as ``bench_articles.gva_parts``
does: by incident, confuser pairs together); the untouched slice is never coded, printed or used.
Each dev article is coded by the pipeline, every pair of events of two different articles within 60
days is a training pair (positive when the articles report one GVA incident), and a logistic
regression over ``sitrep.dedup.features.FEATURES`` is fitted. The regularisation C and the decision
threshold are chosen by 5-fold cross-validation grouped by incident, scored end to end: the held-out
incidents' articles are merged in publication order (``MergeIndex``, as the store does) and the
setting with the best pairwise recall at precision >= 0.95 and no confuser merged wins (else at
precision >= 0.93 and at most one confuser; else the best F1). ``--write`` saves the model fitted on the whole dev part with that setting.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from pathlib import Path

import numpy as np
from bench_articles import SHARED, _read_jsonl, gva_parts
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from sitrep.dedup import pairmodel
from sitrep.dedup.features import FEATURES, doc_context, pair_features
from sitrep.dedup.index import MergeIndex
from sitrep.dedup.match import MatchConfig
from sitrep.dedup.pairmodel import PairModel
from sitrep.ingest.readers import read_inputs
from sitrep.pipeline import Pipeline
from sitrep.schema import Doc, Document

MODEL = Path(__file__).resolve().parents[1] / "sitrep" / "dedup" / "pair_model.json"
GRID_C = (0.03, 0.1, 0.3, 1.0)
GRID_T = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def code_dev(tmp: Path) -> tuple[list[Doc], dict[str, str], list[tuple[str, str]]]:
    data = SHARED / "data" / "gva-dev"
    gold = json.loads((data / "gold.json").read_text(encoding="utf-8"))
    dev = gva_parts(_read_jsonl(data / "documents.jsonl"), gold)["dev"]
    path = tmp / "gva-dev.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in dev), encoding="utf-8")
    ids = {d["id"] for d in dev}
    label = {i: str(g["incident_id"]) for g in gold["incidents"] for i in g["doc_ids"] if i in ids}
    pipe = Pipeline()
    docs = [pipe(x) for x in read_inputs([str(path)]) if isinstance(x, Document)]
    confusers = [(str(c["a"]), str(c["b"])) for c in gold.get("confusers", []) if str(c["a"]) in label.values()]
    return docs, label, confusers


def groups(label: dict[str, str], confusers: list[tuple[str, str]]) -> dict[str, str]:
    """Incident -> its group (confuser pairs together), for grouped folds."""
    parent = {i: i for i in label.values()}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x
    for a, b in confusers:
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            parent[max(ra, rb)] = min(ra, rb)
    return {i: find(i) for i in parent}


def pairs(docs: list[Doc], label: dict[str, str], ctx: dict) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[type-arg]
    evs = [(d.document.id, e) for d in docs for e in d.events]
    X, y = [], []
    for (da, a), (db, b) in itertools.combinations(evs, 2):
        if da == db or (a.event_date and b.event_date and abs((a.event_date - b.event_date).days) > 60):
            continue
        f = pair_features(a, b, ctx[da], ctx[db])
        X.append([f[k] for k in FEATURES])
        y.append(label[da] == label[db])
    return np.array(X), np.array(y)


def fit(X: np.ndarray, y: np.ndarray, c: float, threshold: float) -> PairModel:  # type: ignore[type-arg]
    sc = StandardScaler().fit(X)
    lr = LogisticRegression(C=c, max_iter=5000).fit(sc.transform(X), y)
    return PairModel(FEATURES, tuple(float(v) for v in sc.mean_), tuple(float(v) or 1.0 for v in sc.scale_),
                     tuple(float(v) for v in lr.coef_[0]), float(lr.intercept_[0]), threshold)


def cluster_scores(docs: list[Doc], label: dict[str, str], ctx: dict,  # type: ignore[type-arg]
                   confusers: list[tuple[str, str]]) -> tuple[int, int, int, int]:
    """(true pairs predicted, pairs predicted, gold pairs, confusers merged) of merging ``docs``."""
    index = MergeIndex(contexts=ctx, config=MatchConfig(learned=True))  # the decision being trained
    for d in docs:
        index.add_document(d.events)
    pred: set[tuple[str, str]] = set()
    for c in index.clusters.values():
        ids = sorted({r.doc_id for r in c.reports if r.doc_id})
        pred |= set(itertools.combinations(ids, 2))
    by_inc: dict[str, list[str]] = {}
    for d in docs:
        by_inc.setdefault(label[d.document.id], []).append(d.document.id)
    gold = {p for ids in by_inc.values() for p in itertools.combinations(sorted(ids), 2)}
    conf = sum(1 for a, b in confusers if a in by_inc and b in by_inc
               and any({label[x], label[y]} == {a, b} for x, y in pred))
    return len(pred & gold), len(pred), len(gold), conf


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help=f"write {MODEL.name}")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args(argv)
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        docs, label, confusers = code_dev(Path(tmp))
    ctx = {d.document.id: doc_context(d.document.text, published=d.document.date, title=d.document.title,
                                      source=d.document.source) for d in docs}
    grp = groups(label, confusers)
    keys = sorted(set(grp.values()))
    # folds by a stable hash of the incident group (Python's hash() of a string changes per process)
    fold_of = {g: int(hashlib.sha1(g.encode()).hexdigest(), 16) % args.folds for g in keys}
    results = []
    for c in GRID_C:
        tot = {t: [0, 0, 0, 0] for t in GRID_T}
        for k in range(args.folds):
            train = [d for d in docs if fold_of[grp[label[d.document.id]]] != k]
            test = [d for d in docs if fold_of[grp[label[d.document.id]]] == k]
            X, y = pairs(train, label, ctx)
            for t in GRID_T:
                pairmodel.default_pair_model = lambda m=fit(X, y, c, t): m  # type: ignore[misc]
                for i, v in enumerate(cluster_scores(test, label, ctx, confusers)):
                    tot[t][i] += v
        for t, (tp, npred, ngold, conf) in tot.items():
            p, r = tp / max(npred, 1), tp / max(ngold, 1)
            results.append({"C": c, "threshold": t, "precision": round(p, 3), "recall": round(r, 3),
                            "f1": round(2 * p * r / max(p + r, 1e-9), 3), "confusers_merged": conf})
            print(results[-1], flush=True)
    ok = [x for x in results if x["precision"] >= 0.95 and x["confusers_merged"] == 0] or \
        [x for x in results if x["precision"] >= 0.93 and x["confusers_merged"] <= 1]
    best = max(ok, key=lambda x: (x["recall"], x["precision"])) if ok else max(results, key=lambda x: x["f1"])
    print("chosen", best)
    if args.write:
        X, y = pairs(docs, label, ctx)
        model = fit(X, y, float(best["C"]), float(best["threshold"]))
        out = {**model.to_dict(), "trained_on": "GVA development part (benchmarks/train_merge.py)",
               "cross_validation": best}
        MODEL.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
