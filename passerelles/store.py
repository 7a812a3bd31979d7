"""Where the persistent cache keeps its entries: one SQLite file, `entrees.sqlite3`, in its folder.

One file rather than one small file per entry: a cold build of 2,000 content
files makes about 9,000 entries, and creating that many files cost seconds of
system time on the build machine (ext4), more on systems whose every new file
is scanned. SQLite (Python's own `sqlite3`) writes them in a few transactions,
and reads each by its name through an index.

Nothing here ever stops a build: a database that cannot be opened, stays
locked by another build, or is full or read-only makes reads miss and writes
drop (a cache only changes how long a build takes); one that is not a
database any more (cut short, overwritten) is removed and made again. A link
planted under the database's name, or its journal's, is removed rather than
written through.

SQLite forbids using a connection in a forked copy of the process that opened
it (parallel.py forks): a copy opens its own, and leaves the inherited one
untouched, never used nor closed. The copies only read; what they make
travels back to the parent, which writes it (cache.py).
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

NAME = "entrees.sqlite3"
_BATCH = 500  # names per query: below every SQLite's limit on parameters (999 before 3.32)
_BUSY_TIMEOUT_S = 5.0  # another build writing (the preview and a command-line build at once)
_SCHEMA = "CREATE TABLE IF NOT EXISTS entrees (nom TEXT PRIMARY KEY, donnees BLOB NOT NULL)"


class Store:
    """Byte strings by name in the SQLite file `path` (made on first use, with its folder)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        self._inherited: list[sqlite3.Connection] = []  # opened before a fork: kept alive, never used here
        self._failed = False  # the database could not be opened: this store only misses from now on
        self._lock = threading.Lock()  # the preview's threads share one connection

    def read(self, name: str) -> bytes | None:
        return self.read_many((name,)).get(name)

    def read_many(self, names: Iterable[str]) -> dict[str, bytes]:
        """The entries found among `names`, a few queries for all (one query each cost more than its reading:
        0.19 s instead of 0.07 s for the 7,900 entries of a 2,000-file site)."""
        wanted = list(dict.fromkeys(names))
        found: dict[str, bytes] = {}
        for start in range(0, len(wanted), _BATCH):
            chunk = wanted[start : start + _BATCH]
            query = f"SELECT nom, donnees FROM entrees WHERE nom IN ({','.join('?' * len(chunk))})"
            rows = self._run(functools.partial(_fetch, query, chunk))
            found.update((str(name), data) for name, data in rows if isinstance(data, bytes))
        return found

    def write(self, entries: Mapping[str, bytes]) -> None:
        """Store every entry, in one transaction (all or none)."""
        if entries:
            if self._connection is not None and not self.path.exists():  # removed while the preview ran
                self._discard()
            self._run(lambda db: _transaction(db, "INSERT OR REPLACE INTO entrees VALUES (?, ?)", entries.items()))

    def names(self) -> list[str]:
        return [str(row[0]) for row in self._run(lambda db: db.execute("SELECT nom FROM entrees").fetchall())]

    def remove(self, names: Iterable[str]) -> None:
        """Forget these entries, and give back their space when most of the file is unused."""
        rows = [(name,) for name in names]
        if rows:
            self._run(lambda db: _transaction(db, "DELETE FROM entrees WHERE nom = ?", rows))
            self._run(_compact)

    def _run(self, work: Callable[[sqlite3.Connection], list[tuple[object, ...]] | None]) -> list[tuple[object, ...]]:
        """`work` on this process's connection; nothing when the database cannot serve (see the docstring)."""
        with self._lock:
            for attempt in range(2):
                db = self._open()
                if db is None:
                    return []
                try:
                    return work(db) or []
                except sqlite3.OperationalError:  # locked too long, disk full, read-only: only speed is lost
                    return []
                except sqlite3.DatabaseError:  # not a database any more: made again, once
                    if attempt == 0:
                        self._discard()
            return []

    def _open(self) -> sqlite3.Connection | None:
        if self._connection is not None and self._pid == os.getpid():
            return self._connection
        if self._connection is not None:  # a forked copy: the parent's connection is not ours to use
            self._inherited.append(self._connection)
            self._connection = None
        if self._failed:
            return None
        self._pid = os.getpid()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            for path in self._files():
                if path.is_symlink():  # planted: never followed
                    path.unlink()
            db = self._connect()
        except (OSError, sqlite3.OperationalError):  # cannot be opened (a read-only folder...): misses only
            self._failed = True
            return None
        except sqlite3.DatabaseError:  # not a database: removed, and made again once
            self._remove_files()
            try:
                db = self._connect()
            except sqlite3.Error:
                self._failed = True
                return None
        self._connection = db
        return db

    def _connect(self) -> sqlite3.Connection:
        """A connection, its settings made; raises sqlite3.DatabaseError when the file is not a database."""
        db = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        try:
            with contextlib.suppress(sqlite3.OperationalError):  # locked or read-only: used as it is, or missed
                # A rollback journal, not WAL: WAL's shared memory would be inherited by forked copies.
                db.execute("PRAGMA journal_mode = TRUNCATE")
                db.execute("PRAGMA synchronous = NORMAL")
                db.execute("PRAGMA page_size = 16384")  # a new database only: most entries fit in a page or two
                db.execute(_SCHEMA)
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _discard(self) -> None:
        """Remove a database that is not one any more (the next use makes a new one)."""
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None
        self._remove_files()

    def _remove_files(self) -> None:
        for path in self._files():
            with contextlib.suppress(OSError):
                path.unlink()

    def _files(self) -> tuple[Path, Path]:
        return self.path, self.path.with_name(self.path.name + "-journal")


def _fetch(query: str, parameters: list[str], db: sqlite3.Connection) -> list[tuple[object, ...]]:
    return db.execute(query, parameters).fetchall()  # type: ignore[no-any-return]


def _transaction(db: sqlite3.Connection, statement: str, rows: Iterable[tuple[object, ...]]) -> None:
    db.execute("BEGIN IMMEDIATE")
    try:
        db.executemany(statement, rows)
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _compact(db: sqlite3.Connection) -> None:
    """VACUUM when free pages are more than twice the used ones (a site that shrank a lot): below that, the
    free pages are simply reused (a template changed frees every page's entries, made again at once)."""
    free = db.execute("PRAGMA freelist_count").fetchone()[0]
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    if free > 2 * (pages - free):
        db.execute("VACUUM")
