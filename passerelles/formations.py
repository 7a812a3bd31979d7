"""The certification pages: /formations/ (the list) and /formations/<slug>/ (one diploma or title).

A counsellor or a school links one diploma: its level, length, voies, every
way in (the same words as the routes), what shortens it, where it leads,
and its sources. Routes link here only from the métier and pathway pages;
these pages are new URLs and, like every URL of the site, never change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .models import Certification, Metier
from .pagespec import PageSpec
from .site import Site, french_key
from .steps import describe, duration_text

HOME, LIST = ("Accueil", "/"), ("Formations", "/formations/")


def certification_facts(
    cert: Certification, certs: Mapping[str, Certification], metiers: Mapping[str, Metier]
) -> dict[str, Any]:
    """What a page says about one certification: its ways in and its allègements, in plain French."""
    return {
        "formation": cert,
        "duree": duration_text(cert.duree_mois_min, cert.duree_mois_max),
        "conditions": [describe(c, certs, metiers) for c in cert.conditions],
        "allegements": [(certs.get(a.depuis), a) for a in cert.allegements],
    }


def _opens(cert: Certification, certs: Mapping[str, Certification]) -> list[Certification]:
    """The certifications whose entry conditions name this one."""
    return [
        other
        for other in certs.values()
        if any(c.diplome_requis is not None and cert.slug in c.diplome_requis.certifications for c in other.conditions)
    ]


def formation_pages(site: Site) -> list[PageSpec]:
    """/formations/ and one page per certification (none when the site has no content/formations/)."""
    if not site.formations:
        return []
    certs = {c.slug: c for c in site.formations}
    metiers = {m.slug: m for m in site.metiers}
    ordered = sorted(site.formations, key=lambda c: (c.niveau or 0, french_key(c.titre), c.slug))
    specs = [
        PageSpec(
            "/formations/",
            "formations/list.html",
            {
                "formations": [(c, duration_text(c.duree_mois_min, c.duree_mois_max)) for c in ordered],
                "description": f"Les {len(ordered)} diplômes, titres et formations qui mènent aux métiers de "
                "l'autonomie : niveau, durée, conditions d'entrée.",
                "breadcrumb": [HOME, ("Formations", "")],
            },
        )
    ]
    for cert in site.formations:
        specs.append(
            PageSpec(
                cert.url,
                "formations/detail.html",
                {
                    **certification_facts(cert, certs, metiers),
                    "metiers": [m for m in site.metiers if cert.slug in m.certifications],
                    "ouvre": _opens(cert, certs),
                    "description": cert.resume,
                    "breadcrumb": [HOME, LIST, (cert.titre, "")],
                },
            )
        )
    return specs
