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
from passerelles.departs import DEPARTS_BY_SLUG as STARTS
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


def test_pathway_page_gives_the_best_route_open_and_folds_the_others(files: dict[str, bytes]) -> None:
    page = soup(files, "/parcours/infirmier/")
    assert words(page.h1) == "Devenir infirmier ou infirmière"
    sections = page.select("section.parcours__situation")
    assert [s["id"] for s in sections] == ["apres-la-3e", "apres-le-bac", "sans-diplome", "reconversion"]
    bac = sections[1].select("article.chemin")
    assert [steps(r) for r in bac] == [["formation", "metier"]]
    assert words(bac[0].select_one(".chemin__titre")) == "Chemin 1 : 3 ans"
    assert "Pour entrer : avoir le bac" in words(bac[0])
    # no bac on this fixture site: nobody after 3e or without a diploma reaches the IFSI
    for section in (sections[0], sections[2]):
        assert section.select("article.chemin") == []
        assert "Pas de chemin depuis cette situation" in words(section)
    aide = soup(files, "/parcours/aide-soignant/")
    sans = aide.select_one("#sans-diplome")
    assert [steps(r) for r in sans.select("article.chemin")] == [["formation", "metier"]]
    assert sans.select("details article.chemin") == []


def test_every_step_links_to_its_description_once_per_page(files: dict[str, bytes]) -> None:
    page = soup(files, "/parcours/infirmier/")
    route = page.select_one("#apres-le-bac article.chemin")
    items = route.select("ol.etapes > li")
    assert "Se former : Diplôme d'État d'infirmier" in words(items[0])  # an old inline training: no description
    assert hrefs(items[1]) == []  # the page itself: no link to itself
    assert page.select("#formations details.formation") == []


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
    assert embed.select("header, nav, footer, style, script:not([src]), [style]") == []
    assert [link["href"] for link in embed.select("link[rel=stylesheet]")] == ["/css/style.css"]
    assert [script["src"] for script in embed.select("script")] == ["/js/embed.js"]
    assert embed.select_one("base")["target"] == "_blank"
    assert embed.select_one("meta[name=robots]")["content"] == "noindex"
    assert steps(embed.select("article.chemin")[0]) == ["formation", "metier"]
    snippet = soup(files, "/parcours/aide-soignant/").select_one("textarea#code-integration").get_text()
    assert snippet.startswith('<iframe src="https://test.example.org/parcours/aide-soignant/embed/"')
    assert "/parcours/aide-soignant/embed/" not in files["sitemap.xml"].decode()
    assert "https://test.example.org/parcours/aide-soignant/" in files["sitemap.xml"].decode()


# The four starting points --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, listed",
    [
        ("apres-la-3e", ["agent-de-service", "aide-soignant"]),
        ("apres-le-bac", ["agent-de-service", "aide-soignant", "infirmier"]),
        ("sans-diplome", ["agent-de-service", "aide-soignant"]),
        ("reconversion", ["agent-de-service", "aide-soignant", "infirmier", "cadre"]),
    ],
)
def test_starting_point_pages_list_metiers_shortest_first(
    files: dict[str, bytes], start: str, listed: list[str]
) -> None:
    page = soup(files, f"/parcours/{start}/")
    personne = " ".join(typo(STARTS[start].personne).split()).replace("\u2019", "'")
    assert words(page.select_one(".depart__regle")).startswith(f"Votre situation. {personne}")
    assert [a["href"].split("/")[2] for a in page.select(".depart__metier h3 a")] == listed


def test_starting_point_page_tells_how_long_it_takes(files: dict[str, bytes]) -> None:
    page = soup(files, "/parcours/reconversion/")
    times = [words(dd) for dd in page.select(".depart__metier dl div:first-child dd")]
    assert times == ["tout de suite", "12 mois", "3 ans", "environ 4 ans"]


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


# A site in the new model: certifications in content/formations/, funding pages --------------------------

NEW_MODEL = {
    "content/metiers/aide-soignant.md": BASE_FILES["content/metiers/aide-soignant.md"].replace(
        "formations:\n  - diplome: Diplôme d'État d'aide-soignant (DEAS)\n    niveau: 4\n    duree: 12 mois\n"
        "    voies: [formation-initiale, apprentissage, vae]\n",
        "certifications: [deas]\n",
    ),
    "content/formations/deas.md": """\
---
titre: Diplôme d'État d'aide-soignant
resume: Le DEAS en IFAS.
sigle: DEAS
niveau: 4
duree_mois_min: 10
duree_mois_max: 18
voies: [formation-initiale, apprentissage, formation-continue]
conditions:
  - age_min: 17
    selection: sélection sur dossier et entretien
allegements:
  - depuis: bac-pro
    effet: Formation allégée pour les bacheliers professionnels.
---
Texte.
""",
    "content/formations/bac-pro.md": """\
---
titre: Bac professionnel ASSP
resume: Au lycée professionnel.
sigle: Bac pro ASSP
bac: true
niveau: 4
duree_mois_min: 36
duree_mois_max: 36
voies: [formation-initiale]
---
Texte.
""",
    "content/pages/cpf.md": "---\ntitre: Le compte personnel de formation\nresume: CPF.\n---\n\nTexte.\n",
    "content/pages/apprentissage.md": "---\ntitre: L'apprentissage\nresume: Apprentissage.\n---\n\nTexte.\n",
}


@pytest.fixture(scope="module")
def new_model(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("nouveau")
    for rel, text in {**BASE_FILES, **NEW_MODEL}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return render_site(load_site(root, BUILD_DATE))


def test_each_certification_is_described_once_and_linked_from_every_step(new_model: dict[str, bytes]) -> None:
    page = soup(new_model, "/parcours/aide-soignant/")
    assert len(page.select("#formation-deas")) == 1 and len(page.select("#formation-bac-pro")) == 1
    links = page.select("article.chemin a[href='#formation-deas']")
    assert len(links) >= 4  # one per route that goes through the DEAS, in every situation
    assert "Le DEAS en IFAS." in words(page.select_one("#formation-deas"))
    assert page.text.count("Le DEAS en IFAS.") == 1


def test_best_route_is_open_and_the_others_are_folded_shortest_first(new_model: dict[str, bytes]) -> None:
    page = soup(new_model, "/parcours/aide-soignant/")
    after_3e = page.select_one("#apres-la-3e")
    shown = [a for a in after_3e.select("article.chemin") if a.find_parent("details") is None]
    folded = after_3e.select("details article.chemin")
    assert len(shown) == 1 and folded
    assert steps(shown[0]) == ["attente", "formation", "metier"]  # 15 years old: wait for 17
    assert "Bac pro ASSP" in words(folded[0]) and "Formation allégée" in words(folded[0])
    assert "du plus court au plus long" in words(after_3e.select_one("details summary"))


def test_funding_pages_are_linked_where_they_apply_and_only_if_they_exist(new_model: dict[str, bytes]) -> None:
    page = soup(new_model, "/parcours/aide-soignant/")
    reconversion = page.select_one("#reconversion article.chemin")
    assert hrefs(reconversion.select_one(".etape__aides")) == ["/cpf/", "/apprentissage/"]
    assert "/vae/" not in hrefs(page) and "/aides-france-travail/" not in hrefs(page)
    after_bac = page.select_one("#apres-le-bac article.chemin")
    assert hrefs(after_bac.select_one(".etape__aides")) == ["/apprentissage/"]  # a pupil: no CPF


def test_parcours_json_names_the_help_pages_of_each_step(new_model: dict[str, bytes]) -> None:
    import json

    data = json.loads(new_model["donnees/parcours.json"])
    entry = next(p for p in data["parcours"] if p["metier"] == "aide-soignant" and p["depart"] == "reconversion")
    step = entry["chemins"][0]["etapes"][0]
    assert step["slug"] == "deas" and step["type"] == "formation"
    assert step["aides"] == ["https://test.example.org/cpf/", "https://test.example.org/apprentissage/"]
    assert "Avoir au moins 17 ans" in step["conditions"]


def test_route_headings_are_not_search_sub_results(files: dict[str, bytes]) -> None:
    """« Chemin 3 : 10 à 24 mois » is no answer to a search: route headings stay out of Pagefind's sub-results."""
    page = soup(files, "/parcours/aide-soignant/")
    headings = page.select(".chemin__titre")
    assert headings and all(h.has_attr("data-pagefind-ignore") for h in headings)
    assert not page.select_one("#apres-la-3e-titre").has_attr("data-pagefind-ignore")  # situations stay findable
