"""Speed and memory of a build, on the example site and on a large synthetic one.

Usage: .venv/bin/python bench/benchmark.py [--metiers 300] [--no-search]

Targets (exit code 1 when one is missed), for the 2-core machines of CI:
- the example site builds in under 10 s, search index included;
- a synthetic site of 300 métiers, 900 testimonials and 900 events builds
  in under 60 s with a peak memory under 800 MiB.
Timings are measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from passerelles.builder import build  # noqa: E402
from passerelles.site import load_site  # noqa: E402

DATE = dt.date(2026, 11, 23)
LIEUX = ("domicile", "etablissement", "hopital")
NIVEAUX = ("sans-diplome", "cap", "bac", "bac+2", "bac+3", "bac+5")
BODY = "\n\n".join(
    f"## {title}\n\n" + "Un paragraphe de texte pour mesurer le rendu Markdown. " * 12
    for title in ("Missions", "Conditions de travail", "Une journée type")
)


def synthetic_site(root: Path, metiers: int) -> None:
    """A large but valid site: a chain of métiers with branches, testimonials and events."""
    (root / "content").mkdir(parents=True)
    (root / "site.yaml").write_text((REPO / "site.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    for folder in ("metiers", "temoignages", "evenements", "pages"):
        (root / "content" / folder).mkdir()
    for page in ("accessibilite", "mentions-legales", "a-propos"):
        (root / "content/pages" / f"{page}.md").write_text(f"---\ntitre: {page}\nresume: {page}\n---\n\nTexte.\n")
    for i in range(metiers):
        edges = "".join(
            f"  - metier: metier-{j}\n    comment: Formation de {j % 24 + 1} mois.\n"
            for j in (i + 1, i + 7)
            if j < metiers
        )
        (root / "content/metiers" / f"metier-{i}.md").write_text(
            f"---\ntitre: Métier numéro {i}\nresume: Résumé du métier {i}.\nlieux: [{LIEUX[i % 3]}]\n"
            f"publics: [personnes-agees]\nniveau_acces: {NIVEAUX[i % 6]}\nformations:\n"
            f"  - diplome: Diplôme {i}\n    niveau: {3 + i % 5}\n    duree: {6 + i % 30} mois\n"
            f"    voies: [formation-initiale, vae]\n" + (f"evolutions:\n{edges}" if edges else "") + f"---\n\n{BODY}\n",
            encoding="utf-8",
        )
    for i in range(metiers * 3):
        (root / "content/temoignages" / f"temoin-{i}.md").write_text(
            f"---\ntitre: Témoignage {i}\nresume: Un témoignage.\nprenom: Camille\nmetier: metier-{i % metiers}\n"
            f"date: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}\nparcours:\n  - annee: 2010\n    etape: Début\n"
            f"---\n\n{BODY}\n",
            encoding="utf-8",
        )
        (root / "content/evenements" / f"evenement-{i}.md").write_text(
            f"---\ntitre: Événement {i}\nresume: Un événement.\ntype: forum\n"
            f'debut: "{2026 + i % 2}-{1 + i % 12:02d}-{1 + i % 28:02d}T14:00"\n'
            f'lieu:\n  nom: Salle\n  code_postal: "62000"\n  commune: Arras\norganisateur: Ville\n'
            f"publics: [tous]\nmetiers: [metier-{i % metiers}]\n---\n\nVenez nombreux.\n",
            encoding="utf-8",
        )


def measure(label: str, source: Path, search: bool) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        load_site(source, DATE)
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        result = build(source, Path(tmp) / "site", DATE, search=search)
        total = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{label:<42} {result.files:>6} fichiers  chargement {loaded:6.2f} s  construction {total:6.2f} s  "
        f"mémoire max {peak:6.0f} Mio"
    )
    return total, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--metiers", type=int, default=300)
    parser.add_argument("--no-search", action="store_true")
    args = parser.parse_args()
    search = not args.no_search
    failures = []
    total, _ = measure("site d'exemple", REPO, search)
    if total > 10:
        failures.append(f"site d'exemple : {total:.1f} s > 10 s")
    with tempfile.TemporaryDirectory() as tmp:
        synthetic_site(Path(tmp), args.metiers)
        total, peak = measure(f"site synthétique ({args.metiers} métiers)", Path(tmp), search)
    if total > 60:
        failures.append(f"site synthétique : {total:.1f} s > 60 s")
    if peak > 800:
        failures.append(f"mémoire : {peak:.0f} Mio > 800 Mio")
    for failure in failures:
        print("objectif manqué :", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
