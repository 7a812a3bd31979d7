"""A file that fails to load is the cause; the files that name it are not flooded.

When a métier or a certification cannot be read (broken YAML, a file saved
in Windows-1252, an unclosed header, a capital in its name), every file that
names it would otherwise get its own « métier inconnu » error, sorted before
the real cause. Instead the failed file's slug counts as known for the
reference checks, its first error says how many files wait for it, and the
errors of failed files are listed first.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from .errors import ContentError
from .models import Certification, Entry, Evenement, Metier, Temoignage

Failed = Mapping[tuple[str, str], str]  # (collection, slug it would have) → its path
SHOWN = 5  # names listed before « et N autres »


def references(entry: Entry) -> Iterator[tuple[str, str]]:
    """Every (collection, slug) an entry names: métiers and certifications."""
    if isinstance(entry, Metier):
        yield from (("metiers", e.metier) for e in entry.evolutions)
        yield from (("formations", slug) for slug in entry.certifications)
        if entry.experience_requise is not None:
            yield from (("metiers", slug) for slug in entry.experience_requise.metiers)
    elif isinstance(entry, Temoignage):
        yield "metiers", entry.metier
    elif isinstance(entry, Evenement):
        yield from (("metiers", slug) for slug in entry.metiers)
    elif isinstance(entry, Certification):
        for condition in entry.conditions:
            if condition.diplome_requis is not None:
                yield from (("formations", slug) for slug in condition.diplome_requis.certifications)
            if condition.experience is not None:
                yield from (("metiers", slug) for slug in condition.experience.metiers)
        yield from (("formations", a.depuis) for a in entry.allegements)


def slugs_of(failed: Failed, collection: str) -> set[str]:
    """The slugs of one collection's failed files, to count as known by the reference checks."""
    return {slug for (kind, slug) in failed if kind == collection}


def _names(paths: Sequence[str]) -> str:
    shown = ", ".join(paths[:SHOWN])
    more = len(paths) - SHOWN
    return shown + (f" et {more} autre{'s' if more > 1 else ''}" if more > 0 else "")


def note_dependants(errors: Sequence[ContentError], failed: Failed, entries: Sequence[Entry]) -> list[ContentError]:
    """The errors, each failed file's first error saying which files wait for its correction."""
    waiting: dict[str, set[str]] = {}
    for entry in entries:
        for target in references(entry):
            if target in failed and failed[target] != entry.source:
                waiting.setdefault(failed[target], set()).add(entry.source)
    out: list[ContentError] = []
    for error in sorted(errors):
        dependants = sorted(waiting.pop(error.path, ())) if not error.warning else []
        if len(dependants) == 1:
            error = replace(
                error, message=f"{error.message} (1 fichier y renvoie et attend sa correction : {dependants[0]})"
            )
        elif dependants:
            error = replace(
                error,
                message=f"{error.message} ({len(dependants)} fichiers y renvoient et attendent sa correction : "
                f"{_names(dependants)})",
            )
        out.append(error)
    return out
