"""A persistent cache of work whose result depends only on its inputs: converted bodies, QR codes.

Entries live in `<source>/.cache/<kind>/`, one small file each, named by the
SHA-256 of the inputs together with the engine's fingerprint (package
version, the libraries involved and the source of the modules that do the
work), so that a new version of Passerelles or of Python-Markdown never
reads an old entry. Writes are atomic (a temporary file renamed); an entry
that cannot be read or decoded is recomputed, and `prune` removes the
entries a build did not use. A cache changes how long a build takes, never
what it produces.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

CACHE_VERSION = "1"
_PACKAGE = Path(__file__).resolve().parent
# The modules (and data) whose code decides what a cached entry contains.
_ENGINE_FILES = (
    *("markup.py", "smartpunct.py", "source.py", "bodies.py", "glossary.py", "qrcode.py", "cache.py"),
    "data/glossaire.yaml",
)
_LIBRARIES = ("markdown", "nh3", "segno")


@cache
def engine_fingerprint() -> str:
    """What makes an entry of this engine valid: version, libraries, and the code that does the work."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for name in _LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{name}={metadata.version(name)}".encode())
    for rel in _ENGINE_FILES:
        path = _PACKAGE / rel
        digest.update(rel.encode() + (path.read_bytes() if path.is_file() else b"-"))
    return digest.hexdigest()


class DiskCache:
    """JSON values by key in one folder; `None` as folder makes a cache that only remembers in memory."""

    def __init__(self, folder: Path | None, options: str = "") -> None:
        self.folder = folder
        self.prefix = engine_fingerprint() + "\0" + options + "\0"
        self.memory: dict[str, Any] = {}
        self.used: set[str] = set()

    def key(self, *parts: str) -> str:
        return hashlib.sha256((self.prefix + "\0".join(parts)).encode()).hexdigest()

    def get(self, key: str) -> Any | None:
        self.used.add(key)
        if key in self.memory:
            return self.memory[key]
        if self.folder is None:
            return None
        try:
            value = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        self.memory[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self.used.add(key)
        self.memory[key] = value
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(value, stream, ensure_ascii=False)
            os.replace(temporary, self.folder / f"{key}.json")
        except OSError:  # a read-only or full disk only costs speed
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(temporary)

    def remember(self, key: str, compute: Callable[[], Any], valid: Callable[[Any], bool]) -> Any:
        """The cached value for `key` if `valid` accepts its shape, else `compute()` stored under it."""
        value = self.get(key)
        if value is None or not valid(value):
            value = compute()
            self.put(key, value)
        return value

    def prune(self) -> None:
        """Forget every entry this cache did not use since it was made (or last pruned)."""
        self.memory = {k: v for k, v in self.memory.items() if k in self.used}
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.suffix == ".json" and path.stem not in self.used:
                with contextlib.suppress(OSError):
                    path.unlink()
        self.used = set()
