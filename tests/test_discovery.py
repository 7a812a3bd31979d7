"""Budgets and first impressions: page weight, search that answers, Lighthouse, screenshots of every page type.

Screenshots are written to `captures/` (git-ignored) at phone (375×812) and
desktop (1280×800) width, for a person to look at; the tests check they were made.
Lighthouse runs in CI (where .ci/run installs it with npm); elsewhere it is
skipped with the reason, like the other browser tests.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import pytest
from PIL import Image

from .example_site import REPO, chromium_path, require_tool
from .test_browser import base_url, browser  # noqa: F401  (shared fixtures: the served example site, Chromium)

PAGE_BUDGET = 100_000  # bytes of HTML, search index excluded
CAPTURES = REPO / "captures"
PAGE_TYPES = {
    "accueil": "/",
    "metiers": "/metiers/",
    "metier": "/metiers/aide-soignant/",
    "parcours": "/parcours/",
    "parcours-metier": "/parcours/aide-soignant/",
    "parcours-depart": "/parcours/apres-la-3e/",
    "temoignages": "/temoignages/",
    "temoignage": "/temoignages/manon-aide-soignant/",
    "evenements": "/evenements/",
    "evenement": "/evenements/salon-emploi-metiers-autonomie-lille-2027/",
    "recherche": "/recherche/",
    "page": "/a-propos/",
    "plan-du-site": "/plan-du-site/",
    "erreur-404": "/404.html",
}
# Pages another branch adds: captured and measured when they exist in the build.
LATER_PAGES = {"quiz": "/quiz/", "parents": "/parents/"}
LIGHTHOUSE_PAGES = ["/", "/metiers/aide-soignant/", "/parcours/aide-soignant/", "/evenements/", "/quiz/"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SIZES = {"telephone": (375, 812), "ordinateur": (1280, 800)}


def output_file(site: Path, url: str) -> Path:
    return site / (url.lstrip("/") + "index.html" if url.endswith("/") else url.lstrip("/"))


def test_every_html_page_is_under_100_kb(example_site: Path) -> None:
    pages = [p for p in example_site.rglob("*.html") if "pagefind" not in p.relative_to(example_site).parts]
    assert len(pages) > 100
    heavy = {p.relative_to(example_site).as_posix(): p.stat().st_size for p in pages}
    assert {path: size for path, size in heavy.items() if size > PAGE_BUDGET} == {}


def test_every_page_type_exists_in_the_example(example_site: Path) -> None:
    missing = [url for url in PAGE_TYPES.values() if not output_file(example_site, url).is_file()]
    assert missing == []


@pytest.mark.browser
def test_screenshots_of_every_page_type_at_phone_and_desktop_width(browser, base_url: str, example_site: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    CAPTURES.mkdir(exist_ok=True)
    pages = PAGE_TYPES | {k: v for k, v in LATER_PAGES.items() if output_file(example_site, v).is_file()}
    for size, (width, height) in SIZES.items():
        context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR")
        page = context.new_page()
        for name, url in pages.items():
            page.goto(base_url + url)
            target = CAPTURES / f"{name}-{size}.png"
            target.unlink(missing_ok=True)
            page.screenshot(path=str(target), full_page=True)
            with Image.open(target) as shot:
                assert shot.width == width and shot.height >= height, target
        context.close()


def search_in_the_page(browser, base_url: str, query: str) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]  # noqa: F811
    """The first five results of the search page, as a visitor gets them (same Pagefind UI, same ranking)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "/recherche/?q=" + urllib.parse.quote(query))
    results = page.locator(".pagefind-ui__results > li")
    main = ".pagefind-ui__result-link >> nth=0"  # the page, before its sections
    results.first.locator(main).wait_for(timeout=10000)
    count = min(results.count(), 5)
    for index in range(count):  # results load one by one: wait for each of the first five
        results.nth(index).locator(main).wait_for(timeout=10000)
    urls = [results.nth(i).locator(main).get_attribute("href") for i in range(count)]
    subs = results.first.locator(".pagefind-ui__result-nested .pagefind-ui__result-link").all_inner_texts()
    context.close()
    return urls, subs


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("aide-soignant", "/metiers/aide-soignant/"),
        ("aide soignante", "/metiers/aide-soignant/"),
        ("infirmier", "/metiers/infirmier/"),  # before the coordinating nurse, whose fiche says « infirmier » as often
        ("infirmière", "/metiers/infirmier/"),
        ("aide à domicile", "/metiers/aide-a-domicile/"),
        ("éducateur spécialisé", "/metiers/educateur-specialise/"),
        ("ergothérapeute", "/metiers/ergotherapeute/"),
        ("psychologue", "/metiers/psychologue/"),  # before the master's degree of the same name
        ("kiné", "/metiers/masseur-kinesitherapeute/"),
    ],
)
def test_a_metier_name_finds_the_metier_page_first(browser, base_url: str, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """The métier first, before its pathway, its testimonials and its diplomas."""
    urls, subs = search_in_the_page(browser, base_url, query)
    assert urls[0] == expected, urls
    slug = expected.split("/")[2]
    if f"/parcours/{slug}/" in urls:
        assert urls.index(f"/parcours/{slug}/") > 0
    # Sub-results are the fiche's own sections, never its table of contents nor its events.
    assert "Sur cette page" not in subs and not any("événement" in s for s in subs), subs


@pytest.mark.browser
def test_another_name_of_a_metier_finds_the_metiers_bearing_it(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from passerelles.site import load_site

    from .example_site import EXAMPLE_DATE

    bearing = {m.url for m in load_site(REPO, EXAMPLE_DATE).metiers if "Auxiliaire de vie" in m.autres_appellations}
    assert len(bearing) >= 2
    urls, _ = search_in_the_page(browser, base_url, "auxiliaire de vie")
    assert urls[0] in bearing and all(url.startswith("/metiers/") for url in urls[:3]), urls


@pytest.mark.browser
def test_salaire_finds_pages_that_give_salaries_not_testimonials(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """« salaire »: the parents' page (pay in all these métiers) or a fiche (its « Salaire de début »)."""
    urls, _ = search_in_the_page(browser, base_url, "salaire")
    assert urls[0] == "/parents/", urls
    assert all(url == "/parents/" or url.startswith("/metiers/") for url in urls[:3]), urls


def lighthouse() -> str | None:
    local = REPO / "node_modules" / ".bin" / "lighthouse"
    return str(local) if local.is_file() else shutil.which("lighthouse")


@pytest.mark.browser
@pytest.mark.parametrize("url", LIGHTHOUSE_PAGES)
def test_lighthouse_scores_at_least_095(base_url: str, example_site: Path, url: str, tmp_path: Path) -> None:  # noqa: F811
    if url in LATER_PAGES.values() and not output_file(example_site, url).is_file():
        pytest.skip(f"{url} n'existe pas encore sur cette branche")
    command = lighthouse()
    require_tool(command is not None, "Lighthouse absent (npm install --no-save lighthouse)")
    require_tool(chromium_path() is not None, "Chromium absent (apt-get install chromium)")
    assert command is not None
    report = tmp_path / "lighthouse.json"
    env = {**os.environ, "CHROME_PATH": str(chromium_path())}
    run = subprocess.run(
        [
            command,
            base_url + url,
            "--quiet",
            "--chrome-flags=--headless --no-sandbox",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={report}",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    scores = {name: json.loads(report.read_text())["categories"][name]["score"] for name in CATEGORIES}
    assert all(score is not None and score >= 0.95 for score in scores.values()), scores
