"""``sitrep serve``: the API and web UI (FastAPI + uvicorn), bound to 127.0.0.1 by default."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ._common import err, handle_errors, make_settings
from .app import app

__all__ = ["KEEP_ALIVE_SECONDS", "serve"]

#: Idle keep-alive connections are closed after this many seconds (slow or idle clients
#: cannot hold the server's connections open).
KEEP_ALIVE_SECONDS = 5
_ANY_ADDRESS = ("0.0.0.0", "::", "")


@app.command("serve")
@handle_errors
def serve(
    db: Annotated[str | None, typer.Option("--db", help="Database URL (default: the local SQLite file).")] = None,
    host: Annotated[str, typer.Option("--host", help="Address to bind; keep 127.0.0.1 unless behind a proxy.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    model: Annotated[Path | None, typer.Option("--model", help="Model directory from `sitrep train` for posted reports.")] = None,
    token: Annotated[list[str] | None, typer.Option(
        "--token", help="Bearer token for writes: SECRET (named 'default'; else $SITREP_API_TOKEN, "
                        "else generated and printed), or NAME=SECRET, a reviewer's own token whose "
                        "NAME the audit records (repeatable; also $SITREP_API_TOKENS).")] = None,
    tokens_file: Annotated[Path | None, typer.Option(
        "--tokens-file", help="File of named tokens, NAME=SECRET a line ('#' comments).")] = None,
    cors_origin: Annotated[list[str] | None, typer.Option("--cors-origin", help="Allow this origin cross-site (repeatable; CORS is off by default).")] = None,
    max_body_mb: Annotated[float, typer.Option("--max-body-mb", help="Request body limit in MB.")] = 2.0,
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", envvar="SITREP_ALLOWED_HOSTS",
        help="Also answer requests for this Host name (repeatable; default: localhost, 127.0.0.1, "
             "::1 and --host; '*' answers any).")] = None,
) -> None:
    """Serve the API and web UI: map, timeline, events, documents and review."""
    import uvicorn

    from ..api import create_app
    from ..api.deps import TOKENS_ENV, install_tokens, parse_tokens, token_settings
    from ..api.middleware import LOOPBACK_HOSTS
    from ..config import default_db_url

    url = db or default_db_url()
    hosts = [*LOOPBACK_HOSTS, *([] if host in _ANY_ADDRESS else [host]), *(allowed_host or [])]
    named, single = parse_tokens(token_settings(token or (), env=os.environ.get(TOKENS_ENV),
                                                file=tokens_file))
    application = create_app(make_settings(model=model), db_url=url, token=single,
                             max_body=int(max_body_mb * 1024 * 1024), cors_origins=cors_origin or (),
                             allowed_hosts=hosts)
    state = application.state.sitrep
    install_tokens(state, named)
    err.print(f"sitrep serving [bold]{url}[/bold] at http://{host}:{port}/", highlight=False)
    if named:
        err.print(f"write tokens named: {', '.join(sorted(named))}"
                  + ("" if state.token_generated else ", default"), highlight=False)
    elif state.token_generated:
        err.print(f"write token for this run (set SITREP_API_TOKEN to choose one): {state.token}",
                  highlight=False, soft_wrap=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print("[yellow]warning[/yellow] reading is open to anyone who can reach this address",
                  highlight=False)
    if host in _ANY_ADDRESS and not allowed_host:
        err.print("[yellow]note[/yellow] only requests for localhost are answered; name this "
                  "machine with --allowed-host NAME", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="info", server_header=False,
                timeout_keep_alive=KEEP_ALIVE_SECONDS)
