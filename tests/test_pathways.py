"""The pathway pages of a small fixture site: ordered steps, links, placement rules, map, QR code, embed.

The fixture graph: agent-de-service (no diploma) → aide-soignant → infirmier ⇄ cadre, plus a
métier nobody can reach (chercheur) and a draft. Pages are rendered in memory and parsed.
"""

from __future__ import annotations

import re
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from passerelles.builder import STATIC, render_site
from passerelles.graph import STARTS
from passerelles.markup import typo
from passerelles.site import load_site

from .conftest import BASE_FILES, BUILD_DATE, SITE_YAML, MakeSite

SVG = "{http://www.w3.org/2000/svg}"

EXTRA = {
    "content/metiers/agent-de-service.md": """\
        ---
        titre: Agent ou agente de service
        resume: Entretenir les locaux.
        lieux: [etablissement]
        publics: [personnes-agees]
        niveau_acces: sans-diplome
        formations: []
        evolutions:
          - metier: aide-soignant
            comment: Formation de 12 mois en IFAS, sans sélection.
        ---
        Texte.
        """,
    "content/metiers/cadre.md": """\
        ---
        titre: Cadre de santé
        resume: Encadrer une équipe.
        lieux: [hopital]
        publics: [personnes-agees]
        niveau_acces: bac+3
        formations:
          - diplome: Diplôme de cadre de santé
            niveau: 6
            duree: 10 mois
            voies: [formation-continue]
        evolutions:
          - metier: infirmier
            comment: Retour au soin, sans formation.
        ---
        Texte.
        """,
    "content/metiers/chercheur.md": """\
        ---
        titre: Chercheur ou chercheuse
        resume: Chercher.
        lieux: [hopital]
        publics: [personnes-agees]
        niveau_acces: bac+5
        formations:
          - diplome: Doctorat
            niveau: 8
            duree: variable
            voies: [formation-initiale]
        ---
        Texte.
        """,
    "content/metiers/brouillon.md": """\
        ---
        titre: Métier en préparation
        resume: Pas encore publié.
        brouillon: true
        lieux: [domicile]
        publics: [personnes-agees]
        niveau_acces: sans-diplome
        formations: []
        ---
        Texte.
        """,
}
INFIRMIER_WITH_BRIDGE = BASE_FILES["content/metiers/infirmier.md"].replace(
    "---\n\nSoigner.", "evolutions:\n  - metier: cadre\n    comment: Après 4 ans d'expérience.\n---\n\nSoigner.", 1
)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    root = _write_site(tmp_path_factory.mktemp("parcours"))
    return render_site(load_site(root, BUILD_DATE))


def _write_site(root: Path, url: str = "https://test.example.org/") -> Path:
    every = {
        **BASE_FILES,
        **EXTRA,
        "content/metiers/infirmier.md": INFIRMIER_WITH_BRIDGE,
        "site.yaml": SITE_YAML.replace("https://test.example.org/", url),
    }
    for rel, text in every.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def soup(files: dict[str, bytes], url: str) -> BeautifulSoup:
    return BeautifulSoup(files[url.lstrip("/") + "index.html"].decode(), "html.parser")


def words(element: Tag) -> str:
    return " ".join(element.get_text(" ", strip=True).split()).replace("\u2019", "'")


def steps(route: Tag) -> list[str]:
    return [next(c for c in li["class"] if c.startswith("etape--"))[7:] for li in route.select("ol.etapes > li")]


def hrefs(element: Tag) -> list[str]:
    return [str(a["href"]) for a in element.select("a[href]")]


# /parcours/<métier>/ -------------------------------------------------------------------------------


def test_pathway_page_gives_each_way_in_as_ordered_steps_by_starting_point(files: dict[str, bytes]) -> None:
    page = soup(files, "/parcours/infirmier/")
    assert words(page.h1) == "Devenir infirmier ou infirmière"
    sections = page.select("section.parcours__situation")
    assert [s["id"] for s in sections] == ["apres-la-3e", "apres-le-bac", "sans-diplome", "reconversion"]
    apres_3e = sections[0].select("article.chemin")
    assert [steps(r) for r in apres_3e] == [["depart", "formation", "metier", "passerelle", "metier"]]
    assert "En passant par aide-soignant ou aide-soignante" in words(apres_3e[0])
    assert words(apres_3e[0].select_one(".chemin__titre")) == "Chemin 1 : 4 ans"  # 12 mois + « Trois ans d'IFSI »
    bac = sections[1].select("article.chemin")
    assert [steps(r) for r in bac] == [
        ["depart", "formation", "metier"],
        ["depart", "formation", "metier", "passerelle", "metier"],
    ]
    sans = sections[2].select("article.chemin")
    assert steps(sans[0]) == ["depart", "embauche", "metier", "passerelle", "metier", "passerelle", "metier"]


def test_every_step_links_to_its_metier_and_pathway_pages(files: dict[str, bytes]) -> None:
    route = soup(files, "/parcours/infirmier/").select_one("#sans-diplome article.chemin")
    items = route.select("ol.etapes > li")
    assert hrefs(items[0]) == ["/parcours/sans-diplome/"]
    assert hrefs(items[1]) == ["/metiers/agent-de-service/", "/parcours/agent-de-service/"]
    assert hrefs(items[2]) == ["/metiers/agent-de-service/", "/parcours/agent-de-service/"]
    assert hrefs(items[3]) == ["/metiers/aide-soignant/", "/parcours/aide-soignant/"]
    assert "Formation de 12 mois en IFAS" in words(items[3])
    assert hrefs(items[6]) == ["/metiers/infirmier/"]  # the page itself: no link to itself


def test_a_starting_point_without_a_route_says_so(files: dict[str, bytes]) -> None:
    page = soup(files, "/parcours/chercheur/")
    for section in page.select("section.parcours__situation"):
        assert section.select("article.chemin") == []
        assert "Pas de chemin direct depuis cette situation" in words(section)


def test_et_apres_and_reverse_bridges_link_both_ways(files: dict[str, bytes]) -> None:
    page = soup(files, "/parcours/infirmier/")
    assert hrefs(page.select_one("#et-apres ul")) == ["/parcours/cadre/", "/metiers/cadre/"]
    assert hrefs(page.select_one("#deja-en-poste ul")) == [
        "/metiers/aide-soignant/",
        "/parcours/aide-soignant/",
        "/metiers/cadre/",
        "/parcours/cadre/",
    ]
    assert "/metiers/infirmier/" in hrefs(page.select_one("header.parcours__entete"))
    assert soup(files, "/metiers/infirmier/").select_one("a[href='/parcours/infirmier/']") is not None


def test_pathway_page_has_a_qr_code_of_its_absolute_url_and_the_print_stylesheet(files: dict[str, bytes]) -> None:
    html = files["parcours/aide-soignant/index.html"].decode()
    svg = ET.fromstring(re.search(r'<svg role="img"[^>]*class="qr".*?</svg>', html, re.DOTALL).group(0))
    assert "https://test.example.org/parcours/aide-soignant/" in svg.findtext(f"{SVG}title")
    page = soup(files, "/parcours/aide-soignant/")
    assert [link["href"] for link in page.select("link[rel=stylesheet]")] == ["/css/style.css"]
    stylesheet = (STATIC / "css" / "style.css").read_text(encoding="utf-8")
    print_rules = stylesheet[stylesheet.index("@media print {") :]
    assert "@page { size: A4;" in print_rules and ".site-header" in print_rules


def test_embed_is_minimal_and_its_iframe_snippet_is_on_the_pathway_page(files: dict[str, bytes]) -> None:
    embed = soup(files, "/parcours/aide-soignant/embed/")
    assert embed.html["lang"] == "fr"
    assert embed.select("header, nav, footer, script, link[rel=stylesheet]:not([href$='/css/embed.css']), style") == []
    assert embed.select_one("meta[name=robots]")["content"] == "noindex"
    assert steps(embed.select("article.chemin")[0]) == ["depart", "formation", "metier"]
    snippet = soup(files, "/parcours/aide-soignant/").select_one("textarea#code-integration").get_text()
    assert snippet.startswith('<iframe src="https://test.example.org/parcours/aide-soignant/embed/"')
    assert "/parcours/aide-soignant/embed/" not in files["sitemap.xml"].decode()
    assert "https://test.example.org/parcours/aide-soignant/" in files["sitemap.xml"].decode()


# The four starting points --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, directs, par_metier",
    [
        ("apres-la-3e", ["aide-soignant"], ["infirmier", "cadre"]),
        ("apres-le-bac", ["aide-soignant", "infirmier"], ["cadre"]),
        ("sans-diplome", ["agent-de-service"], ["aide-soignant", "infirmier", "cadre"]),
        ("reconversion", ["cadre", "aide-soignant", "infirmier"], []),
    ],
)
def test_starting_point_pages_apply_their_rule_shortest_first(
    files: dict[str, bytes], start: str, directs: list[str], par_metier: list[str]
) -> None:
    page = soup(files, f"/parcours/{start}/")
    rule = " ".join(typo(STARTS[start].regle).split()).replace("\u2019", "'")
    assert words(page.select_one(".depart__regle")) == f"Comment cette liste est faite. {rule}"

    def listed(section_id: str) -> list[str]:
        heading = page.find("h2", id=section_id)
        if heading is None:
            return []
        return [a["href"].split("/")[2] for a in heading.find_parent("section").select(".depart__metier h3 a")]

    assert listed("directs") == directs
    assert listed("par-metier") == par_metier
    assert "chercheur" not in files[f"parcours/{start}/index.html"].decode()


def test_starting_point_page_tells_how_long_it_takes(files: dict[str, bytes]) -> None:
    page = soup(files, "/parcours/reconversion/")
    times = [words(dd) for dd in page.select(".depart__metier dl div:first-child dd")]
    assert times == ["10 mois", "12 mois", "3 ans"]


# /parcours/: the map ------------------------------------------------------------------------------


def test_map_is_well_formed_svg_with_one_link_per_published_metier(files: dict[str, bytes]) -> None:
    html = files["parcours/index.html"].decode()
    svg = ET.fromstring(re.search(r'<svg[^>]*class="carte".*?</svg>', html, re.DOTALL).group(0))
    links = sorted(a.get("href") for a in svg.iter(f"{SVG}a"))
    assert links == [
        f"/parcours/{slug}/" for slug in ("agent-de-service", "aide-soignant", "cadre", "chercheur", "infirmier")
    ]
    assert svg.get("aria-labelledby") == "carte-titre carte-desc"
    assert svg.findtext(f"{SVG}title") and svg.findtext(f"{SVG}desc")
    assert len(svg.findall(f".//{SVG}path[@marker-end]")) == 4  # one arrow per bridge
    headings = [t.text for t in svg.findall(f"{SVG}text")]
    assert headings == ["Sans diplôme", "CAP", "Bac", "Bac + 2", "Bac + 3", "Bac + 5"]


def test_map_has_a_text_equivalent_listing_every_metier_and_bridge(files: dict[str, bytes]) -> None:
    page = soup(files, "/parcours/")
    listing = page.find("h2", id="carte-liste").find_parent("section")
    assert sorted(set(hrefs(listing))) == [
        f"/parcours/{slug}/" for slug in ("agent-de-service", "aide-soignant", "cadre", "chercheur", "infirmier")
    ]
    item = next(li for li in listing.select("li") if "Devenir infirmier" in words(li))
    assert "peut mener à : cadre de santé" in words(item)
    assert [a["href"] for a in page.select(".profiles a")] == [f"/parcours/{p}/" for p in STARTS]


def test_drafts_have_no_pathway_and_stay_off_the_map(files: dict[str, bytes]) -> None:
    assert "parcours/brouillon/index.html" not in files
    assert "brouillon" not in files["parcours/index.html"].decode()


def test_map_links_follow_a_site_published_below_a_sub_path(tmp_path: Path) -> None:
    root = _write_site(tmp_path / "src", url="https://example.org/metiers-autonomie/")
    out = render_site(load_site(root, BUILD_DATE))
    html = out["parcours/index.html"].decode()
    svg = ET.fromstring(re.search(r'<svg[^>]*class="carte".*?</svg>', html, re.DOTALL).group(0))
    assert all(a.get("href").startswith("/metiers-autonomie/parcours/") for a in svg.iter(f"{SVG}a"))


def test_pathway_output_is_deterministic(tmp_path: Path, files: dict[str, bytes]) -> None:
    again = render_site(load_site(_write_site(tmp_path / "again"), BUILD_DATE))
    for path in ("parcours/index.html", "parcours/infirmier/index.html", "parcours/sans-diplome/index.html"):
        assert again[path] == files[path]


def test_make_site_fixture_still_builds_pathways(make_site: MakeSite) -> None:
    out = render_site(load_site(make_site(), BUILD_DATE))
    assert "parcours/aide-soignant/embed/index.html" in out
