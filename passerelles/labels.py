"""French words for the codes of the content model, and French dates.

Pure lookups and formatting used as Jinja filters. The words of each code
are declared with the code in `schema/vocab.py`; this module names those
tables for the templates and says dates and amounts in French.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .datefix import MONTHS
from .schema import vocab
from .timeutil import PARIS, When

# The French words of the content model's codes, declared with the codes themselves in `schema/vocab.py`.
LIEUX = vocab.LIEU.labels
LIEUX_COURTS = vocab.LIEU.short
PUBLICS_METIER = vocab.PUBLIC_METIER.labels
NIVEAUX_ACCES = vocab.NIVEAU_ACCES.labels
NIVEAUX_RNCP = vocab.NIVEAUX_RNCP
VOIES = vocab.VOIE.labels
VOIES_COURTES = vocab.VOIE.short
TYPES_EVENEMENT = vocab.TYPE_EVENEMENT.labels
EMPLOYEURS = vocab.EMPLOYEUR.labels
PUBLICS_EVENEMENT = vocab.PUBLIC_EVENEMENT.labels
DEPARTEMENTS = vocab.DEPARTEMENT.labels
MOIS = MONTHS
JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def niveau_rncp(niveau: int) -> str:
    """« niveau 4 (bac) »: the framework level with its everyday equivalent."""
    return f"niveau {niveau} ({NIVEAUX_RNCP.get(niveau, '?')})"


def date_fr(day: dt.date, weekday: bool = False) -> str:
    """« 7 octobre 2022 », or « lundi 23 novembre 2020 »; « 1er » for the first."""
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{number} {MOIS[day.month - 1]} {day.year}"
    return f"{JOURS[day.weekday()]} {text}" if weekday else text


def time_fr(moment: dt.datetime) -> str:
    """« 14 h », « 9 h 30 » in Paris time."""
    local = moment.astimezone(PARIS)
    return f"{local.hour} h" if local.minute == 0 else f"{local.hour} h {local.minute:02d}"


def _day(when: When) -> dt.date:
    return when.astimezone(PARIS).date() if isinstance(when, dt.datetime) else when


def when_fr(debut: When, fin: When | None = None, precision: str = "jour") -> str:
    """An event's dates in plain French, from « en 2022 » to « mardi 12 mars 2027, de 14 h à 17 h »."""
    first = _day(debut)
    if precision == "annee":
        last = _day(fin) if fin is not None else first
        return f"en {first.year}" if last.year == first.year else f"de {first.year} à {last.year}"
    if precision == "mois":
        start = f"{MOIS[first.month - 1]} {first.year}"
        if fin is None or (_day(fin).year, _day(fin).month) == (first.year, first.month):
            return start
        last = _day(fin)
        return f"de {start} à {MOIS[last.month - 1]} {last.year}"
    if fin is None or _day(fin) == first:
        text = date_fr(first, weekday=True)
        if isinstance(debut, dt.datetime):
            text += (
                f", de {time_fr(debut)} à {time_fr(fin)}" if isinstance(fin, dt.datetime) else f" à {time_fr(debut)}"
            )
        return text
    last = _day(fin)
    start = date_fr(first, weekday=True)
    end = date_fr(last, weekday=True)
    if isinstance(debut, dt.datetime):
        start += f" à {time_fr(debut)}"
    if isinstance(fin, dt.datetime):
        end += f" à {time_fr(fin)}"
    return f"du {start} au {end}"


def iso_when(when: When, precision: str = "jour") -> str:
    """Machine-readable date for <time datetime>: « 2022 », « 2022-09 », a day, or a Paris time."""
    if precision == "annee":
        return f"{_day(when).year:04d}"
    if precision == "mois":
        return f"{_day(when):%Y-%m}"
    return when.astimezone(PARIS).isoformat() if isinstance(when, dt.datetime) else when.isoformat()


def join_fr(items: list[str] | tuple[str, ...]) -> str:
    """« a, b et c »."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def lcfirst(text: str) -> str:
    """« Aide-soignant » → « aide-soignant » inside a sentence; acronyms (« ASH ») are kept."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def euros(amount: float) -> str:
    """« 1 823 € », « 12,51 € »: French digit grouping and decimal comma, non-breaking spaces."""
    if float(amount).is_integer():
        text = f"{int(amount):,}".replace(",", "\u202f")
    else:
        text = f"{amount:,.2f}".replace(",", "\u202f").replace(".", ",")
    return f"{text}\u00a0€"


def salaire_fr(salaire: Any) -> str:
    """A salary figure in words: a monthly figure, a monthly range or an hourly rate."""
    low, high = salaire.debut_brut_mensuel, salaire.debut_brut_mensuel_max
    parts = []
    if low is not None and high is not None and high != low:
        parts.append(f"de {euros(low)} à {euros(high)} brut par mois")
    elif low is not None:
        parts.append(f"{euros(low)} brut par mois")
    if salaire.debut_brut_horaire is not None:
        parts.append(f"{euros(salaire.debut_brut_horaire)} brut de l’heure")
    return ", soit ".join(parts) if len(parts) == 1 else f"{parts[0]} ({parts[1]})"
