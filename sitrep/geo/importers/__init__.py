"""``sitrep gazetteer import {geonames,ocha,syrianarchive,csv} PATH``: files (or a directory of them) in.

Imported places outrank the defaults; importing the same file twice changes nothing (places are
keyed by pcode/geonameid or name+coordinates); every accepted row of one call goes in one
transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ...errors import InputError
from ..gazetteer import PlaceRecord
from ..store import SQLiteGazetteer
from .base import ImportReport, commit
from .geonames import read_geonames_places
from .tables import read_csv_places, read_ocha_places, read_syrianarchive_places

__all__ = ["IMPORTERS", "ImportReport", "import_path"]

Reader = Callable[[Path, ImportReport], list[PlaceRecord]]

IMPORTERS: dict[str, tuple[Reader, tuple[str, ...]]] = {
    "geonames": (read_geonames_places, (".txt", ".tsv")),
    "ocha": (read_ocha_places, (".csv", ".geojson", ".json")),
    "csv": (read_csv_places, (".csv",)),
    "syrianarchive": (read_syrianarchive_places, (".csv",)),
}


def import_path(kind: str, path: Path, store: SQLiteGazetteer) -> ImportReport:
    """Import ``path`` (a file, or every matching file of a directory) into ``store``."""
    if kind not in IMPORTERS:
        raise InputError(f"unknown gazetteer format {kind!r}; use one of {sorted(IMPORTERS)}",
                         origin=str(path), code="E233")
    reader, suffixes = IMPORTERS[kind]
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
    elif path.is_file():
        files = [path]
    else:
        raise InputError("no such file or directory", origin=str(path), code="E230")
    report = ImportReport(path=str(path), kind=kind)
    records: list[PlaceRecord] = []
    for file in files:
        records.extend(reader(file, report))
    commit(records, store, report)
    return report
