"""Content problems: where they are, what they are, how to fix them.

Every stage reports problems as `ContentError` values instead of raising on
the first one, so that an editor sees every mistake of every file in one run.
"""

from __future__ import annotations

import difflib
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

    def __init__(self, errors: Iterable[ContentError]):
        self.errors = sorted(errors)
        super().__init__("\n".join(e.format() for e in self.errors))


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest known value to a mistyped one, if any is close enough."""
    options = sorted(set(choices))
    matches = difflib.get_close_matches(str(word), options, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    # "forum-des-metiers" → "forum": a known value contained in what was typed, or the reverse.
    lowered = str(word).lower()
    contained = [c for c in options if len(c) >= 4 and (c in lowered or lowered in c)]
    return max(contained, key=len) if contained else None


def display_path(path: Path, root: Path) -> str:
    """A path as the editor knows it: relative to the site's source folder."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
