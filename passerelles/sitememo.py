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
fingerprint. Outside the preview (no cache that lasts between builds),
functions are simply called.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from .fingerprint import Unhashable
from .reuse import Recorder, SiteView, Switch, asked_again, site_fingerprints

T = TypeVar("T")
Kept = tuple[str, list[tuple[str, tuple[Any, ...] | None, str]], Any]  # arguments' digest, reads, result


class SiteMemo:
    """`memo(name, make, *args)`: `make(site, *args)`, or its previous rebuild's result if still valid."""

    def __init__(self, site: Any) -> None:
        self.site = site
        self.fingerprints = site_fingerprints(site)
        self.earlier: dict[str, Kept] = {}
        self.kept: dict[str, Kept] | None = None
        if site.cache is not None and site.cache.lasting:  # the previous build's results; this build's kept
            self.earlier = site.cache.memo.get("fichiers-du-site", {})
            self.kept = site.cache.memo["fichiers-du-site"] = {}

    def __call__(self, name: str, make: Callable[..., T], *args: Any) -> T:
        if self.kept is None:
            return make(self.site, *args)
        try:
            given = self.fingerprints.of(args)
        except Unhashable:
            return make(self.site, *args)
        earlier = self.earlier.get(name)
        if earlier is not None and earlier[0] == given and all(self._same(*read) for read in earlier[1]):
            self.kept[name] = earlier
            return earlier[2]  # type: ignore[no-any-return]
        switch = Switch()
        recorder = switch.page = Recorder(self.fingerprints)
        value = make(SiteView(self.site, switch), *args)
        if recorder.complete:
            self.kept[name] = (given, [(n, a, digest) for _, n, a, digest in recorder.reads], value)
        return value

    def _same(self, name: str, args: tuple[Any, ...] | None, digest: str) -> bool:
        return asked_again(self.site, self.fingerprints, name, args) == digest
