"""Full-text search: a Pagefind index built over the finished site.

Pagefind (a static search engine, run at build time) reads the HTML of
every page marked `data-pagefind-body`, stems French words, and writes a
small index that the browser loads in fragments: no server and no
third-party service. It writes the index inside the staging folder, before
the swap, and writes only the index files an edit changed: the others are
linked from the published index (searchreuse.py).

Its command line indexes every page once they are written. When a site was
published before, the command line starts Pagefind's service at once
(searchservice.py), which reads the published pages while the new ones are
rendered (`start_early`); once they are written, only the pages whose file
changed are given again, and those that are gone are given empty (Pagefind
then leaves them out), so that it ends with exactly the new site's pages,
in the order its command line would meet them (see `_catch_up`); otherwise
the command line runs after all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError, ContentError
from .searchreuse import Linked, link_previous, read_urls, settle
from .searchservice import MODEST_NICENESS, TIMEOUT_S, PagefindService, ServiceError, available, program

FOLDER = "pagefind"
EMPTY_PAGE = '<!DOCTYPE html><html lang="fr"><head><title></title></head><body></body></html>'


@dataclass
class Early:
    """A service reading the published site's pages while the build goes on."""

    service: PagefindService
    site: Path
    pages: list[str]


def html_pages(site: Path) -> list[str]:
    """The HTML pages of a site folder (its search index left out), in the order its folders list them."""
    found: list[str] = []

    def walk(folder: Path, rel: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:  # the file system's order, as Pagefind's own walk meets them
                path = f"{rel}{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    if path != FOLDER:
                        walk(Path(entry.path), path + "/")
                elif entry.name.endswith(".html"):
                    found.append(path)

    walk(site, "")
    return found


def start_early(published: Path | None) -> Early | None:
    """Start a service on the pages of the published site, if it has an index; None otherwise."""
    if published is None or not (published / FOLDER).is_dir() or not available():
        return None
    try:
        service = PagefindService(modest=True)
    except (OSError, ServiceError):
        return None
    try:
        service.add_folder(published)
        pages = html_pages(published)  # once Pagefind is at work: this walk is for `_catch_up`
    except (OSError, ServiceError):
        service.close()
        return None
    return Early(service, published, pages)


def index_search(folder: Path) -> None:
    """Write the search index into `folder/pagefind/`; fail the build if Pagefind fails."""
    start_index(folder)()


def start_index(folder: Path, previous: Path | None = None, early: Early | None = None) -> Callable[[], None]:
    """Start indexing the pages of `folder`; the function returned waits for the index and fails the build if
    it could not be made.

    The pages must all be written: the other files may be written while it
    runs (writer.write_site). `previous` is the published site, whose index
    files an unchanged page or word list still uses (searchreuse.py);
    `early`, a service started on its pages (`start_early`).
    """
    return start_pagefind(folder, folder / FOLDER, previous / FOLDER if previous is not None else None, early)


def start_pagefind(
    site: Path, index: Path, previous: Path | None = None, early: Early | None = None, modest: bool = False
) -> Callable[[], None]:
    """Index the pages of `site` into `index`, reusing the files of the index in `previous` and `early`'s work.

    `modest`: Pagefind runs at a lower priority (the preview's index, made in the background: the next
    rebuild goes first)."""
    linked = link_previous(previous, index) if previous is not None else Linked()  # before anything is written
    caught = _catch_up(early, site, index) if early is not None else None
    service: PagefindService | CommandLine = caught if caught is not None else _fresh(site, index, modest)

    def wait() -> None:
        known = read_urls(index, linked) if linked.paths else linked  # while Pagefind works, not after
        try:
            service.results()
        except ServiceError as exc:
            service.close()
            if early is None:
                raise _failed(str(exc)) from exc
            _remake(site, index, modest)  # what the early service knew may be wrong: from nothing
            return
        service.close()
        if linked.paths and not settle(index, known, site):
            _remake(site, index, modest)  # a reused file may not belong: index every page again, from nothing

    return wait


def _catch_up(early: Early, site: Path, index: Path) -> PagefindService | None:
    """Give the early service what changed since the published pages; None if it cannot be brought level.

    Pagefind numbers pages in the order it meets them. The early service met
    the published pages in their folders' order; a build from nothing meets
    the new pages in theirs. Given again in place, changed pages keep their
    number; pages gone are given empty, which Pagefind leaves out. So both
    agree when the new site has no page of its own and its folders list the
    pages they share in the same order: checked, never assumed.
    """
    try:
        pages = html_pages(site)
    except OSError:
        pages = []
    kept, before = set(pages), set(early.pages)
    if not pages or not kept <= before or [p for p in early.pages if p in kept] != pages:
        early.service.close()
        return None
    try:
        for rel in sorted(before - kept):
            early.service.add(rel, EMPTY_PAGE)
        changed = [rel for rel in pages if not _same_file(site / rel, early.site / rel)]
        if len(changed) * 3 > len(pages):  # given one by one, many pages take longer than all read afresh
            early.service.close()
            return None
        early.service.feed(site, changed, write=index)
    except (OSError, ServiceError):
        early.service.close()
        return None
    return early.service


def _same_file(a: Path, b: Path) -> bool:
    """The same file (a hard link of the published page): what the early service read is this page."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _fresh(site: Path, index: Path, modest: bool = False) -> CommandLine:
    """Pagefind's command line over every page: what the early service reaches, page for page (tested)."""
    return CommandLine(site, index, modest)


class CommandLine:
    """Pagefind's command line: the same walk, hence the same index, as a service's `add_folder`.

    It is used whenever there is no early service to bring level: it ends
    only once every file is written, and holds less memory than a service.
    """

    def __init__(self, site: Path, index: Path, modest: bool = False) -> None:
        """`modest`: at a lower priority, through the `nice` program where there is one (set before Pagefind
        starts, so that every thread it makes has it too)."""
        command = [*program(), "--site", str(site), "--output-path", str(index), "--silent"]
        nice = shutil.which("nice") if modest else None
        if nice is not None:
            command = [nice, "-n", str(MODEST_NICENESS), *command]
        try:
            self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        except OSError as exc:
            raise _failed(f"{exc}; Pagefind est-il installé ?") from exc

    def results(self) -> None:
        try:
            out, err = self.process.communicate(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            self.close()
            raise ServiceError(str(exc)) from exc
        if self.process.returncode != 0:
            raise ServiceError(((err or out).strip().splitlines() or ["Pagefind est-il installé ?"])[-1])

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


def _remake(site: Path, index: Path, modest: bool = False) -> None:
    shutil.rmtree(index, ignore_errors=True)
    service = _fresh(site, index, modest)
    try:
        service.results()
    except ServiceError as exc:
        raise _failed(str(exc)) from exc
    finally:
        service.close()


def _failed(detail: str, sep: str = " (") -> BuildError:
    end = ")" if sep == " (" else ""
    return BuildError(
        [ContentError("pagefind", 1, f"l'index de recherche n'a pas pu être construit{sep}{detail}{end}")]
    )
