"""Engines: run the pipeline over a stream of inputs (local now; Dask with issue 10)."""

from .local import RunReport, run_local

__all__ = ["RunReport", "run_local"]
