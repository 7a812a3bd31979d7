"""The vocabularies of the content model, declared once: each code an editor may write and its French words.

Validation takes its permitted values from here, the site its labels
(`labels.py`, the templates' `label` filter), the web editor its select
options and the guide its lists, so a code can never lack its words.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ..geo import load_geography
from ..illustrations import ILLUSTRATIONS


@dataclass(frozen=True, eq=False)
class Vocabulary(Mapping[str, str]):
    """The codes of one list, in the order editors see them, each with its French label.

    `short` gives the compact label some places show (badges, filters); when a
    vocabulary has one, every code has one.
    """

    labels: Mapping[str, str]
    short: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.short and set(self.short) != set(self.labels):
            raise ValueError(
                f"libellés courts sans code ou codes sans libellé court : {set(self.short) ^ set(self.labels)}"
            )

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.labels)

    def __getitem__(self, code: str) -> str:
        return self.labels[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self.labels)

    def __len__(self) -> int:
        return len(self.labels)


LIEU = Vocabulary(
    {"domicile": "À domicile", "etablissement": "En établissement (EHPAD, foyer, MAS…)", "hopital": "À l’hôpital"},
    short={"domicile": "Domicile", "etablissement": "Établissement", "hopital": "Hôpital"},
)
PUBLIC_METIER = Vocabulary(
    {"personnes-agees": "Personnes âgées", "personnes-handicapees": "Personnes en situation de handicap"}
)
NIVEAU_ACCES = Vocabulary(
    {
        "sans-diplome": "Sans diplôme",
        "cap": "CAP",
        "bac": "Bac",
        "bac+2": "Bac + 2",
        "bac+3": "Bac + 3",
        "bac+5": "Bac + 5",
    }
)
VOIE = Vocabulary(
    {
        "formation-initiale": "Formation initiale (à la sortie de l’école)",
        "apprentissage": "Apprentissage (en alternance, avec un salaire)",
        "formation-continue": "Formation continue (adultes, salariés, demandeurs d’emploi)",
        "vae": "VAE (validation des acquis de l’expérience)",
    },
    short={
        "formation-initiale": "Formation initiale",
        "apprentissage": "Apprentissage",
        "formation-continue": "Formation continue",
        "vae": "VAE",
    },
)
TYPE_EVENEMENT = Vocabulary(
    {
        "job-dating": "Job dating",
        "salon": "Salon",
        "forum": "Forum des métiers",
        "atelier": "Atelier",
        "portes-ouvertes": "Portes ouvertes",
        "information-collective": "Information collective",
        "visite": "Visite",
        "conference": "Conférence",
        "concours": "Concours",
        "autre": "Événement",
    }
)
PUBLIC_EVENEMENT = Vocabulary(
    {
        "collegiens": "Collégiens",
        "lyceens": "Lycéens",
        "etudiants": "Étudiants",
        "demandeurs-emploi": "Demandeurs d’emploi",
        "salaries": "Salariés",
        "familles": "Familles",
        "enseignants": "Enseignants",
        "employeurs": "Employeurs",
        "tous": "Tout public",
    }
)
PRECISION_DATE = Vocabulary({"jour": "Au jour près", "mois": "Le mois seulement", "annee": "L’année seulement"})
EMPLOYEUR = Vocabulary(
    {
        "fonction-publique-hospitaliere": "Fonction publique hospitalière (hôpital public, EHPAD public)",
        "fonction-publique-territoriale": "Fonction publique territoriale (commune, CCAS, département)",
        "ccn-51": "Convention collective de 1951 (établissements privés non lucratifs de la FEHAP)",
        "ccn-66": "Convention collective de 1966 (associations du handicap et de la protection de l’enfance)",
        "branche-aide-a-domicile": "Branche de l’aide à domicile (associations comme l’ADMR ou l’UNA)",
        "particulier-employeur": "Particulier employeur (embauche directe par la personne aidée, CESU)",
        "tous-employeurs": "Tous les employeurs",
        "autre": "Autre employeur",
    }
)
ILLUSTRATION = Vocabulary(ILLUSTRATIONS)
# The levels of the national framework of certifications (a number, not a code) and their everyday equivalent.
NIVEAUX_RNCP: Mapping[int, str] = {3: "CAP", 4: "bac", 5: "bac + 2", 6: "bac + 3", 7: "bac + 5", 8: "doctorat"}


# The département codes and names come from `data/departements.yaml`, the table the events page uses too.
DEPARTEMENT = Vocabulary({code: d.nom for code, d in load_geography().departements.items()})

# The codes alone, as tuples: the names the rest of the engine has always imported.
LIEUX = LIEU.codes
PUBLICS_METIER = PUBLIC_METIER.codes
NIVEAUX_ACCES = NIVEAU_ACCES.codes
VOIES = VOIE.codes
TYPES_EVENEMENT = TYPE_EVENEMENT.codes
PUBLICS_EVENEMENT = PUBLIC_EVENEMENT.codes
PRECISIONS_DATE = PRECISION_DATE.codes
EMPLOYEURS = EMPLOYEUR.codes
