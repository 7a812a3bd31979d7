"""What schools get: QR codes, printouts, embeds that fit their frame, stable addresses, the narrow map.

Fixture sites are rendered in memory; the example site checks the funding pages and their links.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from passerelles.builder import STATIC, render_site
from passerelles.embed import MAX_HEIGHT, MIN_HEIGHT, fit_frames, frame_height, height_token, iframe_snippet
from passerelles.errors import BuildError
from passerelles.graph import CareerGraph
from passerelles.mapsvg import NARROW, narrow_map_height, narrow_map_svg
from passerelles.models import RESERVED_SLUGS
from passerelles.site import load_site

from .conftest import BASE_FILES, BUILD_DATE, MakeSite

SVG = "{http://www.w3.org/2000/svg}"
REPO = Path(__file__).resolve().parent.parent
PAGES = (
    "/parcours/",
    "/parcours/apres-la-3e/",
    "/parcours/apres-le-bac/",
    "/parcours/sans-diplome/",
    "/parcours/reconversion/",
    "/parcours/aide-soignant/",
)
RENAMED = BASE_FILES["content/metiers/infirmier.md"].replace(
    "niveau_acces: bac", "niveau_acces: bac\nalias:\n  - /metiers/infirmiere/\n  - /anciennes-fiches/ide/"
)
FUNDING = (
    "financer-sa-formation",
    "apprentissage",
    "cpf",
    "projet-de-transition-professionnelle",
    "vae",
    "aides-france-travail",
    "mission-locale",
)


def soup(files: dict[str, bytes], url: str) -> BeautifulSoup:
    return BeautifulSoup(files[url.lstrip("/") + "index.html"].decode(), "html.parser")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("ecoles")
    for rel, text in {**BASE_FILES, "content/metiers/infirmier.md": RENAMED}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return render_site(load_site(root, BUILD_DATE))


# QR code, embed and snippet on every pathway page ------------------------------------------------------


@pytest.mark.parametrize("url", PAGES)
def test_every_pathway_page_has_its_qr_code_embed_and_snippets(files: dict[str, bytes], url: str) -> None:
    page = soup(files, url)
    adresse = "https://test.example.org" + url
    qr = page.select_one("figure.parcours__qr svg.qr")
    assert qr is not None and adresse in qr.title.get_text()
    assert adresse in page.select_one("figure.parcours__qr figcaption").get_text()
    iframe = BeautifulSoup(page.select_one("textarea#code-integration").get_text(), "html.parser").iframe
    assert iframe["src"] == adresse + "embed/"
    assert int(iframe["height"]) == frame_height(files[url.lstrip("/") + "embed/index.html"].decode())
    script = BeautifulSoup(page.select_one("textarea#code-redimension").get_text(), "html.parser").script
    assert script["src"] == "https://test.example.org/js/embed-resize.js"
    assert "%%hauteur" not in files[url.lstrip("/") + "index.html"].decode()


@pytest.mark.parametrize("url", PAGES)
def test_embeds_have_no_chrome_no_inline_code_and_open_links_in_a_new_tab(files: dict[str, bytes], url: str) -> None:
    embed = soup(files, url + "embed/")
    assert embed.select("header, footer, .site-header, .breadcrumb, .parcours__ecoles, style, [style]") == []
    assert [s["src"] for s in embed.select("script")] == ["/js/embed.js"]
    assert embed.select_one("base")["target"] == "_blank"
    assert "nouvel onglet" in embed.select_one(".integration__onglet").get_text()
    assert embed.select_one(".integration__source a")["href"] == "https://test.example.org" + url
    assert embed.select_one("link[rel=canonical]")["href"] == "https://test.example.org" + url
    assert embed.select_one("meta[name=robots]")["content"] == "noindex"
    assert all(a.get("target", "_blank") != "_top" for a in embed.select("a"))
    assert url + "embed/" not in files["sitemap.xml"].decode()


def test_in_page_links_of_an_embed_stay_in_the_frame(files: dict[str, bytes]) -> None:
    embed = soup(files, "/parcours/embed/")
    assert [a.get("target") for a in embed.select('a[href^="#"]')] == ["_self"]


def test_the_snippet_escapes_quotes_and_carries_the_height_it_is_given() -> None:
    snippet = iframe_snippet('https://x.org/parcours/a"b/embed/', 'Devenir "IDE" – Site', 730)
    iframe = BeautifulSoup(snippet, "html.parser").iframe
    assert (iframe["src"], iframe["title"], iframe["height"]) == (
        'https://x.org/parcours/a"b/embed/',
        'Devenir "IDE" – Site',
        "730",
    )


# Frame heights ---------------------------------------------------------------------------------------


def _embed(body: str) -> str:
    return f'<html><body class="integration"><main>{body}</main></body></html>'


def test_frame_height_grows_with_the_content_and_stays_within_bounds() -> None:
    one = _embed("<h1>Devenir aide-soignant</h1>" + "<p>Une étape du chemin, en quelques mots.</p>" * 8)
    two = _embed("<h1>Devenir aide-soignant</h1>" + "<p>Une étape du chemin, en quelques mots.</p>" * 16)
    longer = _embed("<h1>Devenir aide-soignant</h1>" + "<p>" + "Une étape du chemin, en quelques mots. " * 40 + "</p>")
    assert MIN_HEIGHT <= frame_height(one) < frame_height(two) <= MAX_HEIGHT
    assert frame_height(longer) > frame_height(_embed("<h1>Devenir aide-soignant</h1><p>Une étape.</p>"))
    assert frame_height(_embed("<p>x</p>" * 2000)) == MAX_HEIGHT
    assert frame_height(_embed("")) == MIN_HEIGHT


def test_hidden_text_and_the_wide_map_do_not_count_but_the_narrow_map_does() -> None:
    base = _embed("<h1>Carte</h1>" + "<p>Texte de la page.</p>" * 10)
    hidden = base.replace("</main>", '<span class="visually-hidden">' + "caché " * 500 + "</span></main>")
    wide = base.replace("</main>", '<div class="carte-defilement"><p>' + "large " * 500 + "</p></div></main>")
    narrow = base.replace("</main>", '<svg class="carte carte--etroite" height="900"><text>x</text></svg></main>')
    assert frame_height(hidden) == frame_height(wide) == frame_height(base)
    assert frame_height(narrow) >= frame_height(base) + 900


def test_fit_frames_replaces_each_token_with_the_height_of_its_embed() -> None:
    embed = _embed("<h1>Titre</h1>" + "<p>Ligne.</p>" * 30).encode()
    page = f"<textarea>&lt;iframe height=&#34;{height_token('/parcours/x/embed/')}&#34;&gt;</textarea>".encode()
    out = fit_frames({"parcours/x/embed/index.html": embed, "parcours/x/index.html": page, "a.css": b"%%hauteur:/x/%%"})
    assert out["parcours/x/index.html"].decode() == (
        f"<textarea>&lt;iframe height=&#34;{frame_height(embed.decode())}&#34;&gt;</textarea>"
    )
    assert out["a.css"] == b"%%hauteur:/x/%%"  # only HTML pages carry snippets
    with pytest.raises(ValueError, match="/parcours/y/embed/"):
        fit_frames({"p/index.html": height_token("/parcours/y/embed/").encode()})


# Printouts -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [*PAGES, "/metiers/aide-soignant/"])
def test_printouts_carry_the_site_the_address_and_the_build_date(files: dict[str, bytes], url: str) -> None:
    page = soup(files, url)
    block = page.select_one("body > .impression")
    assert block is not None and block.has_attr("data-pagefind-ignore")
    text = " ".join(block.get_text(" ").split())
    assert "Passerelles test" in text and "https://test.example.org" + url in text and "23 novembre 2026" in text
    assert block.find_parent("main") is None  # outside the indexed content
    assert not block.find_all(re.compile("^h[1-6]$"))  # no heading to break the page outline


def test_print_rules_show_the_header_on_paper_only_and_keep_headings_with_their_text() -> None:
    css = (STATIC / "css" / "style.css").read_text(encoding="utf-8")
    screen, printed = css[: css.index("@media print {")], css[css.index("@media print {") :]
    assert ".impression { display: none; }" in screen
    assert re.search(r"\.impression \{ display: block !important;", printed)
    for heading in ("h1", "h2", "h3"):
        assert re.search(rf"\b{heading} \{{[^}}]*break-after: avoid", printed), heading
    assert re.search(r"\.depart__metier, [^{]*\{ break-inside: avoid", printed)
    assert re.search(r"\.parcours__ecoles[^{]*\{ display: none !important; \}", printed)
    assert "@page carte { size: A4 landscape" in printed


# Stable addresses ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new",
    [("/parcours/infirmiere/", "/parcours/infirmier/"), ("/parcours/infirmiere/embed/", "/parcours/infirmier/embed/")],
)
def test_a_renamed_metier_keeps_its_old_pathway_and_embed_addresses(
    files: dict[str, bytes], old: str, new: str
) -> None:
    page = soup(files, old)
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={new}"
    assert page.find("link", rel="canonical")["href"] == "https://test.example.org" + new
    assert page.select_one("main a")["href"] == new
    assert page.select_one("meta[name=robots]")["content"] == "noindex"
    assert old not in files["sitemap.xml"].decode()


def test_only_old_metier_addresses_give_old_pathways(files: dict[str, bytes]) -> None:
    assert "metiers/infirmiere/index.html" in files and "anciennes-fiches/ide/index.html" in files
    assert not [path for path in files if path.startswith("parcours/ide/")]


@pytest.mark.parametrize("old", ["reconversion", "embed"])
def test_an_old_name_that_is_a_pathway_page_is_refused_at_its_line(make_site: MakeSite, old: str) -> None:
    text = BASE_FILES["content/metiers/infirmier.md"].replace(
        "niveau_acces: bac", f"niveau_acces: bac\nalias:\n  - /metiers/{old}/"
    )
    with pytest.raises(BuildError) as caught:
        load_site(make_site({"content/metiers/infirmier.md": text}), BUILD_DATE)
    # the fixture's old-style inline trainings also bring a warning: the error is what this test is about
    assert [e.format() for e in caught.value.errors if not e.warning] == [
        f"content/metiers/infirmier.md:8: l'ancienne adresse /metiers/{old}/ garderait aussi /parcours/{old}/, "
        "qui est l'adresse d'une page de parcours existante ; choisissez un autre nom"
    ]


def test_embed_is_a_reserved_metier_slug(make_site: MakeSite) -> None:
    assert "embed" in RESERVED_SLUGS["metiers"]
    with pytest.raises(BuildError) as caught:
        load_site(make_site({"content/metiers/embed.md": BASE_FILES["content/metiers/infirmier.md"]}), BUILD_DATE)
    errors = [e.format() for e in caught.value.errors if not e.warning]
    assert errors[0].startswith("content/metiers/embed.md:1: le nom « embed » est réservé")


# The narrow map --------------------------------------------------------------------------------------


def test_narrow_map_reads_top_to_bottom_within_a_phone_width(files: dict[str, bytes]) -> None:
    html = files["parcours/index.html"].decode()
    svg = ET.fromstring(re.search(r'<svg[^>]*class="carte carte--etroite".*?</svg>', html, re.DOTALL).group(0))
    assert int(svg.get("width")) == NARROW <= 343  # a 375 px screen less the page margins
    assert svg.get("aria-labelledby") == "carte-etroite-titre carte-etroite-desc"
    assert sorted(a.get("href") for a in svg.iter(f"{SVG}a")) == ["/parcours/aide-soignant/", "/parcours/infirmier/"]
    boxes = [
        (float(r.get("x")), float(r.get("y")), float(r.get("width")), float(r.get("height")))
        for r in svg.iter(f"{SVG}rect")
        if r.get("rx")
    ]
    assert all(0 <= x and x + w <= NARROW for x, _, w, _ in boxes)
    tops = sorted(boxes, key=lambda b: b[1])
    assert all(a[1] + a[3] <= b[1] for a, b in itertools.pairwise(tops))  # no overlap: one column
    # French spacing (a non-breaking space before « : ») is the finishing pass's job, not this test's subject
    texts = ["".join(t.itertext()).replace("\u00a0", " ") for t in svg.iter(f"{SVG}text")]
    assert "Pour commencer : sans diplôme" in texts and "Pour commencer : bac" in texts
    assert any("→ Infirmier ou infirmière" in t for t in texts)  # the bridge, written under its source
    assert texts.index("Pour commencer : sans diplôme") < texts.index("Pour commencer : bac")


def test_narrow_map_height_is_the_drawing_height(make_site: MakeSite) -> None:
    site = load_site(make_site(), BUILD_DATE)
    graph: CareerGraph = site.graph
    svg = narrow_map_svg(graph, lambda slug: f"/parcours/{slug}/", "Titre", "Description")
    assert f'height="{narrow_map_height(graph):.0f}"' in svg


def test_both_maps_and_the_list_are_on_the_page_with_distinct_ids(files: dict[str, bytes]) -> None:
    page = soup(files, "/parcours/")
    assert page.select_one(".carte-defilement svg.carte") and page.select_one(".carte-etroite svg.carte--etroite")
    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids))
    assert page.select_one("section.carte-en-liste #carte-liste")


# Funding pages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", FUNDING)
def test_funding_pages_exist_with_plain_words_and_their_sources(slug: str) -> None:
    assert slug not in RESERVED_SLUGS["pages"]
    text = (REPO / "content" / "pages" / f"{slug}.md").read_text(encoding="utf-8")
    sources = text[text.index("\n## Sources\n") :]
    assert re.search(r"\]\(https://[^)]+\)", sources), "au moins une source en lien"
    assert "\n## " not in sources[len("\n## Sources\n") :], "les sources terminent la page"
    assert "/financer-sa-formation/" in text or slug == "financer-sa-formation"


def test_funding_overview_links_every_scheme_and_is_linked_from_the_pathways(example_site: Path) -> None:
    overview = BeautifulSoup((example_site / "financer-sa-formation" / "index.html").read_text(), "html.parser")
    links = {a["href"] for a in overview.select("main a")}
    assert {f"/{slug}/" for slug in FUNDING[1:]} <= links
    for url in ("parcours", "parcours/reconversion", "parcours/sans-diplome", "plan-du-site"):
        page = BeautifulSoup((example_site / url / "index.html").read_text(), "html.parser")
        assert page.select_one('main a[href="/financer-sa-formation/"]'), url
