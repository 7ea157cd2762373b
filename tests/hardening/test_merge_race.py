"""Two and four concurrent ``--merge`` writers (plus a reviewer) on one database lose nothing.

Each writer is its own process running the extract-with-merge path (``run_local(merge=True)``) on
the same hand-built reports in its own order; a reviewer process accepts and edits events
meanwhile. Every report of an incident matches every other, so whatever the order the store must
end with one event per incident holding all its documents, and the invariant check must find
nothing (issue 20). The 20-run profile is ``make stress``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hardening.merge_stress import merge_stress


@pytest.mark.parametrize(("writers", "reviewer"), [(2, False), (4, True)])
def test_merge_race_concurrent_writers_lose_no_report(db_url: str, tmp_path: Path, writers: int,
                                                      reviewer: bool) -> None:
    out = merge_stress(db_url, tmp_path, writers=writers, reviewer=reviewer)
    assert out.errors == []
    assert out.violations == []
    assert out.wrong_events == []
    assert (out.documents, out.events) == (30, 6)
    assert out.reviews >= reviewer
