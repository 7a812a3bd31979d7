"""Dates and times in Europe/Paris, and the build date.

Events are written in Paris local time; a naive datetime is localised with
zoneinfo, and the clock changes (the missing hour in March, the repeated hour
in October) are detected rather than silently shifted.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any
from zoneinfo import ZoneInfo

from .datefix import explain

PARIS = ZoneInfo("Europe/Paris")
When = dt.date | dt.datetime


def localise(naive: dt.datetime) -> tuple[dt.datetime, str | None]:
    """Attach Paris time to a naive datetime; say if that hour does not exist."""
    aware = naive.replace(tzinfo=PARIS)
    round_trip = aware.astimezone(dt.UTC).astimezone(PARIS)
    if round_trip.replace(tzinfo=None) != naive:
        return aware, (
            f"l'heure {naive:%H:%M} n'existe pas le {naive:%d/%m/%Y} à Paris "
            "(passage à l'heure d'été) ; choisissez une autre heure"
        )
    return aware, None


def parse_when(value: Any) -> tuple[When | None, str | None]:
    """A date (all-day) or an aware datetime from a YAML value, or a French problem."""
    if isinstance(value, dt.datetime):
        return localise(value) if value.tzinfo is None else (value, None)
    if isinstance(value, dt.date):
        return value, None
    raw = str(value).strip()
    try:
        if len(raw) == 10:
            return dt.date.fromisoformat(raw), None
        parsed = dt.datetime.fromisoformat(raw)
    except ValueError:
        return None, explain(raw, timed=True, precision=True)
    return localise(parsed) if parsed.tzinfo is None else (parsed, None)


def paris_date(when: When) -> dt.date:
    """The calendar day of a date or datetime, in Paris."""
    if isinstance(when, dt.datetime):
        return when.astimezone(PARIS).date()
    return when


def sort_key(when: When) -> dt.datetime:
    """A comparable instant: all-day events sort at midnight Paris time."""
    if isinstance(when, dt.datetime):
        return when.astimezone(dt.UTC)
    return dt.datetime.combine(when, dt.time(), PARIS).astimezone(dt.UTC)


def build_date(explicit: str | None = None, environ: dict[str, str] | None = None) -> dt.date:
    """The build date: --date, else SOURCE_DATE_EPOCH, else today in Paris."""
    env = os.environ if environ is None else environ
    if explicit:
        try:
            return dt.date.fromisoformat(explicit)
        except ValueError:
            raise ValueError(f"date « {explicit} » invalide : écrivez-la AAAA-MM-JJ, ex. 2026-11-23") from None
    epoch = env.get("SOURCE_DATE_EPOCH")
    if epoch:
        if not epoch.strip().isdigit():
            raise ValueError(f"SOURCE_DATE_EPOCH « {epoch} » invalide : un nombre de secondes est attendu")
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).astimezone(PARIS).date()
    return dt.datetime.now(PARIS).date()
