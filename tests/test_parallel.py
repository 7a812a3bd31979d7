"""fork_map: the same results as a loop, in order, with closures and errors carried back."""

from __future__ import annotations

import os
import time
from pathlib import Path

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
        assert os.getpid() not in pids and 1 <= len(pids) <= 3  # quick items: the first copy may take them all
    else:
        assert pids == {os.getpid()}


def test_a_copy_busy_with_one_item_leaves_the_others_to_the_next(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Items are taken one at a time: while one copy works on item 0, which waits for every other item to be
    done, the other copy does them all. A share fixed in advance would leave some behind item 0 forever."""
    if not parallel.can_fork():
        pytest.skip("pas de fork sur cette plateforme : tout est calculé dans ce processus")
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    items = list(range(40))

    def work(x: int) -> str:
        if x:
            (tmp_path / f"{x}.fait").touch()
            return "fait"
        for _ in range(3000):  # at most 30 s: the others are done long before, unless they never can be
            if len(list(tmp_path.glob("*.fait"))) == len(items) - 1:
                return "a attendu les autres"
            time.sleep(0.01)
        return "abandonné"

    assert parallel.fork_map(work, items, min_items=10) == ["a attendu les autres"] + ["fait"] * 39


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
