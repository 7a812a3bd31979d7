"""The fields of the other collections (formations, témoignages, événements, pages), and the table of all."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from .common import COMMON, LINK
from .fields import DEPARTEMENT_RE, Field, enum, flag, list_of, mapping, text, year
from .metier import METIER
from .vocab import PRECISIONS_DATE, PUBLICS_EVENEMENT, TYPES_EVENEMENT, VOIES

_MONTHS = "nombre entier de mois"
FORMATION: tuple[Field, ...] = COMMON + (
    text("sigle", "sigle ou nom court (DEAS, bac pro ASSP…)"),
    Field(
        "niveau", "int", "niveau du cadre national des certifications (3 = CAP … 8 = doctorat)", minimum=3, maximum=8
    ),
    text("rncp", "numéro RNCP", pattern=r"^RNCP[0-9]+$", pattern_hint="« RNCP » suivi de chiffres, ex. RNCP35830"),
    flag("bac", "ce diplôme est un baccalauréat (il ouvre les études après le bac)"),
    Field("duree_mois_min", "int", "durée la plus courte, en mois (" + _MONTHS + ")", minimum=0, maximum=120),
    Field("duree_mois_max", "int", "durée la plus longue, en mois (" + _MONTHS + ")", minimum=0, maximum=120),
    flag("duree_variable", "durée fixée par chaque organisme, inconnue : à dire plutôt qu'inventer"),
    Field("heures", "int", "nombre d'heures de formation (cours et stages)", minimum=1),
    list_of("voies", "voies d'accès", enum("voies", "une voie", VOIES), required=True, non_empty=True),
    list_of(
        "conditions",
        "conditions d'entrée : une voie d'entrée par élément, il suffit d'en remplir une",
        mapping(
            "condition",
            "une voie d'entrée",
            list_of("voies", "voies concernées (toutes si absent)", enum("voies", "une voie", VOIES)),
            Field("age_min", "int", "âge minimum à l'entrée, en années", minimum=14, maximum=99),
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
            ),
            text("selection", "comment on est choisi (dossier, entretien, Parcoursup…)"),
        ),
    ),
    list_of(
        "allegements",
        "formations raccourcies pour les titulaires d'une autre certification",
        mapping(
            "allegement",
            "un allègement",
            Field("depuis", "slug", "la certification déjà obtenue (nom du fichier)", required=True),
            text("effet", "ce qui est allégé, en une phrase", required=True),
            Field("duree_mois_min", "int", "durée la plus courte avec l'allègement, en mois", minimum=0, maximum=120),
            Field("duree_mois_max", "int", "durée la plus longue avec l'allègement, en mois", minimum=0, maximum=120),
        ),
    ),
    text("ou", "où se former (IFAS, IFSI, lycée professionnel, IRTS…)"),
    list_of("sources", "sources des faits de la formation", replace(LINK, name="source")),
)

TEMOIGNAGE: tuple[Field, ...] = COMMON + (
    text("prenom", "prénom seul (vie privée)", required=True),
    Field("metier", "slug", "métier de la personne (nom du fichier de la fiche sans .md)", required=True),
    Field("date", "date", "date de publication (AAAA-MM-JJ)", required=True),
    flag("ambassadeur", "membre d'un réseau d'ambassadeurs"),
    text("structure", "employeur"),
    text("territoire", "lieu affiché (ex. « Arras »)"),
    text(
        "departement",
        "code INSEE du département",
        pattern=DEPARTEMENT_RE,
        pattern_hint="un code de département : 01 à 95, 2A, 2B ou 971 à 976",
    ),
    text("citation", "courte citation mise en avant"),
    list_of(
        "parcours",
        "étapes du parcours, dans l'ordre",
        mapping(
            "etape",
            "une étape",
            year("annee", "année", required=True),
            text("etape", "ce qui s'est passé", required=True),
        ),
    ),
)

EVENEMENT: tuple[Field, ...] = COMMON + (
    enum("type", "type d'événement", TYPES_EVENEMENT, required=True),
    Field("debut", "when", "début : date (journée entière) ou date et heure (heure de Paris)", required=True),
    Field("fin", "when", "fin : date ou date et heure, pas avant le début"),
    enum(
        "precision_date",
        "précision de la date si seuls le mois ou l'année sont connus",
        PRECISIONS_DATE,
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
    ),
    flag("en_ligne", "événement en visioconférence"),
    text(
        "departement",
        "code INSEE du département (déduit du code postal si absent)",
        pattern=DEPARTEMENT_RE,
        pattern_hint="un code de département : 01 à 95, 2A, 2B ou 971 à 976",
    ),
    text("organisateur", "organisateur", required=True),
    list_of("publics", "publics visés", enum("publics", "un public", PUBLICS_EVENEMENT), required=True, non_empty=True),
    list_of("metiers", "métiers présentés (noms des fichiers des fiches)", Field("metiers", "slug", "un métier")),
    Field("inscription", "url", "adresse d'inscription http(s)"),
    Field("gratuit", "bool", "gratuit"),
    text("contact", "contact"),
    text("accessibilite", "accessibilité : fauteuil roulant, LSF, etc."),
)

PAGE: tuple[Field, ...] = COMMON

SCHEMAS: Mapping[str, tuple[Field, ...]] = {
    "metiers": METIER,
    "temoignages": TEMOIGNAGE,
    "evenements": EVENEMENT,
    "pages": PAGE,
    "formations": FORMATION,
}
