"""The career graph, its routes and the durations they add up, on small hand-made graphs."""

from __future__ import annotations

import pytest

from passerelles.duration import Duration, parse_duration
from passerelles.graph import (
    MAX_BRIDGES,
    STARTING_POINTS,
    STARTS,
    CareerGraph,
    Route,
    hires_without_diploma,
    opens,
)
from passerelles.models import RESERVED_SLUGS, Evolution, Formation, Metier

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


def kinds(route: Route) -> list[str]:
    return [f"{s.kind}:{s.slug}" if s.slug else s.kind for s in route.steps]


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


# Starting points and placement rules ------------------------------------------------------------


def test_the_four_starting_points_are_the_reserved_slugs_and_explain_themselves_in_one_sentence() -> None:
    assert [p.slug for p in STARTING_POINTS] == ["apres-la-3e", "apres-le-bac", "sans-diplome", "reconversion"]
    assert set(STARTS) | {"embed"} == set(RESERVED_SLUGS["metiers"])  # /parcours/embed/ is the map's embed
    for point in STARTING_POINTS:
        assert point.regle.endswith(".") and ". " not in point.regle[:-1]


@pytest.mark.parametrize(
    "start, niveau_acces, formation_, expected",
    [
        ("apres-la-3e", "sans-diplome", formation(3, voies=("formation-initiale",)), True),
        ("apres-la-3e", "sans-diplome", formation(4, voies=("apprentissage",)), True),
        ("apres-la-3e", "sans-diplome", formation(4, voies=("formation-continue",)), False),
        ("apres-la-3e", "cap", formation(3, voies=SCHOOL), False),
        ("apres-la-3e", "sans-diplome", formation(6, voies=SCHOOL), False),
        ("apres-le-bac", "bac", formation(6, voies=SCHOOL), True),
        ("apres-le-bac", "sans-diplome", formation(4, voies=SCHOOL), True),
        ("apres-le-bac", "sans-diplome", formation(4, voies=SCHOOL, diplome="Bac professionnel ASSP"), False),
        ("apres-le-bac", "bac", formation(6, voies=("formation-continue",)), False),
        ("apres-le-bac", "bac+2", formation(7, voies=SCHOOL), False),
        ("sans-diplome", "sans-diplome", formation(3, voies=("formation-continue",)), True),
        ("sans-diplome", "sans-diplome", formation(4, voies=SCHOOL), False),
        (
            "sans-diplome",
            "sans-diplome",
            formation(4, voies=SCHOOL, prerequis="Accessible sans diplôme dès 17 ans"),
            True,
        ),
        ("sans-diplome", "sans-diplome", formation(3, voies=("vae",)), False),
        ("reconversion", "bac+2", formation(7, voies=("formation-continue",)), True),
        ("reconversion", "sans-diplome", formation(3, voies=("vae",)), True),
        ("reconversion", "sans-diplome", formation(3, voies=SCHOOL), False),
    ],
)
def test_placement_rules(start: str, niveau_acces: str, formation_: Formation, expected: bool) -> None:
    m = metier("m", niveau_acces=niveau_acces, formations=(formation_,))
    assert opens(STARTS[start], m, formation_) is expected


def test_only_a_metier_without_any_diploma_is_a_straight_hire() -> None:
    no_diploma = metier("agent", niveau_acces="sans-diplome")
    with_diploma = metier("aide", niveau_acces="sans-diplome", formations=(formation(4),))
    assert hires_without_diploma(STARTS["sans-diplome"], no_diploma)
    assert not hires_without_diploma(STARTS["sans-diplome"], with_diploma)
    assert not hires_without_diploma(STARTS["reconversion"], no_diploma)


# Routes -----------------------------------------------------------------------------------------


def test_a_chain_gives_ordered_steps_through_each_metier() -> None:
    graph = CareerGraph.from_metiers(
        [
            metier("agent", ("aide", "Formation de 12 mois")),
            metier("aide", ("chef", "Après 2 ans d'expérience"), formations=(formation(4, voies=SCHOOL),)),
            metier("chef", niveau_acces="bac+5", formations=(formation(7, voies=SCHOOL),)),
        ]
    )
    routes = graph.routes_into("chef", STARTS["sans-diplome"])
    assert [kinds(r) for r in routes] == [
        [
            "depart",
            "embauche:agent",
            "metier:agent",
            "passerelle:aide",
            "metier:aide",
            "passerelle:chef",
            "metier:chef",
        ]
    ]
    route = routes[0]
    assert route.via == ("agent", "aide")
    assert route.steps[3].source == "agent" and route.steps[3].comment == "Formation de 12 mois"
    assert route.complete and route.duration_text == "3 ans"


def test_branches_are_ordered_shortest_first_then_direct_before_bridges() -> None:
    graph = CareerGraph.from_metiers(
        [
            metier("long", ("cible", "Formation de 3 ans")),
            metier("court", ("cible", "Formation de 6 mois")),
            metier("cible", formations=(formation(3, duree="2 ans", diplome="Direct"),)),
        ]
    )
    routes = graph.routes_into("cible", STARTS["sans-diplome"])
    assert [(r.via, r.duration_text) for r in routes] == [
        (("court",), "6 mois"),
        ((), "2 ans"),
        (("long",), "3 ans"),
    ]
    assert graph.best_route("cible", STARTS["sans-diplome"]) == routes[0]
    every = graph.routes_into("cible")
    assert [r.start for r in every] == ["apres-la-3e", "apres-le-bac", *["sans-diplome"] * 3, "reconversion"]
    assert every[2:5] == routes


def test_routes_with_an_unknown_time_come_after_known_ones_and_say_at_least() -> None:
    graph = CareerGraph.from_metiers(
        [
            metier("a", ("cible", "Avec de l'expérience"), formations=(formation(3, duree="10 mois", voies=ADULTS),)),
            metier("cible", niveau_acces="cap", formations=(formation(6, duree="3 ans", voies=ADULTS),)),
        ]
    )
    routes = graph.routes_into("cible", STARTS["reconversion"])
    assert [r.via for r in routes] == [(), ("a",)]
    assert routes[1].duration_text == "au moins 10 mois"
    variable = CareerGraph.from_metiers([metier("x", formations=(formation(3, duree="variable", voies=ADULTS),))])
    assert variable.routes_into("x", STARTS["reconversion"])[0].duration_text == "durée variable"


def test_cycles_end_and_never_visit_a_metier_twice() -> None:
    graph = CareerGraph.from_metiers(
        [
            metier("a", "b"),
            metier("b", "c", "a"),
            metier("c", "a", formations=(formation(3),)),
        ]
    )
    for path in graph.bridge_paths("a"):
        slugs = [path[0].source] + [e.target for e in path]
        assert len(slugs) == len(set(slugs))
    routes = graph.routes_into("a", STARTS["sans-diplome"])
    assert {r.via for r in routes} == {(), ("b",), ("c",), ("b", "c")}


def test_depth_is_bounded() -> None:
    chain = [metier(f"m{i}", f"m{i + 1}") for i in range(6)] + [metier("m6", formations=(formation(7),))]
    graph = CareerGraph.from_metiers(chain)
    routes = graph.routes_into("m6", STARTS["sans-diplome"])
    assert max(len(r.via) for r in routes) == MAX_BRIDGES
    assert {r.via[0] for r in routes} == {"m3", "m4", "m5"}
    assert graph.routes_into("m6", STARTS["sans-diplome"], max_bridges=1)[0].via == ("m5",)


def test_unreachable_metiers_have_no_route_and_stay_off_the_starting_point_lists() -> None:
    graph = CareerGraph.from_metiers(
        [
            metier("ouvert", formations=(formation(3, voies=SCHOOL),)),
            metier("ferme", niveau_acces="bac+5", formations=(formation(7, voies=("formation-initiale",)),)),
        ]
    )
    for point in STARTING_POINTS:
        assert graph.routes_into("ferme", point) == ()
        assert "ferme" not in [r.target for r in graph.reachable(point)]
    assert [r.target for r in graph.reachable(STARTS["apres-la-3e"])] == ["ouvert"]


def test_drafts_and_unknown_targets_are_not_nodes_nor_edges() -> None:
    published = [metier("a", "brouillon", "b"), metier("b", formations=(formation(3),))]
    graph = CareerGraph.from_metiers(published)
    assert set(graph.nodes) == {"a", "b"}
    assert [e.target for e in graph.successors("a")] == ["b"]
    assert graph.predecessors("b")[0].source == "a"
    assert graph.isolated() == ()


def test_reachable_lists_each_metier_once_with_its_best_route_shortest_first() -> None:
    graph = CareerGraph.from_metiers(
        [
            metier("lent", formations=(formation(3, duree="2 ans", voies=ADULTS),)),
            metier("rapide", "lent", formations=(formation(3, duree="6 mois", voies=ADULTS),)),
        ]
    )
    reachable = graph.reachable(STARTS["reconversion"])
    assert [(r.target, r.duration_text) for r in reachable] == [("rapide", "6 mois"), ("lent", "2 ans")]
