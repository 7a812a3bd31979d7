"""The route planner's memory: a search's result reused wherever it provably holds.

`Planner.obtain(cert, person, depth, stack)` is a pure function of its
arguments, but it reads `stack` (the certifications already on the way)
only through questions "is X on the way?", and `depth` only through
whether a nested step goes past the depth limit. So each search records
the questions it (and every search below it) asked, the deepest level it
reached and whether the limit cut anything. Its result is then reused for
the same certification and person under another stack that answers those
questions the same way, and at another depth where the limit cuts the
same nothing. Keying by the whole stack and depth instead recomputed the
same searches many times over on sites with many diplomas.

The same memory, shared by the planners of every métier of a build
(`routes.Planner.fresh`), holds each finished search with the searches it
made, so that another métier's planner replays them instead of making it
again (`routes.Planner.obtain`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple


@dataclass
class _Search:
    """A search under way: what it has asked so far."""

    depth: int
    deepest: int
    asked: set[str] = field(default_factory=set)
    cut: bool = False  # the depth limit stopped a step below it


class Known(NamedTuple):
    """A search remembered, with what its result depends on."""

    asked: frozenset[str]  # the certifications whose presence on the way the search asked about
    answers: frozenset[str]  # those that were on the way
    depth: int
    reach: int  # how many levels below its own the search went
    cut: bool
    result: Any
    order: int = 0  # when it was remembered: of several that hold, the first one is used


class SearchMemo:
    """Results of finished searches by (certification, person), with what each one depended on."""

    def __init__(self, max_depth: int) -> None:
        self.max_depth = max_depth
        # By (certification, person), then by the questions asked, then by their answers: a search is asked
        # again under many stacks, mostly with the same questions (looking through them one by one cost more
        # than the planning saved).
        self._known: dict[tuple[str, Any], dict[frozenset[str], dict[frozenset[str], list[Known]]]] = {}
        self._open: list[_Search] = []
        self._kept = 0

    def past_limit(self, slug: str, depth: int) -> bool:
        """Whether a step at `depth` is past the limit; the search under way notes the question and the answer."""
        past = depth > self.max_depth
        if self._open:
            search = self._open[-1]
            search.asked.add(slug)  # whether `slug` is on the way is asked next
            if depth > search.deepest:
                search.deepest = depth
            if past:
                search.cut = True
        return past

    def find(self, slug: str, person: Any, depth: int, stack: frozenset[str]) -> Known | None:
        """The remembered search that holds for this stack and depth, if any (nothing else changes)."""
        first = None
        for asked, by_answers in self._known.get((slug, person), {}).items():
            for known in by_answers.get(stack & asked, ()):
                if depth != known.depth and (known.cut or depth + known.reach > self.max_depth):
                    continue
                if first is None or known.order < first.order:
                    first = known
                break
        return first

    def recall(self, slug: str, person: Any, depth: int, stack: frozenset[str]) -> Any | None:
        """A remembered result that holds for this stack and depth, or None; the search under way depends on it."""
        known = self.find(slug, person, depth, stack)
        if known is None:
            return None
        self.depend(known.asked, depth + known.reach, known.cut)
        return known.result

    def keep(self, slug: str, person: Any, known: Known, result: Any) -> None:
        """Remember a search made elsewhere (`finish` gives it) with this result, and what it depended on."""
        asked, answers = known.asked, known.answers
        kept = Known(asked, answers, known.depth, known.reach, known.cut, result, self._kept)
        self._kept += 1
        self._known.setdefault((slug, person), {}).setdefault(asked, {}).setdefault(answers, []).append(kept)

    def start(self, depth: int) -> None:
        """A search begins at `depth` (a search for a certification not remembered)."""
        self._open.append(_Search(depth, depth))

    def finish(self, slug: str, person: Any, stack: frozenset[str], result: Any, remember: bool) -> Known | None:
        """The search begun last ends; `remember` keeps its result for later calls (and returns what is kept)."""
        search = self._open.pop()
        asked = frozenset(search.asked - {slug})  # `slug` itself is on its own search's way whatever the stack
        known = None
        if remember:
            known = Known(asked, stack & asked, search.depth, search.deepest - search.depth, search.cut, result)
            self.keep(slug, person, known, result)
        self.depend(asked, search.deepest, search.cut)
        return known

    def depend(self, asked: frozenset[str], deepest: int, cut: bool) -> None:
        """The search under way depends on what a search below it depended on."""
        if self._open:
            search = self._open[-1]
            search.asked |= asked
            search.deepest = max(search.deepest, deepest)
            search.cut = search.cut or cut
