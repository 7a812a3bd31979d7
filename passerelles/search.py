"""Full-text search: a Pagefind index built over the finished site.

Pagefind (a static search engine, run once at build time) reads the HTML of
every page marked `data-pagefind-body`, stems French words, and writes a
small index that the browser loads in fragments: no server and no
third-party service. It runs inside the staging folder, before the swap.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from .errors import BuildError, ContentError


def index_search(folder: Path) -> None:
    """Write the search index into `folder/pagefind/`; fail the build if Pagefind fails."""
    start_index(folder)()


def start_index(folder: Path) -> Callable[[], None]:
    """Start Pagefind on the pages of `folder`; the function returned waits for it and fails the build if it failed.

    The pages must all be written: the other files may be written while it runs (writer.write_site).
    """
    command = [sys.executable, "-m", "pagefind", "--site", str(folder), "--silent"]
    try:
        running = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as exc:
        raise _failed(str(exc)) from exc

    def wait() -> None:
        try:
            out, err = running.communicate(timeout=300)
        except subprocess.TimeoutExpired as exc:
            running.kill()
            running.communicate()
            raise _failed(str(exc)) from exc
        if running.returncode != 0:
            detail = (err or out).strip().splitlines()[-1:] or ["Pagefind est-il installé ?"]
            raise _failed(detail[0], ": ")

    return wait


def _failed(detail: str, sep: str = " (") -> BuildError:
    end = ")" if sep == " (" else ""
    return BuildError(
        [ContentError("pagefind", 1, f"l'index de recherche n'a pas pu être construit{sep}{detail}{end}")]
    )
