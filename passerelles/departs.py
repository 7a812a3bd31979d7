"""The four starting situations, declared once: who the person is, as data and in plain French.

`routes.py` starts every route from one of them; the pathway pages show
their words (`personne`, `accroche`) and link them (`voir_aussi`). Their
slugs are the reserved addresses /parcours/<slug>/.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Depart:
    """A starting situation: who the person is, as data and in the visitor's words."""

    slug: str
    titre: str
    personne: str  # the first step of every route, in the second person
    accroche: str  # one line on /parcours/
    age: tuple[int, int]  # youngest and oldest, in months
    niveau: int  # highest diploma level held (0: none)
    bac: bool
    travail_mois: int  # months of paid work already done
    eleve: bool  # a pupil or student (initial training), else an adult (continuing training)
    voir_aussi: tuple[str, ...]


DEPARTS: tuple[Depart, ...] = (
    Depart(
        "apres-la-3e",
        "Après la 3e",
        "Vous finissez la 3e : vous avez 15 ans et pas encore de diplôme.",
        "Lycée professionnel, bac, apprentissage : les chemins qui partent de la sortie du collège.",
        (15 * 12, 15 * 12 + 11),
        0,
        False,
        0,
        True,
        ("sans-diplome",),
    ),
    Depart(
        "apres-le-bac",
        "Après le bac",
        "Vous avez le bac (ou vous le passez cette année) : vous avez environ 18 ans.",
        "Diplômes d'État, BTS, université : les chemins qui partent du bac.",
        (17 * 12, 19 * 12),
        4,
        True,
        0,
        True,
        ("reconversion",),
    ),
    Depart(
        "sans-diplome",
        "Sans diplôme",
        "Vous êtes adulte et vous n'avez pas de diplôme.",
        "Être embauché sans diplôme, ou commencer une formation qui n'en demande pas.",
        (18 * 12, 18 * 12),
        0,
        False,
        0,
        False,
        ("apres-la-3e", "reconversion"),
    ),
    Depart(
        "reconversion",
        "Reconversion et VAE",
        "Vous êtes adulte, vous avez le bac (ou un diplôme de même niveau) dans un autre domaine "
        "et au moins 3 ans de travail.",
        "Se former à l'âge adulte, financer sa formation, faire reconnaître son expérience.",
        (25 * 12, 25 * 12),
        4,
        True,
        36,
        False,
        ("sans-diplome",),
    ),
)
DEPARTS_BY_SLUG: Mapping[str, Depart] = {d.slug: d for d in DEPARTS}
