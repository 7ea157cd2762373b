"""retrying: conflicts are re-run a bounded number of times, other errors are raised at once."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from sitrep.store.txn import is_retryable, retrying


class _Orig(Exception):
    def __init__(self, message: str, sqlstate: str | None = None) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


def _error(message: str, sqlstate: str | None = None) -> OperationalError:
    return OperationalError("UPDATE events ...", {}, _Orig(message, sqlstate))


@pytest.mark.parametrize(("error", "retry"), [
    (_error("deadlock detected", "40P01"), True), (_error("could not serialize", "40001"), True),
    (_error("database is locked"), True), (_error("syntax error", "42601"), False)])
def test_txn_retries_only_conflicts(error: OperationalError, retry: bool) -> None:
    calls: list[int] = []

    def work() -> str:
        calls.append(1)
        if len(calls) == 1:
            raise error
        return "done"

    assert is_retryable(error) is retry
    if retry:
        assert retrying(work, sleep=lambda _: None) == "done" and len(calls) == 2
    else:
        with pytest.raises(OperationalError):
            retrying(work, sleep=lambda _: None)
        assert len(calls) == 1


def test_txn_gives_up_after_the_bound() -> None:
    calls: list[float] = []

    def work() -> None:
        raise _error("deadlock detected", "40P01")

    with pytest.raises(OperationalError):
        retrying(work, attempts=4, sleep=calls.append)
    assert len(calls) == 3 and all(0 <= d <= 2.0 for d in calls)
