"""What a person sees, in headless Chromium: accessibility (axe-core), phone layout, enhancements.

The example site is served over http:// on 127.0.0.1 (Pagefind needs http).
Without Chromium these tests are skipped with a reason; in CI they fail.
"""

from __future__ import annotations

import functools
import http.server
import re
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
    "/parcours/mandataire-judiciaire-a-la-protection-des-majeurs/",
    "/parcours/apres-la-3e/",
    "/parcours/reconversion/",
    "/parcours/embed/",
    "/parcours/aide-soignant/embed/",
    "/parcours/apres-le-bac/embed/",
    "/financer-sa-formation/",
    "/apprentissage/",
    "/formations/",
    "/formations/deas/",
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


def test_pathway_pages_read_in_a_few_phone_screens(browser, base_url: str, example_site: Path) -> None:  # type: ignore[no-untyped-def]
    """Every métier pathway at 375 × 812: the best route per situation open, the rest folded (issue 7: 25 and
    36 screens before). Folded <details> stay closed, as a visitor first sees them."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="fr-FR", device_scale_factor=1)
    page = context.new_page()
    from passerelles.departs import DEPARTS_BY_SLUG

    heights = {}
    for folder in sorted((example_site / "parcours").iterdir()):
        if (folder / "embed").is_dir() and folder.name not in DEPARTS_BY_SLUG:  # métiers, not starting points
            page.goto(f"{base_url}/parcours/{folder.name}/")
            heights[folder.name] = page.evaluate("document.documentElement.scrollHeight") / 812
    context.close()
    assert len(heights) == 22
    assert heights["aide-soignant"] < 7, heights
    assert heights["mandataire-judiciaire-a-la-protection-des-majeurs"] < 8, heights
    assert max(heights.values()) < 8.5, heights


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
    # Results appear one by one as their fragments load: wait for the métier's own link.
    phone.locator('.pagefind-ui__result-link[href="/metiers/ergotherapeute/"]').first.wait_for(timeout=10000)


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
    phone.get_by_text("Près de chez moi, par lieu ou par type").click()  # folded on a phone
    phone.get_by_role("checkbox", name="Pas-de-Calais (62)").check()
    shown = phone.locator(".card--event:visible").all()
    assert 0 < len(shown) < total
    assert {card.get_attribute("data-departement") for card in shown} == {"62"}
    assert phone.locator("#filtres [aria-live]").inner_text().endswith(("correspond.", "correspondent."))


def test_map_fits_a_375_px_phone_and_reads_top_to_bottom(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="fr-FR", device_scale_factor=1)
    page = context.new_page()
    page.goto(base_url + "/parcours/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    narrow = page.locator(".carte-etroite svg")
    assert narrow.is_visible() and not page.locator(".carte-defilement").is_visible()
    box = narrow.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert box["width"] >= 320  # drawn at (nearly) its real size: its 13-14 px words stay readable
    assert page.locator(".carte-liste a").count() >= 22  # the list alternative is still there
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.locator(".carte-defilement svg").is_visible() and not narrow.is_visible()
    context.close()


def _embed_urls(example_site: Path) -> list[str]:
    folders = sorted(p.parent for p in (example_site / "parcours").glob("**/embed/index.html"))
    return ["/" + f.relative_to(example_site).as_posix() + "/" for f in folders]


def test_embed_frames_fit_their_content(browser, base_url: str, example_site: Path) -> None:  # type: ignore[no-untyped-def]
    """Without the resize script, each snippet's height shows its embed whole at 640 px, with little to spare."""
    from bs4 import BeautifulSoup

    from passerelles.embed import MAX_HEIGHT, REFERENCE_WIDTH

    context = browser.new_context(viewport={"width": REFERENCE_WIDTH, "height": 800}, locale="fr-FR")
    page = context.new_page()
    urls = _embed_urls(example_site)
    assert len(urls) >= 27  # the map, 4 starting points, 22 métiers
    for url in urls:
        full = BeautifulSoup((example_site / url.strip("/")).parent.joinpath("index.html").read_text(), "html.parser")
        snippet = BeautifulSoup(full.select_one("#code-integration").get_text(), "html.parser").iframe
        page.goto(base_url + url)
        content = page.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
        height = int(snippet["height"])
        assert content <= height or height == MAX_HEIGHT, f"{url} : {content} px de contenu, cadre de {height} px"
        assert height <= content * 1.4 + 40, f"{url} : cadre de {height} px pour {content} px de contenu"
    context.close()


SANDBOX = ' sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"'


@pytest.mark.parametrize("sandbox", ["", SANDBOX], ids=["cadre", "cadre-sandbox"])
def test_resize_script_sizes_the_frame_and_ignores_other_origins(  # type: ignore[no-untyped-def]
    browser, base_url: str, tmp_path: Path, sandbox: str
) -> None:
    """A school's page (another origin) pastes both snippets: the frame takes its content's height, at 375 px too.

    The same holds with the sandbox that docs/integration.md suggests to careful schools.
    """
    (tmp_path / "ecole.html").write_text(
        '<!doctype html><html lang="fr"><head><meta name="viewport" content="width=device-width"><title>École</title>'
        f'</head><body><iframe src="{base_url}/parcours/aide-soignant/embed/" title="Parcours" width="100%" '
        f'height="640" style="border:0"{sandbox}></iframe><script src="{base_url}/js/embed-resize.js" defer></script>'
        "</body></html>",
        encoding="utf-8",
    )
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    school = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)  # another port: another origin
    threading.Thread(target=school.serve_forever, daemon=True).start()
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="fr-FR")
    page = context.new_page()
    host = f"http://127.0.0.1:{school.server_port}/ecole.html"
    page.goto(host)
    frame = page.frame_locator("iframe")
    frame.locator("h1").wait_for()
    inner = page.frames[1]
    page.wait_for_function(
        "want => document.querySelector('iframe').getAttribute('height') === String(want)",
        arg=inner.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)"),
    )
    fitted = page.locator("iframe").get_attribute("height")
    assert int(fitted or 0) > 640  # a phone-width pathway is longer than the old fixed frame
    # A message from any other origin (here the school's page itself) is ignored: listeners run in order,
    # so once ours has seen it, the script's has too.
    page.evaluate(
        """() => new Promise(done => {
            window.addEventListener("message", () => done(), { once: true });
            window.postMessage({ type: "passerelles:hauteur", hauteur: 5000 }, "*");
        })"""
    )
    assert page.locator("iframe").get_attribute("height") == fitted
    # Links open outside the school's page.
    link = frame.locator("main a[href^='/']").first
    target = base_url + (link.get_attribute("href") or "")
    with page.expect_popup() as popup:
        link.click()
    popup.value.wait_for_load_state()
    assert popup.value.url == target
    assert popup.value.evaluate("window.opener") is None  # target=_blank implies noopener
    assert page.url == host
    context.close()
    school.shutdown()


def test_the_map_prints_on_one_landscape_a4_sheet(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(base_url + "/parcours/")
    pdf = page.pdf(prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    width, height = (float(v) for v in re.search(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", pdf).groups())
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    page.close()


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
