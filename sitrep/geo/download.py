"""``sitrep gazetteer download CC...``: GeoNames' per-country dumps, fetched, checked, imported.

This is the one place sitrep touches the network for places, and only when asked. Files are
cached next to the gazetteer (``<gazetteer dir>/geonames/``) so a second run, or a run after an
interrupted one, does not fetch again what it has: a download goes to ``NAME.part`` first and
continues from its size with an HTTP ``Range`` request (a connection dropped mid-file is
resumed within the same run, a few times). Everything is fetched and verified before anything is
imported, and the places of every country asked for go in one transaction: an offline machine, a
server error, or a corrupt, truncated or wrong-format file leaves the gazetteer as it was.

The base URL is ``--base-url``, else ``$SITREP_GEONAMES_URL``, else :data:`GEONAMES_URL`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from ..errors import InputError, ResourceError
from .importers.base import ImportReport, commit
from .importers.dump import read_admin_codes, read_country_zip, verify_zip
from .store import SQLiteGazetteer

__all__ = ["GEONAMES_URL", "DownloadReport", "base_url", "check_country_codes",
           "download_countries", "fetch"]

GEONAMES_URL = "https://download.geonames.org/export/dump"
ADMIN_TABLES = ("admin1CodesASCII.txt", "admin2Codes.txt")
#: GeoNames codes pycountry does not list (Kosovo).
_EXTRA_CODES = frozenset({"XK"})
_ATTEMPTS = 4

#: ``progress(file name, bytes so far, total bytes or None)``
Progress = Callable[[str, int, int | None], None]


def base_url(explicit: str | None = None) -> str:
    """``explicit``, else ``$SITREP_GEONAMES_URL``, else GeoNames' own dump folder."""
    return (explicit or os.environ.get("SITREP_GEONAMES_URL") or GEONAMES_URL).rstrip("/")


def check_country_codes(codes: Sequence[str]) -> list[str]:
    """Upper-cased ISO 3166 alpha-2 codes; :class:`InputError` (before any fetch) for one that
    does not exist."""
    import pycountry

    out: list[str] = []
    for code in codes:
        cc = code.strip().upper()
        if cc not in _EXTRA_CODES and (len(cc) != 2 or pycountry.countries.get(alpha_2=cc) is None):
            raise InputError("not an ISO 3166 alpha-2 country code (e.g. SY, UA, SD)",
                             origin=code, code="E236")
        if cc not in out:
            out.append(cc)
    if not out:
        raise InputError("no country code given", origin="-", code="E236")
    return out


def _complete(part: Path, dest: Path) -> Path:
    os.replace(part, dest)
    return dest


def fetch(client: httpx.Client, url: str, dest: Path, *, progress: Progress | None = None
          ) -> Path:
    """Download ``url`` to ``dest`` through ``dest.part``, resuming what an earlier try left.

    Raises :class:`ResourceError` when the server cannot be reached (E330), answers with an
    error (E331) or keeps dropping the connection (E332; the ``.part`` is kept for next time).
    """
    part = dest.with_name(dest.name + ".part")
    last: Exception | None = None
    for _ in range(_ATTEMPTS):
        have = part.stat().st_size if part.exists() else 0
        headers = {"Range": f"bytes={have}-"} if have else {}
        try:
            with client.stream("GET", url, headers=headers) as resp:
                if resp.status_code == 416 and have:  # nothing left to send, or a stale .part
                    part.unlink()
                    continue
                if resp.status_code >= 400:
                    raise ResourceError(f"{url}: the server answered {resp.status_code} "
                                        f"{resp.reason_phrase}", code="E331")
                if have and resp.status_code != 206:
                    have = 0  # the server ignored the range: start again
                length = resp.headers.get("content-length")
                total = have + int(length) if length and length.isdigit() else None
                done = have
                with part.open("ab" if have else "wb") as fh:
                    for chunk in resp.iter_bytes():  # as it arrives: a drop keeps it
                        fh.write(chunk)
                        done += len(chunk)
                        if progress is not None:
                            progress(dest.name, done, total)
                if total is not None and done < total:
                    last = ResourceError(f"{url}: connection closed at {done} of {total} bytes",
                                         code="E332")
                    continue
                return _complete(part, dest)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.UnsupportedProtocol,
                httpx.InvalidURL) as exc:
            raise ResourceError(f"cannot reach {url} (offline, or the base URL is wrong): {exc}",
                                code="E330") from exc
        except httpx.TransportError as exc:  # dropped mid-file: resume from what we have
            last = exc
    raise ResourceError(f"{url}: download interrupted {_ATTEMPTS} times ({last}); run the "
                        "command again to resume", code="E332")


@dataclass
class DownloadReport:
    """What a download did: per country, the places kept and rows rejected (with reasons)."""

    countries: list[str]
    added: int = 0
    rejected: int = 0
    per_country: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)
    cache: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"countries": self.countries, "added": self.added, "rejected": self.rejected,
                "per_country": self.per_country, "reasons": self.reasons,
                "examples": self.examples, "cache": self.cache}


def _cached(client: httpx.Client, url: str, dest: Path, refresh: bool,
            progress: Progress | None) -> Path:
    if dest.exists() and not refresh:
        return dest
    return fetch(client, url, dest, progress=progress)


def download_countries(codes: Sequence[str], store: SQLiteGazetteer, *,
                       url: str | None = None, cache_dir: Path | None = None,
                       refresh: bool = False, progress: Progress | None = None,
                       client: httpx.Client | None = None) -> DownloadReport:
    """Fetch, verify and import the GeoNames dumps of ``codes`` into ``store`` (all or nothing).

    - ``url``: base URL of the dump folder (see :func:`base_url`).
    - ``cache_dir``: where files are kept (default: ``geonames/`` beside the gazetteer file).
    - ``refresh``: fetch again even when a verified copy is cached.
    - ``progress``: called as bytes arrive, for a progress bar.
    - ``client``: an ``httpx.Client`` to use (tests; default: a new one, 60 s timeouts).
    """
    ccs = check_country_codes(codes)
    base = base_url(url)
    cache = Path(cache_dir) if cache_dir is not None else store.path.parent / "geonames"
    cache.mkdir(parents=True, exist_ok=True)
    own = client is None
    http = client or httpx.Client(timeout=httpx.Timeout(60.0), follow_redirects=True)
    try:
        tables = [_cached(http, f"{base}/{name}", cache / name, refresh, progress)
                  for name in ADMIN_TABLES]
        zips: list[tuple[str, Path]] = []
        for cc in ccs:
            dest = cache / f"{cc}.zip"
            path = _cached(http, f"{base}/{cc}.zip", dest, refresh, progress)
            try:
                verify_zip(path, cc)
            except InputError:
                path.unlink(missing_ok=True)  # never keep a bad file as the cached copy
                raise
            zips.append((cc, path))
    finally:
        if own:
            http.close()
    admin_codes: dict[str, str] = {}
    for table in tables:
        try:
            admin_codes.update(read_admin_codes(table))
        except InputError:
            table.unlink(missing_ok=True)
            raise
    report = ImportReport(path=base, kind="geonames-download")
    records = []
    result = DownloadReport(countries=ccs, cache=str(cache))
    for cc, path in zips:
        try:
            places = read_country_zip(path, cc, admin_codes, report)
        except InputError:
            path.unlink(missing_ok=True)
            raise
        result.per_country[cc] = len(places)
        records.extend(places)
    commit(records, store, report)
    result.added, result.rejected = report.added, report.rejected
    result.reasons, result.examples = dict(report.reasons), report.examples
    return result
