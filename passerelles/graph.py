"""The career graph: métiers as nodes, `evolutions` as edges (the map, « Et après ? »).

Pure functions over published métiers; the reverse edges ("accessible
depuis") are derived here and never written by editors. The routes into a
métier, with their durations, come from `routes.py`: bridges between métiers
follow from shared certifications and experience rules, not from this prose.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .models import Metier


@dataclass(frozen=True)
class Edge:
    """A bridge from one métier to another, with how to cross it."""

    source: str
    target: str
    comment: str


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
