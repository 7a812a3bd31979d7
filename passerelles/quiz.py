"""« Quel métier pour moi ? »: a few plain questions matched against the métiers' own fields.

No answer is written by hand for a métier: each choice of each question is a
small test on the content model (publics, lieux, niveau_acces, the
certifications a métier names with their level and voies, the ROME code's
family), with the reason it gives when it matches. The matches are computed once at build time; the page embeds them
as JSON for `static/js/quiz.js`, which only adds them up, and lists the
métiers by the same criteria for visitors without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .certifs import inline_certifications
from .htmltext import script_json
from .labels import NIVEAUX_ACCES
from .markup import typo
from .models import Certification, Metier
from .pagespec import PageSpec
from .pathways import pathway_url
from .site import Site
from .steps import duration_text

URL = "/quiz/"
MIN_RESULTS, MAX_RESULTS = 3, 5

# What a ROME code says about the kind of work, longest prefix first: the J
# family is health care (J1502 coordinates care teams), K11–K13 are social
# support and help to people, K14 is managing health and social services.
ROME_KINDS: tuple[tuple[str, str], ...] = (
    ("J1502", "organisation"),
    ("K14", "organisation"),
    ("J", "soin"),
    ("K", "accompagnement"),
)
OPEN_LEVELS = ("sans-diplome", "cap")
# Levels of the national framework: 3–5 train in one or two years, 6 and up in three or more.
SHORT_TRAINING, LONG_TRAINING = range(3, 6), range(6, 9)

Trainings = tuple[Certification, ...]
"""The certifications that lead to one métier (old inline trainings included)."""
Test = Callable[[Metier, Trainings], str | None]
"""A choice's test on a métier and its trainings: the reason it suits this métier, or None."""


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    test: Test


@dataclass(frozen=True)
class Question:
    name: str
    legend: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class Suggestion:
    metier: Metier
    reasons: tuple[str, ...]

    @property
    def score(self) -> int:
        return len(self.reasons)


def rome_kind(metier: Metier) -> str | None:
    """« soin », « accompagnement » or « organisation » from the ROME code, if there is one."""
    code = metier.code_rome or ""
    return next((kind for prefix, kind in ROME_KINDS if code.startswith(prefix)), None) if code else None


def trainings_of(site: Site) -> dict[str, Trainings]:
    """Each métier's certifications, by slug: the ones it names, or its old inline trainings."""
    certs = {c.slug: c for c in site.formations}
    inline = inline_certifications(site.metiers)
    return {m.slug: inline.get(m.slug) or tuple(certs[s] for s in m.certifications if s in certs) for m in site.metiers}


def _find(trainings: Trainings, keep: Callable[[Certification], bool]) -> Certification | None:
    return next((c for c in trainings if keep(c)), None)


def _training(levels: range) -> Test:
    def test(metier: Metier, trainings: Trainings) -> str | None:
        found = _find(trainings, lambda c: c.niveau in levels)
        if found is None:
            return None
        return f"formation : {found.titre}, {duration_text(found.duree_mois_min, found.duree_mois_max)}"

    return test


def _voie(voies: tuple[str, ...], reason: str) -> Test:
    def test(metier: Metier, trainings: Trainings) -> str | None:
        found = _find(trainings, lambda c: any(v in c.voies for v in voies))
        return f"{reason} : {found.titre}" if found else None

    return test


def _member(field: str, value: str, reason: str) -> Test:
    return lambda m, _: reason if value in getattr(m, field) else None


def _kind(kind: str, reason: str) -> Test:
    return lambda m, _: reason if rome_kind(m) == kind else None


def _level(levels: tuple[str, ...], reason: str) -> Test:
    def test(metier: Metier, trainings: Trainings) -> str | None:
        level = NIVEAUX_ACCES[metier.niveau_acces].lower()
        return f"{reason} (niveau d’entrée : {level})" if metier.niveau_acces in levels else None

    return test


def _adult(metier: Metier, trainings: Trainings) -> str | None:
    if metier.niveau_acces == "sans-diplome":
        return "accessible aux adultes, même sans diplôme"
    adults = _find(trainings, lambda c: "formation-continue" in c.voies or "vae" in c.voies)
    return "accessible aux adultes qui changent de métier" if adults else None


QUESTIONS: tuple[Question, ...] = (
    Question(
        "public",
        "Avec qui aimeriez-vous travailler ?",
        (
            Choice(
                "personnes-agees",
                "Des personnes âgées",
                _member("publics", "personnes-agees", "auprès des personnes âgées"),
            ),
            Choice(
                "personnes-handicapees",
                "Des personnes en situation de handicap",
                _member("publics", "personnes-handicapees", "auprès des personnes en situation de handicap"),
            ),
        ),
    ),
    Question(
        "lieu",
        "Où aimeriez-vous travailler ?",
        (
            Choice(
                "domicile",
                "Chez les gens, à leur domicile",
                _member("lieux", "domicile", "on travaille au domicile des personnes"),
            ),
            Choice(
                "etablissement",
                "Dans un établissement (EHPAD, foyer…)",
                _member("lieux", "etablissement", "on travaille en établissement"),
            ),
            Choice("hopital", "À l’hôpital", _member("lieux", "hopital", "on travaille à l’hôpital")),
        ),
    ),
    Question(
        "envie",
        "Qu’est-ce qui vous attire le plus ?",
        (
            Choice("soin", "Soigner, prendre soin du corps", _kind("soin", "un métier du soin")),
            Choice(
                "accompagnement",
                "Aider et accompagner dans la vie de tous les jours",
                _kind("accompagnement", "un métier d’accompagnement"),
            ),
            Choice(
                "organisation",
                "Organiser, coordonner, diriger une équipe",
                _kind("organisation", "un métier d’organisation"),
            ),
        ),
    ),
    Question(
        "duree",
        "Combien de temps êtes-vous prêt ou prête à vous former ?",
        (
            Choice(
                "court",
                "Le moins possible : je veux commencer vite",
                _level(("sans-diplome",), "on peut commencer vite"),
            ),
            Choice("moyen", "Un ou deux ans", _training(SHORT_TRAINING)),
            Choice("long", "Trois ans ou plus", _training(LONG_TRAINING)),
        ),
    ),
    Question(
        "voie",
        "Comment aimeriez-vous apprendre ?",
        (
            Choice(
                "ecole", "À l’école, au lycée ou à l’université", _voie(("formation-initiale",), "se prépare à l’école")
            ),
            Choice(
                "apprentissage",
                "En apprentissage, avec un salaire",
                _voie(("apprentissage",), "se prépare en apprentissage"),
            ),
            Choice(
                "adulte",
                "En formation pour adultes ou par la VAE",
                _voie(("formation-continue", "vae"), "se prépare en formation pour adultes ou par la VAE"),
            ),
        ),
    ),
    Question(
        "situation",
        "Où en êtes-vous ?",
        (
            Choice("college", "Je suis au collège", _level(OPEN_LEVELS, "accessible sans le bac")),
            Choice("bac", "J’ai le bac ou je le prépare", _level((*OPEN_LEVELS, "bac"), "accessible avec le bac")),
            Choice("adulte", "Je travaille ou je cherche un emploi", _adult),
        ),
    ),
)


def matches(metier: Metier, trainings: Trainings) -> dict[str, dict[str, str]]:
    """For one métier, the reason each choice gives, by question and choice (only the choices that suit it)."""
    table: dict[str, dict[str, str]] = {}
    for question in QUESTIONS:
        for choice in question.choices:
            reason = choice.test(metier, trainings)
            if reason:
                table.setdefault(question.name, {})[choice.value] = typo(reason)
    return table


def suggest(site: Site, answers: Mapping[str, str]) -> list[Suggestion]:
    """The 3 to 5 métiers that suit the answers best, with their reasons (fewer if few suit at all).

    Each answer that suits a métier counts one point; ties keep the métiers'
    order (A to Z). Below the third, a métier is kept only if it scores as
    well as the third. `static/js/quiz.js` applies the same rule.
    """
    scored = []
    trainings = trainings_of(site)
    for metier in site.metiers:
        table = matches(metier, trainings[metier.slug])
        reasons = tuple(
            table[q.name][answers[q.name]] for q in QUESTIONS if answers.get(q.name) in table.get(q.name, {})
        )
        if reasons:
            scored.append(Suggestion(metier, reasons))
    ranked = sorted(scored, key=lambda s: -s.score)[:MAX_RESULTS]
    if len(ranked) > MIN_RESULTS:
        ranked = [s for s in ranked if s.score >= ranked[MIN_RESULTS - 1].score]
    return ranked


def quiz_data(site: Site) -> dict[str, object]:
    """What quiz.js needs: every métier with its page, its pathway and its matches."""
    trainings = trainings_of(site)
    return {
        "min": MIN_RESULTS,
        "max": MAX_RESULTS,
        "metiers": [
            {"titre": m.titre, "url": m.url, "parcours": pathway_url(m.slug), "raisons": matches(m, trainings[m.slug])}
            for m in site.metiers
        ],
    }


def by_criteria(site: Site) -> list[dict[str, object]]:
    """The same criteria as a static list: for each question and choice, the métiers that suit it."""
    trainings = trainings_of(site)
    return [
        {
            "question": q,
            "choices": [(c, [m for m in site.metiers if c.test(m, trainings[m.slug])]) for c in q.choices],
        }
        for q in QUESTIONS
    ]


def quiz_pages(site: Site) -> list[PageSpec]:
    """The quiz page (its data embedded as JSON)."""
    return [
        PageSpec(
            URL,
            "quiz.html",
            {
                "questions": QUESTIONS,
                "criteres": by_criteria(site),
                "donnees": script_json(quiz_data(site)),
                "breadcrumb": [("Accueil", "/"), ("Quel métier pour moi ?", "")],
                "description": "Six questions simples pour trouver les métiers de l’autonomie qui vous ressemblent.",
            },
        )
    ]
