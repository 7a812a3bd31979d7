"""Facts that do not rot, invented content that does not leak.

Rules that need the build date or the site's settings, so they run once
everything is loaded: a fiche whose facts were last checked more than a year
ago, a salary older than last year (warnings), and illustrative content on a
site that is not a demonstration (errors, one per file).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from .errors import ContentError
from .labels import date_fr
from .models import Entry, Metier, Salaire

Lines = Mapping[str, Mapping[tuple[str | int, ...], int]]


def _line(lines: Lines, entry: Entry, *keys: str | int) -> int:
    """The line of a key in a file, or of its nearest parent key, or 1."""
    known = lines.get(entry.source, {})
    while keys and keys not in known:
        keys = keys[:-1]
    return known.get(keys, 1) if keys else 1


def a_year_before(day: dt.date) -> dt.date:
    """The same day one year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def oldest_current_year(build_date: dt.date) -> int:
    """A figure from this year or later is current; older ones are shown as dated."""
    return build_date.year - 1


def stale_facts(metiers: Iterable[Metier], build_date: dt.date, lines: Lines) -> list[ContentError]:
    """Warnings for fiches checked too long ago (or never) and for old salary figures."""
    warnings: list[ContentError] = []
    limit = a_year_before(build_date)
    current = oldest_current_year(build_date)
    for metier in metiers:
        if metier.verifie_le is None:
            warnings.append(
                ContentError(
                    metier.source,
                    1,
                    "date de vérification manquante : vérifiez les faits de la fiche puis ajoutez "
                    "« verifie_le: AAAA-MM-JJ »",
                    warning=True,
                )
            )
        elif metier.verifie_le < limit:
            warnings.append(
                ContentError(
                    metier.source,
                    _line(lines, metier, "verifie_le"),
                    f"faits vérifiés le {date_fr(metier.verifie_le)}, il y a plus de 12 mois : "
                    "revérifiez-les puis mettez à jour « verifie_le »",
                    warning=True,
                )
            )
        pay: list[tuple[tuple[str | int, ...], Salaire]] = [(("salaire",), metier.salaire)] if metier.salaire else []
        pay += [(("salaires", i), s) for i, s in enumerate(metier.salaires)]
        for keys, salaire in pay:
            if salaire.annee < current:
                warnings.append(
                    ContentError(
                        metier.source,
                        _line(lines, metier, *keys, "annee"),
                        f"salaire de {salaire.annee}, antérieur à {current} : cherchez un chiffre récent "
                        "et sa source (la fiche le présente comme un chiffre ancien)",
                        warning=True,
                    )
                )
    return warnings


def illustrative_content(entries: Iterable[Entry], lines: Lines) -> list[ContentError]:
    """One error per illustrative file, for a site that is not a demonstration."""
    return [
        ContentError(
            entry.source,
            _line(lines, entry, "illustratif"),
            "contenu illustratif (inventé pour la démonstration) sur un site réel (« demonstration: false » dans "
            "site.yaml) : remplacez-le par du contenu vérifié puis retirez « illustratif », ou supprimez le fichier",
        )
        for entry in entries
        if entry.illustratif
    ]
