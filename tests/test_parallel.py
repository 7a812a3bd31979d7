"""fork_map: the same results as a loop, in order, with closures and errors carried back."""

from __future__ import annotations

import os

import pytest

from passerelles import parallel


def test_same_results_in_order_with_a_closure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "3")
    offset = 1000  # a closure: inherited by the forked copies, never pickled
    items = list(range(500))
    pids: set[int] = set()

    def work(x: int) -> tuple[int, int]:
        return x + offset, os.getpid()

    results = parallel.fork_map(work, items, min_items=10)
    assert [r[0] for r in results] == [x + offset for x in items]
    pids = {r[1] for r in results}
    if parallel.can_fork():
        assert os.getpid() not in pids and len(pids) == 3
    else:
        assert pids == {os.getpid()}


def test_one_job_or_few_items_stay_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    assert set(parallel.fork_map(lambda _: os.getpid(), range(200), min_items=10)) == {os.getpid()}
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "4")
    assert parallel.fork_map(lambda _: os.getpid(), range(5), min_items=10) == [os.getpid()] * 5


class Local(Exception):
    """Raised as an instance of a class made inside a function below: such an exception cannot be pickled."""


def _local_error() -> Exception:
    class Unpicklable(Local):
        pass

    return Unpicklable("locale")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork n'existe pas sur cette plate-forme")
@pytest.mark.parametrize(
    ("error", "expected", "message"),
    [
        (ValueError("élément 77 refusé"), ValueError, "élément 77 refusé"),
        (_local_error(), RuntimeError, "Unpicklable: locale"),  # cannot travel: its type and message do
    ],
)
def test_an_error_in_a_copy_is_raised_here(
    monkeypatch: pytest.MonkeyPatch, error: Exception, expected: type[Exception], message: str
) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")

    def work(x: int) -> int:
        if x == 77:
            raise error
        return x

    with pytest.raises(expected, match=message):
        parallel.fork_map(work, list(range(100)), min_items=10)
