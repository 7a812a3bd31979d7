"""The vocabularies of the content model: the codes an editor may write."""

from __future__ import annotations

LIEUX = ("domicile", "etablissement", "hopital")
PUBLICS_METIER = ("personnes-agees", "personnes-handicapees")
NIVEAUX_ACCES = ("sans-diplome", "cap", "bac", "bac+2", "bac+3", "bac+5")
VOIES = ("formation-initiale", "apprentissage", "formation-continue", "vae")
TYPES_EVENEMENT = (
    "job-dating",
    "salon",
    "forum",
    "atelier",
    "portes-ouvertes",
    "information-collective",
    "visite",
    "conference",
    "concours",
    "autre",
)
PUBLICS_EVENEMENT = (
    "collegiens",
    "lyceens",
    "etudiants",
    "demandeurs-emploi",
    "salaries",
    "familles",
    "enseignants",
    "employeurs",
    "tous",
)
PRECISIONS_DATE = ("jour", "mois", "annee")
EMPLOYEURS = (
    "fonction-publique-hospitaliere",
    "fonction-publique-territoriale",
    "ccn-51",
    "ccn-66",
    "branche-aide-a-domicile",
    "particulier-employeur",
    "tous-employeurs",
    "autre",
)
