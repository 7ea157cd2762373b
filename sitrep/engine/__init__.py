"""Engines: run the pipeline over a stream of inputs (local, worker processes, Dask)."""

from .core import RunReport
from .inputs import estimate_total
from .local import run_local, run_with
from .resume import RunLedger

__all__ = ["RunLedger", "RunReport", "estimate_total", "run_dask", "run_local", "run_with"]


def __getattr__(name: str) -> object:
    if name == "run_dask":  # dask is optional: imported only when asked for
        from .dask import run_dask

        return run_dask
    raise AttributeError(name)
