"""Content problems: where they are, what they are, how to fix them.

Every stage reports problems as `ContentError` values instead of raising on
the first one, so that an editor sees every mistake of every file in one run.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one file, at one line, in French."""

    path: str
    line: int
    message: str
    suggestion: str | None = None
    warning: bool = False

    def format(self) -> str:
        """Render as `path:line: message — vouliez-vous dire « x » ?`."""
        text = f"{self.path}:{self.line}: "
        if self.warning:
            text += "avertissement : "
        text += self.message
        if self.suggestion:
            text += f" — vouliez-vous dire « {self.suggestion} » ?"
        return text


class BuildError(Exception):
    """Raised at the edge when loading found errors; carries all of them."""

    def __init__(self, errors: Iterable[ContentError], first: Iterable[str] = ()):
        causes = set(first)  # files that failed to load: their errors come before the ones they cause
        self.errors = sorted(errors, key=lambda e: (e.path not in causes, e))
        super().__init__("\n".join(e.format() for e in self.errors))


def _fold(text: str) -> str:
    """A value as the editor probably meant it: no accents, lower case, no « .md », dashes for spaces."""
    folded = unicodedata.normalize("NFKD", text.strip()).encode("ascii", "ignore").decode().lower()
    folded = re.sub(r"\.(md|markdown|txt)$", "", folded)
    return re.sub(r"[^a-z0-9+]+", "-", folded).strip("-")


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest existing value to a mistyped one, if any is close enough; never an empty one.

    The typed value is first folded (accents, capitals, a « .md » ending):
    `CAP` → `cap`, `aide-a-domicile.md` → `aide-a-domicile`; a suggestion is
    always one of `choices`.
    """
    options = sorted({c for c in choices if c})
    typed = str(word).strip()
    if not typed or not options:
        return None
    folded = _fold(typed)
    if folded in options and folded != typed:
        return folded
    for candidate in dict.fromkeys((typed, folded)):
        matches = difflib.get_close_matches(candidate, options, n=1, cutoff=0.6)
        if matches:
            return matches[0]
    # "forum-des-metiers" → "forum": a known value contained in what was typed, or the reverse.
    if len(folded) < 3:
        return None
    contained = [c for c in options if len(c) >= 4 and (c in folded or folded in c)]
    return max(contained, key=len) if contained else None


SLUG_SHAPE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def unknown_reference(path: str, line: int, kind: str, value: str, known: Iterable[str]) -> ContentError:
    """A file names a métier or a certification that does not exist: say so, with an existing one to use."""
    feminine = kind == "certification"
    folder = "content/formations/" if feminine else "content/metiers/"
    close = suggest(value, known)
    if not value.strip():
        return ContentError(path, line, f"nom de {kind} vide : écrivez le nom d'un fichier de {folder}, sans .md")
    if not SLUG_SHAPE.match(value):
        return ContentError(
            path,
            line,
            f"« {value} » n'est pas un nom de {kind} : écrivez le nom d'un fichier de {folder}, "
            "sans .md, en minuscules sans accents ni espaces",
            close,
        )
    return ContentError(path, line, f"{kind} « {value} » {'inconnue' if feminine else 'inconnu'}", close)


def display_path(path: Path, root: Path) -> str:
    """A path as the editor knows it: relative to the site's source folder."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
