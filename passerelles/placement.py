"""Which files of a content folder are read, and what to do with the others.

A page must never vanish quietly: a `.markdown`, `.MD` or `.txt` file, a
file in a subfolder (`content/evenements/2027/`), a photo or a document
dropped beside the texts are errors that name the fix. Only what editors'
tools leave behind legitimately is skipped without a word:

- hidden files and folders (`.DS_Store`, `.git`), and names starting with
  `_` (a draft kept aside) or `#` (Emacs);
- editor backups and swap files: a name ending in `~`, `.swp`, `.swo`,
  `.bak`, `.tmp` or `.orig`; Windows' `Thumbs.db` and `desktop.ini`;
- a `README` or `LISEZMOI` file, which explains a folder to the next editor.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import ContentError

_SKIPPED = re.compile(
    r"^[._#]|~$|\.(swp|swo|swx|bak|tmp|orig)$|^(thumbs\.db|desktop\.ini)$|^(readme|lisezmoi)(\.[a-z]+)?$",
    re.IGNORECASE,
)
TEXT_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt", ".text")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".avif", ".heic")


def skipped(name: str) -> bool:
    """True for the files editors' tools leave in a folder, which are not content."""
    return bool(_SKIPPED.search(name))


def content_files(folder: Path) -> list[Path]:
    """Every file under a collection's folder, subfolders included (they are reported), in a stable order."""
    found: list[Path] = []
    for current, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not skipped(name)]
        found.extend(Path(current) / name for name in files if not skipped(name))
    return sorted(found)


def misplaced(root: Path, collection: str, path: Path, fixed_name: str) -> ContentError | None:
    """The error for a file that would not be published where and as it is, naming the fix; None if it is fine."""
    rel = path.relative_to(root).as_posix()
    folder = f"content/{collection}/"
    suffix = path.suffix.lower()
    if path.parent != root / "content" / collection:
        if suffix in TEXT_SUFFIXES:
            return ContentError(
                rel, 1, f"les sous-dossiers ne sont pas lus : déplacez ce fichier dans {folder} (sans sous-dossier)"
            )
        if suffix not in IMAGE_SUFFIXES:
            return ContentError(rel, 1, f"fichier inattendu dans {folder} : seuls les textes « .md » y sont lus")
    if suffix in IMAGE_SUFFIXES:
        return ContentError(rel, 1, f"image rangée dans {folder} : déplacez-la dans content/images/ pour la publier")
    if path.suffix == ".md":
        return None
    if suffix in TEXT_SUFFIXES:
        return ContentError(
            rel,
            1,
            f"extension « {path.suffix} » : seuls les fichiers « .md » sont lus ; renommez-le en {fixed_name}.md",
        )
    return ContentError(
        rel,
        1,
        f"fichier inattendu dans {folder} : seuls les textes « .md » y sont lus ; "
        "copiez son texte dans une fiche (« python build.py new ») ou retirez-le",
    )
