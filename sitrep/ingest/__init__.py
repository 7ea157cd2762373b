"""Ingest: files, directories and stdin -> Documents (or quarantine items, never silence)."""

from .readers import read_inputs, read_path

__all__ = ["read_inputs", "read_path"]
