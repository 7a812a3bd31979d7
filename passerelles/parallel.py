"""Work spread over the machine's cores, for the heavy parts of a cold build.

`fork_map(fn, items)` gives `[fn(x) for x in items]`, computed by forked
copies of this process when that pays: the function and its data are
inherited, never pickled (closures work); only the results travel back,
through files in a temporary folder (no pipe to deadlock on). It runs in
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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar, cast

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


def fork_map(fn: Callable[[T], R], items: Sequence[T], min_items: int = 64) -> list[R]:
    """`[fn(x) for x in items]`, in forked processes when there are at least `min_items` and more than one core."""
    workers = min(jobs(), len(items) // max(1, min_items // 2) or 1)
    if workers < 2 or len(items) < min_items or not can_fork():
        return [fn(item) for item in items]
    order = list(range(len(items)))
    random.Random(len(items)).shuffle(order)  # heavy items often come together: spread them, the same way each time
    with tempfile.TemporaryDirectory(prefix="passerelles-") as folder:
        gc.freeze()  # the copies' garbage collector leaves the inherited objects alone: no page copied for it
        try:
            pids = [
                _start(fn, [items[i] for i in order[k::workers]], Path(folder) / f"{k}.pickle") for k in range(workers)
            ]
        finally:
            gc.unfreeze()
        failed = [pid for pid in pids if os.waitpid(pid, 0)[1] != 0]
        parts = [_read(Path(folder) / f"{k}.pickle") for k in range(workers)]
    for part in parts:
        if isinstance(part, BaseException):
            raise part
    if failed or any(part is None for part in parts):
        raise RuntimeError(f"{len(failed) or 1} processus de calcul se sont arrêtés sans résultat")
    shares = [cast(list[R], part) for part in parts]
    results: dict[int, R] = {}
    for k, share in enumerate(shares):
        results.update(zip(order[k::workers], share, strict=True))
    return [results[i] for i in range(len(items))]


def _start(fn: Callable[[T], R], items: Sequence[T], out: Path) -> int:
    pid = os.fork()
    if pid:
        return pid
    status = 0
    try:  # the copy: compute its share, write it, and leave without running the parent's cleanups
        try:
            payload = pickle.dumps([fn(item) for item in items], protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # sent back to the parent, which raises it
            payload = _pickled_error(exc)
        out.write_bytes(payload)
    except BaseException:  # nothing else can be reported from here
        status = 1
    finally:
        os._exit(status)


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
