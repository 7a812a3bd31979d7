"""Training times read from French text: « 12 mois », « 10 à 24 mois », « 1 540 heures ».

Editors write durations as they speak (`duree: "Environ 1 an (1 540
heures, dont 770 heures de stage)"`). Routes need them as numbers, to add
them up and to put the shortest first, and visitors need them back in plain
French. What cannot be read is never guessed: the page then says « durée
variable ».
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HOURS_PER_MONTH = 151.67  # full time, 35 hours a week: only to rank hours against months, never shown

_NUM = (
    r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:[,.]\d+)?|dix-huit|douze|onze|dix|neuf|huit|sept|six|cinq"
    r"|quatre|trois|deux|une?"
)
_UNIT = r"ans?|années?|mois|semaines?|semestres?|jours?|heures?|h"
_QUANTITY = re.compile(
    rf"(?<![\w+-])(?P<a>{_NUM})(?:\s*(?P<ua>{_UNIT})(?![\w])(?P<da>\s+et\s+demie?)?)?"
    rf"(?:\s*(?:à|-|–|ou)\s*(?P<b>{_NUM}))?(?:\s*(?P<ub>{_UNIT})(?![\w])(?P<db>\s+et\s+demie?)?)?",
    re.IGNORECASE,
)
_AGE_BEFORE = re.compile(r"(?:dès|partir de|avoir|âgée?s? de|âge de|moins de)\s*$", re.IGNORECASE)
_WORDS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "dix-huit": 18,
}


@dataclass(frozen=True)
class Duration:
    """A training time as a range of calendar months, plus hours when only hours are given."""

    months: tuple[float, float] = (0.0, 0.0)
    hours: tuple[int, int] = (0, 0)

    def __add__(self, other: Duration) -> Duration:
        return Duration(
            (self.months[0] + other.months[0], self.months[1] + other.months[1]),
            (self.hours[0] + other.hours[0], self.hours[1] + other.hours[1]),
        )

    @property
    def sort_key(self) -> float:
        """The shortest time, in months, to put routes in order."""
        return self.months[0] + self.hours[0] / HOURS_PER_MONTH

    def label(self) -> str:
        """In plain French: « 12 mois », « 3 ans », « 10 à 24 mois », « 1 540 heures »."""
        parts = []
        if self.months[1]:
            parts.append(_months_label(*self.months))
        if self.hours[1]:
            low, high = (f"{h:,}".replace(",", "\u202f") for h in self.hours)
            parts.append(f"{low} heures" if low == high else f"{low} à {high} heures")
        return " + ".join(parts) or "sans formation avant l'embauche"


def _months_label(low: float, high: float) -> str:
    if high < 12 / 52:
        return _range(round(low * 365 / 12), round(high * 365 / 12), "jour", "jours", low, high, 12 / 365)
    if high < 1:
        return _range(round(low * 52 / 12), round(high * 52 / 12), "semaine", "semaines", low, high, 12 / 52)
    if low >= 24:
        years = [round(m / 6) / 2 for m in (low, high)]
        if years[0] == years[1]:
            text = _years(years[0])
        elif years[0] % 1 == 0 and years[1] % 1 == 0:
            text = f"{int(years[0])} à {int(years[1])} ans"
        else:
            text = f"{_years(years[0])} à {_years(years[1])}"
        return text if years[0] * 12 == low and years[1] * 12 == high else "environ " + text
    return _range(round(low), round(high), "mois", "mois", low, high, 1.0)


def _range(low: int, high: int, one: str, many: str, raw_low: float, raw_high: float, unit: float) -> str:
    text = f"{low} {one if low == 1 else many}" if low == high else f"{low} à {high} {many}"
    exact = abs(low * unit - raw_low) < 0.01 and abs(high * unit - raw_high) < 0.01
    return text if exact else "environ " + text


def _years(value: float) -> str:
    whole = int(value)
    text = f"{whole} an" if whole == 1 else f"{whole} ans"
    return text + " et demi" if value - whole else text


def _number(text: str) -> float:
    word = text.lower()
    return float(_WORDS[word]) if word in _WORDS else float(re.sub(r"\s", "", text).replace(",", "."))


def _unit_months(unit: str) -> float | None:
    """Calendar months in one unit; None for hours of teaching."""
    unit = unit.lower()
    if unit.startswith("h"):
        return None
    if unit.startswith("semes"):
        return 6.0
    return {"s": 12 / 52, "j": 12 / 365, "m": 1.0}.get(unit[0], 12.0)


def parse_duration(text: str, strict: bool = False) -> Duration | None:
    """The training time a French text gives (« 12 mois », « 10 à 24 mois », « 1 540 heures »), or None.

    In a `duree` field, calendar time wins over hours (« Environ 1 an (1 540
    heures) » is a year) and the longest one counts, because editors explain
    the parts after the whole (« 5 ans : 1 année universitaire puis 4 ans »).
    A free comment is read only when `strict` finds exactly one duration in
    it. Ages (« dès 17 ans ») are not durations. Nothing is guessed: None
    means « durée variable ».
    """
    months: list[Duration] = []
    hours: list[Duration] = []
    for match in _QUANTITY.finditer(text):
        unit = match["ub"] or match["ua"]
        if not unit or _AGE_BEFORE.search(text[: match.start()]):
            continue
        low = _number(match["a"]) + (0.5 if match["da"] else 0.0)
        high = _number(match["b"]) + (0.5 if match["db"] else 0.0) if match["b"] else low
        factor = _unit_months(unit)
        if factor is None:
            hours.append(Duration(hours=(int(low), int(high))))
        else:
            low_factor = _unit_months(match["ua"]) if match["ua"] and match["b"] else factor
            months.append(Duration(months=(low * (low_factor or factor), high * factor)))
    if strict:
        return (months + hours)[0] if len(months) + len(hours) == 1 else None
    found = months or hours
    return max(found, key=lambda d: (d.months[1], d.hours[1], d.sort_key)) if found else None
