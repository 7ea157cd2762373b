"""HTTP API and web UI: ``create_app(settings, db_url=...)``."""

from .app import create_app

__all__ = ["create_app"]
