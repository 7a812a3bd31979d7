"""Typed content: Metier, Temoignage, Evenement, Certification, Page and their parts.

Each model's fields are named after the schema's fields (`schema/`), so that
`entries.py` fills them from a validated file by name; `MODELS`, `NESTED`
and `NOT_MODELLED` say which model holds which group of fields, and a test
checks that schema and models name the same fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from markupsafe import Markup

from .departs import DEPARTS_BY_SLUG
from .illustrations import default_for
from .schema import DEPARTEMENT
from .timeutil import When, paris_date, sort_key
from .urls import KIND_OF_COLLECTION, url_for

RESERVED_SLUGS: Mapping[str, tuple[str, ...]] = {
    "metiers": (*DEPARTS_BY_SLUG, "embed"),  # /parcours/<slug>/
    "evenements": ("archives", "agenda"),
    "temoignages": (),
    "formations": (),
    "pages": (
        "metiers",
        "parcours",
        "temoignages",
        "evenements",
        "recherche",
        "plan-du-site",
        "donnees",
        "static",
        "embed",
        "quiz",
        "glossaire",
        "formations",
    ),
}


@dataclass(frozen=True, kw_only=True)
class Link:
    titre: str
    url: str


@dataclass(frozen=True, kw_only=True)
class Entry:
    """What every content file has: identity, common fields and its body."""

    collection: str
    slug: str
    source: str
    titre: str
    resume: str
    brouillon: bool = False
    alias: tuple[str, ...] = ()
    image: str | None = None
    image_alt: str | None = None
    illustratif: bool = False
    body: Markup = field(default_factory=Markup)
    toc: tuple[Mapping[str, str], ...] = ()

    @property
    def url(self) -> str:
        return url_for(KIND_OF_COLLECTION[self.collection], self.slug)


@dataclass(frozen=True, kw_only=True)
class Formation:
    diplome: str
    niveau: int
    duree: str
    voies: tuple[str, ...]
    prerequis: str | None = None
    rncp: str | None = None
    ou: str | None = None


@dataclass(frozen=True, kw_only=True)
class Evolution:
    metier: str
    comment: str


@dataclass(frozen=True, kw_only=True)
class Figure:
    """A sourced number: a salary or a recruitment-tension indicator."""

    values: Mapping[str, int]
    source: str
    annee: int


@dataclass(frozen=True, kw_only=True)
class Salaire:
    """A sourced starting salary: a monthly figure or range, or an hourly rate, for one employer."""

    source: str
    annee: int
    debut_brut_mensuel: float | None = None
    debut_brut_mensuel_max: float | None = None
    debut_brut_horaire: float | None = None
    comprend: str | None = None
    employeur: str | None = None
    url: str | None = None


@dataclass(frozen=True, kw_only=True)
class Metier(Entry):
    autres_appellations: tuple[str, ...] = ()
    code_rome: str | None = None
    lieux: tuple[str, ...] = ()
    publics: tuple[str, ...] = ()
    niveau_acces: str = "sans-diplome"
    formations: tuple[Formation, ...] = ()
    certifications: tuple[str, ...] = ()
    embauche_sans_diplome: bool = False
    experience_requise: Experience | None = None
    evolutions: tuple[Evolution, ...] = ()
    salaire: Salaire | None = None
    salaires: tuple[Salaire, ...] = ()
    salaire_absent: str | None = None
    code_rome_absent: str | None = None
    tension: Figure | None = None
    qualites: tuple[str, ...] = ()
    liens: tuple[Link, ...] = ()
    sources: tuple[Link, ...] = ()
    resume_falc: str | None = None
    verifie_le: dt.date | None = None
    illustration: str | None = None

    @property
    def pictogramme(self) -> str:
        """The pictogram shown with the métier: the one it names, or the default for its fields."""
        return self.illustration or default_for(self.code_rome, self.publics, self.lieux)

    @property
    def tous_salaires(self) -> tuple[Salaire, ...]:
        """The main salary first, then the others by employer, as the page lists them."""
        return ((self.salaire,) if self.salaire else ()) + self.salaires


@dataclass(frozen=True, kw_only=True)
class Etape:
    annee: int
    etape: str


@dataclass(frozen=True, kw_only=True)
class Temoignage(Entry):
    prenom: str
    metier: str
    date: dt.date
    ambassadeur: bool = False
    structure: str | None = None
    territoire: str | None = None
    departement: str | None = None
    citation: str | None = None
    parcours: tuple[Etape, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Lieu:
    nom: str
    commune: str
    adresse: str | None = None
    code_postal: str | None = None


@dataclass(frozen=True, kw_only=True)
class Evenement(Entry):
    type: str
    debut: When
    fin: When | None = None
    precision_date: str = "jour"
    lieu: Lieu | None = None
    en_ligne: bool = False
    departement: str | None = None
    organisateur: str
    publics: tuple[str, ...] = ()
    metiers: tuple[str, ...] = ()
    inscription: str | None = None
    gratuit: bool | None = None
    contact: str | None = None
    accessibilite: str | None = None

    @property
    def last_day(self) -> dt.date:
        """The event's last calendar day in Paris: its end, or its start."""
        return paris_date(self.fin if self.fin is not None else self.debut)

    def is_past(self, today: dt.date) -> bool:
        """Past once its last day is before the build date."""
        return self.last_day < today

    @property
    def start_key(self) -> dt.datetime:
        return sort_key(self.debut)


@dataclass(frozen=True, kw_only=True)
class DiplomeRequis:
    """A diploma asked for at entry: any one of a level, the bac or named certifications."""

    niveau: int | None = None
    bac: bool = False
    certifications: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Experience:
    """Work asked for at entry: months, in some métiers (any paid work when empty), maybe while in post."""

    mois: int = 0
    metiers: tuple[str, ...] = ()
    en_poste: bool = False


@dataclass(frozen=True, kw_only=True)
class Condition:
    """One way into a certification; any one suffices. Empty `voies`: every voie of the certification."""

    voies: tuple[str, ...] = ()
    age_min: int | None = None
    diplome_requis: DiplomeRequis | None = None
    experience: Experience | None = None
    selection: str | None = None


@dataclass(frozen=True, kw_only=True)
class Allegement:
    depuis: str
    effet: str
    duree_mois_min: int | None = None
    duree_mois_max: int | None = None


@dataclass(frozen=True, kw_only=True)
class Certification(Entry):
    """A diploma, title or mandatory training (content/formations/): what routes are made of.

    `duree_mois_max` is None when the duration is `duree_variable` (set by each organisation, not known).
    """

    sigle: str | None = None
    niveau: int | None = None
    rncp: str | None = None
    bac: bool = False
    duree_mois_min: int = 0
    duree_mois_max: int | None = None
    heures: int | None = None
    voies: tuple[str, ...] = ()
    conditions: tuple[Condition, ...] = ()
    allegements: tuple[Allegement, ...] = ()
    ou: str | None = None
    sources: tuple[Link, ...] = ()

    @property
    def nom(self) -> str:
        """The short name used inside routes: the acronym, or the title."""
        return self.sigle or self.titre

    @property
    def heures_texte(self) -> str:
        """« 1 540 heures » (narrow no-break space between thousands), or "" when not known."""
        return f"{self.heures:,} heures".replace(",", "\u202f") if self.heures else ""


@dataclass(frozen=True, kw_only=True)
class Page(Entry):
    """A plain page (accessibility statement, legal notice…): only the common fields."""


def departement_from_postcode(code_postal: str) -> str | None:
    """The INSEE département code of a French postcode (Corsica and overseas too)."""
    if code_postal.startswith("97"):
        return code_postal[:3] if code_postal[:3] in DEPARTEMENT else None
    if code_postal.startswith("20"):
        return "2A" if int(code_postal) < 20200 else "2B"
    return code_postal[:2] if code_postal[:2] in DEPARTEMENT else None


# The model of each collection, and of each group of fields inside one, for `entries.py` and the
# test that every field of the schema is modelled (tests/test_models.py).
MODELS: Mapping[str, type[Entry]] = {
    "metiers": Metier,
    "temoignages": Temoignage,
    "evenements": Evenement,
    "formations": Certification,
    "pages": Page,
}
NESTED: Mapping[str, type] = {
    "metiers.formations": Formation,
    "metiers.experience_requise": Experience,
    "metiers.evolutions": Evolution,
    "metiers.salaire": Salaire,
    "metiers.salaires": Salaire,
    "metiers.liens": Link,
    "metiers.sources": Link,
    "temoignages.parcours": Etape,
    "evenements.lieu": Lieu,
    "formations.conditions": Condition,
    "formations.conditions.diplome_requis": DiplomeRequis,
    "formations.conditions.experience": Experience,
    "formations.allegements": Allegement,
    "formations.sources": Link,
}
# Fields the schema checks but no model keeps as such, and why.
NOT_MODELLED: Mapping[str, str] = {
    "formations.duree_variable": "folded into duree_mois_max: None when the duration is variable",
    **{
        f"metiers.tension.{name}": "a Figure: the figures given, with their source and year (entries._figure)"
        for name in ("projets_recrutement", "difficiles_pct", "source", "annee")
    },
}
