"""Full-text search: a Pagefind index built over the finished site.

Pagefind (a static search engine, run once at build time) reads the HTML of
every page marked `data-pagefind-body`, stems French words, and writes a
small index that the browser loads in fragments: no server and no
third-party service. It runs inside the staging folder, before the swap.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .errors import BuildError, ContentError


def index_search(folder: Path) -> None:
    """Write the search index into `folder/pagefind/`; fail the build if Pagefind fails."""
    command = [sys.executable, "-m", "pagefind", "--site", str(folder), "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        message = f"l'index de recherche n'a pas pu être construit ({exc})"
        raise BuildError([ContentError("pagefind", 1, message)]) from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["Pagefind est-il installé ?"]
        raise BuildError([ContentError("pagefind", 1, f"l'index de recherche n'a pas pu être construit : {detail[0]}")])
