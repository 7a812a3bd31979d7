"""Atomic output: write the whole site beside the output folder, then swap.

A failed build leaves the previous site exactly as it was. The writer only
ever deletes a folder it made itself or one that carries its marker file, so
`--output ~` cannot wipe a home folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from .errors import BuildError, ContentError, display_path
from .paths import REFUSED_LINK, contained, inside

MARKER = ".passerelles-build"


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
    """Refuse an output folder that the build must not replace."""
    output, source = output.resolve(), source.resolve()
    problems = []
    if output == source or output in source.parents:
        problems.append("le dossier de sortie contient les sources ; choisissez un autre dossier")
    elif output.exists() and (not output.is_dir() or (any(output.iterdir()) and not (output / MARKER).exists())):
        problems.append(
            "le dossier de sortie existe et n'a pas été créé par Passerelles ; videz-le ou choisissez un autre dossier"
        )
    if problems:
        raise BuildError([ContentError(str(output), 1, p) for p in problems])


def write_site(
    output: Path, files: Mapping[str, bytes], static: Mapping[str, Path], finalize: Callable[[Path], None] | None = None
) -> None:
    """Write every file into a fresh folder next to `output`, run `finalize` on it, then swap it in."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    try:
        for rel, src in static.items():
            target = contained(staging, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
        for rel, data in files.items():
            target = contained(staging, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if finalize is not None:
            finalize(staging)
        (staging / MARKER).write_text("Dossier produit par Passerelles : il est remplacé à chaque construction.\n")
        os.chmod(staging, 0o755)
        swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def swap(staging: Path, output: Path) -> None:
    """Replace `output` by `staging` with two renames, then remove the old site."""
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
        os.rmdir(old)
        os.replace(output, old)
    os.replace(staging, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
