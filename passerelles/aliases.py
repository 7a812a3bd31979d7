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
from .urls import url_for

_OLD_METIER = re.compile(r"^/metiers/([a-z0-9]+(?:-[a-z0-9]+)*)/$")


def pathway_url(slug: str) -> str:
    """The pathway page of a métier or of a starting point."""
    return url_for("parcours", slug)


def embed_url(slug: str) -> str:
    """The embeddable version of a pathway page, for an <iframe> on a school's site."""
    return pathway_url(slug) + "embed/"


def old_slugs(metier: Metier) -> list[tuple[int, str]]:
    """(index in `alias`, old slug) of each alias of the form /metiers/<ancien-nom>/.

    Other old addresses (a page of a previous site) name no old pathway.
    """
    matches = ((index, _OLD_METIER.match(alias)) for index, alias in enumerate(metier.alias))
    return [(index, m.group(1)) for index, m in matches if m and m.group(1) != metier.slug]


def pathway_aliases(metier: Metier) -> list[tuple[str, str]]:
    """(old URL, current URL) of each old pathway and embed address of a métier."""
    return [
        pair
        for _, old in old_slugs(metier)
        for pair in ((pathway_url(old), pathway_url(metier.slug)), (embed_url(old), embed_url(metier.slug)))
    ]


def check_pathway_aliases(
    metiers: Iterable[Metier], reserved: Iterable[str], lines: Mapping[str, Mapping[tuple[str | int, ...], int]]
) -> list[ContentError]:
    """An old pathway address derived from an alias must not be the address of a live pathway page.

    `reserved` are the slugs under /parcours/ that are not métiers (the
    starting points, the embed of the map). Reported once per alias, at its
    line, like the other alias collisions. (Two métiers claiming one old
    name are already reported on their /metiers/ aliases.)
    """
    metiers = list(metiers)
    live = {pathway_url(s) for s in reserved} | {pathway_url(m.slug) for m in metiers}
    errors: list[ContentError] = []
    for metier in metiers:
        for index, old in old_slugs(metier):
            if pathway_url(old) not in live:
                continue
            errors.append(
                ContentError(
                    metier.source,
                    lines.get(metier.source, {}).get(("alias", index), 1),
                    f"l'ancienne adresse {metier.alias[index]} garderait aussi {pathway_url(old)}, "
                    "qui est l'adresse d'une page de parcours existante ; choisissez un autre nom",
                )
            )
    return errors
