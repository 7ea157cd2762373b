"""Train the discourse stage's salience model (``sitrep/discourse/salience.json``).

    python benchmarks/train_salience.py [--write]

Data: the development parts only (the untouched slices of ``bench_articles.py`` are never read):
FA-KES articles (crowd-coded governorate, date and deaths) and GVA local-news articles (incident
date and killed). Each article goes through the stages up to ``discourse.v1``'s status rules and
coreference; each resulting happening is one example, labelled by the article's gold:

- FA-KES: the happening is reported news when it lies within a day of the coded date and names or
  lies in the coded governorate;
- GVA: when it lies within a day of the incident's date and is a lethal happening.

(Adding "or its toll matches the coded deaths" to both labels was tried and measured worse by the
same cross-validation: FA-KES within 20 % 0.577 against 0.592.)

Settings (the regularisation C and the probability threshold) are chosen by 5-fold
cross-validation grouped by article (GVA: by incident), on the articles' death totals after the
stage's own death reconciliation (FA-KES "within 20 % of the coded deaths" plus GVA "killed
exact"), among the settings whose kept happenings score an F1 against their labels no lower than
the rules alone: a threshold keeping one happening per article (which the single-event gold of
both sets would reward) may not lose more reported happenings than the noise it removes.
Prints the cross-validated figures; ``--write`` stores weights, intercept, threshold and those
figures (numbers only) in the JSON file.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_articles as BA  # noqa: E402

from sitrep.config import DEFAULT_STAGES, Settings  # noqa: E402
from sitrep.discourse.coref import Happening, family, lethal  # noqa: E402
from sitrep.discourse.deaths import count_once  # noqa: E402
from sitrep.discourse.linear import LinearModel, write_linear_model  # noqa: E402
from sitrep.discourse.salience import FEATURES, MODEL_PATH, choose_kept, happening_features  # noqa: E402
from sitrep.discourse.stage import DiscourseStage, read_article  # noqa: E402
from sitrep.pipeline import Pipeline  # noqa: E402
from sitrep.schema import Doc, Document  # noqa: E402

SCORING = BA.SHARED / "tools" / "scoring"
MIN_SENTENCES = DiscourseStage().min_sentences


def _scorer():  # the shared scorer's own gold readers and place matcher, used, never copied
    sys.path.insert(0, str(SCORING))
    import score_fakes  # type: ignore[import-not-found]

    return score_fakes


def _prepare(pipe: Pipeline, document: Document) -> tuple[Doc, list[Happening], date | None, frozenset[int]]:
    """The article as the stage reads it before its salience model (statuses, places, happenings)."""
    doc = pipe(document)
    article = read_article(doc)
    return doc, article.happenings, article.focus, article.headlines


def _toll(doc: Doc, happenings: list[Happening], keep: list[bool]) -> int:
    """Deaths the stage would code when only the kept happenings stay (on copies)."""
    kept = [copy.deepcopy(h) for h, k in zip(happenings, keep, strict=True) if k]
    count_once(doc.model_copy(update={"notes": []}), kept)
    return sum(h.toll for h in kept)


def document_of(d: dict) -> Document:
    return Document(id=d["id"], text=d["text"], title=d.get("title"), source=d.get("source"),
                    date=date.fromisoformat(d["date"]) if d.get("date") else None)


def dev_articles() -> Iterator[tuple[str, str, Document, int, Callable[[Happening], int]]]:
    """The development articles with one coded event: (set, group for cross-validation, document,
    coded deaths, the labeller of a happening: 1 when it lies on the coded event). FA-KES: within
    a day of the coded date and in the coded governorate; GVA: lethal, within a day of the incident."""
    SF = _scorer()
    fdocs = BA._read_jsonl(BA.SHARED / "data" / "fa-kes-dev" / "documents.jsonl")
    gold, _ = SF.load_gold(str(BA.SHARED / "data" / "fa-kes-dev" / "gold.csv"))
    for d in BA.fakes_parts(fdocs)["dev"]:
        g = gold.get(d["id"])
        if g is None or g["rows"] != 1:
            continue

        def on_fakes_event(h: Happening, g: dict = g) -> int:
            days = [abs((m.date.event_date - g["date"]).days) for m in h.members if m.date]
            names = [n for m in h.members if m.place and m.place.place
                     for n in (m.place.place.name, m.place.place.admin1) if n]
            return int(bool(days) and min(days) <= 1 and any(SF.place_is(n, p) for n in names for p in g["places"]))

        yield "fakes", d["id"], document_of(d), g["deaths"], on_fakes_event
    gdocs = BA._read_jsonl(BA.SHARED / "data" / "gva-dev" / "documents.jsonl")
    ggold = json.loads((BA.SHARED / "data" / "gva-dev" / "gold.json").read_text(encoding="utf-8"))
    inc_of = {i: inc for inc in ggold["incidents"] for i in inc["doc_ids"]}
    for d in BA.gva_parts(gdocs, ggold)["dev"]:
        inc = inc_of[d["id"]]
        when = date.fromisoformat(inc["date"])

        def on_gva_incident(h: Happening, when: date = when) -> int:
            return int(lethal(family(h.head)) == "violence" and any(
                m.date and abs((m.date.event_date - when).days) <= 1 for m in h.members))

        yield "gva", f"gva-{inc['incident_id']}", document_of(d), int(inc["killed"]), on_gva_incident


def collect() -> list[dict]:
    """One record per article: features and labels of its happenings, its gold deaths, its group."""
    stages = tuple(s for s in DEFAULT_STAGES if s not in ("discourse.v1", "assemble.v1", "dedup.v1"))
    pipe = Pipeline(Settings(stages=stages))
    records = []
    for kind, group, document, deaths, label in dev_articles():
        doc, haps, focus, heads = _prepare(pipe, document)
        records.append({"set": kind, "group": group, "doc": doc, "haps": haps, "gold": deaths,
                        "x": [happening_features(doc, haps, k, focus, heads) for k in range(len(haps))],
                        "y": [label(h) for h in haps]})
    return records


def _matrix(records: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Examples: every happening (the model learns from all, decides the lethal ones); their
    article and index. Learning from the lethal ones alone was measured worse by the same CV
    (FA-KES within 20 % 0.566 against 0.585 at the chosen settings)."""
    picked = [(i, k) for i, r in enumerate(records) for k in range(len(r["haps"]))]
    rows = [[records[i]["x"][k][n] for n in FEATURES] for i, k in picked]
    ys = [records[i]["y"][k] for i, k in picked]
    return (np.array(rows, dtype=float), np.array(ys), np.array([i for i, _ in picked]),
            np.array([k for _, k in picked]))


def _per_article(records: list[dict], owner: np.ndarray, index: np.ndarray, p: np.ndarray) -> list[list[float]]:
    probs = [[1.0] * len(r["haps"]) for r in records]
    for i, k, pk in zip(owner, index, p, strict=True):
        probs[int(i)][int(k)] = float(pk)
    return probs


def _article_scores(records: list[dict], probs: list[list[float]], threshold: float | None) -> dict[str, float]:
    within = exact = n_f = n_g = events = tp = fp = fn = 0
    for r, p in zip(records, probs, strict=True):
        if not r["haps"]:
            keep: list[bool] = []
        elif threshold is None:
            keep = [True] * len(r["haps"])
        elif len(r["doc"].sentences) < MIN_SENTENCES:
            keep = [True] * len(r["haps"])  # the stage leaves notes and snippets to the rules
        else:
            keep = [why is not None for why in choose_kept(r["haps"], p, threshold)]
        toll = _toll(r["doc"], r["haps"], keep)
        events += sum(keep)
        tp += sum(1 for k, lab in zip(keep, r["y"], strict=True) if k and lab)
        fp += sum(1 for k, lab in zip(keep, r["y"], strict=True) if k and not lab)
        fn += sum(1 for k, lab in zip(keep, r["y"], strict=True) if not k and lab)
        if r["set"] == "fakes":
            n_f += 1
            within += abs(toll - r["gold"]) <= 0.2 * r["gold"]
        else:
            n_g += 1
            exact += toll == r["gold"]
    return {"fakes_within20": within / max(n_f, 1), "gva_killed_exact": exact / max(n_g, 1),
            "reported_f1": 2 * tp / max(2 * tp + fp + fn, 1), "events_per_article": events / max(len(records), 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help=f"write the model to {MODEL_PATH}")
    args = ap.parse_args(argv)
    records = collect()
    X, y, owner, index = _matrix(records)
    groups = np.array([records[i]["group"] for i in owner])
    print(f"{len(records)} articles, {len(y)} happenings, {int(y.sum())} labelled reported")
    base = _article_scores(records, [[1.0] * len(r["haps"]) for r in records], None)
    print("rules only (no model):", {k: round(v, 3) for k, v in base.items()})
    best = None
    folds = GroupKFold(n_splits=5)
    for C in (0.03, 0.1, 1.0):
        oof = np.zeros(len(y))
        for tr, te in folds.split(X, y, groups):
            model = LogisticRegression(C=C, max_iter=2000, class_weight="balanced").fit(X[tr], y[tr])
            oof[te] = model.predict_proba(X[te])[:, 1]
        probs = _per_article(records, owner, index, oof)
        for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
            s = _article_scores(records, probs, t)
            objective = s["fakes_within20"] + s["gva_killed_exact"]
            print(f"  CV C={C:<5} threshold={t:.1f} " + " ".join(f"{k}={v:.3f}" for k, v in s.items()))
            if s["reported_f1"] < base["reported_f1"]:
                continue  # the model may not lose more reported happenings than the noise it removes
            if best is None or objective > best[0]:
                best = (objective, C, t, s)
    assert best is not None
    _, C, t, s = best
    print(f"chosen by CV: C={C} threshold={t} -> " + " ".join(f"{k}={v:.3f}" for k, v in s.items()))
    final = LogisticRegression(C=C, max_iter=2000, class_weight="balanced").fit(X, y)
    if args.write:
        info = {"trained_on": {"fakes_dev_articles": sum(r["set"] == "fakes" for r in records),
                               "gva_dev_articles": sum(r["set"] == "gva" for r in records),
                               "happenings": int(len(y)), "reported": int(y.sum())},
                "C": C, "cv_5fold_grouped": {k: round(v, 3) for k, v in s.items()},
                "rules_only": {k: round(v, 3) for k, v in base.items()},
                "command": "python benchmarks/train_salience.py --write"}
        write_linear_model(MODEL_PATH, LinearModel(
            weights={n: float(w) for n, w in zip(FEATURES, final.coef_[0], strict=True)},
            intercept=float(final.intercept_[0]), threshold=t, info=info))
        print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
