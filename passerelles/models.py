"""Typed content: Metier, Temoignage, Evenement, Page, built from checked data.

`build_entry` turns one validated file into its model and applies the rules
that span several fields of that file (image and its alternative text, a
figure and its source, an event's end after its start…). Rules that span
several files live in `site.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from markdown import Markdown
from markupsafe import Markup

from .bodies import render_body
from .errors import ContentError
from .illustrations import default_for
from .markup import body_problems
from .scaffold import PLACEHOLDER
from .source import SourceFile
from .timeutil import When, paris_date, sort_key

RESERVED_SLUGS: Mapping[str, tuple[str, ...]] = {
    "metiers": ("apres-la-3e", "apres-le-bac", "sans-diplome", "reconversion", "embed"),  # /parcours/<slug>/
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
URL_PREFIX = {
    "metiers": "/metiers/",
    "temoignages": "/temoignages/",
    "evenements": "/evenements/",
    "pages": "/",
    "formations": "/formations/",
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
        return f"{URL_PREFIX[self.collection]}{self.slug}/"


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
        return code_postal[:3] if code_postal[:3] in {"971", "972", "973", "974", "975", "976"} else None
    if code_postal.startswith("20"):
        return "2A" if int(code_postal) < 20200 else "2B"
    return code_postal[:2] if code_postal[:2] not in ("00", "96", "98", "99") else None


Report = Callable[[int, str], None]


def _figure(
    data: Mapping[str, Any] | None, keys: tuple[str, ...], name: str, line: int, report: Report
) -> Figure | None:
    if not data:
        return None
    values = {k: data[k] for k in keys if data.get(k) is not None}
    if not values:
        return None
    missing = [k for k in ("source", "annee") if not data.get(k)]
    if missing:
        report(line, f"« {name} » : un chiffre doit avoir sa source et son année ({', '.join(missing)} manquant)")
        return None
    return Figure(values=values, source=data["source"], annee=data["annee"])


_PAY_FIGURES = ("debut_brut_mensuel", "debut_brut_mensuel_max", "debut_brut_horaire")


def _salaire(data: Mapping[str, Any] | None, line: int, report: Report) -> Salaire | None:
    """A salary with its source and year, or None (and a report) when a rule is broken."""
    if not data or all(data.get(k) is None for k in _PAY_FIGURES):
        return None
    missing = [k for k in ("source", "annee") if not data.get(k)]
    if missing:
        report(line, f"« salaire » : un chiffre doit avoir sa source et son année ({', '.join(missing)} manquant)")
        return None
    low, high = data.get("debut_brut_mensuel"), data.get("debut_brut_mensuel_max")
    if high is not None and low is None:
        report(
            line,
            "« salaire » : « debut_brut_mensuel_max » demande aussi « debut_brut_mensuel » (le bas de la fourchette)",
        )
        return None
    if low is not None and high is not None and high < low:
        report(line, f"« salaire » : le haut de la fourchette ({high}) est plus petit que le bas ({low})")
        return None
    return Salaire(**{k: v for k, v in data.items() if v is not None})


def _metier_pay(d: Mapping[str, Any], src: SourceFile, report: Report) -> dict[str, Any]:
    """The salary fields of a métier: the main one, the others, or why there is none."""
    main = _salaire(d["salaire"], src.line("salaire"), report)
    others = tuple(
        s for i, item in enumerate(d["salaires"]) if (s := _salaire(item, src.line("salaires", i), report)) is not None
    )
    if d["salaire_absent"] and (main or others):
        report(
            src.line("salaire_absent"),
            "« salaire_absent » explique pourquoi il n'y a pas de salaire : retirez-le, la fiche donne un chiffre",
        )
    if d["code_rome_absent"] and d["code_rome"]:
        report(
            src.line("code_rome_absent"),
            "« code_rome_absent » explique pourquoi il n'y a pas de code ROME : retirez-le, la fiche en donne un",
        )
    return {"salaire": main, "salaires": others, "salaire_absent": d["salaire_absent"]}


def _links(items: tuple[Mapping[str, Any], ...]) -> tuple[Link, ...]:
    return tuple(Link(titre=i["titre"], url=i["url"]) for i in items if i.get("titre") and i.get("url"))


def _metier(common: dict[str, Any], d: Mapping[str, Any], src: SourceFile, report: Report) -> Metier:
    if not d["certifications"] and not d["embauche_sans_diplome"]:
        if "formations" not in src.data:
            report(1, "champ obligatoire « certifications » manquant (ou « formations », l'ancienne forme)")
        elif not d["formations"] and d["niveau_acces"] not in (None, "sans-diplome"):
            report(src.line("formations"), "« formations » ne peut être vide que si « niveau_acces » vaut sans-diplome")
    targets = [e["metier"] for e in d["evolutions"] if e and e.get("metier")]
    for index, target in enumerate(targets):
        if target in targets[:index]:
            report(src.line("evolutions", index), f"passerelle vers « {target} » écrite deux fois")
    return Metier(
        **common,
        autres_appellations=d["autres_appellations"],
        code_rome=d["code_rome"],
        lieux=d["lieux"],
        publics=d["publics"],
        niveau_acces=d["niveau_acces"] or "sans-diplome",
        formations=tuple(
            Formation(**f) for f in d["formations"] if f and None not in (f["diplome"], f["niveau"], f["duree"])
        ),
        certifications=d["certifications"],
        embauche_sans_diplome=d["embauche_sans_diplome"],
        experience_requise=Experience(mois=d["experience_requise"]["mois"], metiers=d["experience_requise"]["metiers"])
        if d["experience_requise"] and d["experience_requise"]["mois"] is not None
        else None,
        evolutions=tuple(Evolution(**e) for e in d["evolutions"] if e and e["metier"] and e["comment"]),
        **_metier_pay(d, src, report),
        code_rome_absent=d["code_rome_absent"],
        tension=_figure(
            d["tension"], ("projets_recrutement", "difficiles_pct"), "tension", src.line("tension"), report
        ),
        qualites=d["qualites"],
        liens=_links(d["liens"]),
        sources=_links(d["sources"]),
        resume_falc=d["resume_falc"],
        verifie_le=d["verifie_le"],
        illustration=d["illustration"],
    )


def _temoignage(common: dict[str, Any], d: Mapping[str, Any], src: SourceFile, report: Report) -> Temoignage:
    steps = tuple(Etape(**s) for s in d["parcours"] if s and s["annee"] is not None and s["etape"])
    for index in range(1, len(steps)):
        if steps[index].annee < steps[index - 1].annee:
            report(
                src.line("parcours", index),
                f"étapes du parcours dans le désordre : {steps[index].annee} "
                f"vient après {steps[index - 1].annee} ; rangez-les de la plus ancienne à la plus récente",
            )
    return Temoignage(
        **common,
        prenom=d["prenom"] or "",
        metier=d["metier"] or "",
        date=d["date"] or dt.date.min,
        ambassadeur=d["ambassadeur"],
        structure=d["structure"],
        territoire=d["territoire"],
        departement=d["departement"],
        citation=d["citation"],
        parcours=steps,
    )


def _evenement(common: dict[str, Any], d: Mapping[str, Any], src: SourceFile, report: Report) -> Evenement:
    debut, fin = d["debut"], d["fin"]
    if debut is not None and fin is not None:
        if isinstance(debut, dt.datetime) != isinstance(fin, dt.datetime):
            if paris_date(fin) < paris_date(debut):
                report(src.line("fin"), "« fin » est avant « debut »")
        elif sort_key(fin) < sort_key(debut):
            report(src.line("fin"), "« fin » est avant « debut »")
    lieu = Lieu(**d["lieu"]) if d["lieu"] and d["lieu"]["nom"] and d["lieu"]["commune"] else None
    if d["lieu"] is None and not d["en_ligne"] and "lieu" not in src.data:
        report(1, "champ obligatoire « lieu » manquant (ou indiquez « en_ligne: true »)")
    departement = d["departement"]
    if departement is None and lieu is not None and lieu.code_postal:
        departement = departement_from_postcode(lieu.code_postal)
    return Evenement(
        **common,
        type=d["type"] or "autre",
        debut=debut or dt.date.min,
        fin=fin,
        precision_date=d["precision_date"] or "jour",
        lieu=lieu,
        en_ligne=d["en_ligne"],
        departement=departement,
        organisateur=d["organisateur"] or "",
        publics=d["publics"],
        metiers=d["metiers"],
        inscription=d["inscription"],
        gratuit=d["gratuit"],
        contact=d["contact"],
        accessibilite=d["accessibilite"],
    )


def _condition(c: Mapping[str, Any]) -> Condition:
    diplome, experience = c["diplome_requis"], c["experience"]
    return Condition(
        voies=c["voies"],
        age_min=c["age_min"],
        diplome_requis=DiplomeRequis(**diplome) if diplome else None,
        experience=Experience(
            mois=experience["mois"] or 0, metiers=experience["metiers"], en_poste=experience["en_poste"]
        )
        if experience
        else None,
        selection=c["selection"],
    )


def _certification(common: dict[str, Any], d: Mapping[str, Any], src: SourceFile, report: Report) -> Certification:
    low, high = d["duree_mois_min"], d["duree_mois_max"]
    if d["duree_variable"]:
        low, high = low or 0, None
    elif low is None and high is None:
        report(
            1,
            "durée manquante : indiquez « duree_mois_min » et « duree_mois_max » "
            "(ou « duree_variable: true » si chaque organisme la fixe)",
        )
        low, high = 0, None
    elif low is None or high is None:
        missing = "duree_mois_min" if low is None else "duree_mois_max"
        report(src.line("duree_mois_max" if low is None else "duree_mois_min"), f"« {missing} » manquant")
        low, high = low or high or 0, None
    elif high < low:
        report(src.line("duree_mois_max"), f"« duree_mois_max » ({high}) est plus petit que « duree_mois_min » ({low})")
    allegements = []
    for index, a in enumerate(d["allegements"]):
        if not a or not a["depuis"] or not a["effet"]:
            continue
        if (a["duree_mois_min"] is None) != (a["duree_mois_max"] is None):
            report(
                src.line("allegements", index), "allègement : donnez « duree_mois_min » et « duree_mois_max », ou aucun"
            )
        allegements.append(Allegement(**a))
    return Certification(
        **common,
        sigle=d["sigle"],
        niveau=d["niveau"],
        rncp=d["rncp"],
        bac=d["bac"],
        duree_mois_min=low,
        duree_mois_max=high,
        heures=d["heures"],
        voies=d["voies"],
        conditions=tuple(_condition(c) for c in d["conditions"] if c),
        allegements=tuple(allegements),
        ou=d["ou"],
        sources=_links(d["sources"]),
    )


_BUILDERS = {"metiers": _metier, "temoignages": _temoignage, "evenements": _evenement, "formations": _certification}


def build_entry(src: SourceFile, clean: Mapping[str, Any], md: Markdown) -> tuple[Entry, list[ContentError]]:
    """The model of one validated file, with the rules that span its fields."""
    errors: list[ContentError] = []

    def report(line: int, message: str) -> None:
        errors.append(ContentError(src.rel, line, message))

    if src.slug in RESERVED_SLUGS[src.collection]:
        report(1, f"le nom « {src.slug} » est réservé à une page du site ; renommez le fichier")
    if clean["image"] and clean["image_alt"] is None:
        report(
            src.line("image"),
            '« image_alt » est obligatoire avec « image » (écrivez image_alt: "" seulement si l\'image est décorative)',
        )
    if PLACEHOLDER in src.body:
        offset = src.body[: src.body.index(PLACEHOLDER)].count("\n")
        report(src.body_line + offset, f"texte : remplacez « {PLACEHOLDER} » par le vrai contenu")
    too_big = body_problems(src.body)
    for offset, message in too_big:
        report(src.body_line + offset, message)
    body, toc = render_body(md, "" if too_big else src.body)
    common: dict[str, Any] = dict(  # noqa: C408 (keyword form mirrors the dataclass fields)
        collection=src.collection,
        slug=src.slug,
        source=src.rel,
        titre=clean["titre"] or src.slug,
        resume=clean["resume"] or "",
        brouillon=clean["brouillon"],
        alias=clean["alias"],
        image=clean["image"],
        image_alt=clean["image_alt"],
        illustratif=clean["illustratif"],
        body=body,
        toc=tuple(toc),
    )
    builder = _BUILDERS.get(src.collection)
    entry = builder(common, clean, src, report) if builder else Page(**common)
    return entry, errors
