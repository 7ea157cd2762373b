"""``sitrep train``: learn notes -> sub_event_type from a user's ACLED export; write a model dir.

The directory holds ``model.json`` (manifest), ``classifier.joblib`` (a fitted sklearn pipeline
whose ``classes_`` are ACLED sub-event types) and whatever the actor and geo helpers harvest
(``sitrep.actors.learn.harvest`` / ``sitrep.geo.learn.harvest``, called when importable).
The team-written codebook is added to the user's notes so rare sub-types keep examples.
"""

from __future__ import annotations

import importlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._version import __version__
from ..errors import ConfigError, InputError
from ..nlp.classify import fit_text_model
from ..nlp.codebook import NONE_LABEL, training_pairs
from ..taxonomy import TYPE_OF_SUB
from .acled import read_acled_rows
from .arabic import ARABIC_CLASSIFIER, fit_arabic_notes_model, is_arabic_note

__all__ = ["TrainReport", "collect_rows", "fit_notes_model", "train"]

Progress = Callable[[str, int, int], None]  # (step, done, total)

_HARVESTERS = ("sitrep.actors.learn", "sitrep.geo.learn")


@dataclass
class TrainReport:
    out_dir: Path
    rows_read: int
    rows_used: int
    class_counts: dict[str, int]
    seconds: float
    harvested: dict[str, Any] = field(default_factory=dict)
    skipped_harvesters: list[str] = field(default_factory=list)


def collect_rows(paths: Iterable[Path]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in paths:
        rows.extend(read_acled_rows(path))
    return rows


def fit_notes_model(texts: list[str], labels: list[str], *, with_codebook: bool = True,
                    chars: bool = False, c: float = 2.0, rules: bool = True) -> Any:
    """Fit the sklearn pipeline on (notes, sub_event_type), plus the codebook examples; with
    ``rules`` the trigger cues and look-alike rules that fire are features whose weights are
    learned from the notes (C and ``rules`` chosen by 5-fold CV on ACLED notes)."""
    texts, labels = list(texts), list(labels)
    if with_codebook:
        cb_texts, cb_labels = training_pairs()
        for t, lab in zip(cb_texts, cb_labels, strict=True):
            if lab != NONE_LABEL:
                texts.append(t)
                labels.append(lab)
    return fit_text_model(texts, labels, c=c, chars=chars, rules=rules).pipeline


def _harvest(rows: list[dict[str, str]], out_dir: Path, report: TrainReport) -> None:
    for module_name in _HARVESTERS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name is not None and module_name.startswith(exc.name):
                report.skipped_harvesters.append(module_name)
                continue
            raise
        harvest = getattr(module, "harvest", None)
        if harvest is None:
            report.skipped_harvesters.append(module_name)
            continue
        report.harvested[module_name] = harvest(rows, out_dir)


def train(paths: list[Path], out_dir: Path, *, progress: Progress | None = None,
          chars: bool = False, with_codebook: bool = True, rules: bool = True) -> TrainReport:
    """Train from ACLED CSV ``paths`` into ``out_dir``.

    - ``progress``: called as ``progress(step, done, total)``.
    - ``chars``: add character n-grams (a little more accurate on notes, slower at run time).
    - ``with_codebook``: add the shipped codebook's examples to the user's rows.
    - ``rules``: give the classifier the trigger cues and look-alike rules as features.
    """
    import joblib

    started = time.perf_counter()
    step = progress or (lambda _s, _d, _t: None)
    step("reading", 0, len(paths))
    rows: list[dict[str, str]] = []
    for i, path in enumerate(paths):
        rows.extend(read_acled_rows(path))
        step("reading", i + 1, len(paths))
    usable = [r for r in rows if r.get("notes") and r.get("sub_event_type") in TYPE_OF_SUB]
    if not usable:
        raise InputError("no row has both notes and a known sub_event_type (old-schema exports "
                         "cannot train the classifier)", origin=", ".join(map(str, paths)),
                         code="E220")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create model directory {out_dir}: {exc.strerror}",
                          code="E112") from exc
    step("fitting", 0, 1)
    arabic = [is_arabic_note(r["notes"]) for r in usable]  # Arabic notes get a model of their own
    ar_rows = [r for r, a in zip(usable, arabic, strict=True) if a]
    texts = [r["notes"] for r, a in zip(usable, arabic, strict=True) if not a]
    labels = [r["sub_event_type"] for r, a in zip(usable, arabic, strict=True) if not a]
    pipeline = fit_notes_model(texts, labels, with_codebook=with_codebook or not texts, chars=chars,
                               rules=rules)
    if ar_rows:
        joblib.dump(fit_arabic_notes_model([r["notes"] for r in ar_rows], [r["sub_event_type"] for r in ar_rows],
                                           with_codebook=with_codebook), out_dir / ARABIC_CLASSIFIER, compress=3)
    step("fitting", 1, 1)
    joblib.dump(pipeline, out_dir / "classifier.joblib", compress=3)
    counts = dict(Counter(r["sub_event_type"] for r in usable).most_common())
    report = TrainReport(out_dir=out_dir, rows_read=len(rows), rows_used=len(usable),
                         class_counts=counts, seconds=0.0)
    step("harvesting", 0, 1)
    _harvest(rows, out_dir, report)
    step("harvesting", 1, 1)
    report.seconds = round(time.perf_counter() - started, 2)
    manifest = {
        "format": "sitrep-model", "version": 1, "sitrep_version": __version__,
        "classifier": "classifier.joblib", "temperature": 3.0, "chars": chars, "rules": rules,
        "with_codebook": with_codebook, "sources": [str(p) for p in paths],
        "rows_read": report.rows_read, "rows_used": report.rows_used, "class_counts": counts,
        "harvested": sorted(report.harvested),
        **({"classifier_ar": ARABIC_CLASSIFIER, "rows_ar": len(ar_rows)} if ar_rows else {}),
    }
    (out_dir / "model.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return report
