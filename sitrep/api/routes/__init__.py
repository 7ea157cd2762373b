"""Request handlers, one module per resource."""

from . import documents, events, export, health, web

__all__ = ["documents", "events", "export", "health", "web"]
