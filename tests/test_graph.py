"""The career graph (map, « Et après ? ») and the durations read from old inline trainings."""

from __future__ import annotations

import pytest

from passerelles.duration import Duration, parse_duration
from passerelles.graph import CareerGraph
from passerelles.models import Evolution, Formation, Metier

SCHOOL = ("formation-initiale", "apprentissage")
ADULTS = ("formation-continue", "vae")


def formation(
    niveau: int = 3,
    duree: str = "12 mois",
    voies: tuple[str, ...] = SCHOOL + ADULTS,
    prerequis: str | None = None,
    diplome: str | None = None,
) -> Formation:
    return Formation(
        diplome=diplome or f"Diplôme de niveau {niveau}", niveau=niveau, duree=duree, voies=voies, prerequis=prerequis
    )


def metier(
    slug: str,
    *targets: str | tuple[str, str],
    niveau_acces: str = "sans-diplome",
    formations: tuple[Formation, ...] = (),
    brouillon: bool = False,
) -> Metier:
    evolutions = tuple(
        Evolution(metier=t, comment=f"Passerelle vers {t}")
        if isinstance(t, str)
        else Evolution(metier=t[0], comment=t[1])
        for t in targets
    )
    return Metier(
        collection="metiers",
        slug=slug,
        source=f"content/metiers/{slug}.md",
        titre=slug.title(),
        resume="Résumé.",
        niveau_acces=niveau_acces,
        formations=formations,
        evolutions=evolutions,
        brouillon=brouillon,
    )


# Durations --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, label",
    [
        ("12 mois", "12 mois"),
        ("3 ans", "3 ans"),
        ("2 ans", "2 ans"),
        ("10 à 24 mois (1 407 heures, dont 840 heures de stage)", "10 à 24 mois"),
        ("Environ 1 an (1 540 heures, dont 770 heures de stage)", "12 mois"),
        ("1 540 heures", "1\u202f540 heures"),
        ("140 h", "140 heures"),
        ("18 mois à 2 ans", "18 à 24 mois"),
        ("deux ans et demi", "2 ans et demi"),
        ("3 ans (6 semestres, 180 crédits européens)", "3 ans"),
        ("5 ans : 1 année universitaire puis 4 ans en institut", "5 ans"),
        ("44 semaines", "environ 10 mois"),
        ("3 ans après la 3e", "3 ans"),
    ],
)
def test_parse_duration_reads_what_editors_write(text: str, label: str) -> None:
    duration = parse_duration(text)
    assert duration is not None
    assert duration.label() == label


@pytest.mark.parametrize("text", ["Variable selon l'organisme de formation", "", "niveau 4, bac+2"])
def test_parse_duration_never_guesses(text: str) -> None:
    assert parse_duration(text) is None


def test_strict_parsing_reads_a_comment_only_when_it_gives_one_duration() -> None:
    assert parse_duration("DEME (niveau 4, 2 ans) ; allègements possibles", strict=True) == Duration(months=(24, 24))
    assert parse_duration("Après 3 ans de cotisation, puis 3 ans d'études", strict=True) is None
    assert parse_duration("Accessible dès 17 ans, formation de 10 mois", strict=True) == Duration(months=(10, 10))
    assert parse_duration("Concours puis formation", strict=True) is None


def test_durations_add_up_and_keep_hours_apart() -> None:
    total = Duration(months=(10, 24)) + Duration(months=(36, 36)) + Duration(hours=(140, 140))
    assert total.label() == "environ 4 à 5 ans + 140 heures"
    assert Duration().label() == "sans formation avant l'embauche"
    assert Duration(hours=(1540, 1540)).sort_key > Duration(months=(6, 6)).sort_key


def test_drafts_and_unknown_targets_are_not_nodes_nor_edges() -> None:
    published = [metier("a", "brouillon", "b"), metier("b", formations=(formation(3),))]
    graph = CareerGraph.from_metiers(published)
    assert set(graph.nodes) == {"a", "b"}
    assert [e.target for e in graph.successors("a")] == ["b"]
    assert graph.predecessors("b")[0].source == "a"
    assert graph.isolated() == ()
