"""Routes from real starting situations, on the example site: golden routes reviewed against the sources.

Sources: /work/shared/metiers-reference.md (part B and « Règles d'entrée utiles aux parcours ») and
each certification's own `sources` in content/formations/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from passerelles.departs import DEPARTS, DEPARTS_BY_SLUG
from passerelles.models import RESERVED_SLUGS
from passerelles.site import Site, load_site
from passerelles.steps import Route, duration_text

from .example_site import EXAMPLE_DATE, REPO


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(REPO, EXAMPLE_DATE)


def shape(route: Route) -> list[str]:
    return [f"{s.type}:{s.slug}" if s.slug else s.type for s in route.steps]


def every_route(site: Site) -> list[Route]:
    return [r for routes in site.parcours.routes.values() for r in routes]


def test_starting_points_are_people_and_the_reserved_slugs() -> None:
    assert [d.slug for d in DEPARTS] == ["apres-la-3e", "apres-le-bac", "sans-diplome", "reconversion"]
    # /parcours/<slug>/ also holds the map's embed (/parcours/embed/), the only reserved slug that is no person
    assert set(RESERVED_SLUGS["metiers"]) == set(DEPARTS_BY_SLUG) | {"embed"}
    after_3e, bac, sans, reconversion = DEPARTS
    assert after_3e.age == (180, 191) and after_3e.niveau == 0 and after_3e.eleve
    assert bac.niveau == 4 and bac.bac and bac.eleve
    assert sans.age[0] >= 18 * 12 and sans.niveau == 0 and not sans.eleve
    assert reconversion.niveau == 4 and reconversion.travail_mois >= 36 and not reconversion.eleve


def test_every_total_is_the_sum_of_its_steps(site: Site) -> None:
    routes = every_route(site)
    assert len(routes) > 100
    for route in routes:
        assert route.duree_min == sum(s.duree_min for s in route.steps)
        highs = [s.duree_max for s in route.steps]
        assert route.duree_max == (None if None in highs else sum(h or 0 for h in highs))
        assert all(s.duree_max is None or s.duree_min <= s.duree_max for s in route.steps)
        assert route.steps[-1].type == "metier" and route.steps[-1].slug == route.metier
        assert all(s.conditions.endswith(".") for s in route.steps)


def test_routes_are_truly_shortest_first(site: Site) -> None:
    for routes in site.parcours.routes.values():
        assert list(routes) == sorted(routes, key=lambda r: r.key)
    for depart in DEPARTS:
        best = site.parcours.best(depart.slug)
        assert [r.key for r in best] == sorted(r.key for r in best)


def test_infirmier_after_3e_goes_through_a_bac_then_3_years_of_ifsi(site: Site) -> None:
    routes = site.parcours.of("infirmier", "apres-la-3e")
    best = routes[0]
    assert shape(best) == ["formation:bac-pro-assp", "formation:dei", "metier:infirmier"]
    assert set(best.steps[0].autres) == {"bac-pro-aepa", "bac-pro-sapat", "bac-st2s"}
    assert (best.duree_min, best.duree_max) == (72, 72)
    # … or through 3 years of work first, then the IFSI by continuing education (hors Parcoursup)
    fpc = [r for r in routes if any(s.type == "experience" and s.duree_min == 36 for s in r.steps)]
    assert fpc, [shape(r) for r in routes]
    assert shape(fpc[0])[-2:] == ["formation:dei", "metier:infirmier"]
    assert "3 ans de travail" in fpc[0].steps[-2].conditions
    assert fpc[0].duree_min >= 1 + 36 + 36  # 16 years old before the first job


def test_aide_soignant_after_3e_honours_the_minimum_age_of_17(site: Site) -> None:
    routes = site.parcours.of("aide-soignant", "apres-la-3e")
    for route in routes:
        deas = next(i for i, s in enumerate(route.steps) if s.slug == "deas")
        before = route.steps[:deas]
        waited = sum(s.duree_min for s in before)
        assert 180 + 11 + sum(s.duree_max or 0 for s in before) >= 17 * 12, shape(route)
        assert waited >= 13 or any(s.type == "formation" for s in before), shape(route)
    shapes = {tuple(shape(r)) for r in routes}
    wait = next(r for r in routes if shape(r)[:2] == ["attente", "formation:deas"])
    assert (wait.duree_min, wait.duree_max) == (23, 48)  # 15 years and 0 to 11 months: 13 to 24 months to wait
    assert ("formation:bac-pro-assp", "formation:deas", "metier:aide-soignant") in shapes
    bac_pro = next(r for r in routes if shape(r)[0] == "formation:bac-pro-assp")
    assert "allégée" in bac_pro.steps[1].note and bac_pro.steps[0].autres == ("bac-pro-sapat",)
    assert any(shape(r)[0] == "formation:cap-atmfc" for r in routes)


def test_asg_is_only_for_aides_soignants_or_aes_in_post(site: Site) -> None:
    for depart in DEPARTS:
        for route in site.parcours.of("assistant-de-soins-en-gerontologie", depart.slug):
            steps = shape(route)
            asg = steps.index("formation:formation-asg")
            assert {"formation:deas", "formation:deaes"} & set(steps[:asg]), steps
            assert steps[asg - 1] in ("experience:aide-soignant", "experience:accompagnant-educatif-et-social")
    bac = site.parcours.of("assistant-de-soins-en-gerontologie", "apres-le-bac")[0]
    assert bac.duree_min >= 11


def test_directeur_in_reconversion_needs_a_first_diploma_before_cafdes_or_caferuis(site: Site) -> None:
    for route in site.parcours.of("directeur-d-etablissement-medico-social", "reconversion"):
        assert len(route.certifications) >= 2, shape(route)
        assert route.duree_min >= 36 + 24


def test_adult_only_entries_wait_for_adulthood_after_3e(site: Site) -> None:
    for slug in ("assistant-de-vie-aux-familles", "accueillant-familial"):
        for route in site.parcours.of(slug, "apres-la-3e"):
            first = route.steps[0]
            assert first.type == "attente" and "18 ans" in first.titre, shape(route)


def test_routes_agree_with_the_fiches(site: Site) -> None:
    assert shape(site.parcours.of("aide-a-domicile", "sans-diplome")[0]) == ["metier:aide-a-domicile"]
    accueil = site.parcours.of("accueillant-familial", "sans-diplome")[0]
    assert shape(accueil) == ["formation:agrement-accueillant-familial", "metier:accueillant-familial"]
    assert "54 heures" in next(c for c in site.formations if c.slug == "agrement-accueillant-familial").resume


def test_unknown_lengths_are_never_a_stepping_stone(site: Site) -> None:
    variable = {c.slug for c in site.formations if c.duree_mois_max is None}
    assert {"tp-advf", "tp-rcsad"} <= variable
    for route in every_route(site):
        assert not set(route.certifications[:-1]) & variable or route.steps[-2].slug in variable, shape(route)


def test_reconversion_routes_link_to_funding_pages_only_when_they_exist(site: Site) -> None:
    from passerelles import certifs

    funding = {"cpf", "projet-de-transition-professionnelle", "aides-france-travail", "apprentissage", "vae"}
    assert funding <= {p.slug for p in site.pages}  # the example site has its funding pages
    route = site.parcours.of("infirmier", "reconversion")[0]
    assert route.steps[0].type == "formation"
    assert set(route.steps[0].liens) >= {"cpf", "projet-de-transition-professionnelle", "aides-france-travail"}
    assert set(route.steps[0].liens) <= {p.slug for p in site.pages}
    # a site without those pages links to none of them
    bare = certifs.parcours(site.metiers, site.formations, frozenset()).of("infirmier", "reconversion")[0]
    assert bare.steps[0].type == "formation" and bare.steps[0].liens == ()
    some = certifs.parcours(site.metiers, site.formations, frozenset({"cpf"})).of("infirmier", "reconversion")[0]
    assert some.steps[0].liens == ("cpf",)


@pytest.mark.parametrize(
    "low, high, text",
    [
        (36, 36, "3 ans"),
        (10, 18, "10 à 18 mois"),
        (72, 84, "6 à 7 ans"),
        (0, None, "durée variable"),
        (12, None, "au moins 12 mois"),
        (0, 1, "un mois au plus"),
        (0, 5, "jusqu'à 5 mois"),
        (0, 0, "tout de suite"),
        (27, None, "au moins 2 ans"),
        (58, 60, "environ 4 ans et demi à 5 ans"),
        (23, 42, "23 mois à 3 ans et demi"),
        (46, 46, "environ 4 ans"),
        (95, 114, "environ 7 ans et demi à 9 ans et demi"),
        (24, 30, "2 ans à 2 ans et demi"),
        (100, 110, "environ 8 ans à 9 ans et demi"),
        (97, 108, "environ 8 à 9 ans"),
    ],
)
def test_durations_in_plain_french(low: int, high: int | None, text: str) -> None:
    assert duration_text(low, high) == text


def conforms(value: object, schema: dict) -> bool:
    """The subset of JSON Schema the published schema uses: types, enums, required, no extra keys."""
    kinds = schema.get("type")
    kinds = [kinds] if isinstance(kinds, str) else kinds
    python = {"object": dict, "array": list, "string": str, "integer": int, "null": type(None)}
    if kinds and not any(isinstance(value, python[k]) and not isinstance(value, bool) for k in kinds):
        return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        if any(key not in value for key in schema.get("required", ())):
            return False
        if schema.get("additionalProperties") is False and set(value) - set(properties):
            return False
        return all(conforms(v, properties[k]) for k, v in value.items() if k in properties)
    if isinstance(value, list):
        return all(conforms(v, schema.get("items", {})) for v in value)
    return True


def test_parcours_json_follows_its_schema_and_the_pages(example_site: Path) -> None:
    data = json.loads((example_site / "donnees/parcours.json").read_text())
    schema = json.loads((example_site / "donnees/schemas/parcours.json").read_text())
    assert conforms(data, schema)
    broken = json.loads(json.dumps(data))
    broken["parcours"][0]["chemins"][0]["etapes"][0]["duree"] = 3
    assert not conforms(broken, schema)
    entry = next(p for p in data["parcours"] if p["metier"] == "infirmier" and p["depart"] == "apres-la-3e")
    first = entry["chemins"][0]
    assert [e["slug"] for e in first["etapes"]] == ["bac-pro-assp", "dei", "infirmier"]
    assert first["duree_min_mois"] == sum(e["duree_min_mois"] for e in first["etapes"]) == 72
    assert len(data["parcours"]) == 22 * 4
    page = (example_site / "parcours/infirmier/index.html").read_text()
    # the page's French spacing (non-breaking spaces before « : ») is not the test's subject
    assert "Chemin 1 : 6 ans" in page.replace("\u00a0", " ").replace("\u202f", " ")
    formations = json.loads((example_site / "donnees/formations.json").read_text())["formations"]
    deas = next(f for f in formations if f["slug"] == "deas")
    assert deas["duree_mois_min"] == 10 and deas["conditions"][0]["age_min"] == 17
    assert deas["url"].endswith("/formations/deas/")


def test_infirmier_coordinateur_is_an_infirmier_with_experience_first(site: Site) -> None:
    for depart in DEPARTS:
        for route in site.parcours.of("infirmier-coordinateur", depart.slug):
            steps = shape(route)
            assert steps[-3:] == ["formation:dei", "experience:infirmier", "metier:infirmier-coordinateur"], steps
            assert route.steps[-2].duree_min == 24
    assert site.parcours.of("infirmier-coordinateur", "apres-le-bac")[0].duree_min == 36 + 24


def test_diploma_conditions_try_a_bounded_number_of_diplomas() -> None:
    """Hundreds of diplomas of one level (a national edition, or a hostile pull request) must not make route
    planning explode: a condition tries the shortest few, and always the certifications it names."""
    from dataclasses import replace

    from passerelles.models import Certification, DiplomeRequis
    from passerelles.routes import CANDIDATES, Planner

    base = Certification(collection="formations", slug="x", source="x.md", titre="X", resume="", niveau=4)
    many = {
        f"bac-{i:03d}": replace(base, slug=f"bac-{i:03d}", bac=True, duree_mois_min=36 + i, duree_mois_max=36 + i)
        for i in range(200)
    }
    planner = Planner({}, many, {})
    tried = planner._candidates(DiplomeRequis(bac=True, certifications=("bac-199",)))
    assert [c.slug for c in tried[:CANDIDATES]] == [f"bac-{i:03d}" for i in range(CANDIDATES)]  # the shortest
    assert [c.slug for c in tried[CANDIDATES:]] == ["bac-199"]  # the one named, however long


def test_the_example_site_is_planned_well_within_the_budget(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """The budget only bounds pathological sites: every route of the example is searched to the end."""
    from passerelles import certifs, routes

    assert site.parcours.cut == frozenset()
    spent: list[int] = []
    plan = routes.Planner.routes

    def counting(self: routes.Planner, slug: str, depart: object) -> tuple[Route, ...]:
        found = plan(self, slug, depart)  # type: ignore[arg-type]
        spent.append(self._spent)
        return found

    monkeypatch.setattr(routes.Planner, "routes", counting)
    again = certifs.parcours(site.metiers, site.formations, [p.slug for p in site.pages])
    assert again.routes == site.parcours.routes
    assert len(spent) == len(site.metiers) * len(DEPARTS)
    assert 0 < max(spent) <= routes.BUDGET // 3


def test_a_search_past_the_budget_stops_keeps_what_it_found_and_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    from passerelles import routes

    full = load_site(REPO, EXAMPLE_DATE).parcours
    monkeypatch.setattr(routes, "BUDGET", 15)
    small = load_site(REPO, EXAMPLE_DATE)
    assert small.parcours.cut  # some searches needed more than 15 certifications planned
    cut_metiers = {m for m, _ in small.parcours.cut}
    warned = {w.path for w in small.warnings if "trop de chemins possibles" in w.message}
    assert warned == {m.source for m in small.metiers if m.slug in cut_metiers}
    for (metier, depart), found in small.parcours.routes.items():
        assert list(found) == sorted(found, key=lambda r: r.key)
        assert all(r.metier == metier and r.depart == depart for r in found)
        if (metier, depart) not in small.parcours.cut:  # a stopped search is never remembered for another
            assert found == full.of(metier, depart)


def test_a_metiers_routes_never_depend_on_the_metiers_planned_before_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each métier is planned with a memory of its own: any order, or every core, gives the same routes and cuts."""
    from passerelles import certifs, parallel, routes

    monkeypatch.setattr(routes, "BUDGET", 15)  # searches stopped early: where a shared memory would show
    planners: list[routes.Planner] = []

    def keeping(planner: routes.Planner) -> tuple[routes.Parcours, dict[str, routes.MetierPlan]]:
        planners.append(planner)
        return routes.compute(planner)

    monkeypatch.setattr(certifs, "compute", keeping)
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    serial = load_site(REPO, EXAMPLE_DATE).parcours
    assert serial.cut
    planner = planners[0]
    backwards: dict[tuple[str, str], tuple[Route, ...]] = {}
    stopped: set[tuple[str, str]] = set()
    for slug in sorted(planner.metiers, reverse=True):
        found, cut, _ = routes.plan_metier(planner, slug)
        backwards.update(found)
        stopped |= cut
    assert backwards == serial.routes
    assert stopped == serial.cut
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    monkeypatch.setattr(routes, "PARALLEL_FROM", 4)
    forked, _ = routes.compute(planner)
    assert forked.routes == serial.routes
    assert forked.cut == serial.cut
