"""Certifications across files: references, cycles, inline trainings, and the routes of a site.

Métiers name their certifications (`certifications: [deas]`); certifications
name others in their conditions and allègements. This module checks those
references (unknown slug, with a suggestion), refuses cycles (a diploma that
needs itself, directly or not), turns the old inline `formations` of a
métier into anonymous certifications so that such sites keep building (with
a warning), and computes every route once per build.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace

from markupsafe import Markup

from .departs import DEPARTS
from .duration import HOURS_PER_MONTH, parse_duration
from .errors import ContentError, unknown_reference
from .models import Certification, Condition, DiplomeRequis, Formation, Metier
from .routes import Planner, compute
from .steps import Parcours

Lines = Mapping[str, Mapping[tuple[str | int, ...], int]]
_LEVELS = {"cap": 3, "bac+2": 5, "bac+3": 6, "bac+5": 7}


def _legacy(metier: Metier, index: int, formation: Formation) -> Certification:
    """An inline training of an old-style métier, as a certification only this métier uses."""
    duration = parse_duration(formation.duree)
    low, high = 0, None
    if duration is not None and duration.months[1]:
        low, high = round(duration.months[0]), round(duration.months[1])
    elif duration is not None and duration.hours[1]:
        low, high = round(duration.hours[0] / HOURS_PER_MONTH), max(1, round(duration.hours[1] / HOURS_PER_MONTH))
    wanted = None
    if metier.niveau_acces == "bac":
        wanted = DiplomeRequis(bac=True)
    elif metier.niveau_acces in _LEVELS:
        wanted = DiplomeRequis(niveau=_LEVELS[metier.niveau_acces])
    return Certification(
        collection="formations",
        slug=f"{metier.slug}--{index + 1}",
        source=metier.source,
        titre=formation.diplome,
        resume=formation.prerequis or "",
        niveau=formation.niveau,
        rncp=formation.rncp,
        duree_mois_min=low,
        duree_mois_max=high,
        voies=formation.voies,
        conditions=(Condition(diplome_requis=wanted, selection=formation.prerequis),),
        ou=formation.ou,
    )


def inline_certifications(metiers: Iterable[Metier]) -> dict[str, tuple[Certification, ...]]:
    """The inline trainings of métiers that do not name certifications, by métier."""
    return {
        m.slug: tuple(_legacy(m, i, f) for i, f in enumerate(m.formations))
        for m in metiers
        if m.formations and not m.certifications
    }


def check(
    metiers: Sequence[Metier],
    certifications: Sequence[Certification],
    lines: Lines,
    metier_slugs: set[str],
    unreadable: Collection[str] = (),
) -> list[ContentError]:
    """Unknown certifications or métiers named, cycles, and old inline trainings (a warning).

    `unreadable` are the slugs of certification files that failed to load: they are reported there, not here.
    """
    known = {c.slug for c in certifications} | set(unreadable)
    problems: list[ContentError] = []

    def at(source: str, *keys: str | int) -> int:
        found = lines.get(source, {})
        path = tuple(keys)
        while path:
            if path in found:
                return found[path]
            path = path[:-1]
        return 1

    def ref(source: str, slug: str, keys: tuple[str | int, ...], known_slugs: set[str], kind: str) -> None:
        if slug not in known_slugs:
            problems.append(unknown_reference(source, at(source, *keys), kind, slug, known_slugs - set(unreadable)))

    for metier in metiers:
        for i, slug in enumerate(metier.certifications):
            ref(metier.source, slug, ("certifications", i), known, "certification")
        if metier.experience_requise is not None:
            for i, slug in enumerate(metier.experience_requise.metiers):
                if slug not in metier_slugs:
                    where = at(metier.source, "experience_requise", "metiers", i)
                    problems.append(unknown_reference(metier.source, where, "métier", slug, metier_slugs))
        if metier.formations and not metier.certifications:
            problems.append(
                ContentError(
                    metier.source,
                    at(metier.source, "formations"),
                    "« formations » décrit les formations dans la fiche : créez-les dans content/formations/ "
                    "et nommez-les dans « certifications » (voir le guide de rédaction)",
                    warning=True,
                )
            )
    for cert in certifications:
        for i, condition in enumerate(cert.conditions):
            if condition.diplome_requis is not None:
                for j, slug in enumerate(condition.diplome_requis.certifications):
                    keys = ("conditions", i, "diplome_requis", "certifications", j)
                    ref(cert.source, slug, keys, known, "certification")
            if condition.experience is not None:
                for j, slug in enumerate(condition.experience.metiers):
                    keys = ("conditions", i, "experience", "metiers", j)
                    if slug not in metier_slugs:
                        problems.append(
                            unknown_reference(cert.source, at(cert.source, *keys), "métier", slug, metier_slugs)
                        )
        for i, allegement in enumerate(cert.allegements):
            ref(cert.source, allegement.depuis, ("allegements", i, "depuis"), known, "certification")
            if allegement.depuis == cert.slug:
                line = at(cert.source, "allegements", i, "depuis")
                problems.append(ContentError(cert.source, line, "une formation ne peut pas alléger elle-même"))
    problems += _cycles(certifications, lines)
    return problems


def _needs(cert: Certification) -> set[str]:
    """The certifications a certification's conditions ask for (allègements may go both ways)."""
    named: set[str] = set()
    for condition in cert.conditions:
        if condition.diplome_requis is not None:
            named |= set(condition.diplome_requis.certifications)
    return named


def _cycles(certifications: Sequence[Certification], lines: Lines) -> list[ContentError]:
    """A certification that needs itself, through its conditions or allègements."""
    by_slug = {c.slug: c for c in certifications}
    problems = []
    for cert in certifications:
        stack: list[tuple[str, tuple[str, ...]]] = [(cert.slug, (cert.slug,))]
        seen: set[str] = set()
        while stack:
            slug, path = stack.pop()
            for nxt in sorted(_needs(by_slug[slug]) & set(by_slug)):
                if nxt == cert.slug:
                    chain = " → ".join((*path, nxt))
                    line = lines.get(cert.source, {}).get(("conditions",), 1)
                    problems.append(ContentError(cert.source, line, f"cycle entre certifications : {chain}"))
                    stack = []
                    break
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, (*path, nxt)))
    return problems


def planner_for(metiers: Sequence[Metier], certifications: Sequence[Certification], pages: Iterable[str]) -> Planner:
    """The planner of a site's routes: its certifications (inline ones included), and what each métier opens."""
    inline = inline_certifications(metiers)
    certs = {c.slug: c for c in certifications}
    for extra in inline.values():
        certs.update({c.slug: c for c in extra})
    leads_to = {
        m.slug: tuple(c.slug for c in inline[m.slug]) if m.slug in inline else m.certifications for m in metiers
    }
    planner_metiers = {}
    for m in metiers:
        legacy_hire = not m.certifications and not m.formations and m.niveau_acces == "sans-diplome"
        planner_metiers[m.slug] = m if m.embauche_sans_diplome or not legacy_hire else _hireable(m)
    predecessors: dict[str, list[str]] = {}
    for m in metiers:
        for evolution in m.evolutions:
            predecessors.setdefault(evolution.metier, []).append(m.slug)
    before = {slug: tuple(sorted(sources)) for slug, sources in predecessors.items()}
    return Planner(planner_metiers, certs, leads_to, frozenset(pages), before)


def parcours(metiers: Sequence[Metier], certifications: Sequence[Certification], pages: Iterable[str]) -> Parcours:
    """Every route of the site, once per build (a métier's fields other than PLANNED_FIELDS are never read)."""
    return compute(planner_for(metiers, certifications, pages))[0]


def planning_key(planner: Planner) -> str:
    """What every métier's routes depend on besides the métiers they read (routes.MetierPlan.reads): the
    certifications without their texts, what each métier opens, the bridges and the help pages."""
    certs = [(slug, replace(cert, body=Markup(""), toc=())) for slug, cert in sorted(planner.certs.items())]
    shared = (certs, sorted(planner.leads_to.items()), sorted(planner.predecessors.items()), sorted(planner.pages))
    return hashlib.sha256(repr(shared).encode()).hexdigest()


def _hireable(metier: Metier) -> Metier:
    return replace(metier, embauche_sans_diplome=True)


def unreachable_warnings(metiers: Sequence[Metier], routes: Parcours) -> list[ContentError]:
    """A métier no starting point leads to: its certifications or their conditions are probably wrong.

    Also a métier whose search the planner stopped (too many ways through too many diplomas): its
    routes are the shortest found, maybe not all of them.
    """
    blocked = set(routes.unreachable())
    names = ", ".join(d.titre.lower() for d in DEPARTS)
    cut = {m: [d.titre.lower() for d in DEPARTS if (m, d.slug) in routes.cut] for m, _ in routes.cut}
    warnings = []
    for m in metiers:
        if m.slug in blocked:
            message = (
                f"aucun parcours ne mène à ce métier depuis les situations de départ ({names}) : "
                "vérifiez ses « certifications » et leurs conditions d'entrée"
            )
            warnings.append(ContentError(m.source, 1, message, warning=True))
        if m.slug in cut:
            message = (
                f"trop de chemins possibles vers ce métier ({', '.join(cut[m.slug])}) : la recherche s'est arrêtée "
                "et la page montre les parcours trouvés jusque-là ; des conditions d'entrée plus précises "
                "(« diplome_requis » qui nomme ses « certifications ») la raccourcissent"
            )
            warnings.append(ContentError(m.source, 1, message, warning=True))
    return warnings
