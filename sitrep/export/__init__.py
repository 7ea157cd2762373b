"""Exports: JSONL, ACLED CSV, UCDP-style CSV, GeoJSON, Parquet."""

from .writers import FORMATS, EventWriter, open_writer, write_events

__all__ = ["FORMATS", "EventWriter", "open_writer", "write_events"]
