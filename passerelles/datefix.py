"""Dates written the French way, explained and rewritten the way the site reads them.

Editors write `16/03/2027`, `mars 2027`, `12 mars 2027 à 14h30` or a date
that does not exist (`2027-02-30`). Instead of « illisible », say why and
give the ISO form to copy: `2027-03-16`, `2027-03-01` with
`precision_date: mois`, `"2027-03-12T14:30"`. Pure functions, no clock.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from typing import Any

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_TIME = r"(?:\s*(?:[t ,]|a)\s*(\d{1,2})\s*[:h]\s*(\d{2})?(?::\d{2})?)?"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + "$")
_DMY = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})" + _TIME + "$")
_YMD_SLASH = re.compile(r"^(\d{4})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{1,2})" + _TIME + "$")
_WORDS = re.compile(r"^(?:le\s+)?(?:[a-z]+di\s+)?(?:(\d{1,2})(?:er)?\s+)?([a-z]+)(?:\s+(\d{4}))?" + _TIME + "$")
_YEAR = re.compile(r"^(\d{4})$")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().strip()


_MONTH_NUMBERS = {_fold(name): i + 1 for i, name in enumerate(MONTHS)} | {"fevr": 2, "sept": 9, "dec": 12}


def _parts(raw: str) -> tuple[str, int | None, int | None, int | None, int | None, int | None] | None:
    """(shape, year, month, day, hour, minute) of a date-like text, whatever the order; None if unrecognised."""
    text = _fold(raw)

    def number(group: str | None) -> int | None:
        return int(group) if group else None

    for shape, pattern, order in (("iso", _ISO, (0, 1, 2)), ("jma", _DMY, (2, 1, 0)), ("iso", _YMD_SLASH, (0, 1, 2))):
        match = pattern.match(text)
        if match:
            y, m, d = (int(match.group(i + 1)) for i in order)
            return shape, y, m, d, number(match.group(4)), number(match.group(5))
    match = _WORDS.match(text)
    if match and match.group(2) in _MONTH_NUMBERS:
        day, year = number(match.group(1)), number(match.group(3))
        return "mots", year, _MONTH_NUMBERS[match.group(2)], day, number(match.group(4)), number(match.group(5))
    match = _YEAR.match(text)
    if match:
        return "annee", int(match.group(1)), None, None, None, None
    return None


def _impossible(year: int, month: int, day: int, hour: int | None, minute: int | None) -> str | None:
    """Why these numbers are no real date or time, in French; None if they are."""
    if not 1 <= month <= 12:
        return f"il n'y a pas de mois {month} (de 01 à 12)"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        named = "1er" if day == 1 else str(day)
        return f"le {named} {MONTHS[month - 1]} {year} n'existe pas ({MONTHS[month - 1]} {year} compte {last} jours)"
    if hour is not None and (hour > 23 or (minute or 0) > 59):
        return f"l'heure {hour:02d}:{minute or 0:02d} n'existe pas (de 00:00 à 23:59)"
    return None


def rewrite(value: Any, timed: bool = False) -> str | None:
    """The value as the site reads it (`2027-03-16`, `2027-03-16T14:30`), if it names a real day written otherwise."""
    parts = _parts(str(value))
    if parts is None:
        return None
    _, year, month, day, hour, minute = parts
    if year is None:
        return None
    month, day = month or 1, day or 1
    if _impossible(year, month, day, hour, minute):
        return None
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    rewritten = f"{iso}T{hour:02d}:{minute or 0:02d}" if timed and hour is not None else iso
    return rewritten if rewritten != str(value).strip() else None  # never suggest what was written


def explain(value: Any, timed: bool = False, precision: bool = False) -> str:
    """Why a date field's value was refused, and how to write it, in French.

    `timed`: the field takes a time too; `precision`: the file may say
    `precision_date: mois` or `annee` when the day is not known yet.
    """
    raw = str(value).strip()
    expected = 'AAAA-MM-JJ ou "AAAA-MM-JJTHH:MM"' if timed else "AAAA-MM-JJ"
    parts = _parts(raw)
    if parts is None:
        return f"date illisible « {raw} » (attendu {expected}, ex. 2027-03-16)"
    shape, year, month, day, hour, minute = parts
    if year is None:
        return f"date « {raw} » sans année : écrivez l'année devant, AAAA-{month:02d}-{day or 1:02d}"
    why = _impossible(year, month or 1, day or 1, hour, minute)
    if why:
        return f"date « {raw} » impossible : {why}"
    if day is None:
        unit, known = ("annee", "l'année est connue") if month is None else ("mois", "le mois est connu")
        if precision:
            return (
                f"date « {raw} » incomplète : si seul{'e' if month is None else ''} {known}, écrivez le premier jour "
                f"et ajoutez la ligne « precision_date: {unit} »"
            )
        return f"date « {raw} » incomplète : écrivez le jour aussi ({expected})"
    if hour is not None and not timed:
        return f"« {raw} » : seule la date est attendue ici ({expected}), sans heure"
    if hour is not None and shape == "iso":
        return f'heure mal écrite dans « {raw} » : écrivez "AAAA-MM-JJTHH:MM" entre guillemets, ex. "2027-03-16T14:30"'
    if shape == "iso":
        return f"date « {raw} » : le mois et le jour s'écrivent sur deux chiffres ({expected})"
    return f"date « {raw} » à écrire dans l'ordre année-mois-jour, avec des tirets ({expected})"
