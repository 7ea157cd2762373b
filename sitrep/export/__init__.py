"""Exports: JSONL, ACLED CSV, UCDP-style CSV, GeoJSON, Parquet."""

from .writers import FORMATS, write_events

__all__ = ["FORMATS", "write_events"]
