"""Hardening benchmark (issue 11): kill -9 and resume, schemathesis, 8-client concurrency.

    python benchmarks/bench_hardening.py                     # 20 kill cycles, 60 s load, both DBs
    python benchmarks/bench_hardening.py --cycles 5 --seconds 10 --examples 30 --dbs sqlite
    python benchmarks/bench_hardening.py --with-fuzz         # also the long fuzz profile (slow)

For each database (a SQLite file in WAL mode; a private schema in PostgreSQL at 127.0.0.1:5432,
skipped when unreachable, dropped afterwards):
- kill/resume: a resumable run (light pipeline, 1 or 2 workers) is SIGKILLed at a random moment
  ``--cycles`` times, the store checked after every kill, then run to the end and compared with an
  uninterrupted run: lost documents, duplicated events, per-document event counts, orphan rows,
  worker processes left behind;
- schemathesis over /api/openapi.json in process (``--examples`` per operation): no 500s,
  responses match the schema (tests/hardening/test_api_schema.py);
- concurrency: 8 clients reading and writing against uvicorn on 127.0.0.1 for ``--seconds``:
  errors, lost writes, p50/p95/p99 latency;
- merge writers (issue 20): ``--merge-runs`` runs, each with 2 and then 4 concurrent
  ``extract --merge`` writer processes plus a reviewer on a fresh database, then the invariant
  check (tests/hardening/merge_stress.py): violations, lost or split incidents, errors;
- mixed writers (issue 20): as many runs of 1 plain + 1 merging and 2 + 2 ``extract`` writers on
  one database (tests/hardening/mixed.py): runs where a writer lost or refused a document,
  invariant violations;
- write faults (issue 20): tests/hardening/test_write_faults.py, a disk-full or I/O error at each
  kind of write (both databases) and at every write of a run (SQLite), then ``--resume``: the
  export must equal an uninterrupted run's.
With ``--with-fuzz`` the long fuzz profile's store figures (10,500 generated inputs through
``sitrep extract --db`` per database) are kept too. Writes benchmarks/results/hardening.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tests.engine.fakes import write_corpus
from tests.hardening.concurrency import run_load
from tests.hardening.killcycles import reference_counts, run_kill_cycles
from tests.hardening.merge_stress import merge_stress

PG_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=test"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"


@contextmanager
def database(kind: str, tmp: Path) -> Iterator[str | None]:
    """A fresh database URL (None when PostgreSQL is unreachable); a PG schema is dropped after."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp / f'{uuid.uuid4().hex[:8]}.db'}"
        return
    import psycopg

    schema = f"sitrep_bench_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(PG_DSN, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
    except psycopg.Error:
        yield None
        return
    try:
        yield PG_URL.format(schema=schema)
    finally:
        with psycopg.connect(PG_DSN, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _passing_examples(output: str) -> int:
    return sum(int(n) for n in re.findall(r"(\d+) passing\b", output))


def schemathesis_run(kind: str, examples: int) -> dict[str, Any]:
    """tests/hardening/test_api_schema.py on one database (its db_url fixture makes a fresh one)."""
    env = {**os.environ, "SITREP_SCHEMATHESIS_EXAMPLES": str(examples)}
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", "-k", kind,
         "tests/hardening/test_api_schema.py"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=3600)  # fmt: skip
    tail = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    failures = sorted(set(re.findall(r"- (ST\d+ [^\n]+)", proc.stdout)))
    line = re.search(r"schemathesis: (\d+) operations, (\d+) cases, (\d+) failing", proc.stdout)
    return {"operations": int(line.group(1)) if line else 0,
            "cases": int(line.group(2)) if line else 0,
            "failing_operations": int(line.group(3)) if line else None,
            "examples_per_operation_and_mode": examples,
            "failures": failures, "exit_code": proc.returncode, "summary": tail,
            "seconds": round(time.monotonic() - started, 1),
            "excluded_checks": ["positive_data_acceptance", "unsupported_method",
                                "allow_header_conformance"]}


def fuzz_run(tmp: Path) -> dict[str, Any]:
    started = time.monotonic()
    figures = tmp / "fuzz-store.json"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--hypothesis-show-statistics",
         "tests/test_fuzz.py"], cwd=ROOT, env={**os.environ, "SITREP_FUZZ": "long",
                                               "SITREP_FUZZ_REPORT": str(figures)}, check=False,
        capture_output=True, text=True, timeout=7200)  # fmt: skip
    tail = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    return {"cases": _passing_examples(proc.stdout),
            "failing": sum(int(n) for n in re.findall(r"(\d+) failing\b", proc.stdout)),
            "store": json.loads(figures.read_text(encoding="utf-8")) if figures.exists() else [],
            "exit_code": proc.returncode, "summary": tail,
            "seconds": round(time.monotonic() - started, 1)}


def write_faults_run() -> dict[str, Any]:
    """tests/hardening/test_write_faults.py (both databases): steps passed and failed."""
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/hardening/test_write_faults.py"],
        cwd=ROOT, check=False, capture_output=True, text=True, timeout=3600)  # fmt: skip
    tail = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    count = {w: sum(int(n) for n in re.findall(rf"(\d+) {w}\b", tail)) for w in ("passed", "failed")}
    return {"tests_passed": count["passed"], "tests_failed": count["failed"], "exit_code": proc.returncode,
            "summary": tail, "seconds": round(time.monotonic() - started, 1)}


def mixed_runs(kind: str, tmp: Path, runs: int) -> dict[str, Any]:
    """``runs`` x (1 plain + 1 merging, 2 + 2 writers), each on a fresh database; totals."""
    from sitrep.store import open_store
    from sitrep.store.invariants import check_invariants
    from tests.hardening.mixed import mixed_writers

    started = time.monotonic()
    totals: dict[str, Any] = {"runs": 0, "unclean_runs": 0, "violations": 0, "samples": []}
    print(f"[{kind}] plain + merge writers x {runs} runs ...", flush=True)
    for run in range(runs):
        for n in (1, 2):
            with database(kind, tmp) as url:
                if url is None:
                    return {"skipped": "PostgreSQL not reachable at 127.0.0.1:5432"}
                outcomes = mixed_writers(url, tmp / f"mixed-{kind}-{run}-{n}", plain=n, merging=n)
                store = open_store(url)
                try:
                    violations = [str(v) for v in check_invariants(store)]
                finally:
                    store.dispose()
            bad = [f"{k}: {v[-200:]}" for k, v in outcomes.items() if not v.startswith("ok ")]
            totals["runs"] += 1
            totals["unclean_runs"] += bool(bad or violations or len(outcomes) != 2 * n)
            totals["violations"] += len(violations)
            totals["samples"] = (totals["samples"] + bad + violations)[:5]
    totals["seconds"] = round(time.monotonic() - started, 1)
    return totals


def merge_runs(kind: str, tmp: Path, runs: int) -> dict[str, Any]:
    """``runs`` x (2 writers, 4 writers) + a reviewer, each on a fresh database; totals."""
    started = time.monotonic()
    totals: dict[str, Any] = {"runs": 0, "unclean_runs": 0, "violations": 0, "wrong_events": 0,
                              "errors": 0, "reviews": 0, "samples": []}
    print(f"[{kind}] merge writers x {runs} runs ...", flush=True)
    for run in range(runs):
        for writers in (2, 4):
            with database(kind, tmp) as url:
                if url is None:
                    return {"skipped": "PostgreSQL not reachable at 127.0.0.1:5432"}
                got = merge_stress(url, tmp / f"merge-{kind}-{run}-{writers}", writers=writers, seed=run)
            totals["runs"] += 1
            totals["unclean_runs"] += not got.clean
            totals["violations"] += len(got.violations)
            totals["wrong_events"] += len(got.wrong_events)
            totals["errors"] += len(got.errors)
            totals["reviews"] += got.reviews
            totals["samples"] = (totals["samples"] + got.errors + got.violations + got.wrong_events)[:5]
    totals["seconds"] = round(time.monotonic() - started, 1)
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cycles", type=int, default=20, help="kill -9 cycles per database")
    parser.add_argument("--documents", type=int, default=2000, help="reports in the kill corpus")
    parser.add_argument("--seconds", type=float, default=60.0, help="concurrency run per database")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--examples", type=int, default=50,
                        help="schemathesis cases per operation and mode (valid, invalid)")
    parser.add_argument("--dbs", default="sqlite,postgresql")
    parser.add_argument("--merge-runs", type=int, default=20,
                        help="runs of 2 and 4 concurrent merge writers plus a reviewer")
    parser.add_argument("--with-fuzz", action="store_true", help="also run the long fuzz profile")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "hardening.json")
    args = parser.parse_args()

    results: dict[str, Any] = {
        "benchmark": "hardening", "issue": 11, "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(), "machine": platform.machine(),
        "cpus": os.cpu_count(), "databases": {}}  # fmt: skip
    ok = True
    with tempfile.TemporaryDirectory(prefix="sitrep-hardening-") as name:
        tmp = Path(name)
        corpus = write_corpus(tmp / "corpus", args.documents)
        reference = reference_counts(corpus, tmp)
        for kind in [k.strip() for k in args.dbs.split(",") if k.strip()]:
            out: dict[str, Any] = {}
            results["databases"][kind] = out
            with database(kind, tmp) as url:
                if url is None:
                    out["skipped"] = "PostgreSQL not reachable at 127.0.0.1:5432"
                    print(f"[{kind}] skipped: not reachable", flush=True)
                    continue
                print(f"[{kind}] kill -9 x {args.cycles} ...", flush=True)
                kills = run_kill_cycles(corpus, url, reference, cycles=args.cycles)
                out["kill_resume"] = {**asdict(kills), "documents_expected": len(reference),
                                      "events_expected": sum(reference.values()),
                                      "lost": len(kills.lost), "mismatched": len(kills.mismatched),
                                      "duplicated_events": sum("duplicated" in p for p in kills.problems)}
                ok &= not (kills.problems or kills.lost or kills.mismatched or kills.orphans)
            print(f"[{kind}] schemathesis, {args.examples} cases per operation ...", flush=True)
            out["schemathesis"] = schemathesis_run(kind, args.examples)
            ok &= out["schemathesis"]["exit_code"] == 0
            with database(kind, tmp) as url:
                assert url is not None
                print(f"[{kind}] {args.clients} clients x {args.seconds:.0f} s ...", flush=True)
                load = run_load(url, seconds=args.seconds, clients=args.clients).summary()
                out["concurrency"] = load
                ok &= not (load["errors"] or load["lost_writes"] or load["wrong_event_counts"]
                           or load["consistency_problems"])
            out["merge_writers"] = merge_runs(kind, tmp, args.merge_runs)
            ok &= out["merge_writers"]["unclean_runs"] == 0
            out["mixed_writers"] = mixed_runs(kind, tmp, args.merge_runs)
            ok &= out["mixed_writers"].get("unclean_runs", 0) == 0
            print(f"[{kind}] " + json.dumps({
                "kills_landed": out["kill_resume"]["kills_landed"], "lost": out["kill_resume"]["lost"],
                "schemathesis": out["schemathesis"]["summary"], "p95_ms": load["p95_ms"],
                "errors": load["errors"], "lost_writes": load["lost_writes"],
                "merge_violations": out["merge_writers"]["violations"]}), flush=True)
        print("write faults ...", flush=True)
        results["write_faults"] = write_faults_run()
        ok &= results["write_faults"]["exit_code"] == 0
        if args.with_fuzz:
            print("long fuzz profile ...", flush=True)
            results["fuzz"] = fuzz_run(tmp)
            ok &= results["fuzz"]["exit_code"] == 0
    results["clean"] = bool(ok)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out} (clean: {ok})")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
