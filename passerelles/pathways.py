"""The pathway pages: /parcours/, one page per starting point, one per métier and its embed.

The routes come from `graph.py`; this module decides what each page shows
(how many routes, in which order, with which words) and hands templates a
small explicit context. URLs are a contract with schools: they never change.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from .graph import STARTING_POINTS, CareerGraph, StartingPoint
from .labels import NIVEAUX_ACCES, lcfirst
from .mapsvg import map_svg
from .models import Metier
from .pagespec import PageSpec
from .qrcode import qr_svg
from .schema import NIVEAUX_ACCES as LEVELS
from .site import Site

ROUTES_SHOWN = 3  # routes per starting point on a métier's page: two A4 pages at most
EMBED_HEIGHT = 640  # pixels, in the <iframe> snippet given to schools
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


def pathway_url(slug: str) -> str:
    """The pathway page of a métier or of a starting point."""
    return f"/parcours/{slug}/"


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
    url = pathway_url(metier.slug)
    adresse, embed = site.config.absolute(url), site.config.absolute(url + "embed/")
    titre = devenir(metier)
    iframe = (
        f'<iframe src="{html.escape(embed)}" title="{html.escape(titre + " – " + site.config.titre)}" width="100%" '
        f'height="{EMBED_HEIGHT}" style="border:0" loading="lazy"></iframe>'
    )
    return {
        "metier": metier,
        "titre": titre,
        "metiers": graph.nodes,
        "sections": _sections(graph, metier.slug),
        "vers": [(graph.nodes[e.target], e) for e in graph.successors(metier.slug)],
        "depuis": [(graph.nodes[e.source], e) for e in graph.predecessors(metier.slug)],
        "qr": Markup(qr_svg(adresse, f"Code QR de l'adresse de cette page : {adresse}")),
        "adresse": adresse,
        "embed_url": url + "embed/",
        "iframe": iframe,
        "description": f"{titre} : les chemins après la 3e, après le bac, sans diplôme ou en reconversion, "
        "étape par étape, et les métiers vers lesquels il peut mener.",
        "breadcrumb": [HOME, PARCOURS, (titre, "")],
    }


def _start_context(site: Site, point: StartingPoint) -> dict[str, Any]:
    reachable = site.graph.reachable(point)
    return {
        "point": point,
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
        "niveaux": map_levels(graph),
        "points": STARTING_POINTS,
        "nb_metiers": len(graph.nodes),
        "nb_passerelles": bridges,
        "description": "Tous les métiers de l'autonomie et les passerelles entre eux, et les parcours pour y "
        "arriver après la 3e, après le bac, sans diplôme ou en reconversion.",
        "breadcrumb": [HOME, ("Parcours", "")],
    }


def pathway_pages(site: Site) -> list[PageSpec]:
    """Every page under /parcours/: the map, the four starting points, each métier and its embed."""
    specs = [PageSpec("/parcours/", "parcours/index.html", _index_context(site))]
    specs += [PageSpec(pathway_url(p.slug), "parcours/depart.html", _start_context(site, p)) for p in STARTING_POINTS]
    for metier in site.metiers:
        context = _metier_context(site, metier)
        specs.append(PageSpec(pathway_url(metier.slug), "parcours/metier.html", context))
        specs.append(
            PageSpec(
                pathway_url(metier.slug) + "embed/", "parcours/embed.html", {**context, "noindex": True}, sitemap=False
            )
        )
    return specs
