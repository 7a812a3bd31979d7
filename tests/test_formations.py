"""The certification pages (/formations/) and the « Se former » section of the métier pages."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from passerelles.builder import render_site
from passerelles.site import load_site

from .conftest import BUILD_DATE, MakeSite


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url.lstrip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


def words(element: object) -> str:
    return " ".join(element.get_text(" ", strip=True).split()).replace("\u2019", "'")  # type: ignore[attr-defined]


def test_the_list_gives_every_certification_by_level(example_site: Path) -> None:
    listing = page(example_site, "/formations/")
    links = [a["href"] for a in listing.select("ul.formations-liste a")]
    assert len(links) == len(list((Path(__file__).parent.parent / "content/formations").glob("*.md")))
    assert links.index("/formations/cap-atmfc/") < links.index("/formations/deas/") < links.index("/formations/dei/")
    assert "/formations/" in (example_site / "sitemap.xml").read_text()


def test_a_certification_page_says_every_way_in_what_shortens_it_and_where_it_leads(example_site: Path) -> None:
    deas = page(example_site, "/formations/deas/")
    entrer = words(deas.find("h2", id="entrer").find_parent("section"))
    assert "Il suffit de remplir une de ces conditions" in entrer
    assert "Avoir au moins 17 ans ; pas de diplôme demandé ; sélection sur dossier et entretien." in entrer
    assert "12 mois de travail comme agent ou agente de service hospitalier ; dispense de sélection" in entrer
    section = deas.find("h2", id="entrer").find_parent("section")
    assert [a["href"] for a in section.select("li a")] == [
        "/formations/bac-pro-assp/",
        "/formations/bac-pro-sapat/",
        "/formations/deaes/",
    ]
    mene = deas.find("h2", id="mene-a").find_parent("section")
    assert "/metiers/aide-soignant/" in [a["href"] for a in mene.select("a")]
    assert "/formations/formation-asg/" in [a["href"] for a in mene.select("a")]
    assert "10 mois à 2 ans (1\u202f540 heures)" in deas.get_text()
    assert deas.find("h2", id="sources") is not None


def test_metier_pages_name_their_certifications(example_site: Path) -> None:
    aide = page(example_site, "/metiers/aide-soignant/")
    former = aide.find("h2", id="fiche-se-former").find_parent("section")
    assert [a["href"] for a in former.select("h3 a")] == ["/formations/deas/"]
    assert "Avoir au moins 17 ans" in words(former)
    assert "accessible sans diplôme" not in words(former)
    domicile = page(example_site, "/metiers/aide-a-domicile/")
    former = domicile.find("h2", id="fiche-se-former").find_parent("section")
    assert "On peut être embauché sans diplôme" in words(former)
    assert "/formations/tp-advf/" in [a["href"] for a in former.select("h3 a")]


def test_sites_without_certifications_have_no_formation_pages(make_site: MakeSite) -> None:
    out = render_site(load_site(make_site(), BUILD_DATE))
    assert not [path for path in out if path.startswith("formations/")]
    assert "/formations/" not in out["plan-du-site/index.html"].decode()


def test_a_renamed_certification_keeps_its_old_address(make_site: MakeSite) -> None:
    formation = (
        "---\ntitre: Diplôme d'État d'aide-soignant\nresume: DEAS.\nalias: [/formations/das/]\n"
        "duree_mois_min: 10\nduree_mois_max: 18\nvoies: [formation-continue]\n---\nTexte.\n"
    )
    out = render_site(load_site(make_site({"content/formations/deas.md": formation}), BUILD_DATE))
    assert "formations/deas/index.html" in out
    assert 'url=/formations/deas/"' in out["formations/das/index.html"].decode()


def test_check_counts_the_certifications(capsys: object) -> None:
    from passerelles.cli import main

    from .example_site import REPO

    assert main(["check", "--source", str(REPO)]) == 0
    count = len(list((REPO / "content/formations").glob("*.md")))
    assert f"22 métiers, {count} formations," in capsys.readouterr().out  # type: ignore[attr-defined]
