"""The pathway pages: /parcours/, one page per starting point, one per métier and its embed.

The routes are computed once per build (`Site.parcours`, see `routes.py`);
this module decides what each page shows (the best route open, the others
folded, each certification described once per page) and hands templates a
small explicit context. URLs are a contract with schools: they never change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from .aliases import pathway_aliases, pathway_url
from .departs import DEPARTS, Depart
from .embed import height_token, iframe_snippet, resize_snippet
from .graph import CareerGraph
from .labels import NIVEAUX_ACCES, lcfirst
from .mapsvg import map_svg, narrow_map_svg
from .models import Certification, Link, Metier, Page
from .pagespec import PageSpec
from .qrcode import prepare as prepare_qr
from .qrcode import qr_svg
from .schema import NIVEAUX_ACCES as LEVELS
from .site import Site
from .steps import Route, duration_text

FINANCER = "financer-sa-formation"  # slug of the page on who pays for a training, linked when it exists
HOME, PARCOURS = ("Accueil", "/"), ("Parcours", "/parcours/")


def devenir(metier: Metier) -> str:
    """« Devenir aide-soignant ou aide-soignante »: the title with a lower-case first letter."""
    return f"Devenir {lcfirst(metier.titre)}"


def _ecoles(site: Site, url: str, titre: str) -> dict[str, Any]:
    """What schools get on a pathway page: its QR code, its address, its embed and the snippets to paste.

    The frame's height is written once the embed is rendered (`embed.fit_frames`), from its content.
    """
    adresse = site.config.absolute(url)
    embed = url + "embed/"
    return {
        "qr": Markup(qr_svg(*_qr_code(site, url), site.cache)),
        "adresse": adresse,
        "embed_url": embed,
        "iframe": iframe_snippet(site.config.absolute(embed), f"{titre} – {site.config.titre}", height_token(embed)),
        "script_redimension": resize_snippet(site.config.absolute("/js/embed-resize.js")),
    }


def _qr_code(site: Site, url: str) -> tuple[str, str]:
    """What a pathway page's QR code encodes, and its title."""
    adresse = site.config.absolute(url)
    return adresse, f"Code QR de l'adresse de cette page : {adresse}"


def financer(site: Site) -> Page | None:
    """The page on funding a training, when the site has one: starting points and the map link to it."""
    return next((p for p in site.pages if p.slug == FINANCER), None)


def _sections(site: Site, slug: str) -> list[dict[str, Any]]:
    """For each starting point, the best route (shown open) and the others (folded)."""
    return [
        {"point": point, "routes": site.parcours.of(slug, point.slug), "autres": site.parcours.of(slug, point.slug)[1:]}
        for point in DEPARTS
    ]


def _certifications(site: Site, routes: list[Route]) -> list[Certification]:
    """The certifications named on a page, in order of first appearance: each is described once."""
    by_slug = {c.slug: c for c in site.formations}
    named = [
        slug
        for route in routes
        for step in route.steps
        if step.type == "formation"
        for slug in (step.slug, *step.autres)
    ]
    return [by_slug[slug] for slug in dict.fromkeys(named) if slug in by_slug]


def _route_context(site: Site, routes: Iterable[Route]) -> dict[str, Any]:
    """What a template showing `routes` needs: the métiers, certifications and help pages they name.

    Only those: a page is made again (reuse.py) when one of them changes, not when any métier or page does.
    """
    named = {slug for route in routes for slug in _named(route)}
    pages: dict[str, Page] = {p.slug: p for p in site.pages if p.slug in named}
    return {
        "metiers": {slug: metier for slug, metier in site.graph.nodes.items() if slug in named},
        "certifs": {c.slug: c for c in site.formations if c.slug in named},
        "aides": pages,
        "duree": duration_text,
        "ancre_base": "",  # the embed links its anchors to the full page instead
    }


def _named(route: Route) -> Iterator[str]:
    """Every slug a route names: its métier, each step's métier or certification, alternatives, help pages."""
    yield route.metier
    for step in route.steps:
        if step.slug:
            yield step.slug
        yield from step.autres
        yield from step.liens


def _metier_context(site: Site, metier: Metier) -> dict[str, Any]:
    graph = site.graph
    sections = _sections(site, metier.slug)
    titre = devenir(metier)
    return {
        **_route_context(site, [r for section in sections for r in section["routes"]]),
        "metier": metier,
        "titre": titre,
        "sections": sections,
        "formations": _certifications(site, [r for section in sections for r in section["routes"]]),
        "vers": [(graph.nodes[e.target], e) for e in graph.successors(metier.slug)],
        "depuis": [(graph.nodes[e.source], e) for e in graph.predecessors(metier.slug)],
        **_ecoles(site, pathway_url(metier.slug), titre),
        "description": f"{titre} : les chemins après la 3e, après le bac, sans diplôme ou en reconversion, "
        "étape par étape, et les métiers vers lesquels il peut mener.",
        "breadcrumb": [HOME, PARCOURS, (titre, "")],
    }


def _start_context(site: Site, point: Depart) -> dict[str, Any]:
    titre = f"{point.titre} : les métiers possibles"
    routes = site.parcours.best(point.slug)
    return {
        **_route_context(site, routes),
        "point": point,
        "titre": titre,
        "financer": financer(site),
        **_ecoles(site, pathway_url(point.slug), titre),
        "routes": routes,
        "voir_aussi": [p for p in DEPARTS if p.slug in point.voir_aussi],
        "points": DEPARTS,
        "description": f"{point.titre} : les métiers de l'autonomie que l'on peut faire, et combien de temps "
        "il faut pour y arriver, du plus court au plus long.",
        "breadcrumb": [HOME, PARCOURS, (point.titre, "")],
    }


def map_levels(graph: CareerGraph) -> list[dict[str, Any]]:
    """The map as a list, level by level: the text equivalent of the SVG."""
    levels = []
    for level in LEVELS:
        metiers = [m for m in graph.nodes.values() if m.niveau_acces == level]
        if metiers:
            levels.append(
                {
                    "slug": level,
                    "titre": NIVEAUX_ACCES[level],
                    "metiers": [(m, [graph.nodes[e.target] for e in graph.successors(m.slug)]) for m in metiers],
                }
            )
    return levels


def _index_context(site: Site) -> dict[str, Any]:
    graph = site.graph
    prefix = urlsplit(site.config.url).path.rstrip("/")
    bridges = sum(len(graph.successors(slug)) for slug in graph.nodes)
    title = "Carte des métiers de l'autonomie et de leurs passerelles"
    description = (
        f"{len(graph.nodes)} métiers rangés en colonnes selon le diplôme demandé pour commencer, de "
        f"« sans diplôme » à gauche à « bac + 5 » à droite, reliés par {bridges} flèches : une flèche "
        "va d'un métier vers un métier où il peut mener. La même carte est donnée en liste sous l'image."
    )
    return {
        "carte": Markup(map_svg(graph, lambda slug: prefix + pathway_url(slug), title, description)),
        "carte_etroite": Markup(narrow_map_svg(graph, lambda slug: prefix + pathway_url(slug), title, description)),
        "niveaux": map_levels(graph),
        "titre": "Les parcours vers les métiers de l’autonomie",
        "financer": financer(site),
        **_ecoles(site, "/parcours/", "La carte des métiers de l’autonomie"),
        "points": DEPARTS,
        "nb_metiers": len(graph.nodes),
        "nb_passerelles": bridges,
        "description": "Tous les métiers de l'autonomie et les passerelles entre eux, et les parcours pour y "
        "arriver après la 3e, après le bac, sans diplôme ou en reconversion.",
        "breadcrumb": [HOME, ("Parcours", "")],
    }


def _with_embed(url: str, template: str, context: dict[str, Any], embed_template: str = "") -> list[PageSpec]:
    """A pathway page and its embeddable version (same context, no site chrome, not in the sitemap)."""
    return [
        PageSpec(url, template, context),
        PageSpec(
            url + "embed/",
            embed_template or template,
            context | {"embed": True, "noindex": True, "ancre_base": context["adresse"]},
            sitemap=False,
        ),
    ]


def _redirects(site: Site) -> list[PageSpec]:
    """The old pathway and embed addresses of renamed métiers, as redirect pages (printed QR codes live on)."""
    return [
        PageSpec(old, "alias.html", {"target": Link(titre=devenir(metier), url=new), "noindex": True}, sitemap=False)
        for metier in site.metiers
        for old, new in pathway_aliases(metier)
    ]


def pathway_pages(site: Site) -> list[PageSpec]:
    """Every page under /parcours/, each with its embed: the map, the four starting points, each métier."""
    urls = ["/parcours/", *(pathway_url(p.slug) for p in DEPARTS), *(pathway_url(m.slug) for m in site.metiers)]
    prepare_qr([_qr_code(site, url) for url in urls], site.cache)  # on every core, before the pages ask for them
    specs = _with_embed("/parcours/", "parcours/index.html", _index_context(site))
    for point in DEPARTS:
        specs += _with_embed(pathway_url(point.slug), "parcours/depart.html", _start_context(site, point))
    for metier in site.metiers:
        specs += _with_embed(
            pathway_url(metier.slug), "parcours/metier.html", _metier_context(site, metier), "parcours/embed.html"
        )
    return specs + _redirects(site)
