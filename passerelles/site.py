"""Load everything into one consistent Site, or report every error at once.

Phase one of a build (and the whole of `check`): read, validate and model
every file, resolve the references between files, derive what editors never
write (reverse edges, a métier's testimonials and events, upcoming and past
events). Nothing is written to disk here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, cast

from . import certifs, leftovers
from .aliases import check_pathway_aliases
from .cache import PLANNER_FILES, DiskCache, code_fingerprint
from .config import SiteConfig, load_config
from .dependants import note_dependants, slugs_of
from .errors import BuildError, ContentError, unknown_reference
from .freshness import illustrative_content, stale_facts
from .graph import CareerGraph
from .loading import MODEL_DIGESTS, load_files
from .markup import make_markdown
from .models import RESERVED_SLUGS, Certification, Entry, Evenement, Metier, Page, Temoignage
from .routes import MetierPlan, compute, planned_view
from .source import SourceFile, discover, slugify
from .steps import Parcours, parcours_data, parcours_from_data


def french_key(text: str) -> str:
    """Sort key for French titles: accents and case do not change the order."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


@dataclass(frozen=True)
class Site:
    """The whole validated content, with derived data, ready to render."""

    root: Path
    config: SiteConfig
    build_date: dt.date
    metiers: tuple[Metier, ...]
    temoignages: tuple[Temoignage, ...]
    evenements: tuple[Evenement, ...]
    pages: tuple[Page, ...]
    graph: CareerGraph
    formations: tuple[Certification, ...] = ()
    parcours: Parcours = field(default_factory=lambda: Parcours({}))
    warnings: tuple[ContentError, ...] = ()
    lines: Mapping[str, Mapping[tuple[str | int, ...], int]] = field(default_factory=dict, repr=False)
    cache: DiskCache | None = field(default=None, repr=False, compare=False)

    def metier(self, slug: str) -> Metier:
        return self.graph.nodes[slug]

    @cached_property
    def upcoming(self) -> tuple[Evenement, ...]:
        """Events not over yet, soonest first (worked out once: every métier's page asks)."""
        return tuple(e for e in self.evenements if not e.is_past(self.build_date))

    @property
    def archive(self) -> tuple[Evenement, ...]:
        """Past events, most recent first."""
        return tuple(
            sorted(
                (e for e in self.evenements if e.is_past(self.build_date)),
                key=lambda e: (e.start_key, e.slug),
                reverse=True,
            )
        )

    def temoignages_of(self, slug: str) -> tuple[Temoignage, ...]:
        return self._by_metier[0].get(slug, ())

    def upcoming_of(self, slug: str) -> tuple[Evenement, ...]:
        return self._by_metier[1].get(slug, ())

    @cached_property
    def _by_metier(self) -> tuple[dict[str, tuple[Temoignage, ...]], dict[str, tuple[Evenement, ...]]]:
        """Testimonials and upcoming events by métier, in site order: one pass, not one per métier."""
        testimonials: dict[str, list[Temoignage]] = {}
        for temoignage in self.temoignages:
            testimonials.setdefault(temoignage.metier, []).append(temoignage)
        events: dict[str, list[Evenement]] = {}
        for event in self.upcoming:
            for slug in dict.fromkeys(event.metiers):
                events.setdefault(slug, []).append(event)
        return (
            {slug: tuple(found) for slug, found in testimonials.items()},
            {slug: tuple(found) for slug, found in events.items()},
        )

    @property
    def entries(self) -> tuple[Entry, ...]:
        return (*self.metiers, *self.temoignages, *self.evenements, *self.pages, *self.formations)


def _check_references(
    entries: Sequence[Entry], drafts: set[str], published: set[str], lines: dict[str, dict[tuple[str | int, ...], int]]
) -> list[ContentError]:
    """Every métier named by another file must exist, be published and not be the file itself."""
    errors: list[ContentError] = []
    known = published | drafts

    def check(entry: Entry, slug: str, keys: tuple[str | int, ...]) -> None:
        where = lines[entry.source].get(keys, lines[entry.source].get(keys[:1], 1))
        if slug not in known:
            errors.append(unknown_reference(entry.source, where, "métier", slug, published))
        elif slug in drafts:
            errors.append(
                ContentError(
                    entry.source,
                    where,
                    f"le métier « {slug} » est un brouillon : "
                    "il ne sera pas publié, retirez ce lien ou publiez la fiche",
                )
            )
        elif isinstance(entry, Metier) and slug == entry.slug:
            errors.append(ContentError(entry.source, where, "une fiche ne peut pas mener à elle-même"))

    for entry in entries:
        if isinstance(entry, Metier):
            for i, evolution in enumerate(entry.evolutions):
                check(entry, evolution.metier, ("evolutions", i, "metier"))
        elif isinstance(entry, Temoignage):
            check(entry, entry.metier, ("metier",))
        elif isinstance(entry, Evenement):
            for i, slug in enumerate(entry.metiers):
                check(entry, slug, ("metiers", i))
    return errors


def _check_aliases(entries: Iterable[Entry], lines: dict[str, dict[tuple[str | int, ...], int]]) -> list[ContentError]:
    """An old URL may redirect to one page only, and never hide a live page."""
    errors: list[ContentError] = []
    live = {e.url: e.source for e in entries}
    claimed: dict[str, str] = {}
    for entry in entries:
        for i, alias in enumerate(entry.alias):
            line = lines[entry.source].get(("alias", i), 1)
            if alias in live:
                errors.append(
                    ContentError(
                        entry.source, line, f"l'ancienne adresse {alias} est celle d'une page existante ({live[alias]})"
                    )
                )
            elif alias in claimed:
                errors.append(
                    ContentError(
                        entry.source, line, f"l'ancienne adresse {alias} est déjà redirigée par {claimed[alias]}"
                    )
                )
            claimed.setdefault(alias, entry.source)
    return errors


def _routes(
    metiers: tuple[Metier, ...], formations: tuple[Certification, ...], pages: tuple[str, ...], cache: DiskCache | None
) -> Parcours:
    """Every métier's routes, computed again only when what they are made of changes.

    The preview remembers them in memory; the command line in the persistent cache. The whole site's routes
    are kept under a key of what the planner reads: the certifications without their texts, and of each
    métier only `PLANNED_FIELDS` (a body, a testimonial, a métier's salaries or résumé edited reuse them).
    When that changed, each métier's own routes are kept while what they are made of is unchanged: the
    shared inputs (`certifs.planning_key`) and every métier its planning looked at (`routes.MetierPlan`).
    Renaming a métier plans again only the métiers whose search read it.
    The routes are plain data made from what that key holds: the key's digest stands for them in the
    digests of what reads them (reuse.py; walking them took 0.17 s on a 2,000-file site, at every build),
    and with a route's place in them, for that route (the pathway pages' contexts hold routes).
    """
    if cache is None:
        return certifs.parcours(metiers, formations, pages)
    planner = certifs.planner_for(metiers, formations, pages)
    shared = certifs.planning_key(planner)
    planned = (shared, tuple((slug, planned_view(m)) for slug, m in sorted(planner.metiers.items())))
    inputs, routes, digest = cache.memo.get("parcours", (None, None, b""))
    if inputs != planned:
        routes, digest = _planned_routes(planner, shared, planned, cache)
        cache.memo["parcours"] = (planned, routes, digest)
    cache.memo.setdefault(MODEL_DIGESTS, {}).update(_route_digests(routes, digest))
    return routes  # type: ignore[no-any-return]


def _route_digests(routes: Parcours, digest: bytes) -> dict[int, tuple[object, bytes]]:
    """The digests of the routes and of each route (pages hold routes, not the whole): the key's, and with it
    where each route is in them."""
    digests: dict[int, tuple[object, bytes]] = {id(routes): (routes, digest)}
    for (metier, depart), found in routes.routes.items():
        for index, route in enumerate(found):
            place = f"{metier}\0{depart}\0{index}".encode()
            digests[id(route)] = (route, hashlib.sha256(digest + place).digest())
    return digests


def _planned_routes(
    planner: certifs.Planner, shared: str, planned: tuple[str, tuple[Any, ...]], cache: DiskCache
) -> tuple[Parcours, bytes]:
    """The routes from the persistent cache, or planned (reusing each métier's plan kept there); and their
    digest, that of their key."""
    code = code_fingerprint(PLANNER_FILES)
    key = cache.key("parcours", code, shared, repr(planned[1]))
    keys = {slug: cache.key("parcours-metier", code, shared, slug) for slug in planner.metiers}
    stored = cache.get_object(key)
    try:
        if not _is_data(stored):
            raise ValueError("pas encore planifié")
        routes = parcours_from_data(cast(dict[str, Any], stored))
        cache.used.update(keys.values())  # each métier's plan stays for the next change
    except (KeyError, TypeError, ValueError):  # not planned yet, or an entry of another shape
        earlier_shared, earlier = cache.memo.get("parcours-metiers", (None, {}))
        known = dict(earlier) if earlier_shared == shared else {}
        for slug, plan_key in keys.items():
            if slug not in known and isinstance(plan := cache.get_object(plan_key), MetierPlan):
                known[slug] = plan
        routes, plans = compute(planner, known)
        for slug, plan in plans.items():
            if known.get(slug) is not plan:
                cache.put_object(keys[slug], plan)
        cache.put_object(key, parcours_data(routes))
        cache.memo["parcours-metiers"] = (shared, plans)
    return routes, hashlib.sha256(key.encode()).digest()


def _is_data(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("routes"), list) and isinstance(value.get("cut"), list)


def load_site(root: Path, build_date: dt.date, drafts: bool = False, cache: DiskCache | None = None) -> Site:
    """Read, validate and model the whole site; raise BuildError with every problem found.

    `cache` (cache.py) keeps converted bodies and QR codes between builds.
    """
    config, errors = load_config(root)
    md = make_markdown(config.html_autorise if config else (), cache)
    entries: list[Entry] = []
    lines: dict[str, dict[tuple[str | int, ...], int]] = {}
    failed: dict[tuple[str, str], str] = {}  # files that could not be loaded, by the slug they would have
    sources: list[SourceFile] = []
    listed = list(discover(root))
    for (collection, path), (source, entry, entry_lines, problems) in zip(
        listed, load_files(root, listed, md, cache), strict=True
    ):
        errors.extend(problems)
        if source is None or source.slug != slugify(path.stem):  # unreadable, misplaced or misnamed
            failed[(collection, slugify(path.stem))] = path.relative_to(root).as_posix()
        if source is None or entry is None:
            continue
        sources.append(source)
        entries.append(entry)
        lines[entry.source] = entry_lines
    metier_slugs = {e.slug for e in entries if isinstance(e, Metier)} | slugs_of(failed, "metiers")
    draft_slugs = {e.slug for e in entries if isinstance(e, Metier) and e.brouillon and not drafts}
    kept = [e for e in entries if drafts or not e.brouillon]
    errors.extend(_check_references(kept, draft_slugs, metier_slugs - draft_slugs, lines))
    errors.extend(_check_aliases(kept, lines))
    errors.extend(leftovers.check(sources, drafts))
    if config is not None and not config.demonstration:
        errors.extend(illustrative_content(kept, lines))
    errors.extend(check_pathway_aliases((e for e in kept if isinstance(e, Metier)), RESERVED_SLUGS["metiers"], lines))
    metiers = tuple(sorted((e for e in kept if isinstance(e, Metier)), key=lambda m: (french_key(m.titre), m.slug)))
    formations = tuple(sorted((e for e in kept if isinstance(e, Certification)), key=lambda c: c.slug))
    errors.extend(certifs.check(metiers, formations, lines, metier_slugs - draft_slugs, slugs_of(failed, "formations")))
    pages = [e for e in kept if isinstance(e, Page)]
    routes = _routes(metiers, formations, tuple(p.slug for p in pages), cache)
    errors.extend(certifs.unreachable_warnings(metiers, routes))
    graph = CareerGraph.from_metiers(metiers)
    warnings = [
        ContentError(
            m.source,
            1,
            "ce métier n'a aucune passerelle : ajoutez des « evolutions » ici ou dans une autre fiche",
            warning=True,
        )
        for m in metiers
        if m.slug in graph.isolated()
    ]
    warnings.extend(stale_facts(metiers, build_date, lines))
    warnings.extend(e for e in errors if e.warning)
    errors = [e for e in errors if not e.warning]
    if errors or config is None:
        raise BuildError(note_dependants(errors, failed, kept) + warnings, failed.values())
    return Site(
        root=root,
        config=config,
        build_date=build_date,
        metiers=metiers,
        temoignages=tuple(
            sorted((e for e in kept if isinstance(e, Temoignage)), key=lambda t: (-t.date.toordinal(), t.slug))
        ),
        evenements=tuple(sorted((e for e in kept if isinstance(e, Evenement)), key=lambda e: (e.start_key, e.slug))),
        pages=tuple(sorted(pages, key=lambda p: p.slug)),
        graph=graph,
        formations=formations,
        parcours=routes,
        warnings=tuple(sorted(warnings)),
        lines=lines,
        cache=cache,
    )
