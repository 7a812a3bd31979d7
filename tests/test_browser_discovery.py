"""What a newcomer sees first, in headless Chromium: the home screen, the quiz, events near them.

Same server and browser fixtures as test_browser.py; skipped without Chromium outside CI.
"""

from __future__ import annotations

import math

import pytest

from . import test_browser as shared

pytestmark = pytest.mark.browser
base_url, browser = shared.base_url, shared.browser  # the same fixtures as test_browser.py

PERSONAS = ["J’ai 15 ans", "J’ai le bac", "Je veux changer de métier", "Je suis parent", "J’enseigne"]


@pytest.fixture
def small_phone(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="fr-FR", device_scale_factor=1)
    yield context.new_page()
    context.close()


def test_first_screen_shows_search_and_personas(small_phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    small_phone.goto(base_url + "/")
    search = small_phone.get_by_role("searchbox", name="Rechercher un métier ou une formation")
    assert search.bounding_box()["y"] + search.bounding_box()["height"] <= 812
    for name in PERSONAS:
        link = small_phone.get_by_role("link", name=name, exact=True)
        box = small_phone.evaluate(
            "e => { const r = e.getBoundingClientRect(); return [r.bottom, r.height]; }", link.element_handle()
        )
        assert box[0] <= 812, f"« {name} » est sous la ligne de flottaison ({box[0]} px)"
        assert box[1] >= 44, f"« {name} » ne mesure que {box[1]} px de haut"
    assert (
        small_phone.get_by_role("link", name="Je suis parent", exact=True).get_attribute("href").endswith("/parents/")
    )


def test_home_search_box_opens_the_results(small_phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    small_phone.goto(base_url + "/")
    small_phone.get_by_role("searchbox", name="Rechercher un métier ou une formation").fill("ergothérapie")
    small_phone.keyboard.press("Enter")
    small_phone.wait_for_url("**/recherche/?q=*")
    link = small_phone.locator('.pagefind-ui__result-link[href="/metiers/ergotherapeute/"]').first
    link.wait_for(timeout=10000)  # results appear one by one as their fragments load
    assert small_phone.locator("#recherche input").input_value() == "ergothérapie"
    assert small_phone.locator(".pagefind-ui__search-clear").inner_text().strip() == "Effacer"


def test_print_only_text_is_not_indexed(small_phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    small_phone.goto(base_url + "/recherche/?q=scannez")  # « Scannez pour ouvrir cette page », under the QR code
    message = small_phone.locator(".pagefind-ui__message")
    # A locator, not wait_for_function: the page's Content-Security-Policy forbids evaluating strings.
    message.filter(has_text="résultat").wait_for(timeout=10000)
    assert message.inner_text() == "1 résultat pour scannez"  # the glossary: « un code QR… à scanner »
    small_phone.locator('.pagefind-ui__result-link[href="/glossaire/"]').first.wait_for(timeout=10000)
    links = small_phone.locator(".pagefind-ui__result-link").evaluate_all("ls => ls.map(a => a.getAttribute('href'))")
    assert not [href for href in links if href.startswith("/parcours/")]


@pytest.mark.parametrize("url", ["/", "/quiz/", "/parents/", "/glossaire/", "/metiers/aide-soignant/", "/evenements/"])
def test_new_pages_have_no_axe_violation(small_phone, base_url: str, url: str) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    small_phone.goto(base_url + url)
    if url == "/quiz/":  # the results too, once shown
        small_phone.get_by_role("button", name="Voir les métiers pour moi").click()
    results = Axe().run(
        small_phone, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    violations = results.response["violations"]
    assert violations == [], "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in violations)
    overflow = small_phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{url} déborde de {overflow} px sur un écran de 375 px"


def test_quiz_answered_with_the_keyboard(small_phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    from passerelles import quiz
    from passerelles.site import load_site

    from .example_site import EXAMPLE_DATE, REPO

    small_phone.goto(base_url + "/quiz/")
    small_phone.locator("#quiz input[type=radio]:checked").first.focus()
    for _ in quiz.QUESTIONS:  # in each group, from « Peu importe » (checked) up to the choice above it
        small_phone.keyboard.press("ArrowUp")
        small_phone.keyboard.press("Tab")
    assert small_phone.evaluate("document.activeElement.textContent") == "Voir les métiers pour moi"
    small_phone.keyboard.press("Enter")
    assert small_phone.evaluate("document.activeElement.id") == "quiz-resultats-titre"
    chosen = small_phone.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('#quiz input:checked')].map(i => [i.name, i.value]))"
    )
    assert all(chosen.values()), chosen
    site = load_site(REPO, EXAMPLE_DATE)
    expected = quiz.suggest(site, chosen)
    items = small_phone.locator("#quiz-liste > li")
    assert 3 <= items.count() <= 5
    assert items.count() == len(expected)
    for item, suggestion in zip(items.all(), expected, strict=True):
        links = item.get_by_role("link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert links == [suggestion.metier.url, f"/parcours/{suggestion.metier.slug}/"]
        assert item.locator("ul li").all_inner_texts() == list(suggestion.reasons)
    assert small_phone.locator("#quiz-resultats-resume").inner_text().endswith("vous correspondent.")


def test_events_sorted_by_distance_from_a_postcode(small_phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    import yaml

    from passerelles.geo import DATA

    small_phone.goto(base_url + "/evenements/")
    fold = small_phone.locator("details[data-pli]")
    assert fold.is_visible() and fold.get_attribute("open") is None  # folded on a phone
    small_phone.get_by_text("Près de chez moi, par lieu ou par type").click()
    small_phone.get_by_label("Votre code postal").fill("64000")  # Pau
    cards = small_phone.locator(".card--event")
    where = cards.evaluate_all("cards => cards.map(c => c.getAttribute('data-departement'))")
    centres = {str(d["code"]): (d["lat"], d["lon"]) for d in yaml.safe_load(DATA.read_text())["departements"]}

    def km(code: str) -> float:
        (lat1, lon1), (lat2, lon2) = (math.radians(x) for x in centres["64"]), (math.radians(x) for x in centres[code])
        h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
        return 2 * 6371 * math.asin(math.sqrt(h))

    placed = [code for code in where if code in centres]
    assert placed[0] == "64" and placed == sorted(placed, key=km)
    assert where.index("en-ligne") > where.index(placed[-1])  # online events after every place
    assert cards.first.locator(".card__distance").inner_text() == "Dans votre département"
    assert (
        small_phone.locator("#filtres [aria-live]").inner_text().startswith("Du plus proche au plus lointain de 64000.")
    )
    small_phone.get_by_label("Votre code postal").fill("20100")  # Sartène: Corse-du-Sud
    assert cards.first.get_attribute("data-departement") == "2A"
    small_phone.get_by_role("checkbox", name="Normandie").check()
    shown = small_phone.locator(".card--event:visible").evaluate_all("cs => cs.map(c => c.getAttribute('data-region'))")
    assert shown and set(shown) == {"28"}


def test_event_filters_open_on_a_wide_screen(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(base_url + "/evenements/")
    assert page.locator("details[data-pli]").get_attribute("open") is not None
    assert page.get_by_label("Votre code postal").is_visible()
    context.close()


def test_quiz_and_events_without_javascript(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(base_url + "/quiz/")
    assert not page.locator("#quiz").is_visible()
    page.locator("#criteres summary").first.click()  # « Avec qui aimeriez-vous travailler ? »
    assert page.locator("#criteres a[href='/metiers/aide-soignant/']").first.is_visible()
    page.goto(base_url + "/evenements/")
    assert not page.locator("details[data-pli]").is_visible()
    assert page.locator(".card--event:visible").count() >= 4
    context.close()
