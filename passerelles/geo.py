"""Where events are: the départements of France, their régions and approximate centres.

The table (`data/departements.yaml`) lets the events page filter by région
and sort by distance from a postcode typed by the visitor, in the browser,
with no geolocation request and no third-party service.
"""

from __future__ import annotations

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
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    departements = {str(d["code"]): Departement(**{**d, "code": str(d["code"])}) for d in data["departements"]}
    return Geography(departements=departements, regions={str(k): v for k, v in data["regions"].items()})


def nearest_first(events: Iterable[Evenement], home: Iterable[str], geography: Geography) -> list[Evenement]:
    """Events in the edition's départements first, then in their régions, then online, then elsewhere.

    Within each group the order given (soonest first) is kept.
    """
    codes = set(home)
    regions = {geography.region_of(c) for c in codes} - {None}

    def rank(event: Evenement) -> int:
        if event.departement in codes:
            return 0
        if geography.region_of(event.departement) in regions:
            return 1
        return 2 if event.en_ligne else 3

    return sorted(events, key=rank)
