"""Three newcomers on a 375 px phone, tapping as they would: a métier that suits them, its salary,
its route and the next event near them, in three taps at most; and the métier page's events by région.

Same server and browser fixtures as test_browser.py; skipped without Chromium outside CI.
"""

from __future__ import annotations

import math

import pytest
import yaml

from passerelles.geo import DATA, ONLINE, by_region, load_geography
from passerelles.site import load_site

from . import test_browser as shared
from .example_site import EXAMPLE_DATE, REPO

pytestmark = pytest.mark.browser
base_url, browser = shared.base_url, shared.browser  # the same fixtures as test_browser.py

CENTRES = {str(d["code"]): (d["lat"], d["lon"]) for d in yaml.safe_load(DATA.read_text())["departements"]}


def km(a: str, b: str) -> float:
    (lat1, lon1), (lat2, lon2) = (math.radians(x) for x in CENTRES[a]), (math.radians(x) for x in CENTRES[b])
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.fixture
def small_phone(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="fr-FR", device_scale_factor=1)
    yield context.new_page()
    context.close()


def groups_on_page(page) -> list[tuple[str, bool, list[str]]]:  # type: ignore[no-untyped-def]
    """(région code, open?, départements of its events in page order) for each group of the fiche."""
    return page.locator("details[data-groupe]").evaluate_all(
        """gs => gs.map(g => [g.dataset.groupe, g.open,
            [...g.querySelectorAll('.card--event')].map(c => c.dataset.departement)])"""
    )


def test_metier_page_groups_events_by_region_then_nearest_first(small_phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    site = load_site(REPO, EXAMPLE_DATE)
    geography = load_geography()
    expected = by_region(site.upcoming_of("aide-soignant"), site.config.departements, geography)
    assert len(expected) >= 3  # the example has something to group
    small_phone.goto(base_url + "/metiers/aide-soignant/")
    groups = groups_on_page(small_phone)
    # Before any postcode: the edition's régions first, only the first group open (a short page on a phone).
    assert [g[0] for g in groups] == [g.code for g in expected]
    assert [g[1] for g in groups] == [True] + [False] * (len(groups) - 1)
    assert small_phone.locator("details[data-groupe] summary h3").all_inner_texts() == [g.nom for g in expected]

    small_phone.get_by_label("Votre code postal").fill("64000")  # Pau
    groups = groups_on_page(small_phone)
    nearest = [min((km("64", d) if d in CENTRES else math.inf) for d in g[2]) for g in groups]
    assert nearest == sorted(nearest) and nearest[0] == 0  # the région of Pau first
    assert [g[1] for g in groups] == [True] + [False] * (len(groups) - 1)  # the nearest group open, the others folded
    for _, _, departements in groups:
        placed = [d for d in departements if d in CENTRES]
        assert placed == sorted(placed, key=lambda d: km("64", d))
    first = small_phone.locator("details[data-groupe] .card--event").first
    assert first.is_visible() and first.locator(".card__distance").inner_text() == "Dans votre département"
    status = small_phone.locator("#proches [aria-live]").inner_text()
    assert status == f"Du plus proche au plus lointain de 64000\u00a0: {geography.regions['75']} d’abord."

    # Remembered in this browser: the events page and the next fiche are sorted at once.
    small_phone.goto(base_url + "/evenements/")
    assert small_phone.get_by_label("Votre code postal").input_value() == "64000"
    assert small_phone.locator(".card--event").first.get_attribute("data-departement") == "64"
    small_phone.goto(base_url + "/metiers/infirmier/")
    assert (
        small_phone.locator("details[data-groupe][open] .card--event").first.get_attribute("data-departement") == "64"
    )


def test_metier_events_without_javascript_read_by_region(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(base_url + "/metiers/accompagnant-educatif-et-social/")
    assert not page.locator("#proches").is_visible()
    groups = groups_on_page(page)
    assert ONLINE in [g[0] for g in groups] and groups[0][1] and not any(g[1] for g in groups[1:])
    assert page.locator("details[data-groupe]:not([open]) summary").first.is_visible()  # folded, not hidden
    page.locator("details[data-groupe]:not([open]) summary").first.click()  # still opens without scripts
    assert page.locator("details[data-groupe]").nth(1).locator(".card--event").first.is_visible()
    context.close()


def read_fiche(page, postcode: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What a visitor sees on a fiche once they type their postcode: salary, route link, nearest event."""
    salary = page.locator(".facts div", has_text="Salaire de début").locator("dd")
    route = page.get_by_role("link", name="Comment devenir", exact=False).first
    page.get_by_label("Votre code postal").fill(postcode)
    event = page.locator("details[data-groupe][open] .card--event").first
    return {
        "salaire": salary.inner_text() if salary.is_visible() else "",
        "chemin": route.get_attribute("href") if route.is_visible() else "",
        "evenement": event.get_attribute("data-departement") if event.is_visible() else "",
        "distance": event.locator(".card__distance").inner_text() if event.is_visible() else "",
    }


@pytest.mark.parametrize(
    ("persona", "taps", "metier", "postcode"),
    [
        # A 15-year-old: « J'ai 15 ans », a métier among those open after the 3e, then its fiche.
        ("J’ai 15 ans", ["Devenir aide-soignant", "Lire la fiche métier Aide-soignant"], "aide-soignant", "64000"),
        # A parent: the parents' page, the list of fiches, one fiche.
        ("Je suis parent", ["fiches des métiers", "Infirmier ou infirmière"], "infirmier", "59000"),
        # An adult changing careers: reconversion, a métier open without a diploma, then its fiche.
        (
            "Je veux changer de métier",
            ["Devenir aide à domicile", "Lire la fiche métier Aide à domicile"],
            "aide-a-domicile",
            "62000",
        ),
    ],
)
def test_three_newcomers_reach_a_metier_its_salary_route_and_next_event_in_three_taps(  # type: ignore[no-untyped-def]
    small_phone, base_url: str, persona: str, taps: list[str], metier: str, postcode: str
) -> None:
    small_phone.goto(base_url + "/")
    small_phone.get_by_role("link", name=persona, exact=True).click()
    for name in taps:
        small_phone.get_by_role("link", name=name).first.click()
    assert 1 + len(taps) <= 3
    assert small_phone.url == f"{base_url}/metiers/{metier}/"
    seen = read_fiche(small_phone, postcode)
    assert "€" in str(seen["salaire"]), seen  # the starting salary, in « En bref »
    assert seen["chemin"] == f"/parcours/{metier}/"
    assert seen["evenement"] == postcode[:2] and seen["distance"] == "Dans votre département", seen
