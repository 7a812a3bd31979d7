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

from .duration import Duration, parse_duration
from .models import Formation, Metier

MAX_BRIDGES = 3  # a route crosses at most this many bridges: longer ones are not advice any more


@dataclass(frozen=True)
class Edge:
    """A bridge from one métier to another, with how to cross it."""

    source: str
    target: str
    comment: str


@dataclass(frozen=True)
class StartingPoint:
    """A visitor's situation, and the rule that says which first diplomas it opens.

    A diploma is open when it is prepared through one of `voies`, at a level
    within `niveaux` (or, with `prerequis_sans_diplome`, when its entry
    conditions say no diploma is needed), its métier's `niveau_acces` (what
    one must already hold) is in `acces` (None: any), and, with `sauf_bac`,
    it is not a bac itself.
    """

    slug: str
    titre: str
    regle: str  # the placement rule, in one plain French sentence shown on the page
    niveaux: tuple[int, int]
    voies: frozenset[str]
    acces: frozenset[str] | None
    embauche: bool = False  # a métier with no diploma at all (niveau_acces sans-diplome, no formations) counts
    prerequis_sans_diplome: bool = False
    sauf_bac: bool = False  # a bac itself (« Bac professionnel … ») is not a next step


_SCHOOL = frozenset({"formation-initiale", "apprentissage"})
_OR_BRIDGE = ", ou si l'on peut y arriver ensuite par une passerelle depuis un de ces métiers."
STARTING_POINTS: tuple[StartingPoint, ...] = (
    StartingPoint(
        "apres-la-3e",
        "Après la 3e",
        "Un métier est sur cette page s'il se prépare dès la sortie du collège, sans autre diplôme, avec une "
        "formation de niveau CAP ou bac (niveau 3 ou 4) au lycée professionnel, en institut ou en apprentissage"
        + _OR_BRIDGE,
        niveaux=(3, 4),
        voies=_SCHOOL,
        acces=frozenset({"sans-diplome"}),
    ),
    StartingPoint(
        "apres-le-bac",
        "Après le bac",
        "Un métier est sur cette page si, avec le bac, on peut commencer la formation qui y mène (diplôme "
        "d'État, BTS, licence, master…), à l'école ou en apprentissage" + _OR_BRIDGE,
        niveaux=(3, 8),
        voies=_SCHOOL,
        acces=frozenset({"sans-diplome", "cap", "bac"}),
        sauf_bac=True,
    ),
    StartingPoint(
        "sans-diplome",
        "Sans diplôme",
        "Un métier est sur cette page si l'on peut y être embauché sans aucun diplôme, ou commencer sans diplôme "
        "la formation qui y mène (niveau CAP, ou entrée « sans diplôme »)" + _OR_BRIDGE,
        niveaux=(3, 3),
        voies=_SCHOOL | {"formation-continue"},
        acces=frozenset({"sans-diplome"}),
        embauche=True,
        prerequis_sans_diplome=True,
    ),
    StartingPoint(
        "reconversion",
        "Reconversion et VAE",
        "Un métier est sur cette page s'il s'apprend en formation continue (la formation pour les adultes) ou "
        "par la VAE (faire reconnaître son expérience pour obtenir le diplôme)" + _OR_BRIDGE,
        niveaux=(3, 8),
        voies=frozenset({"formation-continue", "vae"}),
        acces=None,
    ),
)
STARTS: Mapping[str, StartingPoint] = {p.slug: p for p in STARTING_POINTS}
_NO_DIPLOMA = re.compile(r"sans (condition de )?diplôme|aucun diplôme|pas de diplôme", re.IGNORECASE)
_BAC = re.compile(r"\s*(bac|baccalauréat)\b", re.IGNORECASE)


def opens(point: StartingPoint, metier: Metier, formation: Formation) -> bool:
    """Whether this diploma of this métier can be started from this situation (the placement rule)."""
    if point.acces is not None and metier.niveau_acces not in point.acces:
        return False
    if not point.voies & set(formation.voies) or (point.sauf_bac and _BAC.match(formation.diplome)):
        return False
    low, high = point.niveaux
    if low <= formation.niveau <= high:
        return True
    return point.prerequis_sans_diplome and bool(_NO_DIPLOMA.search(formation.prerequis or ""))


def hires_without_diploma(point: StartingPoint, metier: Metier) -> bool:
    """Whether this situation may start this métier straight away: no diploma exists or is asked for."""
    return point.embauche and metier.niveau_acces == "sans-diplome" and not metier.formations


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
        """Best first: known times, shortest first; then routes with unknown times, fewest bridges first."""
        labels = tuple(s.formation.diplome if s.formation else s.slug or "" for s in self.steps)
        if self.complete:
            return (0, self.duration.sort_key, len(self.via), self.niveau, labels)
        unknown = sum(s.duration is None for s in self.timed_steps)
        return (1, len(self.via), unknown, self.duration.sort_key, self.niveau, labels)

    @property
    def duration_text(self) -> str:
        """How long it takes, in plain French; « au moins … » when a step's time is not known."""
        if self.complete:
            return self.duration.label()
        if self.duration.sort_key > 0:
            return f"au moins {self.duration.label()}"
        return "durée variable"


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
        routes = [
            Route(
                point.slug,
                slug,
                (depart, Step("formation", slug, formation=f, duration=parse_duration(f.duree)), job),
                f.niveau,
            )
            for f in metier.formations
            if opens(point, metier, f)
        ]
        if hires_without_diploma(point, metier):
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

    def routes_into(
        self, slug: str, point: StartingPoint | None = None, max_bridges: int = MAX_BRIDGES
    ) -> tuple[Route, ...]:
        """Every way into a métier from a situation (or from each, in order): direct, or after other métiers.

        Best first. A route through other métiers starts with the best direct
        way into the first of them, then crosses each bridge (its comment says how).
        """
        if point is None:
            return tuple(r for p in STARTING_POINTS for r in self.routes_into(slug, p, max_bridges))
        routes = list(self.direct_routes(slug, point))
        for path in self.bridge_paths(slug, max_bridges):
            first = self.direct_routes(path[0].source, point)
            if not first:
                continue
            steps = list(first[0].steps)
            for edge in path:
                steps.append(
                    Step(
                        "passerelle",
                        edge.target,
                        comment=edge.comment,
                        source=edge.source,
                        duration=parse_duration(edge.comment, strict=True),
                    )
                )
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
