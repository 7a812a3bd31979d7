"""Small sites written from strings: every test builds exactly what it needs."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

BUILD_DATE = dt.date(2026, 11, 23)

SITE_YAML = """\
titre: Passerelles test
description: Un site de test.
url: https://test.example.org/
organisation: Département de test
territoire: Testland
departements: ["62"]
contact: test@example.org
"""

BASE_FILES: dict[str, str] = {
    "site.yaml": SITE_YAML,
    "content/metiers/aide-soignant.md": """\
---
titre: Aide-soignant ou aide-soignante
resume: Aide aux soins du quotidien.
lieux: [hopital, etablissement]
publics: [personnes-agees]
niveau_acces: sans-diplome
formations:
  - diplome: Diplôme d'État d'aide-soignant (DEAS)
    niveau: 4
    duree: 12 mois
    voies: [formation-initiale, apprentissage, vae]
evolutions:
  - metier: infirmier
    comment: Trois ans d'IFSI.
verifie_le: 2026-06-01
---

## Missions

Aider.
""",
    "content/metiers/infirmier.md": """\
---
titre: Infirmier ou infirmière
resume: Soigner.
lieux: [hopital]
publics: [personnes-agees, personnes-handicapees]
niveau_acces: bac
formations:
  - diplome: Diplôme d'État d'infirmier
    niveau: 6
    duree: 3 ans
    voies: [formation-initiale, formation-continue]
verifie_le: 2026-06-01
---

Soigner.
""",
    "content/temoignages/lea-aide-soignante.md": """\
---
titre: J'ai changé de vie
resume: Léa raconte.
prenom: Léa
metier: aide-soignant
date: 2026-01-10
citation: Je ne regrette rien.
parcours:
  - annee: 2019
    etape: Vendeuse
  - annee: 2022
    etape: DEAS par la VAE
---

Mon histoire.
""",
    "content/evenements/job-dating-arras.md": """\
---
titre: Job dating à Arras
resume: Rencontrer des employeurs.
type: job-dating
debut: "2027-03-12T14:00"
fin: "2027-03-12T17:00"
lieu:
  nom: Salle des fêtes
  code_postal: "62000"
  commune: Arras
organisateur: France Travail
publics: [demandeurs-emploi]
metiers: [aide-soignant]
---

Venez avec un CV.
""",
    "content/evenements/salon-2025.md": """\
---
titre: Salon 2025
resume: Un salon passé.
type: salon
debut: 2025-04-01
lieu:
  nom: Centre des congrès
  commune: Lille
  code_postal: "59000"
organisateur: Région
publics: [tous]
---

Passé.
""",
    "content/pages/accessibilite.md": "---\ntitre: Déclaration d'accessibilité\nresume: Accessibilité.\n---\n\nTexte.\n",
    "content/pages/mentions-legales.md": "---\ntitre: Mentions légales\nresume: Mentions.\n---\n\nTexte.\n",
    "content/pages/a-propos.md": "---\ntitre: À propos\nresume: À propos.\n---\n\nTexte.\n",
}

MakeSite = Callable[..., Path]


@pytest.fixture
def make_site(tmp_path: Path) -> MakeSite:
    """Write the base fixture site, with files replaced (str) or removed (None)."""

    def make(overrides: dict[str, str | None] | None = None, name: str = "src") -> Path:
        root = tmp_path / name
        files = {**BASE_FILES, **(overrides or {})}
        for rel, text in files.items():
            if text is None:
                continue
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return make


from .example_site import example_site  # noqa: E402,F401  (session fixture shared by slow tests)
