"""Every content file read, validated and modelled: the load and validate stages, file by file.

Each file is independent of the others, so a cold build on a large site
loads them on every core (`fork_map`): Markdown conversion is most of the
cost. A file's result is kept in the persistent cache (pickled, signed) and
taken from it while the file's bytes, place and settings and the engine are
the same; the preview also remembers it in memory until the file's bytes
change. Cross-file checks come after, in `site.py`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Sequence
from functools import cache as once
from functools import partial
from pathlib import Path
from typing import Any, cast

import yaml
from markdown import Markdown

from .cache import DiskCache, package_fingerprint
from .entries import build_entry
from .errors import ContentError
from .fingerprint import Fingerprints, Unhashable
from .links import body_links
from .models import Entry
from .parallel import fork_map
from .schema import validate
from .source import SourceFile, read_source

Loaded = tuple[SourceFile | None, Entry | None, dict[tuple[str | int, ...], int], list[ContentError]]
Kept = tuple[Loaded, bytes | None, list[tuple[str, str]] | None]  # and the model's digest, its body's links
MODEL_DIGESTS = "empreintes-des-fichiers"  # in the cache's memory: each model loaded, with its digest
BODY_LINKS = "liens-des-fichiers"  # in the cache's memory: the links of each body loaded
PARALLEL_FROM = 200  # files from which they are loaded on every core (the example site has about 60)


def load_file(root: Path, collection: str, path: Path, md: Markdown) -> Loaded:
    """One file read, validated and modelled, with its problems."""
    source, errors = read_source(root, collection, path)
    if source is None:
        return (None, None, {}, errors)
    clean, problems = validate(source)
    entry, more = build_entry(source, clean, md)
    return (source, entry, dict(source.lines), errors + problems + more)


@once
def _loader_fingerprint() -> str:
    """What a file's loading depends on besides the file: every file of the engine, YAML, Python."""
    return f"{package_fingerprint()}\0yaml={yaml.__version__}\0{sys.version}"


def _file_key(
    root: Path, collection: str, path: Path, md: Markdown, cache: DiskCache | None, reals: RealPaths | None = None
) -> str | None:
    """The persistent cache's key for loading this file: None without a cache on disk or a readable file.

    It holds the file's bytes, where it is, the real paths of the file and of the root (a file turned
    into a link, which loading refuses when it leads out, is loaded again), the site's Markdown
    settings, and every file of the engine (any change of validation or modelling loads all again).
    """
    if cache is None or cache.folder is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    reals = reals or RealPaths()
    return cache.key(
        "fichier",
        _loader_fingerprint(),
        reals.of(str(root)),
        reals.of_file(str(path)),
        path.relative_to(root).as_posix(),
        collection,
        getattr(md, "options", ""),
        hashlib.sha256(data).hexdigest(),
    )


class RealPaths:
    """`os.path.realpath`, each folder resolved once for the many files in it."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def of(self, folder: str) -> str:
        if folder not in self._folders:
            self._folders[folder] = os.path.realpath(folder)
        return self._folders[folder]

    def of_file(self, path: str) -> str:
        if os.path.islink(path):  # the file itself is a link: followed all the way
            return os.path.realpath(path)
        folder, name = os.path.split(path)
        return os.path.join(self.of(folder), name) if name not in ("", ".", "..") else os.path.realpath(path)


def _is_kept(value: Any) -> bool:
    """A stored result: the file's `Loaded`, its model's digest (None: not digestible) and its body's links."""
    if not (isinstance(value, tuple) and len(value) == 3 and isinstance(value[1], bytes | None)):
        return False
    if not isinstance(value[2], list | None):
        return False
    loaded = value[0]
    return (
        isinstance(loaded, tuple) and len(loaded) == 4 and isinstance(loaded[2], dict) and isinstance(loaded[3], list)
    )


def _digest(entry: Entry | None) -> bytes | None:
    """The model's digest (fingerprint.py), kept with it so that later builds need not digest it again."""
    try:
        return None if entry is None else Fingerprints().model_digest(entry)
    except Unhashable:
        return None


def _kept(loaded: Loaded) -> Kept:
    """What the cache keeps of a file: its result, its model's digest, its body's links (links.py)."""
    entry = loaded[1]
    return (loaded, _digest(entry), None if entry is None else body_links(str(entry.body)))


def _load_and_keep(
    root: Path, md: Markdown, cache: DiskCache | None, parent: int, item: tuple[str, Path, str | None]
) -> tuple[Kept, frozenset[str], dict[str, bytes]]:
    """`load_file`, stored under its key; in a forked copy, also the cache entries it used (kept by the build)
    and the ones it made (written by the parent: a copy never writes the cache, see cache.py)."""
    collection, path, key = item
    forked = cache is not None and os.getpid() != parent
    if forked:
        assert cache is not None
        cache.used = set()  # the copy's own set: what the parent already knows need not travel back
        cache.take_pending()  # the parent's, inherited: the parent writes them
    loaded = load_file(root, collection, path, md)
    kept = _kept(loaded) if cache is not None else (loaded, None, None)
    if cache is not None and key is not None:
        cache.put_object(key, kept)
    if not forked or cache is None:
        return kept, frozenset(), {}
    return kept, frozenset(cache.used), cache.take_pending()


def load_files(root: Path, listed: Sequence[tuple[str, Path]], md: Markdown, cache: DiskCache | None) -> list[Loaded]:
    """Every listed file loaded, in order.

    From the preview's memory when the file's bytes did not change, else from the persistent cache;
    the files neither has are loaded, on every core when there are many (a cold build).
    """
    # The preview's memory: worth filling (and reading every file for) only when the cache outlives this build.
    memo: dict[str, Any] | None = cache.memo.setdefault("fichiers", {}) if cache is not None and cache.lasting else None
    found: dict[int, Kept] = {}
    memo_keys: dict[int, tuple[Any, ...]] = {}
    todo: list[int] = []
    for index, (collection, path) in enumerate(listed):
        if memo is not None:
            with contextlib.suppress(OSError):  # unreadable: loaded below, where the problem is reported
                memo_keys[index] = (collection, getattr(md, "options", ""), path.read_bytes())
            known = memo.get(path.as_posix())
            if index in memo_keys and known is not None and known[0] == memo_keys[index]:
                found[index] = known[1]
                continue
        todo.append(index)
    reals = RealPaths()
    keys = {index: _file_key(root, *listed[index], md, cache, reals) for index in todo}
    stored = cache.get_objects(key for key in keys.values() if key is not None) if cache is not None else {}
    missing: list[int] = []
    for index in todo:
        key = keys[index]
        value = stored.get(key) if key is not None else None
        if _is_kept(value):
            found[index] = cast(Kept, value)
        else:
            missing.append(index)
    load = partial(_load_and_keep, root, md, cache, os.getpid())
    items = [(*listed[index], keys[index]) for index in missing]
    for index, (loaded, used, made) in zip(missing, fork_map(load, items, PARALLEL_FROM), strict=True):
        found[index] = loaded
        if cache is not None:
            cache.used |= used
            cache.adopt(made)
    if memo is not None:
        for index in todo:
            if index in memo_keys:
                memo[listed[index][1].as_posix()] = (memo_keys[index], found[index])
    if cache is not None:  # for this build's digests (reuse.site_fingerprints) and link checks (builder.verify)
        kept = found.values()
        cache.memo[MODEL_DIGESTS] = {id(k[0][1]): (k[0][1], k[1]) for k in kept if k[1] is not None}
        cache.memo[BODY_LINKS] = {str(k[0][1].body): k[2] for k in kept if k[2] is not None and k[0][1] is not None}
    return [found[index][0] for index in range(len(listed))]
