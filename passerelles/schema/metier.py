"""The fields of a métier file (content/metiers/)."""

from __future__ import annotations

from dataclasses import replace

from .common import LINK, SOURCE_YEAR, common, salary
from .fields import PLACEHOLDER, Field, enum, flag, list_of, mapping, text
from .vocab import ILLUSTRATION, LIEU, NIVEAU_ACCES, PUBLIC_METIER, VOIE

METIER: tuple[Field, ...] = common(
    "(les deux formes : Aide-soignant ou aide-soignante)", "(une ou deux phrases, 200 caractères au plus)"
) + (
    list_of(
        "autres_appellations",
        "autres noms et l'autre forme de genre, utilisés par la recherche",
        text("appellation", "un nom"),
        example=[f"{PLACEHOLDER} (l'autre forme, le sigle)"],
    ),
    text(
        "code_rome",
        "code ROME",
        pattern=r"^[A-N][0-9]{4}$",
        pattern_hint="une lettre de A à N puis 4 chiffres, ex. J1501",
        example="J1501",
        commented=True,
    ),
    text("code_rome_absent", "pourquoi aucun code ROME n'est donné (affiché sur la fiche)"),
    list_of(
        "lieux",
        "lieux d'exercice",
        enum("lieux", "un lieu", LIEU),
        required=True,
        non_empty=True,
        example=list(LIEU),
        note="gardez ceux qui conviennent",
    ),
    list_of(
        "publics",
        "publics accompagnés",
        enum("publics", "un public", PUBLIC_METIER),
        required=True,
        non_empty=True,
        example=list(PUBLIC_METIER),
    ),
    enum(
        "niveau_acces", "plus bas niveau d'entrée dans le métier", NIVEAU_ACCES, required=True, example="sans-diplome"
    ),
    list_of(
        "formations",
        "ancienne forme, remplacée par « certifications » : diplômes décrits dans la fiche",
        mapping(
            "formation",
            "une formation",
            text("diplome", "nom du diplôme ou du titre", required=True),
            Field(
                "niveau",
                "int",
                "niveau du cadre national des certifications (3 = CAP … 8 = doctorat)",
                required=True,
                minimum=3,
                maximum=8,
            ),
            text("duree", "durée, ex. « 12 mois »", required=True),
            list_of("voies", "voies d'accès", enum("voies", "une voie", VOIE), required=True, non_empty=True),
            text("prerequis", "conditions d'entrée"),
            text(
                "rncp", "numéro RNCP", pattern=r"^RNCP[0-9]+$", pattern_hint="« RNCP » suivi de chiffres, ex. RNCP35830"
            ),
            text("ou", "où se former (IFAS, lycée professionnel, CFA…)"),
        ),
    ),
    list_of(
        "certifications",
        "diplômes et titres qui mènent au métier (noms des fichiers de content/formations/, sans .md) ; "
        "remplace « formations »",
        Field("certifications", "slug", "une certification"),
        example=[],
        note="Les formations qui mènent au métier : noms des fichiers de content/formations/, sans .md, ex. [deas] "
        "(créez une formation avec « python build.py new formation NOM »).",
    ),
    flag(
        "embauche_sans_diplome",
        "on peut être embauché sans diplôme ; les certifications sont alors conseillées",
        example=True,
        note="true si l'on peut être embauché sans diplôme ; false si une des certifications est obligatoire",
    ),
    mapping(
        "experience_requise",
        "expérience demandée avant d'être embauché (par les textes ou, en général, par les employeurs)",
        Field("mois", "int", "durée d'expérience, en mois", required=True, minimum=1, maximum=600),
        list_of(
            "metiers",
            "dans un de ces métiers (noms des fiches)",
            Field("metiers", "slug", "un métier"),
            non_empty=True,
            required=True,
        ),
    ),
    list_of(
        "evolutions",
        "passerelles vers d'autres métiers",
        mapping(
            "evolution",
            "une passerelle",
            Field(
                "metier",
                "slug",
                "métier d'arrivée (nom de son fichier sans .md)",
                required=True,
                note="nom du fichier d'une autre fiche, sans .md",
            ),
            text("comment", "comment y arriver (formation, durée, allègements)", required=True),
        ),
        example=[{"metier": "aide-soignant", "comment": f"{PLACEHOLDER} (comment y arriver : formation, durée)"}],
    ),
    salary("salaire", "salaire de début de carrière (le chiffre principal)"),
    list_of(
        "salaires",
        "autres salaires de début, un par employeur ou convention quand ils diffèrent",
        salary("salaire", "un salaire de début", required_source=True),
    ),
    text(
        "salaire_absent",
        "pourquoi aucun salaire sourcé n'est donné (affiché sur la fiche à la place du chiffre)",
    ),
    mapping(
        "tension",
        "indicateur de tension du recrutement",
        Field("projets_recrutement", "int", "nombre de projets de recrutement", minimum=0),
        Field("difficiles_pct", "int", "part des recrutements jugés difficiles, en %", minimum=0, maximum=100),
        *SOURCE_YEAR,
    ),
    list_of("qualites", "qualités personnelles utiles", text("qualite", "une qualité"), example=[PLACEHOLDER]),
    list_of(
        "liens",
        "liens vers des références externes (ONISEP, France Travail)",
        LINK,
        example=[{"titre": "Fiche ONISEP", "url": "https://www.onisep.fr/"}],
    ),
    list_of("sources", "sources des faits de la fiche", replace(LINK, name="source")),
    text("resume_falc", "le résumé en « Facile à lire et à comprendre »"),
    Field("verifie_le", "date", "date de la dernière vérification des faits de la fiche (AAAA-MM-JJ)"),
    enum(
        "illustration",
        "pictogramme de la fiche (liste dans le guide) ; sans lui, choisi d'après le code ROME et les lieux",
        ILLUSTRATION,
    ),
)
