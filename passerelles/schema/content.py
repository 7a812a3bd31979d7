"""The fields of the other collections (formations, témoignages, événements, pages), and the table of all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from .common import LINK, common, departement
from .fields import PLACEHOLDER, Field, enum, flag, list_of, mapping, text, year
from .metier import METIER
from .vocab import NIVEAUX_RNCP, PRECISION_DATE, PUBLIC_EVENEMENT, TYPE_EVENEMENT, VOIE

_MONTHS = "nombre entier de mois"


def months(name: str, doc: str, **kw: Any) -> Field:
    """A duration in whole months, up to ten years."""
    return Field(name, "int", doc, minimum=0, maximum=120, **kw)


FORMATION: tuple[Field, ...] = common(
    "(nom complet du diplôme ou du titre)", "(une ou deux phrases, 200 caractères au plus)"
) + (
    text("sigle", "sigle ou nom court (DEAS, bac pro ASSP…)", example=f"{PLACEHOLDER} (ex. DEAS)"),
    Field(
        "niveau",
        "int",
        "niveau du cadre national des certifications (3 = CAP … 8 = doctorat)",
        minimum=3,
        maximum=8,
        example=4,
        note=", ".join(f"{n} = {word}" for n, word in NIVEAUX_RNCP.items() if n < 8)
        + " ; retirez la ligne si ce n'est pas une certification",
    ),
    text(
        "rncp",
        "numéro RNCP",
        pattern=r"^RNCP[0-9]+$",
        pattern_hint="« RNCP » suivi de chiffres, ex. RNCP35830",
        example="RNCP00000",
        commented=True,
        note="seulement si le numéro est vérifié sur francecompetences.fr",
    ),
    flag("bac", "ce diplôme est un baccalauréat (il ouvre les études après le bac)"),
    months(
        "duree_mois_min",
        "durée la plus courte, en mois (" + _MONTHS + ")",
        example=12,
        note="durée la plus courte, en mois",
    ),
    months(
        "duree_mois_max",
        "durée la plus longue, en mois (" + _MONTHS + ")",
        example=12,
        note="durée la plus longue, en mois (ou retirez les deux et écrivez duree_variable: true)",
    ),
    flag("duree_variable", "durée fixée par chaque organisme, inconnue : à dire plutôt qu'inventer"),
    Field("heures", "int", "nombre d'heures de formation (cours et stages)", minimum=1, example=1540, commented=True),
    list_of(
        "voies", "voies d'accès", enum("voies", "une voie", VOIE), required=True, non_empty=True, example=list(VOIE)
    ),
    list_of(
        "conditions",
        "conditions d'entrée : une voie d'entrée par élément, il suffit d'en remplir une",
        mapping(
            "condition",
            "une voie d'entrée",
            list_of("voies", "voies concernées (toutes si absent)", enum("voies", "une voie", VOIE)),
            Field(
                "age_min",
                "int",
                "âge minimum à l'entrée, en années",
                minimum=14,
                maximum=99,
                note="retirez la ligne s'il n'y a pas d'âge minimum",
            ),
            mapping(
                "diplome_requis",
                "diplôme demandé : un des éléments suffit",
                Field("niveau", "int", "un diplôme de ce niveau ou plus (3 = CAP … 8)", minimum=3, maximum=8),
                flag("bac", "le baccalauréat"),
                list_of(
                    "certifications",
                    "une de ces certifications (noms des fichiers de content/formations/)",
                    Field("certifications", "slug", "une certification"),
                ),
                example={"bac": True},
                commented=True,
                note="ou {niveau: 5}, ou {certifications: [bts-esf]}",
            ),
            mapping(
                "experience",
                "expérience professionnelle demandée",
                Field("mois", "int", "durée d'expérience, en mois", minimum=0, maximum=600),
                list_of(
                    "metiers",
                    "dans un de ces métiers (noms des fiches) ; tout emploi salarié compte si absent",
                    Field("metiers", "slug", "un métier"),
                ),
                flag("en_poste", "il faut être en poste dans un de ces métiers pendant la formation"),
                example={"mois": 36},
                commented=True,
                note="ou {mois: 12, metiers: [agent-de-service-hospitalier]}",
            ),
            text("selection", "comment on est choisi (dossier, entretien, Parcoursup…)"),
        ),
        example=[{"age_min": 17, "selection": f"{PLACEHOLDER} (ex. sélection sur dossier et entretien)"}],
        note="une voie d'entrée par élément ; il suffit d'en remplir une",
    ),
    list_of(
        "allegements",
        "formations raccourcies pour les titulaires d'une autre certification",
        mapping(
            "allegement",
            "un allègement",
            Field("depuis", "slug", "la certification déjà obtenue (nom du fichier)", required=True),
            text("effet", "ce qui est allégé, en une phrase", required=True),
            months("duree_mois_min", "durée la plus courte avec l'allègement, en mois"),
            months("duree_mois_max", "durée la plus longue avec l'allègement, en mois"),
        ),
    ),
    text(
        "ou",
        "où se former (IFAS, IFSI, lycée professionnel, IRTS…)",
        example=f"{PLACEHOLDER} (ex. IFAS, lycées professionnels)",
    ),
    list_of(
        "sources",
        "sources des faits de la formation",
        replace(LINK, name="source"),
        example=[
            {
                "titre": f"{PLACEHOLDER} (le texte ou la page qui donne ces faits)",
                "url": "https://www.francecompetences.fr/",
            }
        ],
    ),
)

TEMOIGNAGE: tuple[Field, ...] = common("(ex. « J'ai trouvé ma voie à 40 ans »)") + (
    text("prenom", "prénom seul (vie privée)", required=True, example=PLACEHOLDER),
    Field(
        "metier",
        "slug",
        "métier de la personne (nom du fichier de la fiche sans .md)",
        required=True,
        example="aide-soignant",
        note="nom du fichier de la fiche métier, sans .md",
    ),
    Field(
        "date",
        "date",
        "date de publication (AAAA-MM-JJ)",
        required=True,
        example=dt.date(2026, 1, 1),
        note="date de publication",
    ),
    flag("ambassadeur", "membre d'un réseau d'ambassadeurs", example=False),
    text("structure", "employeur"),
    text("territoire", "lieu affiché (ex. « Arras »)", example=f"{PLACEHOLDER} (ex. Arras)"),
    departement("departement", "code INSEE du département", example="62", commented=True),
    text("citation", "courte citation mise en avant", example=PLACEHOLDER),
    list_of(
        "parcours",
        "étapes du parcours, dans l'ordre",
        mapping(
            "etape",
            "une étape",
            year("annee", "année", required=True),
            text("etape", "ce qui s'est passé", required=True),
        ),
        example=[{"annee": 2020, "etape": PLACEHOLDER}],
    ),
)

EVENEMENT: tuple[Field, ...] = common() + (
    enum("type", "type d'événement", TYPE_EVENEMENT, required=True, example="job-dating"),
    Field(
        "debut",
        "when",
        "début : date (journée entière) ou date et heure (heure de Paris)",
        required=True,
        example="2027-01-01T14:00",
        note="ou une date seule (journée entière) : 2027-01-01",
    ),
    Field("fin", "when", "fin : date ou date et heure, pas avant le début", example="2027-01-01T17:00"),
    enum(
        "precision_date",
        "précision de la date si seuls le mois ou l'année sont connus",
        PRECISION_DATE,
        default="jour",
    ),
    mapping(
        "lieu",
        "lieu (obligatoire sauf en ligne)",
        text("nom", "nom du lieu", required=True),
        text("adresse", "adresse"),
        text(
            "code_postal",
            "code postal",
            pattern=r"^[0-9]{5}$",
            pattern_hint='5 chiffres, entre guillemets, ex. "62000"',
        ),
        text("commune", "commune", required=True),
        example={"nom": PLACEHOLDER, "adresse": PLACEHOLDER, "code_postal": "62000", "commune": PLACEHOLDER},
    ),
    flag("en_ligne", "événement en visioconférence"),
    departement("departement", "code INSEE du département (déduit du code postal si absent)"),
    text("organisateur", "organisateur", required=True, example=PLACEHOLDER),
    list_of(
        "publics",
        "publics visés",
        enum("publics", "un public", PUBLIC_EVENEMENT),
        required=True,
        non_empty=True,
        example=["tous"],
    ),
    list_of(
        "metiers",
        "métiers présentés (noms des fichiers des fiches)",
        Field("metiers", "slug", "un métier"),
        example=["aide-soignant"],
        commented=True,
    ),
    Field("inscription", "url", "adresse d'inscription http(s)", example="https://…", commented=True),
    Field("gratuit", "bool", "gratuit", example=True),
    text("contact", "contact"),
    text(
        "accessibilite",
        "accessibilité : fauteuil roulant, LSF, etc.",
        example=f"{PLACEHOLDER} (ex. salle accessible en fauteuil roulant)",
    ),
)

PAGE: tuple[Field, ...] = common()

SCHEMAS: Mapping[str, tuple[Field, ...]] = {
    "metiers": METIER,
    "temoignages": TEMOIGNAGE,
    "evenements": EVENEMENT,
    "pages": PAGE,
    "formations": FORMATION,
}
