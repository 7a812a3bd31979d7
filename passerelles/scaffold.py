"""`new`: a filled-in skeleton of a content file, with every field explained.

Each placeholder says « À COMPLÉTER »; validation refuses that text, so a
skeleton cannot be published by mistake, and passes `check` once replaced.
"""

from __future__ import annotations

from pathlib import Path

from .source import SLUG_RE, slugify

PLACEHOLDER = "À COMPLÉTER"
FOLDERS = {
    "metier": "metiers",
    "temoignage": "temoignages",
    "evenement": "evenements",
    "page": "pages",
    "formation": "formations",
}

SKELETONS = {
    "metier": """---
titre: "{PH} (les deux formes : Aide-soignant ou aide-soignante)"
resume: "{PH} (une ou deux phrases, 200 caractères au plus)"
autres_appellations:
  - "{PH} (l'autre forme, le sigle)"
# code_rome: J1501
lieux: [domicile, etablissement, hopital]   # gardez ceux qui conviennent
publics: [personnes-agees, personnes-handicapees]
niveau_acces: sans-diplome   # sans-diplome, cap, bac, bac+2, bac+3 ou bac+5
# Les formations qui mènent au métier : noms des fichiers de content/formations/, sans .md,
# ex. [deas] (créez une formation avec « python build.py new formation NOM »).
certifications: []
# true si l'on peut être embauché sans diplôme ; false si une des certifications est obligatoire
embauche_sans_diplome: true
evolutions:
  - metier: aide-soignant   # nom du fichier d'une autre fiche, sans .md
    comment: "{PH} (comment y arriver : formation, durée)"
qualites: ["{PH}"]
liens:
  - titre: Fiche ONISEP
    url: https://www.onisep.fr/
---

## Missions

{PH}

## Conditions de travail

{PH}

## Une journée type

{PH}
""",
    "temoignage": """---
titre: "{PH} (ex. « J'ai trouvé ma voie à 40 ans »)"
resume: "{PH} (200 caractères au plus)"
prenom: "{PH}"
metier: aide-soignant   # nom du fichier de la fiche métier, sans .md
date: 2026-01-01   # date de publication
ambassadeur: false
territoire: "{PH} (ex. Arras)"
# departement: "62"
citation: "{PH}"
parcours:
  - annee: 2020
    etape: "{PH}"
---

{PH} (le témoignage, avec les mots de la personne)
""",
    "evenement": """---
titre: "{PH}"
resume: "{PH} (200 caractères au plus)"
# type : job-dating, salon, forum, atelier, portes-ouvertes, information-collective,
#        visite, conference, concours ou autre
type: job-dating
debut: "2027-01-01T14:00"   # ou une date seule (journée entière) : 2027-01-01
fin: "2027-01-01T17:00"
lieu:
  nom: "{PH}"
  adresse: "{PH}"
  code_postal: "62000"
  commune: "{PH}"
organisateur: "{PH}"
publics: [tous]
# metiers: [aide-soignant]
# inscription: https://…
gratuit: true
accessibilite: "{PH} (ex. salle accessible en fauteuil roulant)"
---

{PH} (ce qu'on y fait, pour qui, quoi apporter)
""",
    "formation": """---
titre: "{PH} (nom complet du diplôme ou du titre)"
resume: "{PH} (une ou deux phrases, 200 caractères au plus)"
sigle: "{PH} (ex. DEAS)"
niveau: 4   # 3 = CAP, 4 = bac, 5 = bac+2, 6 = bac+3, 7 = bac+5 ; retirez la ligne si ce n'est pas une certification
# rncp: RNCP00000   # seulement si le numéro est vérifié sur francecompetences.fr
duree_mois_min: 12   # durée la plus courte, en mois
duree_mois_max: 12   # durée la plus longue, en mois (ou retirez les deux et écrivez duree_variable: true)
# heures: 1540
voies: [formation-initiale, apprentissage, formation-continue, vae]
conditions:   # une voie d'entrée par élément ; il suffit d'en remplir une
  - age_min: 17   # retirez la ligne s'il n'y a pas d'âge minimum
    # diplome_requis: {bac: true}   # ou {niveau: 5}, ou {certifications: [bts-esf]}
    # experience: {mois: 36}        # ou {mois: 12, metiers: [agent-de-service-hospitalier]}
    selection: "{PH} (ex. sélection sur dossier et entretien)"
ou: "{PH} (ex. IFAS, lycées professionnels)"
sources:
  - titre: "{PH} (le texte ou la page qui donne ces faits)"
    url: https://www.francecompetences.fr/
---

{PH} (la formation en quelques phrases, pour un lecteur de 15 ans)
""",
    "page": """---
titre: "{PH}"
resume: "{PH} (200 caractères au plus)"
---

{PH}
""",
}


def skeleton(kind: str) -> str:
    """The text of a new file of this kind."""
    return SKELETONS[kind].replace("{PH}", PLACEHOLDER)


def create(root: Path, kind: str, slug: str) -> Path:
    """Write a new skeleton file; refuse a bad name (with the fixed one) or an existing file."""
    if not SLUG_RE.match(slug):
        raise ValueError(
            f"nom « {slug} » invalide : minuscules sans accents, chiffres et tirets ; "
            f"vouliez-vous dire « {slugify(slug)} » ?"
        )
    path = root / "content" / FOLDERS[kind] / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(skeleton(kind))
    return path
