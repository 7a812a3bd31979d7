"""Pages reused from an earlier build when nothing they were made from changed.

A page is made from its template (and every other template: one changed
template renders every page again), the settings, the build date, its own
context, and what the template asked the site for while rendering: entries
read through `full_site`, share images, pictures, pictograms. The first
three and the context make the page's key (see fingerprint.py); the rest is
recorded while the page renders, as a list of reads with the digest of what
each one returned. An earlier rendering of the same key is reused when every
recorded read, asked again of this build, returns an equal value: a
testimonial moved to another métier changes the list that métier's page
reads, so that page is rendered again, and no other.

Records are kept in the DiskCache (`.cache/calculs`, pruned like the rest)
and in its memory for the preview. A page whose context or reads cannot be
digested is rendered every time.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import jinja2

from .cache import DiskCache, package_fingerprint
from .fingerprint import Fingerprints, Unhashable
from .loading import MODEL_DIGESTS
from .pagespec import PageSpec

RECORDS_AT_ONCE = 1000  # records read together: their lists of reads are dropped once checked (a big site's)
Read = tuple[str, str, tuple[Any, ...] | None, str]  # kind, name, call arguments (None: an attribute), digest
_JSON_ARGS = (str, int, float, bool, type(None))


class Recorder:
    """What one page reads from the site and from the recorded globals, with digests of the answers."""

    def __init__(self, fingerprints: Fingerprints) -> None:
        self.fingerprints = fingerprints
        self.reads: list[Read] = []
        self.complete = True  # False once a read cannot be digested or replayed

    def note(self, kind: str, name: str, args: tuple[Any, ...] | None, value: Any) -> None:
        if not self.complete:
            return
        if args is not None and not all(isinstance(a, _JSON_ARGS) for a in args):
            self.complete = False
            return
        try:
            self.reads.append((kind, name, args, self.fingerprints.of(value)))
        except Unhashable:
            self.complete = False


class Switch:
    """Forwards reads to the page being rendered: templates reach the site through the environment's
    globals (imported macros included), and those are the same object for every page."""

    def __init__(self) -> None:
        self.page: Recorder | None = None

    def note(self, kind: str, name: str, args: tuple[Any, ...] | None, value: Any) -> None:
        if self.page is not None:
            self.page.note(kind, name, args, value)

    def called(self, kind: str, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            value = function(*args, **kwargs)
            if kwargs and self.page is not None:
                self.page.complete = False
            self.note(kind, name, args, value)
            return value

        return call


class SiteView:
    """`full_site` in templates: the site's attributes and methods, each read recorded."""

    def __init__(self, site: object, switch: Switch) -> None:
        self._site = site
        self._switch = switch

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._site, name)
        if callable(value):
            return self._switch.called("site", name, value)
        self._switch.note("site", name, None, value)
        return value


class PageReuse:
    """Keys, records and replays for one build (see the module's docstring)."""

    def __init__(
        self,
        cache: DiskCache,
        site: object,
        globals_: Mapping[str, Callable[..., Any]],
        salt: Iterable[str],
        fingerprints: Fingerprints | None = None,
    ) -> None:
        self.cache = cache
        self.site = site
        self.globals = dict(globals_)  # the recorded globals, by name in templates
        self.fingerprints = fingerprints or Fingerprints()
        self.switch = Switch()
        self.salt = hashlib.sha256("\0".join(salt).encode()).hexdigest()
        self._known: dict[tuple[str, str, tuple[Any, ...] | None], str | None] = {}

    def key(self, spec: PageSpec) -> str | None:
        """The page's key, or None when its context cannot be digested (rendered every time)."""
        try:
            context = self.fingerprints.of(dict(spec.context))
        except Unhashable:
            return None
        return self.cache.key("page-rendue", self.salt, spec.template or "", spec.url, context)

    def recorded_globals(self) -> dict[str, Any]:
        """The environment's globals that record what each page reads (see `start`)."""
        recorded = {name: self.switch.called("global", name, fn) for name, fn in self.globals.items()}
        return {"full_site": SiteView(self.site, self.switch), **recorded}

    def start(self) -> Recorder:
        """A new page renders: what it reads goes to the recorder returned."""
        self.switch.page = Recorder(self.fingerprints)
        return self.switch.page

    def reuse(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The earlier rendering of each key that has one whose every recorded read still gives the same
        answer (the records read together: a build asks for all its pages)."""
        found: dict[str, bytes] = {}
        asked = list(keys)
        for start in range(0, len(asked), RECORDS_AT_ONCE):
            for key, record in self.cache.get_objects(asked[start : start + RECORDS_AT_ONCE]).items():
                if not (isinstance(record, dict) and isinstance(record.get("html"), bytes)):
                    continue
                reads = record.get("reads")
                if isinstance(reads, list) and all(self._same(read) for read in reads):
                    found[key] = record["html"]
        return found

    def keep(self, key: str, reads: Iterable[Read], html: bytes) -> None:
        """Remember a page rendered now with everything it read (only complete records are kept)."""
        self.cache.put_object(key, {"reads": list(reads), "html": html})

    def _same(self, read: Any) -> bool:
        try:
            kind, name, args, digest = read
            ask = (str(kind), str(name), None if args is None else tuple(args))
        except (TypeError, ValueError):
            return False
        if ask not in self._known:
            self._known[ask] = self._answer(*ask)
        return self._known[ask] == digest

    def _answer(self, kind: str, name: str, args: tuple[Any, ...] | None) -> str | None:
        """The digest of a read asked again of this build (None: it fails now, or cannot be digested)."""
        if kind == "site":
            return asked_again(self.site, self.fingerprints, name, args)
        try:
            if kind == "global" and name in self.globals and args is not None:
                return self.fingerprints.of(self.globals[name](*args))
            return None
        except Exception:  # a read that fails now (an entry gone...): the page is rendered again
            return None


def asked_again(site: object, fingerprints: Fingerprints, name: str, args: tuple[Any, ...] | None) -> str | None:
    """The digest of `site.<name>` (called with `args` unless None) in this build; None when it fails
    now (an entry gone...) or cannot be digested: what read it is made again."""
    if name.startswith("_"):
        return None
    try:
        value = getattr(site, name)
        return fingerprints.of(value(*args) if args is not None else value)
    except Exception:
        return None


# `{% import %}` keeps an imported template's top-level values from the first page that imported it:
# what it read then would not be recorded for the next pages. Sites whose templates import render every page.
_IMPORT = re.compile(rb"{%-?\s*(?:import|from)\s")


def template_digest(folders: Iterable[Path]) -> str | None:
    """Every template file's path and bytes (a changed template renders every page again);
    None when a template imports another (see `_IMPORT`)."""
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            data = path.read_bytes()
            if _IMPORT.search(data):
                return None
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + data + b"\0")
    return digest.hexdigest()


def site_fingerprints(site: Any) -> Fingerprints:
    """The digests of this build of `site`, one set per build; the preview's start from its previous build's."""
    cache: DiskCache | None = site.cache
    if cache is None:
        return Fingerprints()
    owner, known = cache.memo.get("empreintes", (None, None))
    if owner is site:
        return known  # type: ignore[no-any-return]
    fresh = Fingerprints(known, cache.memo.get(MODEL_DIGESTS, {}))
    cache.memo["empreintes"] = (site, fresh)
    return fresh


RECORDED = ("picture", "share_image", "pictogram")  # globals whose answers depend on more than their arguments


def page_reuse(env: Any, site: Any, cache: DiskCache | None) -> PageReuse | None:
    """Reuse for this build's environment (its recorded globals installed), or None when it cannot apply."""
    if cache is None:
        return None
    templates = template_digest(Path(folder) for folder in getattr(env.loader, "searchpath", []))
    if templates is None:
        return None
    fingerprints = site_fingerprints(site)
    try:
        settings = fingerprints.of(site.config)
    except Unhashable:
        return None
    salt = (package_fingerprint(), jinja2.__version__, templates, settings, str(site.build_date))
    reuse = PageReuse(cache, site, {name: env.globals[name] for name in RECORDED}, salt, fingerprints)
    env.globals.update(reuse.recorded_globals())
    return reuse
