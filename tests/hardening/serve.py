"""``python -m tests.hardening.serve DB_URL``: the API on 127.0.0.1 (a free port), light pipeline.

Prints ``port N`` once listening; stops on SIGTERM. For the concurrency test and benchmark.
"""

from __future__ import annotations

import socket
import sys

import uvicorn

from sitrep.api import create_app
from sitrep.config import Settings
from tests.api.seed import TOKEN, seed_docs
from tests.hardening.fakes import RichFakePipeline


def main(argv: list[str] | None = None) -> int:
    db_url = (argv or sys.argv[1:])[0]
    app = create_app(db_url=db_url, token=TOKEN, pipeline=RichFakePipeline(Settings()))
    for doc in seed_docs():
        app.state.sitrep.store.add(doc)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    print("port", sock.getsockname()[1], flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False,
                                           timeout_graceful_shutdown=5))
    server.run(sockets=[sock])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
