"""A synthetic Passerelles site of a chosen size, following the content model as the example does.

Certifications in content/formations/ with entry conditions (age, diploma
level or named certification, years of work) and shortened routes; métiers
naming their `certifications` and 2 to 5 `evolutions` each; testimonials;
events, a tenth of them in the past; pages. Body lengths are drawn from the
example site's own bodies, per collection, so that Markdown work is
realistic. Everything is deterministic for a given size.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LIEUX = ("domicile", "etablissement", "hopital")
PUBLICS = ("personnes-agees", "personnes-handicapees")
NIVEAUX_ACCES = ("sans-diplome", "cap", "bac", "bac+2", "bac+3", "bac+5")
TYPES = ("job-dating", "salon", "forum")
PUBLICS_EVENEMENT = ("lyceens", "demandeurs-emploi", "salaries", "tous")
# Share of each collection among the content files (the example site has about this mix, more events and
# testimonials, as a national edition would).
SHARES = {"metiers": 0.06, "formations": 0.03, "temoignages": 0.43, "evenements": 0.43, "pages": 0.05}
# A bigger edition has more events, testimonials and pages, not more jobs: the métiers de l'autonomie are
# about twenty (22 in the example site). Past 2,000 files the métiers and their certifications stay at the
# 2,000-file counts (already five times the real number, to load the route planner), the rest grows.
MOST = {"metiers": 120, "formations": 60}
SENTENCES = (
    "L'aide à domicile accompagne chaque jour des personnes âgées ; elle les aide à rester chez elles.",
    "On y entre « sans diplôme », puis on se forme : la VAE (validation des acquis) reconnaît l'expérience !",
    "Le travail demande de l'écoute, de la patience et une bonne organisation : les journées sont variées.",
    "Avec le diplôme d'État, les portes de l'hôpital et des établissements s'ouvrent davantage.",
    "Qu'est-ce qui compte le plus ? Le lien avec les personnes, disent celles et ceux qui font ce métier.",
    "Les horaires peuvent être coupés ; certains employeurs proposent des plannings réguliers.",
)


def body_lengths(collection: str) -> list[int]:
    """Lengths of the example site's bodies in a collection (at least one value)."""
    lengths = []
    for path in sorted((REPO / "content" / collection).glob("*.md")):
        parts = path.read_text(encoding="utf-8").split("\n---\n", 1)
        lengths.append(len(parts[1]) if len(parts) == 2 else 0)
    return lengths or [800]


def body(rng: random.Random, length: int, links: list[str]) -> str:
    """Markdown of about `length` characters: headings, paragraphs, a list, a few links and emphasis."""
    blocks: list[str] = []
    size = 0
    section = 0
    while size < length:
        if size == 0 or rng.random() < 0.2:
            section += 1
            blocks.append(f"## Partie {section} : ce qu'il faut savoir")
        sentences = [rng.choice(SENTENCES) for _ in range(rng.randint(2, 5))]
        if links and rng.random() < 0.4:
            sentences.append(f"Voir aussi [cette fiche]({rng.choice(links)}) et le **point clé**.")
        if rng.random() < 0.15:
            blocks.append("\n".join(f"- {s}" for s in sentences))
        else:
            blocks.append(" ".join(sentences))
        size += len(blocks[-1]) + 2
    return "\n\n".join(blocks) + "\n"


def counts(files: int) -> dict[str, int]:
    """Files per collection for a total; a few of each at least."""
    found = {name: max(3, round(files * share)) for name, share in SHARES.items()}
    found.update({name: min(found[name], most) for name, most in MOST.items()})
    if files > 2000:  # what the capped collections leave goes to the others, in their proportions
        rest = files - sum(found[name] for name in MOST)
        growing = [name for name in SHARES if name not in MOST]
        total = sum(SHARES[name] for name in growing)
        found.update({name: round(rest * SHARES[name] / total) for name in growing})
    found["metiers"] = max(found["metiers"], 6)
    found["formations"] = max(found["formations"], 12)  # every kind of condition, even on a small site
    return found


def _formation(i: int, n_formations: int) -> str:
    niveau = 3 + i % 5
    conditions = ["  - age_min: 16\n    selection: sélection sur dossier"]
    if i >= 3 and i % 3 == 0:
        conditions.append(
            f"  - age_min: 18\n    diplome_requis:\n      niveau: {max(3, niveau - 1)}\n    selection: dossier"
        )
    if i % 4 == 1:
        conditions.append(
            f"  - diplome_requis:\n      certifications: [formation-{(i - 1) % n_formations}]\n    selection: entretien"
        )
    if i % 5 == 2:
        conditions.append("  - age_min: 18\n    experience:\n      mois: 24\n    selection: dispense de sélection")
    allegement = (
        f'allegements:\n  - depuis: formation-{i - 2}\n    effet: "Formation allégée : un bloc est déjà acquis."\n'
        if i >= 2 and i % 6 == 0
        else ""
    )
    low = 6 + i % 24
    return (
        f"---\ntitre: Diplôme de la filière {i}\nresume: Un diplôme de niveau {niveau} pour entrer dans un métier "
        f"de l'autonomie.\nsigle: D{i}\nniveau: {niveau}\n"
        + ("bac: true\n" if niveau == 4 and i % 2 else "")
        + f"duree_mois_min: {low}\nduree_mois_max: {low + 6}\n"
        "voies: [formation-initiale, apprentissage, formation-continue, vae]\n"
        "conditions:\n" + "\n".join(conditions) + "\n" + allegement + "ou: Instituts de formation\n---\n"
    )


def generate(
    root: Path, files: int, today: dt.date = dt.date(2026, 11, 23), metiers: int | None = None
) -> dict[str, int]:
    """Write a site of about `files` content files into `root` (site.yaml, content/, templates/).

    `metiers` overrides the number of métiers (and sets formations to half as many), to measure routes.
    """
    rng = random.Random(files)
    n = counts(files)
    if metiers is not None:
        n["metiers"], n["formations"] = metiers, max(12, metiers // 2)
    content = root / "content"
    for folder in SHARES:
        (content / folder).mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    shutil.copytree(REPO / "templates", root / "templates", dirs_exist_ok=True)
    lengths = {name: body_lengths(name) for name in SHARES}
    metier_links = [f"/metiers/metier-{i}/" for i in range(n["metiers"])]
    for i in range(n["formations"]):
        (content / "formations" / f"formation-{i}.md").write_text(_formation(i, n["formations"]), encoding="utf-8")
    for i in range(n["metiers"]):
        bridges = sorted({(i + step) % n["metiers"] for step in rng.sample(range(1, n["metiers"]), rng.randint(2, 5))})
        evolutions = "".join(
            f"  - metier: metier-{j}\n    comment: Une formation de {6 + j % 30} mois, allégée avec l'expérience.\n"
            for j in bridges
        )
        certs = sorted({i % n["formations"], (i * 7 + 3) % n["formations"]})
        text = body(rng, rng.choice(lengths["metiers"]), metier_links)
        (content / "metiers" / f"metier-{i}.md").write_text(
            f"---\ntitre: Métier numéro {i}\nresume: Un métier de l'autonomie, auprès des personnes âgées ou "
            f"handicapées, numéro {i}.\nlieux: [{LIEUX[i % 3]}]\npublics: [{PUBLICS[i % 2]}]\n"
            f"niveau_acces: {NIVEAUX_ACCES[i % 6]}\n"
            + ("embauche_sans_diplome: true\n" if i % 4 == 0 else "")
            + f"certifications: [{', '.join(f'formation-{c}' for c in certs)}]\n"
            f"evolutions:\n{evolutions}qualites: [Écoute, Patience]\nverifie_le: {today.isoformat()}\n---\n\n{text}",
            encoding="utf-8",
        )
    for i in range(n["temoignages"]):
        text = body(rng, rng.choice(lengths["temoignages"]), metier_links)
        (content / "temoignages" / f"temoin-{i}.md").write_text(
            f"---\ntitre: Témoignage numéro {i}\nresume: Une personne raconte son parcours et son métier.\n"
            f"prenom: Camille\nmetier: metier-{i % n['metiers']}\ndate: {2020 + i % 6}-{1 + i % 12:02d}-"
            f"{1 + i % 28:02d}\ncitation: « On apprend tous les jours. »\nparcours:\n  - annee: 2015\n"
            f"    etape: Premier emploi\n  - annee: 2019\n    etape: Diplôme obtenu\n---\n\n{text}",
            encoding="utf-8",
        )
    for i in range(n["evenements"]):
        past = i % 10 == 0  # a tenth of the events are over
        day = today + dt.timedelta(days=(-30 - i % 300) if past else (10 + i % 400))
        text = body(rng, rng.choice(lengths["evenements"]), metier_links)
        (content / "evenements" / f"evenement-{i}.md").write_text(
            f"---\ntitre: Événement numéro {i}\nresume: Rencontrez des employeurs et des formateurs.\n"
            f'type: {TYPES[i % 3]}\ndebut: "{day.isoformat()}T14:00"\nfin: "{day.isoformat()}T17:00"\n'
            f'lieu:\n  nom: Salle des fêtes\n  code_postal: "62000"\n  commune: Arras\n'
            f"organisateur: Le Département\npublics: [{PUBLICS_EVENEMENT[i % 4]}]\n"
            f"metiers: [metier-{i % n['metiers']}, metier-{(i + 1) % n['metiers']}]\n---\n\n{text}",
            encoding="utf-8",
        )
    example_pages = sorted(p.stem for p in (REPO / "content" / "pages").glob("*.md"))
    for name in example_pages:  # the help pages routes link to, as they are
        shutil.copy(REPO / "content" / "pages" / f"{name}.md", content / "pages" / f"{name}.md")
    for i in range(max(0, n["pages"] - len(example_pages))):
        text = body(rng, rng.choice(lengths["pages"]), metier_links)
        (content / "pages" / f"page-{i}.md").write_text(
            f"---\ntitre: Page d'information {i}\nresume: Une page utile aux familles.\n---\n\n{text}",
            encoding="utf-8",
        )
    return {name: len(list((content / name).glob("*.md"))) for name in SHARES}


def edit(path: Path) -> None:
    """Change one word of a content file's body or a template, as an editor would."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = text.rstrip("\n") + "\n\nUne phrase ajoutée par une rédactrice.\n"
    else:
        text = re.sub(r"</main>", "<!-- modifié -->\n</main>", text, count=1) if "</main>" in text else text + "\n"
    path.write_text(text, encoding="utf-8")


def edit_field(path: Path, field: str, value: str) -> None:
    """Give one front-matter field of a content file a new value, as an editor would."""
    text = path.read_text(encoding="utf-8")
    changed = re.sub(rf"^{field}: .*$", f"{field}: {value}", text, count=1, flags=re.M)
    if changed == text:
        raise ValueError(f"{path} : pas de champ « {field} » à modifier")
    path.write_text(changed, encoding="utf-8")
