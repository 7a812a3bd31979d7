"""Where events are: the départements of France, their régions and approximate centres.

The table (`data/departements.yaml`) lets the events page filter by région
and sort by distance from a postcode typed by the visitor, in the browser,
with no geolocation request and no third-party service.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:  # only named in annotations: the schema reads this table, and models come after it
    from .models import Evenement

DATA = Path(__file__).resolve().parent / "data" / "departements.yaml"


@dataclass(frozen=True)
class Departement:
    code: str
    nom: str
    region: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Geography:
    departements: Mapping[str, Departement]
    regions: Mapping[str, str]

    def region_of(self, code: str | None) -> str | None:
        """The INSEE code of a département's région, or None for an unknown code."""
        departement = self.departements.get(code or "")
        return departement.region if departement else None

    def centres(self) -> dict[str, tuple[float, float]]:
        """Every département's centre, for the browser's distance sort."""
        return {code: (d.lat, d.lon) for code, d in self.departements.items()}


@cache
def load_geography(path: Path = DATA) -> Geography:
    """The declared table of départements and régions."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # libyaml: 20 times faster
    departements = {str(d["code"]): Departement(**{**d, "code": str(d["code"])}) for d in data["departements"]}
    return Geography(departements=departements, regions={str(k): v for k, v in data["regions"].items()})


ONLINE = "en-ligne"


@dataclass(frozen=True)
class EventGroup:
    """Events of one région (`code` its INSEE code), or online ones (`code` ONLINE), soonest first."""

    code: str
    nom: str
    evenements: tuple[Evenement, ...]


def by_region(events: Iterable[Evenement], home: Iterable[str], geography: Geography) -> list[EventGroup]:
    """Events grouped by région: the edition's régions first (in the order its départements are
    listed), then online events, then the other régions A to Z, then places of unknown région.

    Within each group the order given (soonest first) is kept.
    """
    members: dict[str, list[Evenement]] = {}
    for event in events:
        code = ONLINE if event.en_ligne else geography.region_of(event.departement) or ""
        members.setdefault(code, []).append(event)
    home_regions = list(dict.fromkeys(r for r in (geography.region_of(c) for c in home) if r))
    names = {**geography.regions, ONLINE: "En ligne", "": "Autres lieux"}

    def rank(code: str) -> tuple[int, int, str]:
        if code in home_regions:
            return (0, home_regions.index(code), "")
        if code == ONLINE:
            return (1, 0, "")
        return (3, 0, "") if code == "" else (2, 0, _plain(names[code]))

    return [EventGroup(code, names[code], tuple(members[code])) for code in sorted(members, key=rank)]


def _plain(name: str) -> str:
    """A name without accents, to sort « Île-de-France » among the I."""
    return "".join(c for c in unicodedata.normalize("NFD", name.casefold()) if not unicodedata.combining(c))
