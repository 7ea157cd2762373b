"""Throughput benchmark: reports/s and peak RSS, 1 vs 2 workers, local vs Dask, tokenizer ceiling.

    python benchmarks/bench_throughput.py                 # N=500 synthetic + 1,000 ACLED notes
    python benchmarks/bench_throughput.py -n 2000 --acled-limit 0 --configs local:1,local:2

Corpora: (a) N synthetic ~650-word wire reports (benchmarks/synth.py, seed 0); (b) the ``notes``
of the modern-schema ACLED exports in ../shared/data/acled-samples (skipped if absent).
Each configuration runs the whole pipeline from a cold start in fresh processes; "wall" counts
model loading, "steady" is the rate after the first report came out. Peak RSS sums this
process and all its children (workers), sampled every 0.1 s. Also: a per-stage profile and the
top cProfile entries of the single-process pipeline. Writes benchmarks/results/throughput.json.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import json
import os
import platform
import pstats
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

from sitrep.config import Settings
from sitrep.engine import RunReport, run_local
from sitrep.pipeline import Pipeline, make_doc
from sitrep.schema import Document

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[0].parent / "shared"
ACLED_FILES = ("acled_global_2020-05-01_09_rpanlilio.csv", "acled_afghanistan_2020-03_dkoban.csv")


class RssSampler:
    """Peak resident memory of this process plus all its descendants."""

    def __init__(self, every: float = 0.1) -> None:
        self.every = every
        self.peak = 0
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _total(self) -> int:
        me = psutil.Process()
        total = me.memory_info().rss
        for child in me.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:
                continue
        return total

    def _run(self) -> None:
        start = time.perf_counter()
        while not self._stop.is_set():
            rss = self._total()
            self.peak = max(self.peak, rss)
            self.samples.append((time.perf_counter() - start, rss))
            self._stop.wait(self.every)

    def __enter__(self) -> RssSampler:  # noqa: PYI034
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def machine() -> dict[str, Any]:
    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
                 platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True,
                                text=True, check=False).stdout.strip()
    except OSError:
        commit = ""
    return {"cpus": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "platform": platform.platform(), "commit": commit,
            "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "load_average_at_start": [round(x, 1) for x in os.getloadavg()]}


def acled_notes(limit: int) -> list[dict[str, str]]:
    folder = SHARED / "data" / "acled-samples"
    notes: list[dict[str, str]] = []
    for name in ACLED_FILES:
        path = folder / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if (row.get("notes") or "").strip():
                    notes.append({"id": f"acled-{row['event_id_cnty']}", "text": row["notes"]})
    return notes[:limit] if limit else []


def write_corpus(docs: list[dict[str, str]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


def _cpu_seconds() -> float:
    """CPU time of this process and of every finished child (workers are joined at the end)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run_config(config: str, corpus: Path, n: int) -> dict[str, Any]:
    engine, workers = config.split(":")
    first: list[float] = []
    started = time.perf_counter()

    def tick(done: int) -> None:
        if not first:
            first.append(time.perf_counter())

    cpu_before = _cpu_seconds()
    with RssSampler() as rss:
        pipeline = Pipeline(Settings())
        report: RunReport
        if engine == "dask":
            from sitrep.engine.dask import run_dask

            report = run_dask([corpus], pipeline, workers=int(workers), on_progress=tick)
        else:
            report = run_local([corpus], pipeline, workers=int(workers), on_progress=tick)
    ended = time.perf_counter()
    cpu = _cpu_seconds() - cpu_before
    wall = ended - started
    t_first = (first[0] if first else ended) - started
    half = [r for t, r in rss.samples if t < wall / 2]
    return {
        "config": config, "documents": report.documents, "events": report.events,
        "quarantined": len(report.quarantined), "wall_s": round(wall, 1),
        "startup_s": round(t_first, 1), "reports_per_s_wall": round(n / wall, 2),
        "reports_per_s_steady": round((n - 1) / max(ended - (first[0] if first else ended), 1e-9), 2),
        "cpu_s": round(cpu, 1), "cpu_ms_per_report": round(cpu / n * 1000),
        "peak_rss_mb": round(rss.peak / 2**20), "peak_rss_first_half_mb": round(max(half or [0]) / 2**20),
    }


def tokenizer_ceiling(texts: list[str]) -> dict[str, Any]:
    from sitrep.nlp.spacy_loader import load_spacy

    nlp = load_spacy(Settings())
    started = time.perf_counter()
    tokens = sum(len(nlp.tokenizer(t)) for t in texts)
    elapsed = time.perf_counter() - started
    return {"config": "spacy tokenizer (1 process)", "documents": len(texts), "tokens": tokens,
            "reports_per_s_steady": round(len(texts) / elapsed, 1)}


def spacy_pipeline_speed(texts: list[str], limit: int = 100) -> dict[str, Any]:
    """spaCy's whole small English pipeline (tagger, parser, NER, ...) over the same reports: the
    "spaCy alone" reference the issue compares against (sitrep itself runs only the tokenizer)."""
    from sitrep.nlp.spacy_loader import load_spacy

    nlp = load_spacy(Settings())
    sample = texts[:limit]
    started = time.perf_counter()
    for _ in nlp.pipe(sample, batch_size=16):
        pass
    elapsed = time.perf_counter() - started
    return {"config": "spacy full pipeline (1 process)", "documents": len(sample),
            "reports_per_s_steady": round(len(sample) / elapsed, 1)}


def stage_profile(docs: list[Document], top: int = 25) -> dict[str, Any]:
    """Milliseconds per document per stage (after one warm-up document), then cProfile's top."""
    pipeline = Pipeline(Settings())
    pipeline(docs[0])
    per_stage: dict[str, float] = {name: 0.0 for name, _ in pipeline.stages}
    rest = docs[1:]
    for document in rest:
        doc = make_doc(document, pipeline.settings)
        for name, stage in pipeline.stages:
            t = time.perf_counter()
            doc = stage(doc)
            per_stage[name] += time.perf_counter() - t
    total = sum(per_stage.values())
    stages = [{"stage": k, "ms_per_doc": round(v / len(rest) * 1000, 1),
               "share": round(v / total, 3)} for k, v in per_stage.items()]
    profiler = cProfile.Profile()
    profiler.enable()
    for document in rest:
        pipeline(document)
    profiler.disable()
    buf = io.StringIO()
    pstats.Stats(profiler, stream=buf).sort_stats("cumulative").print_stats(top)
    return {"documents": len(rest), "ms_per_doc_total": round(total / len(rest) * 1000, 1),
            "stages": stages, "cprofile_top": buf.getvalue().splitlines()[-top - 2:]}


def flat_memory(n: int, workers: int, tmp: Path) -> dict[str, Any]:
    """The runner alone (stage segment.v1 only) over ``n`` short reports: is memory flat?"""
    path = tmp / "flat.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = (f"Report {i}. Clashes broke out in town {i % 977} on Monday, killing {i % 13} people, "
                    f"witnesses said. Aid agencies said access remained limited in district {i % 89}.")
            fh.write(json.dumps({"id": f"flat-{i}", "text": text}) + "\n")
    settings = Settings(stages=("segment.v1",))
    started = time.perf_counter()
    with RssSampler(every=0.5) as rss:
        report = run_local([path], Pipeline(settings), workers=workers, batch_size=64)
    wall = time.perf_counter() - started
    samples = rss.samples

    def peak(lo: float, hi: float) -> int:
        return round(max((r for t, r in samples if lo <= t < hi), default=0) / 2**20)

    return {"documents": report.documents, "workers": workers, "wall_s": round(wall, 1),
            "reports_per_s": round(n / wall), "peak_rss_mb_by_quarter": [
                peak(wall * q / 4, wall * (q + 1) / 4) for q in range(4)]}


def table(rows: list[dict[str, Any]], cols: list[str]) -> str:
    widths = [max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in cols]
    line = lambda vals: "  ".join(str(v).rjust(w) for v, w in zip(vals, widths, strict=True))
    return "\n".join([line(cols), line(["-" * w for w in widths])]
                     + [line([r.get(c, "") for c in cols]) for r in rows])


def bench_corpus(name: str, docs: list[dict[str, str]], configs: list[str], tmp: Path,
                 log: Callable[[str], None]) -> dict[str, Any]:
    corpus = write_corpus(docs, tmp / f"{name}.jsonl")
    words = sum(len(d["text"].split()) for d in docs) / max(len(docs), 1)
    rows = [tokenizer_ceiling([d["text"] for d in docs]), spacy_pipeline_speed([d["text"] for d in docs])]
    for config in configs:
        log(f"  {name}: {config} over {len(docs)} reports …")
        rows.append(run_config(config, corpus, len(docs)))
    ceiling = rows[0]["reports_per_s_steady"]
    for row in rows[2:]:
        row["share_of_tokenizer"] = round(row["reports_per_s_steady"] / ceiling, 3)
    return {"documents": len(docs), "mean_words": round(words), "runs": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=500, help="synthetic reports (default 500)")
    parser.add_argument("--acled-limit", type=int, default=1000, help="ACLED notes to code (0: skip)")
    parser.add_argument("--configs", default="local:1,local:2,dask:2",
                        help="engine:workers list (default local:1,local:2,dask:2)")
    parser.add_argument("--profile-docs", type=int, default=60, help="documents for the stage profile (0: skip)")
    parser.add_argument("--flat", type=int, default=0,
                        help="also run the runner alone (segment stage) over this many short reports")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "throughput.json")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from synth import generate

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    result: dict[str, Any] = {"when": datetime.now(UTC).isoformat(timespec="seconds"),
                              "command": " ".join([Path(sys.executable).name, *sys.argv]),
                              "machine": machine(), "corpora": {}}
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if args.flat:
            log(f"flat memory: runner alone over {args.flat} short reports, 2 workers …")
            result["flat_memory"] = flat_memory(args.flat, 2, tmp)
        synthetic = list(generate(args.n, seed=0))
        if args.profile_docs:
            log(f"profiling stages over {args.profile_docs} synthetic reports …")
            result["profile"] = stage_profile(
                [Document.model_validate(d) for d in synthetic[: args.profile_docs + 1]])
        if configs:
            result["corpora"]["synthetic"] = bench_corpus("synthetic", synthetic, configs, tmp, log)
        notes = acled_notes(args.acled_limit)
        if notes and configs:
            result["corpora"]["acled_notes"] = bench_corpus("acled_notes", notes, configs, tmp, log)
        else:
            log("ACLED notes: skipped (../shared/data/acled-samples absent or --acled-limit 0)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    m = result["machine"]
    print(f"sitrep throughput — {m['cpus']} CPUs ({m['cpu']}), Python {m['python']}, commit {m['commit']}, "
          f"load average at start {m['load_average_at_start']}")
    cols = ["config", "documents", "events", "startup_s", "wall_s", "reports_per_s_wall",
            "reports_per_s_steady", "share_of_tokenizer", "cpu_ms_per_report", "peak_rss_mb"]
    for name, corpus in result["corpora"].items():
        print(f"\n{name}: {corpus['documents']} reports, {corpus['mean_words']} words on average")
        print(table(corpus["runs"], cols))
    if "profile" in result:
        prof = result["profile"]
        print(f"\nstage profile, 1 process, {prof['documents']} synthetic reports "
              f"({prof['ms_per_doc_total']} ms/report):")
        print(table(prof["stages"], ["stage", "ms_per_doc", "share"]))
    if "flat_memory" in result:
        print(f"\nflat memory (runner alone): {result['flat_memory']}")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
