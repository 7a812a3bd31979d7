"""The fields every collection shares, and the building blocks several collections reuse."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .fields import PLACEHOLDER, Field, enum, flag, list_of, mapping, text, year
from .vocab import DEPARTEMENT, EMPLOYEUR

LINK = mapping(
    "lien",
    "un lien",
    text("titre", "texte du lien", required=True),
    Field("url", "url", "adresse http(s)", required=True),
)
SOURCE_YEAR = (
    text("source", "d'où vient le chiffre (organisme, document)"),
    year("annee", "année du chiffre"),
)


def salary(name: str, doc: str, required_source: bool = False) -> Field:
    """A starting salary: a figure or a range, what it includes, for which employer, from which source."""
    return mapping(
        name,
        doc,
        Field("debut_brut_mensuel", "number", "salaire brut mensuel de début, en euros", minimum=0),
        Field("debut_brut_mensuel_max", "number", "haut de la fourchette, si le chiffre est une fourchette", minimum=0),
        Field("debut_brut_horaire", "number", "salaire brut de l'heure, en euros (ex. 12.51)", minimum=0),
        text("comprend", "ce que comprend le chiffre, ex. « hors primes », « minimum de la grille »"),
        enum("employeur", "employeur ou convention collective concernés", EMPLOYEUR, required=required_source),
        text("source", "d'où vient le chiffre (organisme, document)", required=required_source),
        Field("url", "url", "adresse de la source", required=required_source),
        year("annee", "année du chiffre", required=required_source),
    )


COMMON: tuple[Field, ...] = (
    text("titre", "titre de la page", required=True),
    text("resume", "résumé : cartes, description pour les moteurs, flux", required=True, max_length=200),
    flag("brouillon", "brouillon : non publié sauf avec --drafts"),
    list_of(
        "alias",
        "anciennes adresses qui redirigent ici (ex. /metiers/ancien-nom/)",
        Field(
            "alias",
            "text",
            "adresse",
            pattern=r"^/([a-z0-9_-][a-z0-9._-]*/)+$",
            pattern_hint="une adresse du site qui commence et finit par « / », sans segment « . » ni « .. », "
            "ex. /metiers/ancien-nom/",
        ),
    ),
    text(
        "image",
        "photo rangée dans content/images/, écrite /images/nom.jpg (JPEG, PNG ou WebP)",
        pattern=r"^(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+$",
        pattern_hint="un chemin qui commence par « / », sans segment « . » ni « .. », ex. /images/aide-soignant.jpg",
    ),
    text("image_alt", "texte de remplacement de l'image ; \"\" si l'image est décorative"),
    flag("illustratif", "contenu illustratif (fictif ou exemple), signalé comme tel sur le site"),
)


def common(titre: str = "", resume: str = "(200 caractères au plus)") -> tuple[Field, ...]:
    """The shared fields, with the `new` skeleton's hints for this collection's title and summary."""
    hints = {"titre": titre, "resume": resume}
    return tuple(replace(f, example=f"{PLACEHOLDER} {hints[f.name]}".strip()) if f.name in hints else f for f in COMMON)


DEPARTEMENT_HINT = 'un code de département de France, entre guillemets, ex. "62", "2A" ou "974"'
DEPARTEMENT_RE = "^(" + "|".join(DEPARTEMENT) + ")$"  # the same codes, for tools that take a pattern


def departement(name: str, doc: str, **kw: Any) -> Field:
    """A département code, one of those of `data/departements.yaml`."""
    return enum(name, doc, DEPARTEMENT, pattern_hint=DEPARTEMENT_HINT, **kw)
