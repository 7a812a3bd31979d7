"""Routes into a métier from a real starting situation: steps whose durations add up.

Each starting point (`DEPARTS`) is a person: an age, a diploma level, years
of work, pupil or adult. A route is what that person must do, in order, to
work in a métier: wait for an entry age, go to school, obtain certifications
(whose entry conditions are data in content/formations/), work some years.
Every step has a duration in whole months, min and max; a route's duration
is the sum of its steps. Nothing is guessed: a certification whose duration
is not known (`duree_variable`) makes the route's maximum unknown (None).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from functools import partial
from typing import NamedTuple

from .departs import DEPARTS, Depart
from .labels import lcfirst
from .models import Certification, Condition, DiplomeRequis, Experience, Metier
from .parallel import fork_map
from .routememo import Known, SearchMemo
from .steps import MergeMemo, Parcours, Route, Step, describe, join_or, merge, signature, sort_key

AGE_EMBAUCHE = 16  # Code du travail, art. L4153-1: no one is hired before 16
MAX_DEPTH = 4  # certifications obtained one for another: longer chains are not advice any more
KEPT = 6  # options kept for each intermediate goal (the shortest ones)
CANDIDATES = 12  # diplomas tried for one diploma condition, shortest first: keeps planning polynomial and small
ROUTES_KEPT = 6  # routes kept for a métier and a starting point
# Certifications planned for one métier and starting point, at most: bounds the work on any site (the example
# site needs under 130). Past it the search stops, keeps the routes found so far and says so (see `cut`).
BUDGET = 1_000
PARALLEL_FROM = 40  # métiers from which they are planned on every core (the example site has 22: one process)
# The fields of a métier that routes are made of: the planner reads no other (tests/test_routes_cache.py
# replaces every other field by an unusable value and plans the same routes).
PLANNED_FIELDS = (
    "slug",
    "titre",
    "niveau_acces",
    "formations",
    "certifications",
    "embauche_sans_diplome",
    "experience_requise",
    "evolutions",
)
ALL = "*"  # in a métier's reads: every métier was looked at
SCHOOL = frozenset({"formation-initiale", "apprentissage"})
ADULT = frozenset({"formation-continue", "apprentissage"})
VOIES_ORDER = ("formation-initiale", "apprentissage", "formation-continue")
NO_CONDITION = Condition()  # a certification without conditions: one way in, open to all


class Person(NamedTuple):
    """Where someone stands on the way: age range in months, diplomas, work done.

    A named tuple, immutable, made and compared fast: the planner makes millions of them on a large site.
    """

    age: tuple[int, int]
    niveau: int
    bac: bool
    eleve: bool
    certifs: frozenset[str] = frozenset()
    travail: int = 0
    metiers: tuple[tuple[str, int], ...] = ()  # months worked per métier, sorted
    poste: str | None = None
    dernier: str | None = None  # last certification obtained

    def months_in(self, slugs: Iterable[str]) -> int:
        wanted = set(slugs)
        return sum(months for slug, months in self.metiers if slug in wanted)

    def aged(self, age: tuple[int, int]) -> Person:
        return Person(
            age, self.niveau, self.bac, self.eleve, self.certifs, self.travail, self.metiers, self.poste, self.dernier
        )

    def older(self, low: int, high: int | None) -> Person:
        return self.aged((self.age[0] + low, self.age[1] + (low if high is None else high)))

    def worked(self, slug: str | None, months: int) -> Person:
        done = dict(self.metiers)
        if slug:
            done[slug] = done.get(slug, 0) + months
        age = (self.age[0] + months, self.age[1] + months)
        return Person(
            age,
            self.niveau,
            self.bac,
            False,
            self.certifs,
            self.travail + months,
            tuple(sorted(done.items())),
            slug,
            self.dernier,
        )

    def certified(self, cert: Certification, low: int, high: int | None) -> Person:
        """After a training of `low` to `high` months that gave this certification."""
        age = (self.age[0] + low, self.age[1] + (low if high is None else high))
        return Person(
            age,
            max(self.niveau, cert.niveau or 0),
            self.bac or cert.bac,
            self.eleve,
            self.certifs | {cert.slug},
            self.travail,
            self.metiers,
            self.poste,
            cert.slug,
        )


Option = tuple[tuple[Step, ...], Person]


def _best(options: Iterable[Option], keep: int = KEPT, merged: MergeMemo | None = None) -> list[Option]:
    """The shortest options; options of the same shape through equivalent diplomas become one.

    A shape fixes the totals and the number of steps, so options of one shape are neighbours once sorted, and
    an option alone with its totals has no shape to share: its shape is never worked out (the planner ranks
    millions of options).
    """
    options = options if isinstance(options, list) else list(options)
    if len(options) <= 1:  # most calls: nothing to rank
        return options[:]
    # By key, then by place in `options` (a stable sort), the options themselves never compared.
    ranked = sorted([(sort_key(o[0]), i, o) for i, o in enumerate(options)])
    groups: list[Option] = []
    shapes: dict[tuple[tuple[str, int, int | None, str, str], ...], int] = {}  # in the run of equal totals
    last: tuple[bool, int, int, int] | None = None  # totals and length of the last group kept
    run: tuple[bool, int, int, int] | None = None
    alone = False
    for place, (key, _, (steps, person)) in enumerate(ranked):
        totals = key[:4]
        if len(groups) >= keep and totals != last:
            break  # same shape means same totals and length: nothing further can join a group kept
        if totals != run:
            run, shapes = totals, {}
            alone = place + 1 == len(ranked) or ranked[place + 1][0][:4] != totals
        if alone:
            groups.append((steps, person))  # fewer than `keep` groups so far: it starts one
            last = totals
            continue
        shape = signature(steps)
        if shape in shapes:
            kept, first = groups[shapes[shape]]
            groups[shapes[shape]] = (merge(kept, steps, merged), first)
        elif len(groups) < keep:
            shapes[shape] = len(groups)
            groups.append((steps, person))
            last = totals
    return groups


class Planner:
    """Computes the routes of a site: métiers, certifications and which help pages exist."""

    def __init__(
        self,
        metiers: Mapping[str, Metier],
        certifications: Mapping[str, Certification],
        leads_to: Mapping[str, tuple[str, ...]],
        pages: frozenset[str] = frozenset(),
        predecessors: Mapping[str, tuple[str, ...]] | None = None,
        shared: SearchMemo | None = None,
        sinks: list[set[str]] | None = None,
    ):
        self.metiers = metiers
        self.certs = certifications
        self.leads_to = leads_to  # métier slug -> its certification slugs (inline formations included)
        self.pages = pages
        self.predecessors = predecessors or {}  # métier -> métiers whose `evolutions` lead to it
        self._memo = SearchMemo(MAX_DEPTH)
        # Searches finished by this planner and by the others that share `shared` (see `obtain`): each result is
        # kept as a `_Searched`, with the searches it made and the métiers it read.
        self._shared = shared if shared is not None else SearchMemo(MAX_DEPTH)
        self._family = SearchMemo(MAX_DEPTH)  # what the planners made by `fresh` share
        # Where the métiers read go (`_Recorded`): the last set is the search under way's, the first the whole's.
        self._sinks = sinks if sinks is not None else [set()]
        self._traces: list[_Trace | None] = []  # what each search under way has asked so far (None: replayed)
        self._answers: list[tuple[tuple[str, Person, int], list[Option]]] = []  # see `_redo`
        # Keyed by the id of a condition (kept alive by the certifications): hashing the dataclass every time
        # cost more than the work remembered.
        self._candidates_of: dict[int, tuple[DiplomeRequis, list[Certification]]] = {}
        self._described: dict[int, tuple[Condition, str]] = {}
        self._steps: dict[tuple[object, ...], tuple[Condition, Step]] = {}  # a training's step, see `_step`
        self._merged: MergeMemo = {}  # steps merged, by the two steps (steps.merge)
        self._waits: dict[tuple[int, int, int], Step] = {}  # waiting steps, by age and months
        self._experiences: dict[tuple[str, int], tuple[Experience, Experience]] = {}  # see `_work_before`
        self._linked: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._before: dict[str, tuple[str, ...]] = {}
        self._spent = 0  # certifications planned for the current métier and starting point
        self._stops = 0  # searches stopped by the budget, so far
        self.cut: set[tuple[str, str]] = set()  # (métier, starting point) whose search the budget stopped

    def fresh(self, seen: set[str] | None = None) -> Planner:
        """A planner for the same site with an empty memory; the métiers it reads are added to `seen`.

        Planners made this way share the searches they finish, replayed exactly as if made anew (`obtain`).
        """
        sinks = [set() if seen is None else seen]
        return Planner(
            _Recorded(self.metiers, sinks),
            self.certs,
            self.leads_to,
            self.pages,
            self.predecessors,
            shared=self._family,
            sinks=sinks,
        )

    # Helpers ----------------------------------------------------------------------------------

    def _rank(self, options: Iterable[Option], keep: int = KEPT) -> list[Option]:
        """`_best`, with this planner's memory of merged steps."""
        return _best(options, keep, self._merged)

    def _title(self, slug: str) -> str:
        metier = self.metiers.get(slug)
        return lcfirst(metier.titre) if metier else slug

    def _links(self, *slugs: str) -> tuple[str, ...]:
        if slugs not in self._linked:
            self._linked[slugs] = tuple(s for s in dict.fromkeys(slugs) if s in self.pages)
        return self._linked[slugs]

    def _qualified(self, person: Person, slug: str) -> bool:
        metier = self.metiers[slug]
        wanted = metier.experience_requise
        if wanted is not None and person.months_in(wanted.metiers) < wanted.mois:
            return False
        if metier.embauche_sans_diplome and person.age[0] >= AGE_EMBAUCHE * 12:
            return True
        return not person.certifs.isdisjoint(self.leads_to.get(slug, ()))

    def _wait(self, person: Person, age_years: int) -> Option:
        target = age_years * 12
        low, high = max(0, target - person.age[1]), max(0, target - person.age[0])
        if high == 0:
            return (), person
        step = self._waits.get((age_years, low, high))
        if step is None:
            step = self._waits[age_years, low, high] = Step(
                "attente",
                f"Attendre d'avoir {age_years} ans",
                low,
                high,
                f"La suite demande d'avoir au moins {age_years} ans.",
                liens=self._links("mission-locale") if age_years <= 26 else (),
            )
        aged = person.aged((max(person.age[0], target), max(person.age[1], target)))
        return (step,), aged

    def _holds(self, person: Person, wanted: DiplomeRequis) -> bool:
        if wanted.bac and person.bac:
            return True
        if wanted.niveau is not None and person.niveau >= wanted.niveau:
            return True
        return not person.certifs.isdisjoint(wanted.certifications)

    def _entry_level(self, cert: Certification) -> int:
        """The lowest diploma level one of a certification's ways in asks for (0: none)."""
        levels = []
        for condition in cert.conditions or (Condition(),):
            wanted = condition.diplome_requis
            if wanted is None:
                levels.append(0)
                continue
            named = [self.certs[s].niveau or 0 for s in wanted.certifications if s in self.certs]
            levels.append(
                min([*([4] if wanted.bac else []), *([wanted.niveau] if wanted.niveau else []), *named] or [0])
            )
        return min(levels)

    def _satisfies(self, cert: Certification, wanted: DiplomeRequis) -> bool:
        return (
            (wanted.bac and cert.bac)
            or (wanted.niveau is not None and cert.niveau is not None and cert.niveau >= wanted.niveau)
            or cert.slug in wanted.certifications
        )

    def _candidates(self, wanted: DiplomeRequis) -> list[Certification]:
        known = self._candidates_of.get(id(wanted))
        if known is None:
            known = self._candidates_of[id(wanted)] = (wanted, self._find_candidates(wanted))
        return known[1]

    def _find_candidates(self, wanted: DiplomeRequis) -> list[Certification]:
        """Certifications worth obtaining to meet a diploma condition: never one that asks for as much itself.

        Named certifications always count; of the others, only the `CANDIDATES` shortest are tried, so that a
        site with hundreds of diplomas of one level does not make the search explode.
        """
        named = [self.certs[s] for s in wanted.certifications if s in self.certs]
        found: list[Certification] = []
        for cert in self.certs.values():
            if cert.duree_mois_max is None:
                continue  # a diploma of unknown length is never advised as a mere stepping stone
            if wanted.bac and cert.bac:
                found.append(cert)
            elif wanted.niveau is not None and (cert.niveau or 0) >= wanted.niveau > self._entry_level(cert):
                found.append(cert)
        shortest = sorted(found, key=lambda c: (c.duree_mois_min, c.slug))[:CANDIDATES]
        unique = {c.slug: c for c in [*named, *shortest]}
        return sorted(unique.values(), key=lambda c: (c.duree_mois_min, c.slug))

    def _met_before(self, steps: tuple[Step, ...], wanted: DiplomeRequis) -> bool:
        """Whether a way to a diploma already met the condition before its last training (a detour)."""
        trainings = [s.slug for s in steps if s.type == "formation" and s.slug and s.slug in self.certs]
        return len(trainings) > 1 and any(self._satisfies(self.certs[slug], wanted) for slug in trainings[:-1])

    def _job_for(self, person: Person) -> str | None:
        """The métier someone can work in now: the one in post, or one their last certification opens."""
        if person.poste:
            return person.poste
        if person.dernier:
            return next((m for m, certs in sorted(self.leads_to.items()) if person.dernier in certs), None)
        return None

    # Conditions in plain French -------------------------------------------------------------------

    def describe(self, condition: Condition) -> str:
        """A condition of entry, in plain French (worded once per condition).

        The métiers it names are its experience's, which `_work` reads in every search that makes a step of
        this condition: a search's reads are complete without those of the wording (shared searches rely on it).
        """
        known = self._described.get(id(condition))
        if known is None:
            known = self._described[id(condition)] = (condition, describe(condition, self.certs, self.metiers))
        return known[1]

    # Planning -------------------------------------------------------------------------------------

    def obtain(self, slug: str, person: Person, depth: int = 0, stack: frozenset[str] = frozenset()) -> list[Option]:
        """The shortest ways for this person to obtain a certification (never one already on the way to it).

        A search another planner of the family finished (`fresh`) is not made again: the searches it made are
        replayed, each through `obtain`, so that this planner's memory and budget go exactly as if it had made
        it. Only if the budget stops one of them does the result change: the search is then made here (`_redo`).
        """
        if slug in person.certifs:
            return [((), person)]
        if self._memo.past_limit(slug, depth) or slug not in self.certs or slug in stack:
            trace = self._traces[-1] if self._traces else None
            if trace is not None:
                trace.ended(slug, depth)
            return []
        if self._answers:  # a search made again after the budget stopped one below it (`_redo`)
            asked, answer = self._answers.pop()
            if asked != (slug, person, depth):
                raise RuntimeError(f"planificateur : recherche rejouée dans un autre ordre ({slug})")
            return answer
        trace = self._traces[-1] if self._traces else None
        if trace is not None:
            trace.calls.append((slug, person, depth))
        remembered = self._memo.recall(slug, person, depth, stack)
        if remembered is not None:
            return remembered  # type: ignore[no-any-return]
        if self._spent >= BUDGET:
            self._stops += 1
            return []
        self._spent += 1
        stops = self._stops
        self._memo.start(depth)
        options: list[Option] = []
        finished = False
        made = self._shared.find(slug, person, depth, stack)
        searched = None
        try:
            if made is None:
                searched = self._search(slug, person, depth, stack | {slug})
                options = searched.options
            else:
                options = self._replay(made, slug, person, depth, stack | {slug}, stops)
            finished = True
        finally:  # a search the budget stopped is incomplete: never remembered
            known = self._memo.finish(slug, person, stack, options, remember=finished and self._stops == stops)
        if known is not None and searched is not None:
            self._shared.keep(slug, person, known, searched)
        return options

    def _search(self, slug: str, person: Person, depth: int, stack: frozenset[str]) -> _Searched:
        """A search made here, with what it asked and the métiers it read (also read by the searches above)."""
        trace = _Trace()
        reads: set[str] = set()
        self._traces.append(trace)
        self._sinks.append(reads)
        try:
            options = self._obtain(slug, person, depth, stack)
        finally:
            self._traces.pop()
            self._sinks.pop()
            self._sinks[-1] |= reads
        return _Searched(options, tuple(trace.calls), frozenset(trace.asked), trace.deepest, frozenset(reads))

    def _replay(
        self, made: Known, slug: str, person: Person, depth: int, stack: frozenset[str], stops: int
    ) -> list[Option]:
        """A search finished elsewhere, its searches made again one by one (each remembered or replayed)."""
        searched: _Searched = made.result
        answers: list[list[Option]] = []
        self._traces.append(None)  # the searches replayed belong to no search made here
        try:
            for child, their, at in searched.calls:
                answers.append(self.obtain(child, their, depth + at - made.depth, stack))
                if self._stops != stops:  # the budget stopped one: from here the result is not the one known
                    calls = [(c, p, depth + d - made.depth) for c, p, d in searched.calls[: len(answers)]]
                    return self._redo(slug, person, depth, stack, list(zip(calls, answers, strict=True)))
        finally:
            self._traces.pop()
        # The searches that ended at once (past the depth limit, already on the way) are not replayed: what they
        # asked is asked here in one go (the same questions, since the search found holds for this stack and depth).
        if searched.ended:
            deepest = depth + searched.deepest - made.depth
            self._memo.depend(searched.ended, deepest, deepest > MAX_DEPTH)
        self._sinks[-1] |= searched.reads
        return searched.options

    def _redo(
        self,
        slug: str,
        person: Person,
        depth: int,
        stack: frozenset[str],
        answers: list[tuple[tuple[str, Person, int], list[Option]]],
    ) -> list[Option]:
        """The search made here after all, its first searches answered as they were just replayed."""
        self._answers = answers[::-1]
        try:
            return self._obtain(slug, person, depth, stack)
        finally:
            left, self._answers = self._answers, []
            if left:
                raise RuntimeError(f"planificateur : recherche rejouée incomplète ({slug})")

    def _obtain(self, slug: str, person: Person, depth: int, stack: frozenset[str]) -> list[Option]:
        cert = self.certs[slug]
        starts: list[Option] = [((), person)]
        for allegement in cert.allegements:  # obtaining first what shortens this training is a route too
            if allegement.depuis in self.certs and self.certs[allegement.depuis].duree_mois_max is not None:
                starts += self.obtain(allegement.depuis, person, depth + 1, stack)
        options: list[Option] = []
        for first, start in starts:
            options += [((*first, *steps), done) for steps, done in self._obtain_from(cert, start, depth, stack)]
        return self._rank(options)

    def _obtain_from(self, cert: Certification, person: Person, depth: int, stack: frozenset[str]) -> list[Option]:
        slug = cert.slug
        options: list[Option] = []
        for condition in cert.conditions or (NO_CONDITION,):
            possible = set(cert.voies) & set(condition.voies) if condition.voies else set(cert.voies)
            if not possible - {"vae"}:
                continue
            for before, ready in self._meet(condition, person, depth, stack, slug):
                if not possible & (SCHOOL if ready.eleve else ADULT):  # working first makes one an adult
                    continue
                waited, ready = self._wait(ready, condition.age_min) if condition.age_min else ((), ready)
                shortened = next((i for i, a in enumerate(cert.allegements) if a.depuis in ready.certifs), -1)
                # The step depends on the person only through these: made once for each combination.
                key = (slug, id(condition), shortened, ready.eleve, bool(ready.travail), ready.age[0] < 26 * 12)
                known = self._steps.get(key)
                if known is None:
                    known = self._steps[key] = (condition, self._step(cert, condition, possible, shortened, ready))
                step = known[1]
                done = ready.certified(cert, step.duree_min, step.duree_max)
                options.append(((*before, *waited, step), done))
        return self._rank(options)

    def _step(
        self, cert: Certification, condition: Condition, possible: set[str], shortened: int, ready: Person
    ) -> Step:
        """The training step of a certification, for a person in this situation (see `_obtain_from`)."""
        voies = possible & (SCHOOL if ready.eleve else ADULT)
        low, high, note = cert.duree_mois_min, cert.duree_mois_max, ""
        if shortened >= 0:
            allegement = cert.allegements[shortened]
            note = allegement.effet
            if allegement.duree_mois_min is not None and allegement.duree_mois_max is not None:
                low, high = allegement.duree_mois_min, allegement.duree_mois_max
        adult = not ready.eleve
        links = []
        if adult and "formation-continue" in voies:
            links += ["cpf", "projet-de-transition-professionnelle"] if ready.travail else ["cpf"]
            links.append("aides-france-travail")
        if "apprentissage" in voies:
            links.append("apprentissage")
        if adult and ready.travail and "vae" in cert.voies:
            links.append("vae")
        if adult and ready.age[0] < 26 * 12:
            links.append("mission-locale")
        return Step(
            "formation",
            cert.titre,
            low,
            high,
            self.describe(condition),
            slug=cert.slug,
            note=note,
            liens=self._links(*links),
            voies=tuple(v for v in VOIES_ORDER if v in voies),
        )

    def _meet(self, condition: Condition, person: Person, depth: int, stack: frozenset[str], goal: str) -> list[Option]:
        """Ways to fulfil a condition's diploma and experience (not its age: waited for last)."""
        options: list[Option] = [((), person)]
        wanted = condition.diplome_requis
        if wanted is not None and not self._holds(person, wanted):
            options = self._rank(
                (steps, done)
                for cert in self._candidates(wanted)
                for steps, done in self.obtain(cert.slug, person, depth + 1, stack)
                if not self._met_before(steps, wanted)
            )
        if condition.experience is not None:
            options = self._rank(
                (before + after, done)
                for before, ready in options
                for after, done in self._work(condition.experience, ready, depth, stack, goal)
            )
        return options

    def _work(
        self, experience: Experience, person: Person, depth: int, stack: frozenset[str], goal: str
    ) -> list[Option]:
        if not experience.metiers:
            if experience.mois <= person.travail:
                return [((), person)]
            anywhere = self._any_work(experience, person)
            return self._rank([*anywhere, *self._work_before(experience, person, depth, stack, goal)])
        options: list[Option] = []
        qualified = [m for m in experience.metiers if m in self.metiers and self._qualified(person, m)]
        for slug in qualified or experience.metiers:  # already able to work in one: no other diploma for that
            if slug not in self.metiers:
                continue
            for before, ready in self._enter(slug, person, depth + 1, stack):
                months = max(0, experience.mois - ready.months_in(experience.metiers))
                if months == 0 and not (experience.en_poste and ready.poste != slug):
                    options.append((before, ready))
                    continue
                step = Step(
                    "experience",
                    f"Travailler comme {self._title(slug)}",
                    months,
                    months,
                    self._arrival_conditions(slug, ready),
                    slug=slug,
                )
                options.append(((*before, step), ready.worked(slug, months)))
        return self._rank(options)

    def _in_post_only(self, slug: str) -> bool:
        """A function held on top of another job (its training is for people already in post), e.g. ASG."""
        certs = [self.certs[c] for c in self.leads_to.get(slug, ()) if c in self.certs]
        return bool(certs) and all(
            c.conditions and all(k.experience is not None and k.experience.en_poste for k in c.conditions)
            for c in certs
        )

    def _any_work(self, experience: Experience, person: Person) -> list[Option]:
        """Years of any paid work, from the age one may be hired."""
        months = max(0, experience.mois - person.travail)
        if months == 0:
            return [((), person)]
        waited, ready = self._wait(person, AGE_EMBAUCHE)
        job = self._job_for(ready)
        titre = f"Travailler comme {self._title(job)}" if job else "Travailler (tout emploi salarié compte)"
        step = Step(
            "experience",
            titre,
            months,
            months,
            "Être salarié : chaque emploi compte pour ces années de travail.",
            slug=job,
        )
        return [((*waited, step), ready.worked(job, months))]

    def _work_before(
        self, experience: Experience, person: Person, depth: int, stack: frozenset[str], goal: str
    ) -> list[Option]:
        """The same years of work, in a métier whose fiche says it leads to one this certification opens."""
        if goal not in self._before:
            targets = {m for m, certs in self.leads_to.items() if goal in certs}
            self._before[goal] = tuple(
                sorted(
                    {
                        p
                        for t in targets
                        for p in self.predecessors.get(t, ())
                        if p not in targets and not self._in_post_only(p)
                    }
                )
            )
        before = self._before[goal]
        if not before:
            return []
        known = self._experiences.get((goal, id(experience)))
        if known is None:
            known = self._experiences[goal, id(experience)] = (experience, replace(experience, metiers=before))
        return self._work(known[1], person, depth, stack, goal)

    def _enter(self, slug: str, person: Person, depth: int, stack: frozenset[str] = frozenset()) -> list[Option]:
        """Ways for a person to become able to work in a métier."""
        if self._qualified(person, slug):
            return [((), person)]
        options: list[Option] = []
        metier = self.metiers[slug]
        if metier.embauche_sans_diplome:
            options.append(self._wait(person, AGE_EMBAUCHE))
        for cert in self.leads_to.get(slug, ()):
            options += self.obtain(cert, person, depth, stack)
        wanted = metier.experience_requise
        if wanted is not None and wanted.metiers and slug not in wanted.metiers:  # years in another job first
            options = [
                ((*before, *after), done)
                for before, ready in self._rank(options)
                for after, done in self._work(wanted, ready, depth, stack, "")
            ]
        return self._rank(options)

    def _arrival_conditions(self, slug: str, person: Person) -> str:
        held = [self.certs[c].nom for c in self.leads_to.get(slug, ()) if c in person.certifs and c in self.certs]
        if held:
            return f"Avec {join_or(held)}."
        return "Pas de diplôme demandé pour être embauché ; l'employeur forme à la prise de poste."

    def routes(self, slug: str, depart: Depart) -> tuple[Route, ...]:
        """Every useful way into a métier from a starting point, shortest first."""
        start = Person(
            age=depart.age, niveau=depart.niveau, bac=depart.bac, eleve=depart.eleve, travail=depart.travail_mois
        )
        routes, seen = [], set()
        self._spent, stops = 0, self._stops
        found = self._rank(self._enter(slug, start, 0), ROUTES_KEPT)
        if self._stops != stops:
            self.cut.add((slug, depart.slug))
        for steps, person in found:
            what = tuple((s.type, s.slug) for s in steps if s.type != "attente")
            if what in seen:
                continue  # the same trainings and jobs, only waiting longer: not another way
            seen.add(what)
            arrival = Step(
                "metier",
                f"Travailler comme {self._title(slug)}",
                0,
                0,
                self._arrival_conditions(slug, person),
                slug=slug,
            )
            routes.append(Route(depart.slug, slug, (*steps, arrival)))
        return tuple(sorted(routes, key=lambda r: r.key))


class _Trace:
    """What a search asks while it is made: the searches it makes (certification, person, depth), in order,
    and the certifications it asks for that end at once (past the depth limit, not known, already on the way)."""

    __slots__ = ("asked", "calls", "deepest")

    def __init__(self) -> None:
        self.calls: list[tuple[str, Person, int]] = []
        self.asked: set[str] = set()
        self.deepest = -1  # the deepest of those

    def ended(self, slug: str, depth: int) -> None:
        self.asked.add(slug)
        if depth > self.deepest:
            self.deepest = depth


class _Searched(NamedTuple):
    """A search finished, as planners of one family share it: its result, what it asked (`_Trace`), and the
    métiers it read (those below included)."""

    options: list[Option]
    calls: tuple[tuple[str, Person, int], ...]
    ended: frozenset[str]
    deepest: int
    reads: frozenset[str]


class _Recorded(Mapping[str, Metier]):
    """The site's métiers as one métier's planning reads them: each slug asked for is added to the last set of
    `sinks` (`ALL` when they are all looked at), so that its routes are planned again only when one of those
    changes."""

    def __init__(self, metiers: Mapping[str, Metier], sinks: list[set[str]]) -> None:
        self._metiers, self._sinks = metiers, sinks

    def __getitem__(self, slug: str) -> Metier:
        self._sinks[-1].add(slug)
        return self._metiers[slug]

    def __contains__(self, slug: object) -> bool:
        self._sinks[-1].add(str(slug))
        return slug in self._metiers

    def __iter__(self) -> Iterator[str]:
        self._sinks[-1].add(ALL)
        return iter(self._metiers)

    def __len__(self) -> int:
        self._sinks[-1].add(ALL)
        return len(self._metiers)


def read_digest(metiers: Mapping[str, Metier], slug: str) -> str:
    """What a métier's planning saw of another (or of all, `ALL`): its PLANNED_FIELDS, or its absence."""
    if slug == ALL:
        seen: object = [(s, planned_view(m)) for s, m in sorted(metiers.items())]
    else:
        metier = metiers.get(slug)
        seen = None if metier is None else planned_view(metier)
    return hashlib.sha256(repr(seen).encode()).hexdigest()


def planned_view(metier: Metier) -> tuple[object, ...]:
    return tuple(getattr(metier, name) for name in PLANNED_FIELDS)


class MetierPlan(NamedTuple):
    """One métier's routes from every starting point, where the budget stopped, and what it read of the métiers."""

    routes: dict[tuple[str, str], tuple[Route, ...]]
    cut: frozenset[tuple[str, str]]
    reads: dict[str, str]  # slug (or ALL) -> read_digest


def plan_metier(planner: Planner, slug: str) -> MetierPlan:
    """One métier's routes from every starting point, planned with a memory of its own.

    So a métier's routes, and whether the budget stopped its search, never depend on which métiers were
    planned before it: the métiers can be planned in any order, in parallel, and give the same site.
    """
    seen: set[str] = set()
    fresh = planner.fresh(seen)
    routes = {(slug, depart.slug): fresh.routes(slug, depart) for depart in DEPARTS}
    return MetierPlan(routes, frozenset(fresh.cut), {s: read_digest(planner.metiers, s) for s in sorted(seen)})


def compute(planner: Planner, known: Mapping[str, MetierPlan] | None = None) -> tuple[Parcours, dict[str, MetierPlan]]:
    """Every route for every métier and starting point, and where the budget stopped the search.

    `known`: plans of an earlier build of the same certifications (and the same métiers' certifications and
    bridges, see certifs.planning_key); a métier's plan is kept while every métier it read is unchanged.
    """
    known = known or {}
    slugs = sorted(planner.metiers)
    now: dict[str, str] = {}  # each métier's digest in this build, worked out once

    def unchanged(slug: str, digest: str) -> bool:
        if slug not in now:
            now[slug] = read_digest(planner.metiers, slug)
        return now[slug] == digest

    plans = {
        slug: known[slug]
        for slug in slugs
        if slug in known and all(unchanged(s, d) for s, d in known[slug].reads.items())
    }
    todo = [slug for slug in slugs if slug not in plans]
    plans.update(zip(todo, fork_map(partial(plan_metier, planner), todo, min_items=PARALLEL_FROM), strict=True))
    routes: dict[tuple[str, str], tuple[Route, ...]] = {}
    cut: set[tuple[str, str]] = set()
    for slug in slugs:
        routes.update(plans[slug].routes)
        cut |= plans[slug].cut
    return Parcours(routes, frozenset(cut)), {slug: plans[slug] for slug in slugs}
