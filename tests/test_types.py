"""mypy, strict, over the package (settings in pyproject.toml's ``[tool.mypy]``).

Runs the venv's own interpreter, so ``make test`` checks with the mypy and stub packages pinned in
the ``test`` extra; a missing mypy fails here rather than skipping. The incremental cache lives
in ``.mypy_cache/`` (git-ignored): a warm run takes about a second, a cold one under a minute.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_types_package_passes_mypy_strict() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
         "--no-color-output", "-p", "sitrep"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    output = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0:
        raise AssertionError(f"mypy exited {proc.returncode}:\n{output}")
    assert output.startswith("Success:"), output
