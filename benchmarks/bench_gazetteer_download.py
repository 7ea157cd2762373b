"""What a downloaded country costs: ``sitrep gazetteer download`` of a synthetic 60,000-row dump
(invented names in GeoNames' layout, served from 127.0.0.1), and the first start afterwards.

Run: ``python benchmarks/bench_gazetteer_download.py [--rows N]``. Works on a copy of the default
gazetteer (built first if needed); writes benchmarks/results/gazetteer_download.json.

"First start" is a fresh process opening the gazetteer and geocoding a few reports in that
country (exact names, a misspelt one that goes through fuzzy matching over the country's keys,
an unknown village): measured on the copy before and after the download; the difference is what
the downloaded country adds (target <= 10 s).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "geo"))
RESULTS = HERE / "results" / "gazetteer_download.json"

_SYLLABLES = ("kaf", "ra", "tal", "lul", "mar", "zan", "qa", "sim", "dar", "bun", "hel", "jib",
              "sha", "wan", "nur", "fak", "hir", "tum", "bal", "sud")
_ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_CODES = ("PPL", "PPL", "PPL", "PPL", "PPLX", "PPLA3", "PPLA2")

_FIRST_START = r"""
import sys, time
t0 = time.perf_counter()
from pathlib import Path
from sitrep.config import Settings
from sitrep.geo.stage import Geocoder
from sitrep.geo.store import SQLiteGazetteer
from sitrep.nlp.segment import segment_text
from sitrep.resources import Resources
from sitrep.schema import Doc, Document, EventCandidate, Span
resources = Resources(Settings())
resources.put("geo.gazetteer", SQLiteGazetteer(Path(sys.argv[1])))
geo = Geocoder(resources)
for text in sys.argv[2:]:
    doc = Doc(document=Document(id="b", text=text), country_hint="Syria")
    doc.sentences = segment_text(text)
    i = text.index("shelled")
    doc.candidates.append(EventCandidate(sentence_index=0, trigger=Span(start=i, end=i + 7,
        text="shelled"), event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack"))
    geo(doc)
print(time.perf_counter() - t0)
"""


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def synthetic_dump(rows: int, seed: int = 7) -> tuple[bytes, list[str]]:
    """A ``SY.zip`` of ``rows`` invented places (with Latin and Arabic alternate names)."""
    from geonames_server import geoname_row, zip_of

    rng = random.Random(seed)
    lines, names = [], []
    for i in range(rows):
        name = f"{_name(rng)} {_name(rng)}" if rng.random() < 0.4 else _name(rng)
        alts = [f"{name} {rng.choice(('Fawqani', 'Tahtani', 'Kabir'))}",
                "".join(rng.choice(_ARABIC) for _ in range(rng.randint(4, 9)))]
        lines.append(geoname_row(8_000_000 + i, name, round(rng.uniform(32.5, 37.2), 5),
                                 round(rng.uniform(35.8, 42.0), 5), "P", rng.choice(_CODES),
                                 alts=",".join(alts), admin1=f"{rng.randint(1, 14):02d}",
                                 population=rng.choice((0, 0, 0, 150, 1200, 8000))))
        names.append(name)
    return zip_of("SY.txt", "\n".join(lines) + "\n"), names


def _first_start(path: Path, texts: list[str]) -> float:
    out = subprocess.run([sys.executable, "-c", _FIRST_START, str(path), *texts],
                         capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def _run(rows: int) -> dict[str, object]:
    from geonames_server import DumpServer, serve

    from sitrep.config import Settings
    from sitrep.geo.build import default_gazetteer_path, ensure_built
    from sitrep.geo.download import download_countries
    from sitrep.geo.store import SQLiteGazetteer

    default = ensure_built(default_gazetteer_path(Settings()))
    body, names = synthetic_dump(rows)
    admin1 = "".join(f"SY.{i:02d}\tProvince {i}\tProvince {i}\t{i}\n" for i in range(1, 15))
    files = {"SY.zip": body, "admin1CodesASCII.txt": admin1.encode(), "admin2Codes.txt": b""}
    texts = [f"Artillery shelled {names[10]} on Monday.",
             f"Regime forces shelled {names[200][:-1]}a and Aleppo.",  # a misspelling: fuzzy
             "Jets shelled Qaryat Wahmiyya village near Homs."]  # an unknown village
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "gazetteer.db"
        shutil.copyfile(default, copy)
        _first_start(copy, texts)  # warm the OS file cache for both runs alike
        before = min(_first_start(copy, texts) for _ in range(2))
        server = serve(DumpServer(files=files))
        state = next(server)
        started = time.perf_counter()
        report = download_countries(["SY"], SQLiteGazetteer(copy), url=state.url)
        download_s = time.perf_counter() - started
        next(server, None)  # shut the server down
        _first_start(copy, texts)
        after = min(_first_start(copy, texts) for _ in range(2))
    return {"rows": rows, "zip_bytes": len(body), "places_imported": report.added,
            "download_and_import_s": round(download_s, 2),
            "first_start_before_s": round(before, 2), "first_start_after_s": round(after, 2),
            "first_start_added_s": round(after - before, 2), "target_added_s": 10.0}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="downloaded-country cost")
    parser.add_argument("--rows", type=int, default=60_000)
    result = _run(parser.parse_args().rows)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
