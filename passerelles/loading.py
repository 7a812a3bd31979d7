"""Every content file read, validated and modelled: the load and validate stages, file by file.

Each file is independent of the others, so a cold build on a large site
loads them on every core (`fork_map`): Markdown conversion is most of the
cost. The preview remembers each file's result until its bytes change, and
loads only the files that did. Cross-file checks come after, in `site.py`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from markdown import Markdown

from .cache import DiskCache
from .entries import build_entry
from .errors import ContentError
from .models import Entry
from .parallel import fork_map
from .schema import validate
from .source import SourceFile, read_source

Loaded = tuple[SourceFile | None, Entry | None, dict[tuple[str | int, ...], int], list[ContentError]]
PARALLEL_FROM = 200  # files from which they are loaded on every core (the example site has about 60)


def load_file(root: Path, collection: str, path: Path, md: Markdown) -> Loaded:
    """One file read, validated and modelled, with its problems."""
    source, errors = read_source(root, collection, path)
    if source is None:
        return (None, None, {}, errors)
    clean, problems = validate(source)
    entry, more = build_entry(source, clean, md)
    return (source, entry, dict(source.lines), errors + problems + more)


def _load_counted(
    root: Path, md: Markdown, cache: DiskCache | None, parent: int, item: tuple[str, Path]
) -> tuple[Loaded, frozenset[str]]:
    """`load_file`, and in a forked copy the cache entries it used (so that the build keeps them)."""
    if cache is None or os.getpid() == parent:
        return load_file(root, *item, md), frozenset()
    cache.used = set()  # the copy's own set: what the parent already knows need not travel back
    return load_file(root, *item, md), frozenset(cache.used)


def load_files(root: Path, listed: Sequence[tuple[str, Path]], md: Markdown, cache: DiskCache | None) -> list[Loaded]:
    """Every listed file loaded, in order: from the preview's memory when its bytes did not change."""
    memo: dict[str, Any] | None = cache.memo.setdefault("fichiers", {}) if cache is not None else None
    found: dict[int, Loaded] = {}
    keys: dict[int, tuple[Any, ...]] = {}
    todo: list[int] = []
    for index, (collection, path) in enumerate(listed):
        if memo is not None:
            try:
                keys[index] = (collection, getattr(md, "options", ""), path.read_bytes())
            except OSError:
                pass
            remembered = memo.get(path.as_posix())
            if index in keys and remembered is not None and remembered[0] == keys[index]:
                found[index] = remembered[1]
                continue
        todo.append(index)
    load = partial(_load_counted, root, md, cache, os.getpid())
    for index, (loaded, used) in zip(todo, fork_map(load, [listed[i] for i in todo], PARALLEL_FROM), strict=True):
        found[index] = loaded
        if cache is not None:
            cache.used |= used
        if memo is not None and index in keys:
            memo[listed[index][1].as_posix()] = (keys[index], loaded)
    return [found[index] for index in range(len(listed))]
