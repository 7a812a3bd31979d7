"""Atomic output: write the whole site beside the output folder, then switch.

A failed build leaves the previous site exactly as it was. The writer only
ever deletes a folder it made itself or one that carries its marker file, so
`--output ~` cannot wipe a home folder. The output is a symbolic link to the
folder of the last build (see switch.py).
"""

from __future__ import annotations

import filecmp
import os
import shutil
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePosixPath

from .errors import BuildError, ContentError, display_path
from .parallel import can_fork
from .paths import REFUSED_LINK, contained_name, inside
from .switch import (
    LOCK_NAME,
    build_lock,
    current_target,
    empty_files,
    publish,
    remove_leftovers,
    sibling_prefix,
    take_spare,
)

MARKER = ".passerelles-build"
SEARCH_FOLDER = "pagefind"  # written by the search index: never made in advance


def collect_static(static_dirs: list[Path], source: Path | None = None) -> dict[str, Path]:
    """Static files by output path; a later folder (the source's own) overrides earlier ones.

    A symbolic link in the source's folder must resolve inside `source`:
    `static/x -> /etc/passwd` is refused rather than published.
    """
    found: dict[str, Path] = {}
    errors: list[ContentError] = []
    for folder in static_dirs:
        if not folder.is_dir():
            continue
        allowed = source if source is not None and folder.absolute().is_relative_to(source.absolute()) else folder
        for path in _walk(folder, allowed):
            if not inside(allowed, path):
                errors.append(ContentError(display_path(path, source or folder), 1, REFUSED_LINK))
            elif path.is_file():
                found[path.relative_to(folder).as_posix()] = path
    if errors:
        raise BuildError(errors)
    return found


def _walk(folder: Path, allowed: Path) -> list[Path]:
    """Every visible file below `folder`, sorted; links to folders are listed, not entered, when outside."""
    entries: list[Path] = []
    seen: set[str] = set()
    for current, dirs, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(current)
        if real in seen:  # a link loop, or the same folder reached twice
            dirs[:] = []
            continue
        seen.add(real)
        base = Path(current)
        outside = [d for d in dirs if (base / d).is_symlink() and not inside(allowed, base / d)]
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in outside)
        entries += [base / d for d in outside] + [base / n for n in names if not n.startswith(".")]
    return sorted(entries)


def check_output(output: Path, source: Path) -> None:
    """Refuse an output folder that the build must not replace.

    `output` may be our own link to a `.<name>-<id>/` folder (see switch.py),
    a folder carrying our marker (an older build), an empty folder or nothing.
    """
    resolved, source = output.resolve(), source.resolve()
    problems = []
    if resolved == source or resolved in source.parents or output.absolute() in source.parents:
        problems.append("le dossier de sortie contient les sources ; choisissez un autre dossier")
    elif output.is_symlink() and current_target(output.absolute()) is None:
        problems.append(
            "le dossier de sortie est un lien qui n'a pas été créé par Passerelles ; choisissez un autre dossier"
        )
    elif output.exists() and (not output.is_dir() or (any(output.iterdir()) and not (output / MARKER).exists())):
        problems.append(
            "le dossier de sortie existe et n'a pas été créé par Passerelles ; videz-le ou choisissez un autre dossier"
        )
    if problems:
        raise BuildError([ContentError(str(output), 1, p) for p in problems])


class NextFolder:
    """The preview's next output folder, made in a thread while the editor types.

    Making a site's hundreds of folders is a good part of writing it. Once
    a rebuild is published, the folders the next one will most likely need
    (this one's) are made in a new, empty output folder, which the next
    write takes instead of making its own: it only adds the folders that
    are new and removes the ones left empty. Nothing else is ever in it.
    """

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self._made: tuple[Path, set[Path]] | None = None

    def start(self, output: Path, rels: Iterable[str]) -> None:
        """Make, in a thread, a folder next to `output` with the marker and the parent folder of each file."""
        self.wait()
        folders = sorted({PurePosixPath(rel).parent for rel in rels})

        def make() -> None:
            try:
                folder = Path(tempfile.mkdtemp(prefix=sibling_prefix(output), dir=output.parent))
            except OSError:
                return
            made = {folder}
            try:
                _mark(folder)
                for rel in folders:
                    (folder / rel).mkdir(parents=True, exist_ok=True)
                    made.update(folder.joinpath(*rel.parts[: depth + 1]) for depth in range(len(rel.parts)))
            except OSError:  # a full disk...: the next write makes its own folder
                shutil.rmtree(folder, ignore_errors=True)
            else:
                self._made = folder, made

        self._thread = threading.Thread(target=make, daemon=True)
        self._thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    @property
    def folder(self) -> Path | None:
        """The folder made for the next write, once made; None if there is none."""
        self.wait()
        return self._made[0] if self._made is not None else None

    def take(self) -> tuple[Path, set[Path]] | None:
        """The folder made (once), with the folders in it; None if there is none."""
        self.wait()
        made, self._made = self._made, None
        return made if made is not None and (made[0] / MARKER).is_file() else None


class FolderAhead(NextFolder):
    """A command-line build's output folder, its folders made by a forked copy while the site loads.

    A build's folders are most likely those of the published site (hundreds of `mkdir`, a good part
    of writing a rebuilt site). At the start of the build a copy of this process (not a thread: the
    build later forks its own copies, which threads would forbid, see parallel.py) makes a new
    output folder with the marker and every folder of the published site, while this process loads
    and renders; the write then takes it like the preview's (adding the folders that are new,
    removing those left empty). Once per build; nothing where the process cannot fork, or when the
    copy fails (the write makes its own folder then).
    """

    def __init__(self) -> None:
        super().__init__()
        self._pid: int | None = None
        self._folder: Path | None = None
        self._started = False

    def start(self, output: Path, rels: Iterable[str] = ()) -> None:
        """Start making the folder (once: the call the write makes after publishing does nothing)."""
        if self._started:
            return
        self._started = True
        previous = published_folder(output)
        if previous is None or not can_fork():
            return
        try:
            self._folder = Path(tempfile.mkdtemp(prefix=sibling_prefix(output), dir=output.parent))
            recycled = take_spare(output, self._folder, MARKER)  # the folders of the site before, emptied (switch.py)
            _mark(self._folder)
        except OSError:
            return
        try:
            pid = os.fork()
        except OSError:  # no process left to make (a limit reached): the write makes its own folder
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
            return
        if pid == 0:  # the copy: make the folders, then leave without running anything of this process
            status = 0
            try:
                if recycled:  # emptied already, unless that was cut short: nothing of it may reach the new site
                    _empty(self._folder)
                for current, dirs, _ in os.walk(previous):
                    rel = Path(current).relative_to(previous)
                    dirs[:] = [d for d in dirs if not (rel == Path(".") and d == SEARCH_FOLDER)]
                    for name in dirs:
                        (self._folder / rel / name).mkdir(exist_ok=True)
            except BaseException:
                status = 1
            os._exit(status)
        self._pid = pid

    def wait(self) -> None:
        if self._pid is None or self._folder is None:
            return
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if os.waitstatus_to_exitcode(status) != 0:
            shutil.rmtree(self._folder, ignore_errors=True)
            return
        made = {Path(current) for current, _, _ in os.walk(self._folder)}
        self._made = self._folder, made

    def discard(self) -> None:
        """Remove the folder if the write did not take it (a build that failed before writing)."""
        self.wait()
        taken = self.take()
        if taken is not None:
            shutil.rmtree(taken[0], ignore_errors=True)


def _empty(folder: Path) -> None:
    """A folder of a published site made ready for another build: its files, links and search index gone."""
    empty_files(folder, MARKER, SEARCH_FOLDER)


def _mark(folder: Path) -> None:
    (folder / MARKER).write_text(
        "Dossier produit par Passerelles : il est remplacé à chaque construction.\n", encoding="utf-8"
    )


def write_site(
    output: Path,
    files: Mapping[str, bytes],
    static: Mapping[str, Path],
    finalize: Callable[[Path, Path | None], Callable[[], None] | None] | None = None,
    keep: str | None = None,
    background: bool = False,
    detach: bool = False,
    next_folder: NextFolder | None = None,
    later: Callable[[], Mapping[str, bytes]] | None = None,
) -> int:
    """Write every file into a fresh folder next to `output`, run `finalize` on it, then switch `output` to it.

    The HTML pages are written first: `finalize` (the search index) starts
    on them, given the published folder too (or None), and may return a function that waits for it to end, called
    once the other files are written (and before the switch, or when
    writing them fails).
    One build at a time per output (a lock), leftovers of killed builds
    removed first, and the switch itself is a single rename (switch.py).
    A file whose bytes are those of the published site is hard-linked from it
    rather than written again (see `Reuse`). When no HTML page changed and
    the published site has the folder `keep` (`pagefind/`, which `finalize`
    makes from the pages), that folder is linked over and `finalize` skipped.
    `background` removes the previous site in a thread, `detach` in a process
    of its own (see switch.publish).
    `next_folder` (the preview's) gives the folder made for this write,
    and makes the next one once this one is published. `later` makes more
    files (images) while `finalize` works on the pages. Returns how many
    files `later` made.
    """
    output = output.absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(output):
        made = next_folder.take() if next_folder is not None else None
        remove_leftovers(output, MARKER, keep=made[0] if made is not None else None)
        if made is None:
            made = Path(tempfile.mkdtemp(prefix=sibling_prefix(output), dir=output.parent)), set()
            _mark(made[0])
        folder = made[0]
        try:
            reuse = Reuse(published_folder(output), folder, made[1])
            pages = (rel for rel in static if rel.endswith(".html")), (rel for rel in files if rel.endswith(".html"))
            others = (
                (rel for rel in static if not rel.endswith(".html")),
                (rel for rel in files if not rel.endswith(".html")),
            )
            _write(reuse, static, files, *pages)
            waiting = None
            if keep is not None and reuse.same_pages(keep):
                reuse.link_tree(keep)
            elif finalize is not None:
                waiting = finalize(folder, reuse.previous)  # may work on the pages while the other files are written
            extra: Mapping[str, bytes] = {}
            try:
                _write(reuse, static, files, *others)
                extra = later() if later is not None else {}
                _write(reuse, static, extra, (), extra)
            finally:
                if waiting is not None:
                    waiting()
            _remove_unused(reuse.unused(), folder)
            os.chmod(folder, 0o755)
            publish(folder, output, background, detach, _empty)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        if next_folder is not None:
            next_folder.start(output, (*static, *files, *extra))
    return len(extra)


def _remove_unused(folders: set[Path], top: Path) -> None:
    """Folders made in advance that no file of this build needed (empty: only folders were made)."""
    for folder in sorted(folders - {top}, key=lambda path: len(path.parts), reverse=True):
        folder.rmdir()


def _write(
    reuse: Reuse, static: Mapping[str, Path], files: Mapping[str, bytes], copied: Iterable[str], written: Iterable[str]
) -> None:
    for rel in copied:
        reuse.copy(rel, static[rel])
    for rel in written:
        reuse.write(rel, files[rel])


def published_folder(output: Path) -> Path | None:
    """The folder of the site now published at `output` (our link's target, or an older real folder)."""
    target = current_target(output)
    if target is not None and (target / MARKER).is_file():
        return target
    if not output.is_symlink() and (output / MARKER).is_file():
        return output
    return None


class Reuse:
    """Writes a new site's files, hard-linking those whose bytes the published site already has.

    Linking costs one metadata operation where writing costs a new inode and
    its data; a link that fails (another file system, no links) falls back to
    writing. The published folder is only read, so it stays valid until the switch.
    Paths are handled as names (`str`), not `Path`s: a build writes thousands of files.
    """

    def __init__(self, previous: Path | None, folder: Path, made: set[Path] | None = None) -> None:
        self.previous, self.folder = previous, folder
        self.changed_pages = 0
        self.pages = 0
        self._previous = os.fspath(previous) if previous is not None else None
        self._folder = os.fspath(folder)
        self.existing = {os.fspath(path) for path in made or ()}  # folders made in advance (NextFolder)
        self.made: set[str] = {self._folder}  # folders this build's files are in, and their parents
        self.proven: set[str] = set()  # folders proven inside the new site: each one resolved once

    def unused(self) -> set[Path]:
        """Folders made in advance that no file needed."""
        return {Path(name) for name in self.existing - self.made}

    def _target(self, rel: str) -> str:
        target = contained_name(self._folder, rel, self.proven)
        if target in self.existing:  # a folder of the last build, a file in this one: only folders are in it
            shutil.rmtree(target)
            inner = target + os.sep
            self.existing = {name for name in self.existing if name != target and not name.startswith(inner)}
        parent = target.rpartition(os.sep)[0]
        if parent not in self.made:
            if parent not in self.existing:
                os.makedirs(parent, exist_ok=True)
            while parent not in self.made:  # the folder and its parents up to one known (at worst the site's)
                self.made.add(parent)
                parent = parent.rpartition(os.sep)[0]
        return target

    def _link(self, rel: str, target: str, same: Callable[[str, os.stat_result], bool]) -> bool:
        if self._previous is None:
            return False
        old = self._previous + os.sep + rel.replace("/", os.sep)
        try:
            found = os.lstat(old)  # one call: a link or anything but a plain file is never reused
            if not stat.S_ISREG(found.st_mode) or not same(old, found):
                return False
            os.link(old, target)
        except OSError:
            return False
        return True

    def write(self, rel: str, data: bytes) -> None:
        target = self._target(rel)
        page = rel.endswith(".html")
        self.pages += page
        if not self._link(rel, target, lambda old, found: found.st_size == len(data) and _read(old) == data):
            self.changed_pages += page
            with open(target, "wb") as stream:
                stream.write(data)

    def copy(self, rel: str, src: Path) -> None:
        target = self._target(rel)
        page = rel.endswith(".html")
        self.pages += page
        if not self._link(rel, target, lambda old, _: filecmp.cmp(src, old, shallow=False)):
            self.changed_pages += page
            shutil.copyfile(src, target)

    def same_pages(self, keep: str) -> bool:
        """No page added, changed or removed since the published site, which has `keep`."""
        if self.previous is None or self.changed_pages or not (self.previous / keep).is_dir():
            return False
        published = sum(
            name.endswith(".html")
            for current, dirs, names in os.walk(self.previous)
            if not Path(current).relative_to(self.previous).parts[:1] == (keep,)
            for name in names
        )
        return published == self.pages

    def link_tree(self, keep: str) -> None:
        """Hard links (copies where linking fails) of the published `keep/` folder."""
        assert self.previous is not None
        shutil.copytree(self.previous / keep, self.folder / keep, copy_function=_link_or_copy)


def _read(name: str) -> bytes:
    with open(name, "rb") as stream:
        return stream.read()


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def remove_output(output: Path) -> None:
    """Remove a published output entirely (the preview server's, on exit): link, folder, lock."""
    output = output.absolute()
    target = current_target(output)
    if target is not None:
        output.unlink()
        shutil.rmtree(target, ignore_errors=True)
    elif output.is_dir() and (output / MARKER).is_file():
        shutil.rmtree(output, ignore_errors=True)
    remove_leftovers(output, MARKER, spare=False)
    (output.parent / f"{sibling_prefix(output)}{LOCK_NAME}").unlink(missing_ok=True)
