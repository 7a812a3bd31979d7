"""Files made from the site alone, kept in the preview's memory from one rebuild to the next.

The web editor's settings, the open data and the calendars cost more to
make than the few pages a testimonial edited changes, and that edit
changes none of them. Like a page (reuse.py), such a file is made by a
function that reads the site through a recording view: the preview keeps
the result of its previous rebuild with those reads (digested) and the
function's arguments, and hands it back while the arguments and every
read, asked again of this build, are equal; otherwise the file is made
again. A function must read the site only through the site it is given
(and its arguments): anything else it depends on is code, in the engine's
fingerprint. A command-line build keeps the same record in the persistent
cache (signed like every entry, under a key that holds every file of the
engine), so that the next build after an edit does not make these files
again either; without a cache on disk, functions are simply called.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from .cache import DiskCache, package_fingerprint
from .fingerprint import Unhashable
from .reuse import Recorder, SiteView, Switch, asked_again, site_fingerprints

T = TypeVar("T")
Memo = Callable[..., Any]  # memo(name, make, *args): make(site, *args), or an earlier build's result (SiteMemo)
Kept = tuple[str, list[tuple[str, tuple[Any, ...] | None, str]], Any]  # arguments' digest, reads, result


class SiteMemo:
    """`memo(name, make, *args)`: `make(site, *args)`, or its previous rebuild's result if still valid."""

    def __init__(self, site: Any) -> None:
        self.site = site
        self.fingerprints = site_fingerprints(site)
        self.earlier: dict[str, Kept] = {}
        self.kept: dict[str, Kept] | None = None
        self.lasting = site.cache is not None and site.cache.lasting
        self.disk: DiskCache | None = None  # a command-line build's persistent cache
        if self.lasting:  # the previous build's results; this build's kept
            self.earlier = site.cache.memo.get("fichiers-du-site", {})
            self.kept = site.cache.memo["fichiers-du-site"] = {}
        elif site.cache is not None and site.cache.folder is not None:
            self.disk, self.kept = site.cache, {}

    def __call__(self, name: str, make: Callable[..., T], *args: Any) -> T:
        if self.kept is None:
            return make(self.site, *args)
        try:
            given = self.fingerprints.of(args)
        except Unhashable:
            return make(self.site, *args)
        earlier = self.earlier.get(name) if self.disk is None else self._stored(name)
        if earlier is not None and earlier[0] == given and all(self._same(*read) for read in earlier[1]):
            self.kept[name] = earlier
            return earlier[2]  # type: ignore[no-any-return]
        switch = Switch()
        recorder = switch.page = Recorder(self.fingerprints)
        value = make(SiteView(self.site, switch), *args)
        if recorder.complete:
            reads = dict.fromkeys((n, a, digest) for _, n, a, digest in recorder.reads)  # each asked again once
            self.kept[name] = (given, list(reads), value)
            if self.disk is not None:
                self.disk.put_object(self._key(name), self.kept[name])
        return value

    def _key(self, name: str) -> str:
        assert self.disk is not None
        return self.disk.key("fichier-du-site", package_fingerprint(), name)

    def _stored(self, name: str) -> Kept | None:
        """The record an earlier build kept in the persistent cache, if it has the shape of one."""
        assert self.disk is not None
        stored = self.disk.get_object(self._key(name))
        if not (isinstance(stored, tuple) and len(stored) == 3 and isinstance(stored[0], str)):
            return None
        reads = stored[1]
        if not isinstance(reads, list) or not all(isinstance(r, tuple) and len(r) == 3 for r in reads):
            return None
        return stored  # type: ignore[return-value]

    def _same(self, name: str, args: tuple[Any, ...] | None, digest: str) -> bool:
        return asked_again(self.site, self.fingerprints, name, args) == digest


def direct(site: Any) -> Memo:
    """A memo that keeps nothing: `make(site, *args)` every time."""
    return lambda name, make, *args: make(site, *args)
