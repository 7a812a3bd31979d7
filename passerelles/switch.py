"""The published folder changes in one atomic step, one build at a time.

`site` is a symbolic link to a sibling folder `.site-<id>/`. A build writes
`.site-<new id>/`, makes a new link beside the old one and renames it over
`site`: rename(2) replaces a link atomically, so a visitor, a web server or an
rsync sees the old site or the new one, never a mix and never nothing. The
first switch from a real folder to a link uses renameat2(RENAME_EXCHANGE)
where Linux offers it.

Where symbolic links cannot be made (Windows without developer mode), `site`
stays a real folder, replaced by two renames: the old one moves aside, the
new one takes its name (a few milliseconds without a site, never a mix).

A lock file (`.site-verrou`) serialises builds of the same output, and every
build first removes what killed builds left behind: folders named
`.site-*` that carry the writer's marker, or are empty (or the `.site-new-*`
of the previous writer), and that the link does not point to.

The command line does not delete the previous site's folders: a process of
its own empties it of its files and keeps it as `.site-reserve`, which the
next build takes as its new folder (writer.FolderAhead). Making a folder
allocates an inode, and on a file system that has just freed thousands
(ext4) each one costs about half a millisecond of system time: a site has a
folder per page.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        handle.seek(0)  # msvcrt locks bytes from the current position: always the first one
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _lock(handle: IO[bytes]) -> None:
        while not _try_lock(handle):
            time.sleep(0.2)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle, fcntl.LOCK_EX)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle, fcntl.LOCK_UN)


AT_FDCWD = -100
RENAME_EXCHANGE = 2
LOCK_NAME = "verrou"
SPARE_NAME = "reserve"


def sibling_prefix(output: Path) -> str:
    """The name prefix of every folder and file a build makes next to `output`."""
    return f".{output.name}-"


@contextlib.contextmanager
def build_lock(output: Path) -> Iterator[None]:
    """Hold an exclusive lock on `output` for the whole write; a second build waits, saying so."""
    path = output.parent / f"{sibling_prefix(output)}{LOCK_NAME}"
    with open(path, "a+b") as handle:
        if not _try_lock(handle):
            print(
                f"Une autre construction écrit déjà dans {output} : attente de sa fin…",
                file=sys.stderr,
                flush=True,
            )
            _lock(handle)
        try:
            yield
        finally:
            _unlock(handle)


def spare_folder(output: Path) -> Path:
    """Where the previous site's folders wait, emptied of their files, for the next build (see the module)."""
    return output.parent / f"{sibling_prefix(output)}{SPARE_NAME}"


def take_spare(output: Path, folder: Path, marker: str) -> bool:
    """Put the spare folders in place of `folder` (an empty folder made for the build); False if there are none.

    Only a real folder that carries the writer's `marker`, one we provably made, is taken (its files are then
    removed)."""
    spare = spare_folder(output)
    if spare.is_symlink() or (spare / marker).is_symlink() or not (spare / marker).is_file():
        return False  # a link, or a marker that is one (writing the marker would write where it leads)
    try:
        os.rename(spare, folder)  # replaces an empty folder in one step (POSIX)
    except OSError:
        return False
    return True


def empty_files(folder: Path, keep: str, drop: str) -> None:
    """Remove every file and link inside `folder` but its file `keep` (a link by that name goes too), and its
    sub-folder `drop` whole."""
    top = os.fspath(folder)
    shutil.rmtree(os.path.join(top, drop), ignore_errors=True)
    for current, dirs, names in os.walk(top):
        for name in names:
            path = os.path.join(current, name)
            if not (current == top and name == keep and not os.path.islink(path)):
                os.unlink(path)
        for name in [d for d in dirs if os.path.islink(os.path.join(current, d))]:
            os.unlink(os.path.join(current, name))  # a link to a folder: never followed, never kept
            dirs.remove(name)


def current_target(output: Path) -> Path | None:
    """The folder `output` links to, if it is one of our links."""
    if output.is_symlink():
        target = Path(os.readlink(output))
        target = target if target.is_absolute() else output.parent / target
        if target.parent == output.parent and target.name.startswith(sibling_prefix(output)):
            return target
    return None


def remove_leftovers(output: Path, marker: str, keep: Path | None = None, spare: bool = True) -> list[Path]:
    """Delete what killed builds left next to `output`; only folders we provably made. The spare folders
    stay unless `spare` is False."""
    removed = []
    prefix = sibling_prefix(output)
    live = current_target(output)
    for candidate in sorted(output.parent.glob(f"{prefix}*")):
        if candidate in (live, keep) or candidate.name == f"{prefix}{LOCK_NAME}":
            continue
        if spare and candidate.name == f"{prefix}{SPARE_NAME}" and not candidate.is_symlink():
            continue
        if candidate.is_symlink():
            candidate.unlink()
            removed.append(candidate)
        elif candidate.is_dir() and (
            (candidate / marker).is_file()
            or not any(candidate.iterdir())
            or candidate.name.startswith((f"{prefix}new-", f"{prefix}old-"))  # left by the two-rename writer
        ):
            shutil.rmtree(candidate, ignore_errors=True)
            removed.append(candidate)
    return removed


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with renameat2(RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):  # no renameat2, or no C library by that name (Windows)
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def publish(
    folder: Path,
    output: Path,
    background: bool = False,
    detach: bool = False,
    recycle: Callable[[Path], None] | None = None,
) -> None:
    """Make `output` point to `folder` in one atomic step, then remove the previous site.

    `background` removes it in a thread (the preview server, which must not wait);
    `detach` in a process of its own that outlives this one (the command line,
    whose user need not wait for it), where processes can be forked; that
    process runs `recycle` on it instead (which empties it of its files), then
    keeps it as the spare folder (`spare_folder`), when given. Either way, if the
    removal stops first, the next build's `remove_leftovers` finishes the job.
    """
    previous = current_target(output)
    link = output.parent / f"{sibling_prefix(output)}lien-{folder.name.removeprefix(sibling_prefix(output))}"
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    try:
        link.symlink_to(folder.name)
    except OSError:  # no symbolic links here (Windows without developer mode): a real folder, two renames
        _replace_folder(folder, output, link.with_name(link.name + "-ancien"))
        return
    if output.is_dir() and not output.is_symlink():
        # First build since the output became a link: swap the real folder out, atomically if possible.
        if not _exchange(link, output):
            os.replace(output, link.with_name(link.name + "-ancien"))
            os.replace(link, output)
            shutil.rmtree(link.with_name(link.name + "-ancien"), ignore_errors=True)
            return
        shutil.rmtree(link, ignore_errors=True)  # `link` is now the old real folder
        return
    os.replace(link, output)
    if previous is not None and previous != folder:
        if background:
            threading.Thread(target=shutil.rmtree, args=(previous, True), daemon=True).start()
        elif not (detach and _remove_detached(previous, _keeper(previous, spare_folder(output), recycle))):
            shutil.rmtree(previous, ignore_errors=True)


def _keeper(folder: Path, spare: Path, recycle: Callable[[Path], None] | None) -> Callable[[], bool] | None:
    """What keeps `folder` as the spare (True once done), if there is a `recycle`."""
    if recycle is None:
        return None

    def keep() -> bool:
        try:
            recycle(folder)
            os.rename(folder, spare)  # fails, keeping the spare there, unless it is gone or empty
        except OSError:
            return False
        return True

    return keep


def _remove_detached(folder: Path, keep: Callable[[], bool] | None = None) -> bool:
    """Remove `folder` in a grandchild process, detached from this one's files and lock; False if not forked.
    With `keep`, the grandchild first tries that instead (and removes the folder if it fails)."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    try:
        child = os.fork()
    except OSError:
        return False
    if child == 0:  # pragma: no cover - runs in the forked processes
        try:
            if os.fork() == 0:
                os.setsid()
                quiet = os.open(os.devnull, os.O_RDWR)
                for stream in (0, 1, 2):  # whoever reads this process's output does not wait for the removal
                    os.dup2(quiet, stream)
                os.closerange(3, 65536)  # nor does the next build wait for the lock file
                if keep is None or not keep():
                    shutil.rmtree(folder, ignore_errors=True)
        finally:
            os._exit(0)
    os.waitpid(child, 0)  # the child exits at once: no zombie; the grandchild belongs to init
    return True


def _replace_folder(folder: Path, output: Path, aside: Path) -> None:
    """Put `folder` at `output`, a real folder: the old one moves aside, then is removed."""
    if output.is_symlink():
        output.unlink()
    elif output.exists():
        os.replace(output, aside)
    os.replace(folder, output)
    shutil.rmtree(aside, ignore_errors=True)
