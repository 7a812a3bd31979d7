"""What a person sees, in headless Chromium: accessibility (axe-core), phone layout, enhancements.

The example site is served over http:// on 127.0.0.1 (Pagefind needs http).
Without Chromium these tests are skipped with a reason; in CI they fail.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from .example_site import chromium_path, require_tool

pytestmark = pytest.mark.browser

AXE_PAGES = [
    "/",
    "/metiers/",
    "/metiers/aide-soignant/",
    "/parcours/",
    "/parcours/aide-soignant/",
    "/parcours/apres-la-3e/",
    "/temoignages/",
    "/evenements/",
    "/evenements/archives/",
    "/accessibilite/",
    "/recherche/",
    "/plan-du-site/",
    "/404.html",
]
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def base_url(example_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(example_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output free of one log line per request."""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = chromium_path()
    require_tool(executable is not None, "Chromium absent (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def phone(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR", device_scale_factor=1)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("url", AXE_PAGES)
def test_no_axe_violation_wcag_aa(phone, base_url: str, url: str) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    phone.goto(base_url + url)
    results = Axe().run(
        phone, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    violations = results.response["violations"]
    assert violations == [], "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in violations)


@pytest.mark.parametrize("url", AXE_PAGES)
def test_pages_fit_a_phone_screen(phone, base_url: str, url: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(base_url + url)
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{url} déborde de {overflow} px sur un écran de 360 px"


def test_keyboard_user_reaches_the_content_first(phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(base_url + "/metiers/")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.textContent") == "Aller au contenu"
    phone.keyboard.press("Enter")
    assert phone.evaluate("location.hash") == "#contenu"


def test_metier_filters_enhance_the_list(phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(base_url + "/metiers/")
    total = phone.locator(".card--metier:visible").count()
    assert total >= 22
    phone.get_by_role("checkbox", name="Sans diplôme").check()
    shown = phone.locator(".card--metier:visible").count()
    assert 0 < shown < total
    assert phone.locator("#filtres-resultat").inner_text() == f"{shown} métiers correspondent."
    assert all(
        card.get_attribute("data-niveau") == "sans-diplome" for card in phone.locator(".card--metier:visible").all()
    )


def test_full_text_search_finds_a_metier_by_another_name(phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(base_url + "/recherche/?q=ergoth%C3%A9rapie")
    result = phone.locator(".pagefind-ui__result-link").first
    result.wait_for(timeout=10000)
    assert "/metiers/ergotherapeute/" in [
        phone.locator(".pagefind-ui__result-link").nth(i).get_attribute("href")
        for i in range(phone.locator(".pagefind-ui__result-link").count())
    ]


def test_pages_work_without_javascript(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/metiers/")
    assert page.locator(".card--metier:visible").count() >= 22  # the full list, grouped by level
    assert not page.locator("#filtres").is_visible()
    page.goto(base_url + "/recherche/")
    assert page.locator(".az-index a").count() >= 22
    context.close()


def test_event_filters_by_departement(phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    phone.goto(base_url + "/evenements/")
    total = phone.locator(".card--event:visible").count()
    phone.get_by_role("checkbox", name="Pas-de-Calais (62)").check()
    shown = phone.locator(".card--event:visible").all()
    assert 0 < len(shown) < total
    assert {card.get_attribute("data-departement") for card in shown} == {"62"}
    assert phone.locator("#filtres [aria-live]").inner_text().endswith(("correspond.", "correspondent."))


CSP_PAGES = [
    *AXE_PAGES,
    "/parcours/aide-soignant/embed/",
    "/metiers/aide-soignant/#missions",
]


def _violations(page, base_url: str, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Every CSP violation a page raises while it loads and runs its scripts."""
    seen: list[str] = []
    page.on("console", lambda message: seen.append(message.text) if "Content Security Policy" in message.text else None)
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.goto(base_url + url)
    page.wait_for_load_state("networkidle")
    return seen + page.evaluate("window.__csp")


@pytest.mark.parametrize("url", CSP_PAGES)
def test_no_csp_violation(phone, base_url: str, url: str) -> None:  # type: ignore[no-untyped-def]
    assert _violations(phone, base_url, url) == []
    assert "default-src 'self'" in phone.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")


def test_search_runs_under_the_csp(phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    violations = _violations(phone, base_url, "/recherche/?q=aide")
    phone.locator(".pagefind-ui__result-link").first.wait_for(timeout=10000)
    assert violations + phone.evaluate("window.__csp") == []


def test_csp_blocks_an_inline_script(phone, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """The policy is live: a script injected into a page is refused and reported."""
    _violations(phone, base_url, "/")
    phone.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        " document.body.append(s); }"
    )
    assert phone.evaluate("window.__ran === undefined")
    assert any("script-src" in v for v in phone.evaluate("window.__csp"))


class _HeadersHandler(_QuietHandler):
    """Serves the site with the `/*` headers of its own `_headers` file, as Netlify would."""

    def end_headers(self) -> None:
        text = (Path(self.directory) / "_headers").read_text(encoding="utf-8")
        block = text.split("/*\n", 1)[1].split("\n\n", 1)[0]
        for line in block.splitlines():
            name, _, value = line.strip().partition(": ")
            self.send_header(name, value)
        super().end_headers()


def test_search_runs_under_the_csp_sent_as_http_headers(browser, example_site: Path) -> None:  # type: ignore[no-untyped-def]
    """Pagefind searches in a Web Worker: with a real header the worker is under the policy too."""
    handler = functools.partial(_HeadersHandler, directory=str(example_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        page = context.new_page()
        violations = _violations(page, f"http://127.0.0.1:{server.server_port}", "/recherche/?q=aide")
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=10000)
        assert violations + page.evaluate("window.__csp") == []
    finally:
        context.close()
        server.shutdown()
