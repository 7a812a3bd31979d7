"""Old addresses of pathway pages, derived from the old addresses of métiers.

A métier renamed with `alias: [/metiers/ancien-nom/]` keeps its old fiche
address. Schools also printed `/parcours/ancien-nom/` (its QR code) and
embedded `/parcours/ancien-nom/embed/` in their sites: both become
redirects to the current pathway and embed, so that printed codes and
iframes keep working. `site.py` checks that these derived addresses hide no
live page; `pathways.py` writes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .errors import ContentError
from .models import Metier

PATHWAYS = "/parcours/"
_OLD_METIER = re.compile(r"^/metiers/([a-z0-9]+(?:-[a-z0-9]+)*)/$")


def pathway_url(slug: str) -> str:
    """The pathway page of a métier or of a starting point."""
    return f"{PATHWAYS}{slug}/"


def embed_url(slug: str) -> str:
    """The embeddable version of a pathway page, for an <iframe> on a school's site."""
    return pathway_url(slug) + "embed/"


def pathway_aliases(metier: Metier) -> list[tuple[int, str, str]]:
    """(index in `alias`, old URL, current URL) of each old pathway and embed address of a métier.

    Only an alias of the form /metiers/<ancien-nom>/ names an old slug;
    other old addresses (a page of a previous site) have no pathway.
    """
    derived: list[tuple[int, str, str]] = []
    for index, alias in enumerate(metier.alias):
        match = _OLD_METIER.match(alias)
        if match and match.group(1) != metier.slug:
            old = match.group(1)
            derived.append((index, pathway_url(old), pathway_url(metier.slug)))
            derived.append((index, embed_url(old), embed_url(metier.slug)))
    return derived


def check_pathway_aliases(
    metiers: Iterable[Metier], reserved: Iterable[str], lines: Mapping[str, Mapping[tuple[str | int, ...], int]]
) -> list[ContentError]:
    """A derived old pathway address must not be a live pathway page, nor be claimed by two métiers.

    `reserved` are the slugs under /parcours/ that are not métiers (the
    starting points, the embed of the map). Reported at the line of the
    métier's alias, like the other alias collisions.
    """
    metiers = list(metiers)
    live = {pathway_url(s): s for s in reserved} | {embed_url(s): s for s in reserved}
    live |= {pathway_url(m.slug): m.source for m in metiers} | {embed_url(m.slug): m.source for m in metiers}
    claimed: dict[str, str] = {}
    errors: list[ContentError] = []
    for metier in metiers:
        for index, old, _ in pathway_aliases(metier):
            line = lines.get(metier.source, {}).get(("alias", index), 1)
            if old in live:
                errors.append(
                    ContentError(
                        metier.source,
                        line,
                        f"l'ancienne adresse {metier.alias[index]} garderait aussi {old}, "
                        "qui est l'adresse d'une page de parcours existante ; choisissez un autre nom",
                    )
                )
            elif claimed.get(old, metier.source) != metier.source:
                errors.append(
                    ContentError(metier.source, line, f"l'ancienne adresse {old} est déjà redirigée par {claimed[old]}")
                )
            claimed.setdefault(old, metier.source)
    return errors
