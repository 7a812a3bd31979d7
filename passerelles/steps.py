"""What a route is made of: steps whose durations add up, and the words that say them.

A `Step` is one thing to do (a training, years of work, waiting for an age,
the arrival in a métier), with its length in whole months, min and max, and
its entry conditions in plain French. A `Route` is an ordered tuple of steps;
`Parcours` holds every route of a build. `routes.py` computes them; pages
and open data only read them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import astuple, dataclass, replace
from typing import Any

from .departs import DEPARTS
from .labels import lcfirst, niveau_rncp
from .models import Certification, Condition, Metier

INFINITE = 10**6


@dataclass(frozen=True)
class Step:
    """One step of a route. `type`: formation, experience, attente or metier (the arrival).

    `slug` names the certification (formation) or the métier (experience, metier);
    `liens` are slugs of the site's pages that help (funding, apprenticeship…).
    """

    type: str
    titre: str
    duree_min: int
    duree_max: int | None
    conditions: str
    slug: str | None = None
    note: str = ""
    liens: tuple[str, ...] = ()
    voies: tuple[str, ...] = ()  # for a formation: the voies open to this person
    autres: tuple[str, ...] = ()  # for a formation: other certifications that do the same here


@dataclass(frozen=True)
class Route:
    """An ordered way from a starting situation into a métier."""

    depart: str
    metier: str
    steps: tuple[Step, ...]

    @property
    def duree_min(self) -> int:
        return sum(s.duree_min for s in self.steps)

    @property
    def duree_max(self) -> int | None:
        """The longest total; None when a step's longest time is not known."""
        highs = [s.duree_max for s in self.steps]
        return None if None in highs else sum(h for h in highs if h is not None)

    @property
    def key(self) -> tuple[bool, int, int, int, tuple[str, ...]]:
        """Shortest first: by minimum, then maximum, then fewer steps; unknown lengths last."""
        return sort_key(self.steps)

    @property
    def certifications(self) -> tuple[str, ...]:
        return tuple(s.slug for s in self.steps if s.type == "formation" and s.slug)

    @property
    def via(self) -> tuple[str, ...]:
        """The métiers worked in before the arrival."""
        return tuple(dict.fromkeys(s.slug for s in self.steps if s.type == "experience" and s.slug))


def signature(steps: Iterable[Step]) -> tuple[tuple[str, int, int | None, str, str], ...]:
    """What a way of doing things looks like, whichever of several equivalent diplomas it goes through.

    Two ways differ when a step is shortened for one only (its `note`): they are not merged then.
    """
    return tuple((s.type, s.duree_min, s.duree_max, "" if s.type == "formation" else s.titre, s.note) for s in steps)


# Steps merged, by the ids of the two steps merged (kept with the result, so that an id is never reused).
MergeMemo = dict[tuple[int, int], tuple["Step", "Step", "Step"]]


def merge(kept: tuple[Step, ...], other: tuple[Step, ...], memo: MergeMemo | None = None) -> tuple[Step, ...]:
    """`kept`, naming at each formation step what `other` does instead: another diploma, or another way in.

    `memo` remembers each pair of steps merged: the route planner merges the same steps many times over.
    """
    merged = []
    for mine, theirs in zip(kept, other, strict=True):
        if memo is None:
            merged.append(_merge_step(mine, theirs))
            continue
        known = memo.get((id(mine), id(theirs)))
        if known is None:
            known = memo[id(mine), id(theirs)] = (mine, theirs, _merge_step(mine, theirs))
        merged.append(known[2])
    return tuple(merged)


def _merge_step(mine: Step, theirs: Step) -> Step:
    if mine.type == "formation" and theirs.slug == mine.slug:
        return replace(
            mine,
            conditions=either(mine.conditions, theirs.conditions),
            voies=tuple(dict.fromkeys((*mine.voies, *theirs.voies))),
            liens=tuple(dict.fromkeys((*mine.liens, *theirs.liens))),
        )
    if mine.type == "formation" and theirs.slug and theirs.slug not in mine.autres:
        return replace(mine, autres=(*mine.autres, theirs.slug))
    return mine


def either(one: str, other: str) -> str:
    """Two entry conditions as one text: what they share once, then the two alternatives."""
    if other in one:
        return one
    mine, theirs = one.rstrip(".").split(" ; "), other.rstrip(".").split(" ; ")
    shared = 0
    while shared < min(len(mine), len(theirs)) - 1 and mine[shared].lower() == theirs[shared].lower():
        shared += 1
    left, right = mine[shared:], theirs[shared:]
    if len(left) == 1 and len(right) == 1:
        return " ; ".join([*mine[:shared], f"{left[0]}, ou {lcfirst(right[0])}"]) + "."
    return f"{one} Ou bien : {lcfirst(' ; '.join(right))}."


def sort_key(steps: tuple[Step, ...]) -> tuple[bool, int, int, int, tuple[str, ...]]:
    """Known durations first, each shortest first (minimum, then maximum); an unknown length comes last."""
    low = high = 0
    unknown = False
    for step in steps:  # the route planner ranks millions of ways: one plain loop
        low += step.duree_min
        if step.duree_max is None:
            unknown = True
        else:
            high += step.duree_max
    return (unknown, low, INFINITE if unknown else high, len(steps), tuple([s.titre for s in steps]))


def years(months: int) -> str:
    """« 3 ans », « 18 mois », « 3 ans et demi »: a number of months in plain French (exact)."""
    if months < 24 or months % 6:
        return f"{months} mois"
    whole = months // 12
    text = f"{whole} an" if whole == 1 else f"{whole} ans"
    return text + " et demi" if months % 12 else text


def _half_years(months: int, up: bool) -> str:
    """Months as years to the half-year, rounded down (a minimum) or up (a maximum), or as months under 2 years."""
    if months < 24:
        return years(months)
    return years((-(-months // 6) if up else months // 6) * 6)


def duration_text(low: int, high: int | None) -> str:
    """« 3 ans », « 10 à 18 mois », « environ 7 ans et demi à 9 ans et demi », « au moins 2 ans ».

    Rounded to the half-year beyond 2 years, the minimum down and the maximum up: never shorter than computed.
    """
    if high is None:
        return f"au moins {_half_years(low, False)}" if low else "durée variable"
    if high == 0:
        return "tout de suite"
    if low == 0:
        return "un mois au plus" if high == 1 else f"jusqu'à {_half_years(high, True)}"
    exact = all(m < 24 or m % 6 == 0 for m in (low, high))
    prefix = "" if exact else "environ "
    start, end = _half_years(low, False), _half_years(high, True)
    if low == high or start == end:
        return prefix + (start if exact else _half_years(round(low / 6) * 6, False))
    if high < 24:
        return f"{low} à {high} mois"
    if start.endswith(" ans") and end.endswith(" ans") and low >= 24:
        return f"{prefix}{start[:-4]} à {end}"  # « 8 à 9 ans »
    return f"{prefix}{start} à {end}"


def describe(condition: Condition, certs: Mapping[str, Certification], metiers: Mapping[str, Metier]) -> str:
    """A way into a certification, in plain French: « Avoir au moins 17 ans ; pas de diplôme demandé ; … »."""
    parts = []
    if condition.age_min:
        parts.append(f"avoir au moins {condition.age_min} ans")
    wanted = condition.diplome_requis
    if wanted is not None:
        options = []
        if wanted.bac:
            options.append("le bac")
        if wanted.niveau is not None:
            options.append(f"un diplôme de {niveau_rncp(wanted.niveau)} ou plus")
        options += [certs[s].nom if s in certs else s for s in wanted.certifications]
        parts.append("avoir " + join_or(options))
    else:
        parts.append("pas de diplôme demandé")
    experience = condition.experience
    if experience is not None:
        where = join_or([lcfirst(metiers[s].titre) if s in metiers else s for s in experience.metiers])
        if experience.mois:
            work = f"{years(experience.mois)} de travail"
            parts.append(f"{work} comme {where}" if where else f"{work} (tout emploi salarié compte)")
        if experience.en_poste and where:
            parts.append(f"être en poste comme {where}")
    if condition.selection:
        parts.append(condition.selection)
    text = " ; ".join(parts)
    return text[0].upper() + text[1:] + "."


def join_or(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " ou " + items[-1]


@dataclass(frozen=True)
class Parcours:
    """Every route of a site, computed once per build, by métier and starting point."""

    routes: Mapping[tuple[str, str], tuple[Route, ...]]
    cut: frozenset[tuple[str, str]] = frozenset()  # (métier, starting point) searched only up to the budget

    def of(self, metier: str, depart: str) -> tuple[Route, ...]:
        return self.routes.get((metier, depart), ())

    def best(self, depart: str) -> tuple[Route, ...]:
        """For each métier reachable from a starting point, its best route; shortest first."""
        firsts = [r[0] for (m, d), r in self.routes.items() if d == depart and r]
        return tuple(sorted(firsts, key=lambda r: (r.key, r.metier)))

    def unreachable(self) -> tuple[str, ...]:
        """Métiers that no starting point reaches."""
        metiers = sorted({m for m, _ in self.routes})
        return tuple(m for m in metiers if not any(self.of(m, d.slug) for d in DEPARTS))


def parcours_data(parcours: Parcours) -> dict[str, Any]:
    """Every route as plain JSON data, for the persistent cache (`parcours_from_data` reads it back)."""
    return {
        "routes": [[m, d, [[astuple(s) for s in r.steps] for r in found]] for (m, d), found in parcours.routes.items()],
        "cut": sorted([m, d] for m, d in parcours.cut),
    }


def parcours_from_data(data: Mapping[str, Any]) -> Parcours:
    def step(values: list[Any]) -> Step:
        fields: list[Any] = [tuple(v) if isinstance(v, list) else v for v in values]
        return Step(*fields)

    routes = {
        (m, d): tuple(Route(d, m, tuple(step(s) for s in steps)) for steps in found) for m, d, found in data["routes"]
    }
    return Parcours(routes, frozenset((m, d) for m, d in data["cut"]))
