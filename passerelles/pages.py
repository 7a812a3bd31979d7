"""The core pages of the site as PageSpecs: what each URL shows, from the Site.

Pathway pages come from `pathways.py`, feeds and calendars from `feeds.py`,
open data from `opendata.py`; this module owns the HTML pages of the
content model (home, métiers, testimonials, events, plain pages, redirects).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .formations import certification_facts
from .geo import by_region, load_geography
from .htmltext import link_emails, script_json
from .markup import typo
from .models import Certification, Entry, Metier
from .opendata import event_jsonld
from .pagespec import PageSpec
from .schema import NIVEAUX_ACCES
from .site import Site, french_key

HOME = ("Accueil", "/")
Crumbs = list[tuple[str, str]]


def _crumbs(*parents: tuple[str, str], current: str) -> Crumbs:
    return [HOME, *parents, (current, "")]


def featured_metiers(site: Site, count: int = 6) -> tuple[Metier, ...]:
    """Métiers shown on the home page: the most open ones first (lowest entry level)."""
    ranked = sorted(
        site.metiers, key=lambda m: (NIVEAUX_ACCES.index(m.niveau_acces), -len(site.temoignages_of(m.slug)), m.slug)
    )
    return tuple(ranked[:count])


def search_index(site: Site) -> list[tuple[str, str]]:
    """Every name of every métier (titles and other names), A to Z, for the no-JavaScript index."""
    names = [(m.titre, m.url) for m in site.metiers]
    names += [(f"{other} → {m.titre}", m.url) for m in site.metiers for other in m.autres_appellations]
    return sorted(names, key=lambda n: (french_key(n[0]), n[1]))


def _trainings(
    metier: Metier, certs: Mapping[str, Certification], metiers: Mapping[str, Metier]
) -> list[dict[str, Any]]:
    """The « Se former » rows of a fiche: its certifications, or its old inline trainings, alike."""
    if metier.certifications:
        rows = []
        for slug in (s for s in metier.certifications if s in certs):
            facts = certification_facts(certs[slug], certs, metiers)
            cert = certs[slug]
            rows.append(
                {
                    "titre": cert.titre,
                    "url": cert.url,
                    "niveau": cert.niveau,
                    "duree": facts["duree"],
                    "voies": cert.voies,
                    "conditions": " Ou bien : ".join(facts["conditions"]) or "Pas de diplôme demandé.",
                    "ou": cert.ou,
                    "rncp": cert.rncp,
                }
            )
        return rows
    return [
        {
            "titre": f.diplome,
            "url": None,
            "niveau": f.niveau,
            "duree": f.duree,
            "voies": f.voies,
            "conditions": f.prerequis,
            "ou": f.ou,
            "rncp": f.rncp,
        }
        for f in metier.formations
    ]


def _metier_context(site: Site, metier: Metier) -> dict[str, Any]:
    graph = site.graph
    certs = {c.slug: c for c in site.formations}
    return {
        "metier": metier,
        "formations": _trainings(metier, certs, graph.nodes),
        "depuis": [(site.metier(e.source), e) for e in graph.predecessors(metier.slug)],
        "vers": [(site.metier(e.target), e) for e in graph.successors(metier.slug)],
        "temoignages": site.temoignages_of(metier.slug),
        **_metier_events(site, metier),
        "breadcrumb": _crumbs(("Métiers", "/metiers/"), current=metier.titre),
        "description": metier.resume,
    }


def _metier_events(site: Site, metier: Metier) -> dict[str, Any]:
    """A fiche's upcoming events, by région (the edition's own first), with what sorts them by distance."""
    geography = load_geography()
    events = site.upcoming_of(metier.slug)
    return {
        "evenements": events,
        "groupes_evenements": by_region(events, site.config.departements, geography),
        "region_of": geography.region_of,
        "centres": script_json(geography.centres()) if len(events) > 1 else None,
    }


def _geo_context() -> dict[str, Any]:
    """What the events list needs to filter by région and sort by distance in the browser."""
    geography = load_geography()
    return {
        "region_of": geography.region_of,
        "regions": geography.regions,
        "centres": script_json(geography.centres()),
    }


def _alias_pages(entries: tuple[Entry, ...]) -> list[PageSpec]:
    return [
        PageSpec(alias, "alias.html", {"target": entry, "noindex": True}, sitemap=False)
        for entry in entries
        for alias in entry.alias
    ]


def core_pages(site: Site) -> list[PageSpec]:
    """Every HTML page of the content model outside the pathways."""
    upcoming = site.upcoming
    with_quote = [t for t in site.temoignages if t.citation]
    specs = [
        PageSpec(
            "/",
            "index.html",
            {
                "metiers": featured_metiers(site),
                "evenements": upcoming[:3],
                "temoignage": next(iter(with_quote or site.temoignages), None),
                "nb_metiers": len(site.metiers),
                "parents": next((p for p in site.pages if p.slug == "parents"), None),
            },
        ),
        PageSpec(
            "/metiers/",
            "metiers/list.html",
            {
                "metiers": site.metiers,
                "breadcrumb": _crumbs(current="Métiers"),
                "description": f"Les {len(site.metiers)} métiers de l’autonomie : missions, formations, passerelles.",
            },
        ),
        PageSpec(
            "/temoignages/",
            "temoignages/list.html",
            {
                "temoignages": site.temoignages,
                "breadcrumb": _crumbs(current="Témoignages"),
            },
        ),
        PageSpec(
            "/evenements/",
            "evenements/list.html",
            {
                **_geo_context(),
                "evenements": upcoming,
                "archive": False,
                "nb_archives": len(site.archive),
                "breadcrumb": _crumbs(current="Événements"),
            },
        ),
        PageSpec(
            "/evenements/archives/",
            "evenements/list.html",
            {
                **_geo_context(),
                "evenements": site.archive,
                "archive": True,
                "nb_archives": len(site.archive),
                "breadcrumb": _crumbs(("Événements", "/evenements/"), current="Événements passés"),
            },
        ),
        PageSpec(
            "/plan-du-site/", "plan-du-site.html", {"breadcrumb": _crumbs(current="Plan du site"), "unsearchable": True}
        ),
        PageSpec(
            "/recherche/",
            "recherche.html",
            {
                "breadcrumb": _crumbs(current="Rechercher"),
                "search_index": search_index(site),
                "unsearchable": True,
            },
        ),
        PageSpec("/404.html", "404.html", {"noindex": True}, sitemap=False),
    ]
    specs += [PageSpec(m.url, "metiers/detail.html", _metier_context(site, m)) for m in site.metiers]
    specs += [
        PageSpec(
            t.url,
            "temoignages/detail.html",
            {
                "temoignage": t,
                "metier": site.metier(t.metier),
                "description": t.resume,
                "breadcrumb": _crumbs(("Témoignages", "/temoignages/"), current=t.titre),
            },
        )
        for t in site.temoignages
    ]
    specs += [
        PageSpec(
            e.url,
            "evenements/detail.html",
            {
                "evenement": e,
                "passe": e.is_past(site.build_date),
                # Invented events stay inside the site: no schema.org markup, not indexed, not in the sitemap.
                "jsonld": None if e.illustratif else event_jsonld(site, e),
                "metiers": [site.metier(s) for s in e.metiers],
                "contact": link_emails(typo(e.contact)) if e.contact else None,
                "description": e.resume,
                "breadcrumb": _crumbs(("Événements", "/evenements/"), current=e.titre),
                "noindex": e.illustratif,
            },
            sitemap=not e.illustratif,
        )
        for e in site.evenements
    ]
    specs += [
        PageSpec(p.url, "page.html", {"page": p, "description": p.resume, "breadcrumb": _crumbs(current=p.titre)})
        for p in site.pages
    ]
    return specs + _alias_pages(site.entries)
