"""The career graph: métiers as nodes, `evolutions` as edges, and the routes into each métier.

Pure functions over published métiers; the reverse edges ("accessible
depuis") and the routes are derived here and never written by editors. A
route starts from one of four situations (`STARTING_POINTS`), goes through a
diploma (or a hiring without diploma) into a first métier, then possibly
across bridges to other métiers, up to `MAX_BRIDGES` of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .models import Formation, Metier

MAX_BRIDGES = 3  # a route crosses at most this many bridges: longer ones are not advice any more
HOURS_PER_MONTH = 151.67  # full time, 35 hours a week: only to rank hours against months, never shown

_NUM = (r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:[,.]\d+)?|dix-huit|douze|onze|dix|neuf|huit|sept|six|cinq"
        r"|quatre|trois|deux|une?")
_UNIT = r"ans?|années?|mois|semaines?|semestres?|jours?|heures?|h"
_QUANTITY = re.compile(
    rf"(?<![\w+-])(?P<a>{_NUM})(?:\s*(?P<ua>{_UNIT})(?![\w])(?P<da>\s+et\s+demie?)?)?"
    rf"(?:\s*(?:à|-|–|ou)\s*(?P<b>{_NUM}))?(?:\s*(?P<ub>{_UNIT})(?![\w])(?P<db>\s+et\s+demie?)?)?",
    re.IGNORECASE)
_AGE_BEFORE = re.compile(r"(?:dès|partir de|avoir|âgée?s? de|âge de|moins de)\s*$", re.IGNORECASE)
_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
          "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "dix-huit": 18}


@dataclass(frozen=True)
class Duration:
    """A training time as a range of calendar months, plus hours when only hours are given."""

    months: tuple[float, float] = (0.0, 0.0)
    hours: tuple[int, int] = (0, 0)

    def __add__(self, other: Duration) -> Duration:
        return Duration((self.months[0] + other.months[0], self.months[1] + other.months[1]),
                        (self.hours[0] + other.hours[0], self.hours[1] + other.hours[1]))

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
        return " + ".join(parts) or "tout de suite"


def _months_label(low: float, high: float) -> str:
    if high < 12 / 52:
        return _range(round(low * 365 / 12), round(high * 365 / 12), "jour", "jours", low, high, 12 / 365)
    if high < 1:
        return _range(round(low * 52 / 12), round(high * 52 / 12), "semaine", "semaines", low, high, 12 / 52)
    if low >= 24 and high > 30:
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

    In a `duree` field the first duration is the one that counts: editors
    write it first and explain after (« 3 ans (6 semestres) »). A free
    comment is read only when `strict` finds exactly one duration in it.
    Ages (« dès 17 ans ») are not durations. Nothing is guessed: None means
    « durée variable ».
    """
    found: list[Duration] = []
    for match in _QUANTITY.finditer(text):
        unit = match["ub"] or match["ua"]
        if not unit or _AGE_BEFORE.search(text[:match.start()]):
            continue
        low = _number(match["a"]) + (0.5 if match["da"] else 0.0)
        high = _number(match["b"]) + (0.5 if match["db"] else 0.0) if match["b"] else low
        factor = _unit_months(unit)
        if factor is None:
            found.append(Duration(hours=(int(low), int(high))))
        else:
            low_factor = _unit_months(match["ua"]) if match["ua"] and match["b"] else factor
            found.append(Duration(months=(low * (low_factor or factor), high * factor)))
    if strict:
        return found[0] if len(found) == 1 else None
    return found[0] if found else None


@dataclass(frozen=True)
class StartingPoint:
    """A visitor's situation, and the rule that says which diplomas it opens."""

    slug: str
    titre: str
    regle: str  # the placement rule, in one plain French sentence shown on the page
    niveaux: tuple[int, int]  # lowest and highest diploma level open from here
    voies: frozenset[str]  # a diploma is open if it is prepared through one of these
    embauche: bool = False  # hiring without diploma counts (niveau_acces: sans-diplome)
    prerequis_sans_diplome: bool = False  # any level counts if its entry conditions say "sans diplôme"


_SCHOOL = frozenset({"formation-initiale", "apprentissage"})
_A_PASSERELLE = ", ou bien si l'on peut y arriver par une passerelle depuis un de ces métiers."
STARTING_POINTS: tuple[StartingPoint, ...] = (
    StartingPoint(
        "apres-la-3e", "Après la 3e",
        "Un métier est sur cette page s'il se prépare après le collège avec un diplôme de niveau CAP ou bac "
        "(niveau 3 ou 4), au lycée professionnel, dans un institut ou en apprentissage" + _A_PASSERELLE,
        niveaux=(3, 4), voies=_SCHOOL),
    StartingPoint(
        "apres-le-bac", "Après le bac",
        "Un métier est sur cette page s'il se prépare après le bac par des études de niveau bac+2 ou plus "
        "(BTS, diplôme d'État, licence, master), à l'école ou en apprentissage" + _A_PASSERELLE,
        niveaux=(5, 8), voies=_SCHOOL),
    StartingPoint(
        "sans-diplome", "Sans diplôme",
        "Un métier est sur cette page si l'on peut y être embauché sans diplôme, ou s'y former sans diplôme "
        "(formation de niveau CAP, ou dont les conditions d'entrée disent « sans diplôme »)" + _A_PASSERELLE,
        niveaux=(3, 3), voies=_SCHOOL | {"formation-continue"}, embauche=True, prerequis_sans_diplome=True),
    StartingPoint(
        "reconversion", "En reconversion",
        "Un métier est sur cette page s'il s'apprend en formation continue (la formation pour les adultes) "
        "ou par la VAE (faire reconnaître son expérience pour obtenir le diplôme)" + _A_PASSERELLE,
        niveaux=(3, 8), voies=frozenset({"formation-continue", "vae"})),
)
STARTS: Mapping[str, StartingPoint] = {p.slug: p for p in STARTING_POINTS}
_NO_DIPLOMA = re.compile(r"sans (condition de )?diplôme|aucun diplôme|pas de diplôme", re.IGNORECASE)


def opens(point: StartingPoint, formation: Formation) -> bool:
    """Whether this diploma can be started from this situation (the page's placement rule)."""
    if not point.voies & set(formation.voies):
        return False
    low, high = point.niveaux
    if low <= formation.niveau <= high:
        return True
    return point.prerequis_sans_diplome and bool(_NO_DIPLOMA.search(formation.prerequis or ""))


@dataclass(frozen=True)
class Step:
    """One step of a route: kind is depart, formation, embauche, passerelle or metier.

    `slug` is the métier the step is about (for a formation or a bridge: the
    métier it leads to); `source` is where a bridge starts.
    """

    kind: str
    slug: str | None = None
    formation: Formation | None = None
    comment: str | None = None
    source: str | None = None
    duration: Duration | None = None


@dataclass(frozen=True)
class Route:
    """An ordered way from a starting situation into a métier."""

    start: str
    target: str
    steps: tuple[Step, ...]
    niveau: int  # level of the first diploma; 0 when hired without one

    @property
    def via(self) -> tuple[str, ...]:
        """The other métiers worked in on the way, in order."""
        return tuple(s.slug for s in self.steps if s.kind == "metier" and s.slug != self.target and s.slug)

    @property
    def timed_steps(self) -> tuple[Step, ...]:
        """The steps that take time: training, hiring, bridges."""
        return tuple(s for s in self.steps if s.kind in ("formation", "embauche", "passerelle"))

    @property
    def complete(self) -> bool:
        """Whether the time of every step is known, so `duration` is the whole time."""
        return all(s.duration is not None for s in self.timed_steps)

    @property
    def duration(self) -> Duration:
        """The known training time; when not `complete`, the route takes at least this."""
        total = Duration()
        for step in self.timed_steps:
            total = total + step.duration if step.duration is not None else total
        return total

    @property
    def key(self) -> tuple[object, ...]:
        """Known times first, shortest first, then fewer bridges, then the most accessible diploma."""
        return (not self.complete, self.duration.sort_key, len(self.via), self.niveau,
                tuple(s.formation.diplome if s.formation else s.slug or "" for s in self.steps))


@dataclass(frozen=True)
class CareerGraph:
    """Published métiers and the bridges between them, both ways."""

    nodes: Mapping[str, Metier]
    outgoing: Mapping[str, tuple[Edge, ...]]
    incoming: Mapping[str, tuple[Edge, ...]]

    @classmethod
    def from_metiers(cls, metiers: Iterable[Metier]) -> CareerGraph:
        """Build the graph; edges to unknown métiers are dropped (validation reports them)."""
        nodes = {m.slug: m for m in metiers}
        outgoing: dict[str, list[Edge]] = {slug: [] for slug in nodes}
        incoming: dict[str, list[Edge]] = {slug: [] for slug in nodes}
        for metier in nodes.values():
            for evolution in metier.evolutions:
                if evolution.metier in nodes and evolution.metier != metier.slug:
                    edge = Edge(metier.slug, evolution.metier, evolution.comment)
                    outgoing[metier.slug].append(edge)
                    incoming[evolution.metier].append(edge)
        return cls(
            nodes=nodes,
            outgoing={k: tuple(v) for k, v in outgoing.items()},
            incoming={k: tuple(sorted(v, key=lambda e: e.source)) for k, v in incoming.items()},
        )

    def successors(self, slug: str) -> tuple[Edge, ...]:
        """Where this métier leads ("Et après ?")."""
        return self.outgoing.get(slug, ())

    def predecessors(self, slug: str) -> tuple[Edge, ...]:
        """Métiers from which this one can be reached ("accessible depuis")."""
        return self.incoming.get(slug, ())

    def isolated(self) -> tuple[str, ...]:
        """Métiers with no bridge at all, in or out."""
        return tuple(s for s in sorted(self.nodes) if not self.outgoing[s] and not self.incoming[s])

    def direct_routes(self, slug: str, point: StartingPoint) -> tuple[Route, ...]:
        """Ways into a métier from a situation without another job first, best first."""
        metier = self.nodes[slug]
        depart, job = Step("depart"), Step("metier", slug)
        routes = [Route(point.slug, slug, (depart, Step("formation", slug, formation=f,
                                                        duration=parse_duration(f.duree)), job), f.niveau)
                  for f in metier.formations if opens(point, f)]
        if point.embauche and metier.niveau_acces == "sans-diplome":
            routes.append(Route(point.slug, slug, (depart, Step("embauche", slug, duration=Duration()), job), 0))
        return tuple(sorted(routes, key=lambda r: r.key))

    def bridge_paths(self, slug: str, max_bridges: int = MAX_BRIDGES) -> tuple[tuple[Edge, ...], ...]:
        """Every chain of bridges ending at this métier, without going through a métier twice."""
        paths: list[tuple[Edge, ...]] = []

        def walk(node: str, path: tuple[Edge, ...], seen: frozenset[str]) -> None:
            for edge in self.predecessors(node):
                if edge.source not in seen:
                    longer = (edge, *path)
                    paths.append(longer)
                    if len(longer) < max_bridges:
                        walk(edge.source, longer, seen | {edge.source})

        walk(slug, (), frozenset({slug}))
        return tuple(paths)

    def routes_into(self, slug: str, point: StartingPoint, max_bridges: int = MAX_BRIDGES) -> tuple[Route, ...]:
        """Every way into a métier from a situation: direct, or after other métiers; best first.

        A route through other métiers starts with the best direct way into the
        first of them, then crosses each bridge (its comment says how).
        """
        routes = list(self.direct_routes(slug, point))
        for path in self.bridge_paths(slug, max_bridges):
            first = self.direct_routes(path[0].source, point)
            if not first:
                continue
            steps = list(first[0].steps)
            for edge in path:
                steps.append(Step("passerelle", edge.target, comment=edge.comment, source=edge.source,
                                  duration=parse_duration(edge.comment, strict=True)))
                steps.append(Step("metier", edge.target))
            routes.append(Route(point.slug, slug, tuple(steps), first[0].niveau))
        return tuple(sorted(routes, key=lambda r: r.key))

    def best_route(self, slug: str, point: StartingPoint) -> Route | None:
        """The shortest, most accessible way into a métier from a situation, if any."""
        routes = self.routes_into(slug, point)
        return routes[0] if routes else None

    def reachable(self, point: StartingPoint) -> tuple[Route, ...]:
        """For each métier reachable from a situation, its best route; shortest first."""
        best = (self.best_route(slug, point) for slug in sorted(self.nodes))
        return tuple(sorted((r for r in best if r is not None), key=lambda r: (r.key, r.target)))
