"""Containment: what is read comes from the source, what is written lands in the output.

Two pure checks used at every edge. `inside` follows symbolic links before
judging, so `static/x -> /etc/passwd` is outside however it is spelled;
`output_path` normalises a path the site will write and refuses anything
that could climb out of the output folder or replace another page.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

_SEGMENT = re.compile(r"^[A-Za-z0-9_~+-][A-Za-z0-9._~+-]*$")
REFUSED_LINK = "lien symbolique vers un fichier hors du dossier source : refusé (copiez le fichier dans le projet)"


def inside(root: Path, path: Path) -> bool:
    """Whether `path`, once every symbolic link is resolved, lies within `root`."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop
        return False


def unlinked(root: Path, *parts: str) -> Path | None:
    """`root/parts…` when none of `parts` is a symbolic link, else None: a folder the build writes and
    deletes in (its cache) must not be sent elsewhere by a link committed in its place."""
    path = root
    for part in parts:
        path = path / part
        if path.is_symlink():
            return None
    return path


def output_path(path: str) -> str | None:
    """A relative output path with only plain segments, or None if it is unsafe.

    No absolute path, no empty, `.` or `..` segment, no backslash, control
    character or hidden file: `metiers/../index.html` is refused rather than
    quietly becoming the home page.
    """
    if not path or path.startswith("/") or "\\" in path:
        return None
    segments = path.split("/")
    if any(not _SEGMENT.match(segment) for segment in segments):
        return None
    normal = posixpath.normpath(path)
    return normal if normal == path else None


def contained_name(folder: str, rel: str, proven: set[str] | None = None) -> str:
    """The path of the file `rel` inside the folder named `folder`, proven to stay inside; ValueError otherwise.

    `proven` remembers the sub-folders already resolved inside `folder`, so that a writer putting
    thousands of files in a few hundred folders resolves each folder once; the file itself is still
    refused if it is a symbolic link leading out. Names, not `Path`s: a build writes thousands of files.
    """
    safe = output_path(rel)
    if not safe:
        raise ValueError(f"chemin de sortie refusé : {rel!r}")
    target = folder + os.sep + safe.replace("/", os.sep)
    parent = target.rpartition(os.sep)[0]
    if proven is None or parent not in proven:
        # A folder that is no link, in a folder already proven, is proven too (one lstat, not a realpath walk).
        known = (
            proven is not None
            and parent.rpartition(os.sep)[0] in proven
            and parent != folder
            and not os.path.islink(parent)
        )
        if not known and not _resolves_inside(parent, folder):
            raise ValueError(f"chemin de sortie refusé : {rel!r}")
        if proven is not None:
            proven.add(parent)
    if os.path.islink(target) and not _resolves_inside(target, folder):
        raise ValueError(f"chemin de sortie refusé : {rel!r}")
    return target


def _resolves_inside(path: str, folder: str) -> bool:
    return Path(path).resolve().is_relative_to(Path(folder).resolve())
