"""A persistent cache of work whose result depends only on its inputs: files loaded, bodies, QR codes, pages.

Entries live in `<source>/.cache/<kind>/`, in one SQLite file (store.py),
each named by the SHA-256 of the inputs together with the engine's
fingerprint (package version, the libraries involved and the source of the
modules that do the work), so that a new version of Passerelles or of
Python-Markdown never reads an old entry. An entry that cannot be read,
decoded or verified is recomputed, and `prune` removes the entries a build did
not use. A cache changes how long a build takes, never what it produces.

What a build makes is written in a few transactions: when `flush` is called
(the build calls it at its end, failed or not), or when what waits passes
`PENDING_BYTES`. A forked copy (parallel.py) never writes: `take_pending`
gives what it made to the parent, which `adopt`s it.

Entries are signed (HMAC-SHA-256) with a key kept outside the source, in the
user's own cache folder: `.cache/` is git-ignored, but a pull request could
still force-add a forged entry, which would otherwise put unsanitised HTML
on a page (or, for the pickled models of a loaded file, run code). An entry
whose signature does not match is ignored like a corrupted one, never
decoded; without a usable key, the cache only remembers in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from .store import NAME, Store

CACHE_VERSION = "1"
_PACKAGE = Path(__file__).resolve().parent
# The modules (and data) whose code decides what a cached entry contains.
_ENGINE_FILES = (
    *("markup.py", "smartpunct.py", "source.py", "bodies.py", "glossary.py", "qrcode.py", "cache.py", "htmltext.py"),
    "store.py",
    "data/glossaire.yaml",
)
_LIBRARIES = ("markdown", "nh3", "segno")
# The code that plans routes (cached apart from bodies: a change here must not keep old routes).
PLANNER_FILES = (
    "routes.py",
    "routememo.py",
    "steps.py",
    "departs.py",
    "certifs.py",
    "duration.py",
    "labels.py",
    "schema/vocab.py",
)


def _key_file() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "passerelles" / "cle-cache"


def signing_key() -> bytes | None:
    """This user's secret for signing entries, made on first use; None if it cannot be kept."""
    path = _key_file()
    with contextlib.suppress(OSError):
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cle-")
            with os.fdopen(handle, "wb") as stream:
                stream.write(os.urandom(32).hex().encode())
            os.chmod(temporary, 0o600)
            os.replace(temporary, path)
        key = path.read_bytes().strip()
        if len(key) >= 32:
            return key
    return None


@cache
def engine_fingerprint() -> str:
    """What makes an entry of this engine valid: version, libraries, and the code that does the work."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for name in _LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{name}={metadata.version(name)}".encode())
    digest.update(code_fingerprint(_ENGINE_FILES).encode())
    return digest.hexdigest()


@cache
def code_fingerprint(rels: tuple[str, ...]) -> str:
    """A digest of some of the engine's own files, by path inside the package."""
    digest = hashlib.sha256()
    for rel in rels:
        path = _PACKAGE / rel
        digest.update(rel.encode() + (path.read_bytes() if path.is_file() else b"-"))
    return digest.hexdigest()


@cache
def package_fingerprint() -> str:
    """Every file of the engine (code and data): what a finished page may depend on."""
    files = (p for p in _PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return code_fingerprint(tuple(sorted(p.relative_to(_PACKAGE).as_posix() for p in files)))


PENDING_BYTES = 8 * 1024 * 1024  # entries made but not yet written: past this, written at once
_SUFFIXES = (".json", ".pickle")  # the two kinds of entries (and the files of versions before store.py)


class DiskCache:
    """JSON values (`.json`) and pickled objects (`.pickle`) by key in one folder; `None` as folder makes a cache
    that only remembers in memory."""

    def __init__(
        self, folder: Path | None, options: str = "", secret: bytes | None = None, lasting: bool = False
    ) -> None:
        self.secret = secret if secret is not None else signing_key() if folder is not None else None
        self.folder = folder if self.secret is not None else None
        self.prefix = engine_fingerprint() + "\0" + options + "\0"
        self.memory: dict[str, Any] = {}
        self.used: set[str] = set()
        self._store = Store(self.folder / NAME) if self.folder is not None else None
        self._pending: dict[str, bytes] = {}  # signed entries made and not yet written, by name
        self._pending_bytes = 0
        self._pid = os.getpid()  # a forked copy (another pid) gives what it makes to this process
        # What one process (the preview server) remembers between rebuilds: never written to disk.
        self.memo: dict[str, Any] = {}
        self.lasting = lasting  # the same cache for every rebuild (the preview's): `memo` is worth filling

    def key(self, *parts: str) -> str:
        return hashlib.sha256((self.prefix + "\0".join(parts)).encode()).hexdigest()

    def get(self, key: str, keep: bool = True) -> Any | None:
        """The value stored under `key`; `keep=False` does not hold it in memory (whole pages: a big site's
        pages would be held twice)."""
        self.used.add(key)
        if key in self.memory:
            return self.memory[key]
        payload = self._read((key,), ".json").get(key)
        if payload is None:
            return None
        try:
            value = json.loads(payload)
        except ValueError:
            return None
        if keep:
            self.memory[key] = value
        return value

    def get_object(self, key: str) -> Any | None:
        """A Python object stored by `put_object` (never held in memory), or None.

        Unpickled only once its signature is verified with the user's key, kept outside the source: a
        forged or planted entry is never unpickled.
        """
        return self.get_objects((key,)).get(key)

    def get_objects(self, keys: Iterable[str]) -> dict[str, Any]:
        """`get_object` of many keys, read together (a build asks for thousands): the objects found, by key."""
        keys = list(keys)
        self.used.update(keys)
        found: dict[str, Any] = {}
        for key, payload in self._read(keys, ".pickle").items():
            try:
                found[key] = pickle.loads(payload)
            except Exception:  # an entry of an older shape (a class renamed...): made again
                continue
        return found

    def _read(self, keys: Iterable[str], suffix: str) -> dict[str, bytes]:
        """The verified payloads of the entries found, by key."""
        if self._store is None:
            return {}
        stored = {key: self._pending.get(key + suffix) for key in keys}
        unwritten = [key + suffix for key, entry in stored.items() if entry is None]
        read = self._store.read_many(unwritten) if unwritten else {}
        found: dict[str, bytes] = {}
        for key, entry in stored.items():
            entry = entry if entry is not None else read.get(key + suffix)
            if entry is not None:
                mac, _, payload = entry.partition(b"\n")
                if hmac.compare_digest(mac, self._sign(key, payload)):
                    found[key] = payload
        return found

    def _sign(self, key: str, payload: bytes) -> bytes:
        assert self.secret is not None
        return hmac.digest(self.secret, key.encode() + b"\0" + payload, "sha256").hex().encode()

    def put(self, key: str, value: Any, keep: bool = True) -> None:
        self.used.add(key)
        if keep:
            self.memory[key] = value
        if self.folder is not None:
            self._write(key, ".json", json.dumps(value, ensure_ascii=False).encode())

    def put_object(self, key: str, value: Any) -> None:
        """Store any picklable object (models read from a file: rebuilt faster than from JSON)."""
        self.used.add(key)
        if self.folder is not None:
            self._write(key, ".pickle", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def _write(self, key: str, suffix: str, payload: bytes) -> None:
        assert self._store is not None
        self._keep_pending({key + suffix: self._sign(key, payload) + b"\n" + payload})

    def _keep_pending(self, entries: dict[str, bytes]) -> None:
        for name, stored in entries.items():
            self._pending_bytes += len(stored) - len(self._pending.get(name, b""))
            self._pending[name] = stored
        if self._pending_bytes > PENDING_BYTES and os.getpid() == self._pid:
            self.flush()

    def flush(self) -> None:
        """Write the entries made since the last flush (in a forked copy: nothing, see `take_pending`)."""
        if self._store is not None and self._pending and os.getpid() == self._pid:
            self._store.write(self._pending)
            self._pending, self._pending_bytes = {}, 0

    def take_pending(self) -> dict[str, bytes]:
        """The entries made and not written (in a forked copy: to be `adopt`ed by the parent), forgotten here."""
        pending, self._pending, self._pending_bytes = self._pending, {}, 0
        return pending

    def adopt(self, pending: dict[str, bytes]) -> None:
        """Entries a forked copy made (`take_pending`), written with this process's own."""
        if self._store is not None:
            self._keep_pending(pending)

    def remember(self, key: str, compute: Callable[[], Any], valid: Callable[[Any], bool]) -> Any:
        """The cached value for `key` if `valid` accepts its shape, else `compute()` stored under it."""
        value = self.get(key)
        if value is None or not valid(value):
            value = compute()
            self.put(key, value)
        return value

    def prune(self) -> None:
        """Forget every entry this cache did not use since it was made (or last pruned)."""
        self.flush()
        self.memory = {k: v for k, v in self.memory.items() if k in self.used}
        if self._store is None or self.folder is None:
            return
        self._store.remove(name for name in self._store.names() if name.rsplit(".", 1)[0] not in self.used)
        with contextlib.suppress(OSError):  # one file per entry, as versions before store.py kept them
            for path in self.folder.iterdir():
                if path.suffix in _SUFFIXES and not path.is_dir():
                    path.unlink()
        self.used = set()


class MemoryBytecode(jinja2.BytecodeCache):
    """Compiled templates, kept in memory between the preview's rebuilds and, given a `disk` cache, between
    builds (compiling every template took 0.15 s of each command-line build).

    On disk, the bytecode is a signed entry like the pickles: it is unmarshalled only once its signature with
    the user's key (kept outside the project) is verified, so a planted file can inject no code; its key holds
    the template's source checksum, and Jinja checks its own version and Python's before using it."""

    def __init__(self, disk: DiskCache | None = None) -> None:
        self.buckets: dict[str, bytes] = {}
        self.disk = disk if disk is not None and disk.folder is not None else None

    def _key(self, bucket: jinja2.bccache.Bucket) -> str:
        assert self.disk is not None
        return self.disk.key("gabarit-compile", bucket.key, bucket.checksum)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.buckets.get(bucket.key)
        if data is None and self.disk is not None:
            stored = self.disk.get_object(self._key(bucket))
            data = stored if isinstance(stored, bytes) else None
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = bucket.bytecode_to_string()
        self.buckets[bucket.key] = data
        if self.disk is not None:
            self.disk.put_object(self._key(bucket), data)
