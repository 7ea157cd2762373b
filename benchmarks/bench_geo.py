"""Geocoding benchmark: ACLED notes end to end, the seed report, speed, build time, memory.

Run: ``python benchmarks/bench_geo.py [--limit N]``. Needs ../shared (skips cleanly without it).
Writes benchmarks/results/geo.json. ACLED notes are scored with each note's country passed as
the Document's ``country`` field (``acled``), without it (``acled_without_country``), and on a
held-out half before and after ``sitrep train``'s place harvest from the other half
(``harvest``). Without the country field, the half country inference was tuned on and the
held-out half are reported side by side, and the older-schema files (``unread_without_country``)
give country accuracy on their development part (read from session 19 on) beside a third nobody
reads.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
RESULTS = Path(__file__).resolve().parent / "results" / "geo.json"
ACLED_FILES = ("acled_global_2020-05-01_09_rpanlilio.csv", "acled_afghanistan_2020-03_dkoban.csv")


def _km(la1: float, lo1: float, la2: float, lo2: float) -> float:
    p1, p2 = math.radians(la1), math.radians(la2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lo2 - lo1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _doc(doc_id: str, text: str, hint: str | None = None):  # type: ignore[no-untyped-def]
    from sitrep.nlp.segment import segment_text
    from sitrep.schema import Doc, Document, EventCandidate, Span

    # as sitrep.pipeline does: the input document's ``country`` field is the hint
    doc = Doc(document=Document(id=doc_id, text=text, country=hint), country_hint=hint)
    doc.sentences = segment_text(text)
    if doc.sentences:
        first = doc.sentences[0]
        word = first.text.split()[0] if first.text.split() else ""
        doc.candidates.append(EventCandidate(
            sentence_index=0, trigger=Span(start=first.start, end=first.start + len(word),
                                           text=word),
            event_type="Battles", sub_event_type="Armed clash"))
    return doc


def _located_notes(names: tuple[str, ...]) -> list[tuple[str, dict[str, str]]]:
    """(file, row) of the located notes of the ACLED sample files ``names`` that exist, the
    headers in lower case (the older files write them in capitals)."""
    out: list[tuple[str, dict[str, str]]] = []
    for name in names:
        path = SHARED / "data" / "acled-samples" / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            rows = [{k.lower(): v for k, v in r.items() if k} for r in csv.DictReader(fh)]
        out.extend((name, r) for r in rows if r.get("notes") and r.get("latitude"))
    return out


def _acled_rows(limit: int | None) -> list[tuple[str, dict[str, str]]]:
    """(file, row) of the modern-schema files' located notes, ``limit`` per file."""
    out: list[tuple[str, dict[str, str]]] = []
    for name in ACLED_FILES:
        rows = [r for _, r in _located_notes((name,))]
        out.extend((name, r) for r in (rows[:limit] if limit else rows))
    return out


def _held_out(row: dict[str, str]) -> bool:
    """A deterministic half of the notes, by event id, kept out of the harvest."""
    # salted: the shared development half was itself cut by a hash of the event id
    key = "geo-heldout:" + (row.get("event_id_cnty") or row["notes"])
    return hashlib.sha256(key.encode()).digest()[-1] % 2 == 1


def _same_province(gazetteer, gold: str, got: str, country: str | None) -> bool:  # type: ignore[no-untyped-def]
    """Whether ACLED's admin1 name ``gold`` is another name of the province sitrep calls ``got``
    ("Sousse" for GeoNames' "Susah", "Mount Lebanon" for "Mont-Liban"): the same unit under the
    gazetteer's other names for it. The strict name comparison is reported beside it."""
    from sitrep.geo.match import name_keys

    if not gold or not got:
        return False
    return any(rec.kind == "admin1" and rec.admin1 == got and rec.country == country
               for key in name_keys(gold) for rec in gazetteer.lookup(key))


def bench_acled(geocoder, rows: list[tuple[str, dict[str, str]]],  # type: ignore[no-untyped-def]
                *, with_country: bool = True) -> dict[str, object]:
    """Score ``rows``; ``with_country``: pass the row's country as the document's ``country``
    field (a contract input field a real user's JSONL can carry)."""
    from rapidfuzz import fuzz

    from sitrep.geo.match import name_key, similarity

    n = within25 = within5 = admin1_ok = admin1_unit = located = country_ok = 0
    per_file: dict[str, dict[str, float]] = {}
    counts: dict[str, list[int]] = {}
    started = time.perf_counter()
    for i, (name, row) in enumerate(rows):
        doc = geocoder(_doc(f"{name}:{i}", row["notes"],
                            (row.get("country") or None) if with_country else None))
        place = doc.candidates[0].place.place if doc.candidates and doc.candidates[0].place else None
        n += 1
        f = counts.setdefault(name, [0, 0])
        f[0] += 1
        if place is None or place.latitude is None or place.longitude is None:
            continue
        located += 1
        country_ok += place.country == row.get("country")
        d = _km(float(row["latitude"]), float(row["longitude"]), place.latitude, place.longitude)
        within25 += d <= 25
        f[1] += d <= 25
        within5 += d <= 5
        gold, got = row.get("admin1") or "", place.admin1 or ""
        same_name = bool(gold) and bool(got) and (
            name_key(gold) == name_key(got) or similarity(name_key(gold), name_key(got)) >= 85
            or fuzz.token_set_ratio(name_key(gold), name_key(got)) >= 90)
        admin1_ok += same_name
        admin1_unit += same_name or _same_province(geocoder.gazetteer, gold, got, place.country)
    for name, (f_n, f25) in counts.items():
        per_file[name] = {"notes": f_n, "within_25km": round(f25 / max(f_n, 1), 3)}
    elapsed = time.perf_counter() - started
    return {"notes": n, "located": round(located / max(n, 1), 3),
            "country_accuracy": round(country_ok / max(n, 1), 3),
            "within_25km": round(within25 / max(n, 1), 3),
            "within_5km": round(within5 / max(n, 1), 3),
            "admin1_accuracy": round(admin1_ok / max(n, 1), 3),
            "admin1_same_unit": round(admin1_unit / max(n, 1), 3),
            "notes_per_s": round(n / elapsed, 1), "per_file": per_file}


def bench_harvest(db: Path, rows: list[tuple[str, dict[str, str]]], workdir: Path
                  ) -> dict[str, object]:
    """Held-out half scored with the shipped gazetteer, then with the places ``sitrep train``
    harvests (``sitrep.geo.learn.harvest``) from the other half loaded as ``--model``."""
    from sitrep.config import Settings
    from sitrep.geo.learn import harvest
    from sitrep.geo.stage import Geocoder
    from sitrep.resources import Resources

    train = [r for _, r in rows if not _held_out(r)]
    test = [(name, r) for name, r in rows if _held_out(r)]
    model = workdir / "model"
    summary = harvest(train, model)
    trained = Geocoder(Resources(Settings(gazetteer_path=db, model_dir=model)))
    shipped = Geocoder(Resources(Settings(gazetteer_path=db)))
    return {"train_notes": len(train), "harvested_places": summary["places"],
            "heldout_shipped": bench_acled(shipped, test),
            "heldout_after_harvest": bench_acled(trained, test)}


def _unread_rows(slice_: bool) -> list[tuple[str, dict[str, str]]]:
    """(file, row) of the older files' untouched slice (``slice_``) or development part."""
    return [(n, r) for n, r in _located_notes(UNREAD_FILES) if r.get("country") and _unread_slice(r) == slice_]


def bench_train_without_country(db: Path, rows: list[tuple[str, dict[str, str]]], workdir: Path
                                ) -> dict[str, object]:
    """``sitrep train``'s geo harvest (places and the country words, rule
    ``learnt-country-words``) from the tuned half and the older files' development parts, then
    the documents' country without the country field on the held-out half and the older files'
    untouched slices, shipped and trained side by side."""
    from sitrep.config import Settings
    from sitrep.geo.learn import harvest
    from sitrep.geo.stage import Geocoder
    from sitrep.resources import Resources

    train = [r for _, r in rows if not _held_out(r)] + [r for _, r in _unread_rows(False)]
    model = workdir / "model-country"
    started = time.perf_counter()
    summary = harvest(train, model)
    seconds = round(time.perf_counter() - started, 1)
    trained = Geocoder(Resources(Settings(gazetteer_path=db, model_dir=model)))
    shipped = Geocoder(Resources(Settings(gazetteer_path=db)))
    out: dict[str, object] = {"train_notes": len(train), "countries": summary["country_words"],
                              "train_s": seconds}
    tests = {"heldout": [(n, r) for n, r in rows if _held_out(r)]}
    for name in UNREAD_FILES:
        tests[name + ":slice"] = [(n, r) for n, r in _unread_rows(True) if n == name]
    for label, test in tests.items():
        out[label] = {k: {m: v for m, v in bench_acled(g, test, with_country=False).items()
                          if m in ("notes", "country_accuracy", "within_25km", "located")}
                      for k, g in (("shipped", shipped), ("trained", trained))}
    return out


UNREAD_FILES = ("acled_africa_2016-07_aschharwood.csv", "acled_asia_2015_katehara.csv")


def _unread_slice(row: dict[str, str]) -> bool:
    """The third of an older-schema file nobody reads (``sha1(event id) % 3 == 0``); the other
    two thirds became a development part in session 19."""
    key = row.get("event_id_cnty") or row["notes"]
    return int(hashlib.sha1(key.encode()).hexdigest(), 16) % 3 == 0


def bench_unread(geocoder) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Country inference on the older-schema files without the country field: the development
    part (read from session 19 on) and the untouched slice, only aggregate figures. ``precision``:
    the share of the located notes placed in the right country (a wrong country is worse than
    none for a user)."""
    out: dict[str, object] = {}
    for name in UNREAD_FILES:
        if not (SHARED / "data" / "acled-samples" / name).exists():
            continue
        parts: dict[str, object] = {}
        for label, wanted in (("development", False), ("slice", True)):
            n = ok = within25 = located = 0
            for i, row in enumerate(r for f, r in _unread_rows(wanted) if f == name):
                doc = geocoder(_doc(f"{name}:{label}:{i}", row["notes"]))
                cand = doc.candidates[0] if doc.candidates else None
                place = cand.place.place if cand is not None and cand.place else None
                n += 1
                if place is None or place.latitude is None or place.longitude is None:
                    continue
                located += 1
                ok += place.country == row["country"]
                within25 += _km(float(row["latitude"]), float(row["longitude"]), place.latitude,
                                place.longitude) <= 25
            parts[label] = {"notes": n, "country_accuracy": round(ok / max(n, 1), 3),
                            "within_25km": round(within25 / max(n, 1), 3),
                            "located": round(located / max(n, 1), 3),
                            "precision": round(ok / max(located, 1), 3)}
        out[name] = parts
    return out


def bench_seed(db: Path, workdir: Path) -> dict[str, object]:
    from sitrep.config import Settings
    from sitrep.geo.importers import import_path
    from sitrep.geo.stage import Geocoder
    from sitrep.geo.store import SQLiteGazetteer
    from sitrep.resources import Resources

    seeded = workdir / "seed.db"
    shutil.copy(db, seeded)
    store = SQLiteGazetteer(seeded)
    imports = [import_path("ocha", SHARED / "data" / d, store).as_dict()
               for d in ("ocha-syria-cod-gazetteer", "aleppo-neighborhoods-csr")]
    store.close()
    text = (SHARED / "examples" / "eldorar-2016-11-04-aleppo.txt").read_text(encoding="utf-8")
    geocoder = Geocoder(Resources(Settings(gazetteer_path=seeded)))
    doc = geocoder(_doc("seed", text))

    def found(fragment: str) -> list[dict[str, object]]:
        return [{"span": p.span.text, "place": p.place.name if p.place else None,
                 "kind": p.place.kind if p.place else None, "geo_precision": p.geo_precision,
                 "where_prec": p.where_prec} for p in doc.places if fragment in p.span.text.lower()]

    new_aleppo, masharqa, apartments = (found("jadideh"), found("masharqa"),
                                        found("3000"))
    return {
        "imports": [{k: v for k, v in i.items() if k != "examples"} for i in imports],
        "new_aleppo_ok": bool(new_aleppo) and all(
            m["place"] == "New Aleppo" and m["kind"] == "neighbourhood" for m in new_aleppo),
        "masharqa_ok": bool(masharqa) and all(
            m["kind"] == "neighbourhood" and "masharqa" in str(m["place"]).lower()
            for m in masharqa),
        "apartments_fallback_ok": bool(apartments) and all(
            m["place"] == "Aleppo" and m["geo_precision"] == 2 for m in apartments),
        "mentions": {"new_aleppo": new_aleppo[:2], "masharqa": masharqa[:2],
                     "3000_apartments": apartments[:2]},
    }


def bench_speed(geocoder) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from sitrep.geo.resolve import resolve_document
    from sitrep.geo.spans import SpanCandidate

    path = SHARED / "data" / "acled-samples" / ACLED_FILES[0]
    with path.open(encoding="utf-8", newline="") as fh:
        names = [r["location"] for r in csv.DictReader(fh) if r.get("location")]
    gaz = geocoder.gazetteer
    out: dict[str, object] = {"names": len(names)}
    for label in ("cold", "warm"):
        started, cpu = time.perf_counter(), time.process_time()
        for name in names:
            resolve_document(gaz, [(0, 0, [SpanCandidate(0, len(name), name, explicit=True)])])
        out[f"resolutions_per_s_{label}"] = round(len(names) / (time.perf_counter() - started))
        # CPU time of this process alone: the figure other jobs on a shared machine do not move
        out[f"resolutions_per_cpu_s_{label}"] = round(len(names) / (time.process_time() - cpu))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="notes per ACLED file")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"skipped: {SHARED} not found")
        return 0
    import psutil

    from sitrep.config import Settings
    from sitrep.geo.build import ensure_built
    from sitrep.geo.stage import Geocoder
    from sitrep.resources import Resources

    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "gazetteer.db"
        started = time.perf_counter()
        ensure_built(db)
        results["build_s"] = round(time.perf_counter() - started, 1)
        results["db_mb"] = round(db.stat().st_size / 2**20, 1)
        geocoder = Geocoder(Resources(Settings(gazetteer_path=db)))
        rows = _acled_rows(args.limit)
        results["acled"] = bench_acled(geocoder, rows)
        results["acled_without_country"] = bench_acled(geocoder, rows, with_country=False)
        # country inference was tuned on the first half only; the held-out half beside it
        results["without_country_by_half"] = {
            "tuned_on": bench_acled(geocoder, [r for r in rows if not _held_out(r[1])],
                                    with_country=False),
            "held_out": bench_acled(geocoder, [r for r in rows if _held_out(r[1])],
                                    with_country=False)}
        results["unread_without_country"] = bench_unread(geocoder)
        results["harvest"] = bench_harvest(db, rows, Path(tmp))
        results["train_without_country"] = bench_train_without_country(db, rows, Path(tmp))
        results["speed"] = bench_speed(geocoder)
        results["seed"] = bench_seed(db, Path(tmp))
    results["rss_mb"] = round(psutil.Process().memory_info().rss / 2**20, 1)
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    results["targets"] = {"within_25km": 0.90, "within_5km": 0.75, "admin1_accuracy": 0.90,
                          "resolutions_per_s": 5000, "build_s": 60, "rss_mb": 500}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
