"""The field reference of the editors' guide and the list of error messages, generated.

`python -m passerelles.docs` rewrites the part of docs/guide-redaction.md
between the two markers, from the schema, and docs/erreurs.md, from the
catalogue of mistakes (passerelles/mistakes.py); a test fails when either is
out of date, so the guide, the validation and the messages never drift apart.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .mistakes import MISTAKES, Mistake
from .schema import SCHEMAS, field_reference

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "guide-redaction.md"
ERREURS = GUIDE.with_name("erreurs.md")
BEGIN = "<!-- champs:debut (généré par « python -m passerelles.docs », ne pas modifier à la main) -->"
END = "<!-- champs:fin -->"
TITLES = {
    "metiers": "Fiches métiers (`content/metiers/`)",
    "temoignages": "Témoignages (`content/temoignages/`)",
    "evenements": "Événements (`content/evenements/`)",
    "pages": "Pages (`content/pages/`)",
    "formations": "Formations et certifications (`content/formations/`)",
}


def reference() -> str:
    """Every collection's field table, in Markdown."""
    parts = [f"### {TITLES[name]}\n\n{field_reference(name)}\n" for name in SCHEMAS]
    return "\n".join(parts)


def updated(guide: str) -> str:
    """The guide's text with its generated section replaced."""
    start, end = guide.index(BEGIN) + len(BEGIN), guide.index(END)
    return guide[:start] + "\n\n" + reference() + "\n" + guide[end:]


def _example(mistake: Mistake) -> str:
    where = f" (`{mistake.fichier}`)" if mistake.fichier and mistake.montre in ("yaml", "markdown") else ""
    if mistake.montre == "nom":
        return f"Fichier : `{mistake.exemple}`"
    if mistake.montre == "texte":
        shown = f"`{mistake.exemple}`" if "{" in mistake.exemple else mistake.exemple
        return f"Dans `{mistake.fichier}` : {shown}" if mistake.fichier.startswith("templates/") else shown
    if mistake.montre == "commande":
        return f"```\n{mistake.exemple}\n```"
    return f"Écrit{where} :\n\n```{mistake.montre}\n{mistake.exemple}\n```"


def errors_page() -> str:
    """docs/erreurs.md: every common mistake with its message and its fix, by theme."""
    parts = [
        "# Messages d'erreur et comment les corriger\n",
        "<!-- Généré par « python -m passerelles.docs » depuis passerelles/mistakes.py : "
        "ne pas modifier à la main. -->\n",
        "`python build.py check` (et l'aperçu) signale chaque problème sous la forme "
        "`fichier:ligne: message`. Voici les erreurs les plus courantes, un exemple de ce qui les provoque "
        "et la correction. Un test vérifie que chaque exemple produit bien le message indiqué.\n",
        "Les **avertissements** ne bloquent pas l'aperçu, mais bloquent la publication "
        "(`check --strict`, lancé à chaque proposition de modification).\n",
        "Si un fichier ne peut pas être lu du tout, il est signalé en premier, avec la liste des fichiers "
        "qui y renvoient : corrigez-le d'abord, les autres seront vérifiés ensuite.\n",
        "Ce qui n'est pas lu dans les dossiers de content/, sans message : les fichiers cachés (nom commençant "
        "par un point), les noms commençant par « _ » ou « # », les copies de secours des éditeurs de texte "
        "(nom finissant par « ~ », « .swp », « .bak », « .tmp », « .orig »), « Thumbs.db », « desktop.ini » "
        "et un fichier README ou LISEZMOI. Tout autre fichier est une erreur qui dit quoi en faire.\n",
    ]
    for theme in dict.fromkeys(m.theme for m in MISTAKES):
        parts.append(f"## {theme}\n")
        for mistake in (m for m in MISTAKES if m.theme == theme):
            kind = "Avertissement" if mistake.avertissement else "Message"
            parts.append(
                f"### {mistake.titre}\n\n{_example(mistake)}\n\n{kind} :\n\n> … {mistake.message} …\n\n"
                f"Correction : {mistake.correction}\n"
            )
    return "\n".join(parts)


def main() -> int:
    for path, render in ((GUIDE, updated), (ERREURS, lambda _: errors_page())):
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        new = render(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"{path.name} mis à jour.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
