"""The pathway pages: /parcours/, one page per starting point, one per métier and its embed.

The routes come from `graph.py`; this module decides what each page shows
(how many routes, in which order, with which words) and hands templates a
small explicit context. URLs are a contract with schools: they never change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from .aliases import pathway_aliases, pathway_url
from .embed import height_token, iframe_snippet, resize_snippet
from .graph import STARTING_POINTS, CareerGraph, StartingPoint
from .labels import NIVEAUX_ACCES, lcfirst
from .mapsvg import map_svg, narrow_map_svg
from .models import Link, Metier, Page
from .pagespec import PageSpec
from .qrcode import qr_svg
from .schema import NIVEAUX_ACCES as LEVELS
from .site import Site

ROUTES_SHOWN = 3  # routes per starting point on a métier's page: two A4 pages at most
FINANCER = "financer-sa-formation"  # slug of the page on who pays for a training, linked when it exists
HOME, PARCOURS = ("Accueil", "/"), ("Parcours", "/parcours/")

# The first step of every route, in the visitor's words.
DEPARTS: Mapping[str, str] = {
    "apres-la-3e": "Vous finissez la 3e, au collège.",
    "apres-le-bac": "Vous avez le bac (ou vous le passez cette année).",
    "sans-diplome": "Vous n'avez pas de diplôme.",
    "reconversion": "Vous avez déjà travaillé et vous voulez changer de métier, ou faire reconnaître votre expérience.",
}
# What else to read, when a situation also opens the pages of another.
VOIR_AUSSI: Mapping[str, tuple[str, ...]] = {
    "apres-la-3e": ("sans-diplome",),
    "apres-le-bac": ("sans-diplome", "reconversion"),
    "sans-diplome": ("apres-la-3e", "reconversion"),
    "reconversion": ("sans-diplome",),
}


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
        "qr": Markup(qr_svg(adresse, f"Code QR de l'adresse de cette page : {adresse}")),
        "adresse": adresse,
        "embed_url": embed,
        "iframe": iframe_snippet(site.config.absolute(embed), f"{titre} – {site.config.titre}", height_token(embed)),
        "script_redimension": resize_snippet(site.config.absolute("/js/embed-resize.js")),
    }


def financer(site: Site) -> Page | None:
    """The page on funding a training, when the site has one: starting points and the map link to it."""
    return next((p for p in site.pages if p.slug == FINANCER), None)


def _sections(graph: CareerGraph, slug: str) -> list[dict[str, Any]]:
    """For each starting point, the best routes into the métier and how many more exist.

    `repete` names an earlier situation whose best route is the same: printed
    once only, so that a pathway fits on two A4 pages.
    """
    sections: list[dict[str, Any]] = []
    for point in STARTING_POINTS:
        routes = graph.routes_into(slug, point)
        repete = next(
            (s["point"].titre for s in sections if routes and s["routes"] and s["routes"][0].steps == routes[0].steps),
            "",
        )
        sections.append(
            {
                "point": point,
                "depart": DEPARTS[point.slug],
                "routes": routes[:ROUTES_SHOWN],
                "autres": len(routes) - len(routes[:ROUTES_SHOWN]),
                "repete": repete,
            }
        )
    return sections


def _metier_context(site: Site, metier: Metier) -> dict[str, Any]:
    graph = site.graph
    titre = devenir(metier)
    return {
        "metier": metier,
        "titre": titre,
        "metiers": graph.nodes,
        "sections": _sections(graph, metier.slug),
        "vers": [(graph.nodes[e.target], e) for e in graph.successors(metier.slug)],
        "depuis": [(graph.nodes[e.source], e) for e in graph.predecessors(metier.slug)],
        **_ecoles(site, pathway_url(metier.slug), titre),
        "description": f"{titre} : les chemins après la 3e, après le bac, sans diplôme ou en reconversion, "
        "étape par étape, et les métiers vers lesquels il peut mener.",
        "breadcrumb": [HOME, PARCOURS, (titre, "")],
    }


def _start_context(site: Site, point: StartingPoint) -> dict[str, Any]:
    reachable = site.graph.reachable(point)
    titre = f"{point.titre} : les métiers possibles"
    return {
        "point": point,
        "titre": titre,
        "financer": financer(site),
        **_ecoles(site, pathway_url(point.slug), titre),
        "metiers": site.graph.nodes,
        "directs": [r for r in reachable if not r.via],
        "par_metier": [r for r in reachable if r.via],
        "voir_aussi": [p for p in STARTING_POINTS if p.slug in VOIR_AUSSI[point.slug]],
        "points": STARTING_POINTS,
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
        "points": STARTING_POINTS,
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
        PageSpec(url + "embed/", embed_template or template, context | {"embed": True, "noindex": True}, sitemap=False),
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
    specs = _with_embed("/parcours/", "parcours/index.html", _index_context(site))
    for point in STARTING_POINTS:
        specs += _with_embed(pathway_url(point.slug), "parcours/depart.html", _start_context(site, point))
    for metier in site.metiers:
        specs += _with_embed(
            pathway_url(metier.slug), "parcours/metier.html", _metier_context(site, metier), "parcours/embed.html"
        )
    return specs + _redirects(site)
