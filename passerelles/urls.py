"""Where each kind of page lives, declared once: the URL of a page kind and slug.

Models (`Entry.url`), the pathway pages and the templates' `url_for` all
build addresses from these patterns, so a page and every link to it agree.
Addresses are a contract with schools (printed QR codes, embeds): extend
the table, never change a pattern.
"""

from __future__ import annotations

from collections.abc import Mapping

from .departs import DEPARTS_BY_SLUG

# kind -> (its list page, the address of one page of that kind)
ROUTES: Mapping[str, tuple[str, str]] = {
    "metier": ("/metiers/", "/metiers/{slug}/"),
    "temoignage": ("/temoignages/", "/temoignages/{slug}/"),
    "evenement": ("/evenements/", "/evenements/{slug}/"),
    "formation": ("/formations/", "/formations/{slug}/"),
    "page": ("/", "/{slug}/"),
    "parcours": ("/parcours/", "/parcours/{slug}/"),  # a métier's pathways
    "depart": ("/parcours/", "/parcours/{slug}/"),  # a starting situation's pathways (departs.py)
}
# The page kind of each content collection (content/<collection>/).
KIND_OF_COLLECTION: Mapping[str, str] = {
    "metiers": "metier",
    "temoignages": "temoignage",
    "evenements": "evenement",
    "formations": "formation",
    "pages": "page",
}


def url_for(kind: str, slug: str = "") -> str:
    """The site path of a page of this kind (`url_for("metier", "infirmier")`), or of its list without a slug.

    A starting point must be one of `departs.py`: a typo in a template fails
    the build instead of publishing a broken link.
    """
    index, pattern = ROUTES[kind]
    if not slug:
        return index
    if kind == "depart" and slug not in DEPARTS_BY_SLUG:
        raise ValueError(f"point de départ « {slug} » inconnu (connus : {', '.join(DEPARTS_BY_SLUG)})")
    return pattern.format(slug=slug)
