"""Work spread over the machine's cores, for the heavy parts of a cold build.

`fork_map(fn, items)` gives `[fn(x) for x in items]`, computed by forked
copies of this process when that pays: the function and its data are
inherited, never pickled (closures work); only the results travel back,
through files in a temporary folder (no pipe to deadlock on). The copies
take the items one at a time as they finish the previous ones (their
numbers, written beforehand into a pipe they share): a copy given slow
items does not leave the others idle. It runs in
this process instead when the platform cannot fork (Windows, where Python
would start fresh interpreters), when other threads run (the preview
server: forking a threaded process can hang the copy), when there are
few items, or when `PASSERELLES_JOBS=1` asks for one process.

Results must be picklable; an exception raised by `fn` in a copy is
raised again here, with its type when it can be pickled.
"""

from __future__ import annotations

import gc
import os
import pickle
import random
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

JOBS_VARIABLE = "PASSERELLES_JOBS"


def jobs() -> int:
    """How many processes to use: PASSERELLES_JOBS if set, else the cores this process may use."""
    wanted = os.environ.get(JOBS_VARIABLE, "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no affinity call
        return os.cpu_count() or 1


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


_RECORD = 4  # bytes per item number in the shared pipe
_QUEUED_AT_MOST = 16_384  # item numbers that fit in a pipe (64 KiB) before any copy reads: more are split evenly


def fork_map(fn: Callable[[T], R], items: Sequence[T], min_items: int = 64) -> list[R]:
    """`[fn(x) for x in items]`, in forked processes when there are at least `min_items` and more than one core."""
    workers = min(jobs(), len(items) // max(1, min_items // 2) or 1)
    if workers < 2 or len(items) < min_items or not can_fork():
        return [fn(item) for item in items]
    order = list(range(len(items)))
    random.Random(len(items)).shuffle(order)  # heavy items often come together: spread them, the same way each time
    queue = _queue(order) if len(order) <= _QUEUED_AT_MOST else None
    with tempfile.TemporaryDirectory(prefix="passerelles-") as folder:
        gc.freeze()  # the copies' garbage collector leaves the inherited objects alone: no page copied for it
        try:
            pids = [_start(fn, items, order[k::workers], queue, Path(folder) / f"{k}.pickle") for k in range(workers)]
        finally:
            gc.unfreeze()
            if queue is not None:
                os.close(queue)
        failed = [pid for pid in pids if os.waitpid(pid, 0)[1] != 0]
        parts = [_read(Path(folder) / f"{k}.pickle") for k in range(workers)]
    for part in parts:
        if isinstance(part, BaseException):
            raise part
    results: dict[int, R] = {}
    for part in parts:
        if isinstance(part, dict):
            results.update(part)
    if failed or len(results) != len(items):
        raise RuntimeError(f"{len(failed) or 1} processus de calcul se sont arrêtés sans résultat")
    return [results[i] for i in range(len(items))]


def _queue(order: list[int]) -> int | None:
    """A pipe holding every item number, its writing end closed: each read takes the next one, or nothing.

    None when they do not all fit in it (a system short of pipe memory gives small pipes): the items are then
    split evenly."""
    read, write = os.pipe()
    os.set_blocking(write, False)  # never wait for a reader: there is none yet
    data = b"".join(i.to_bytes(_RECORD, "big") for i in order)
    try:
        while data:
            data = data[os.write(write, data) :]
    except BlockingIOError:
        os.close(read)
        return None
    finally:
        os.close(write)
    return read


def _start(fn: Callable[[T], R], items: Sequence[T], share: list[int], queue: int | None, out: Path) -> int:
    pid = os.fork()
    if pid:
        return pid
    status = 0
    try:  # the copy: compute the items it takes (or its share), write them, and leave without the parent's cleanups
        try:
            done: dict[int, R] = {}
            for index in _taken(queue) if queue is not None else share:
                done[index] = fn(items[index])
            payload = pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # sent back to the parent, which raises it
            payload = _pickled_error(exc)
        out.write_bytes(payload)
    except BaseException:  # nothing else can be reported from here
        status = 1
    finally:
        os._exit(status)


def _taken(queue: int) -> Iterator[int]:
    """The item numbers this copy takes from the shared pipe (a read of one record is never split)."""
    while record := os.read(queue, _RECORD):
        yield int.from_bytes(record, "big")


def _pickled_error(exc: BaseException) -> bytes:
    try:
        return pickle.dumps(exc)
    except Exception:  # an exception that cannot travel: its type and message do
        return pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))


def _read(path: Path) -> object:
    try:
        return pickle.loads(path.read_bytes())  # written by our own forked copy, just now
    except (OSError, EOFError, pickle.UnpicklingError):
        return None
