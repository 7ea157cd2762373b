"""A local GeoNames-like dump server on 127.0.0.1 and team-made dump files for the download tests.

The rows are invented (made-up ids and villages); only the layout follows GeoNames' tables.
"""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["DumpServer", "geoname_row", "serve", "sy_files", "zip_of"]


def geoname_row(gid: int, name: str, lat: float | str, lon: float | str, fclass: str, fcode: str,
                *, alts: str = "", admin1: str = "09", admin2: str = "", population: int = 0,
                cc: str = "SY") -> str:
    """One line of the 19-column geoname table."""
    cols = [str(gid), name, name, alts, str(lat), str(lon), fclass, fcode, cc, "", admin1,
            admin2, "", "", str(population), "", "400", "Asia/Damascus", "2024-01-01"]
    return "\t".join(cols)


def zip_of(member: str, text: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(member, text)
    return buf.getvalue()


def sy_files() -> dict[str, bytes]:
    """A tiny Syrian dump: a village with an Arabic alternate name, a neighbourhood, an admin
    area, a mountain (not kept) and a row whose latitude is out of range (rejected)."""
    rows = [
        geoname_row(9900001, "Kafr Tallul", 36.3512, 37.0311, "P", "PPL",
                    alts="Kafr Talloul,كفر تلول", admin2="SY0201", population=2300),
        geoname_row(9900002, "Hayy al-Zaytuna", 36.2101, 37.1402, "P", "PPLX",
                    alts="Zaytuna Quarter", population=0),
        geoname_row(9900003, "Muhafazat Halab", 36.1, 37.3, "A", "ADM1", population=4_000_000),
        geoname_row(9900004, "Jabal Qurnat Tallul", 36.4, 37.0, "T", "MT"),
        geoname_row(9900005, "Tall Mardikh Ghazi", 123.5, 37.0, "P", "PPL"),
    ]
    # a big enough text that the dropping server cuts it well inside the zip
    filler = [geoname_row(9910000 + i, f"Khirbat Numra {i}", 35.0 + i / 1000, 38.0, "P", "PPL",
                          admin1="09") for i in range(300)]
    return {
        "SY.zip": zip_of("SY.txt", "\n".join(rows + filler) + "\n"),
        "admin1CodesASCII.txt": "SY.09\tAleppo\tAleppo\t9900003\n".encode(),
        "admin2Codes.txt": "SY.09.SY0201\tAl Bab District\tAl Bab District\t9900006\n".encode(),
    }


@dataclass
class DumpServer:
    """Serves ``files``; ``modes[name]`` is ``"drop"`` (the first GET stops halfway and closes
    the connection) or an HTTP status to answer with. ``requests`` records (path, Range)."""

    files: dict[str, bytes]
    modes: dict[str, str | int] = field(default_factory=dict)
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    url: str = ""


def _handler(state: DumpServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # keep test output quiet
            return

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            name = self.path.rsplit("/", 1)[-1]
            state.requests.append((name, self.headers.get("Range")))
            mode = state.modes.get(name)
            body = state.files.get(name)
            if isinstance(mode, int) or body is None:
                self.send_response(mode if isinstance(mode, int) else 404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            start = 0
            rng = self.headers.get("Range")
            if rng and rng.startswith("bytes="):
                start = int(rng[6:].split("-")[0])
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
            else:
                self.send_response(200)
            self.send_header("Content-Length", str(len(body) - start))
            self.end_headers()
            if mode == "drop":
                state.modes.pop(name)
                self.wfile.write(body[start:start + (len(body) - start) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(body[start:])

    return Handler


def serve(state: DumpServer) -> Iterator[DumpServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/dump"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
