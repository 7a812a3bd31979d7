"""Full-text search: a Pagefind index built over the finished site.

Pagefind (a static search engine, run once at build time) reads the HTML of
every page marked `data-pagefind-body`, stems French words, and writes a
small index that the browser loads in fragments: no server and no
third-party service. It runs inside the staging folder, before the swap,
and writes only the index files an edit changed (searchreuse.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from .errors import BuildError, ContentError
from .searchreuse import Linked, link_previous, settle


def index_search(folder: Path) -> None:
    """Write the search index into `folder/pagefind/`; fail the build if Pagefind fails."""
    start_index(folder)()


def start_index(folder: Path, previous: Path | None = None) -> Callable[[], None]:
    """Start Pagefind on the pages of `folder`; the function returned waits for it and fails the build if it failed.

    The pages must all be written: the other files may be written while it
    runs (writer.write_site). `previous` is the published site, whose index
    files an unchanged page or word list still uses (searchreuse.py).
    """
    return start_pagefind(folder, folder / "pagefind", previous / "pagefind" if previous is not None else None)


def start_pagefind(site: Path, index: Path, previous: Path | None = None) -> Callable[[], None]:
    """Pagefind on `site`, its index written into `index`, reusing what it can of the index in `previous`."""
    linked = link_previous(previous, index) if previous is not None else Linked()
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    if index != site / "pagefind":
        command += ["--output-path", str(index)]
    running = _launch(command)

    def wait() -> None:
        _finish(running)
        if linked.paths and not settle(index, linked, site):
            shutil.rmtree(index)  # a reused file may not belong: index every page again, from nothing
            _finish(_launch(command))

    return wait


def _launch(command: list[str]) -> subprocess.Popen[str]:
    try:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as exc:
        raise _failed(str(exc)) from exc


def _finish(running: subprocess.Popen[str]) -> None:
    try:
        out, err = running.communicate(timeout=300)
    except subprocess.TimeoutExpired as exc:
        running.kill()
        running.communicate()
        raise _failed(str(exc)) from exc
    if running.returncode != 0:
        detail = (err or out).strip().splitlines()[-1:] or ["Pagefind est-il installé ?"]
        raise _failed(detail[0], ": ")


def _failed(detail: str, sep: str = " (") -> BuildError:
    end = ")" if sep == " (" else ""
    return BuildError(
        [ContentError("pagefind", 1, f"l'index de recherche n'a pas pu être construit{sep}{detail}{end}")]
    )
