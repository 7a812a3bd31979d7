"""Events near me: the table of départements and régions, and what the pages do with it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

from passerelles.builder import build
from passerelles.geo import ONLINE, by_region, load_geography
from passerelles.htmltext import link_emails
from passerelles.labels import DEPARTEMENTS
from passerelles.models import Evenement, departement_from_postcode

from .conftest import BUILD_DATE, MakeSite


def test_the_101_departements_and_their_regions() -> None:
    geo = load_geography()
    assert len(geo.departements) == 101
    assert set(geo.departements) == set(DEPARTEMENTS) - {"975"}  # Saint-Pierre-et-Miquelon is not a département
    assert all(d.nom == DEPARTEMENTS[code] for code, d in geo.departements.items())
    assert len(geo.regions) == 18 and {d.region for d in geo.departements.values()} == set(geo.regions)
    per_region = Counter(geo.regions[d.region] for d in geo.departements.values())
    assert per_region["Hauts-de-France"] == 5 and per_region["Île-de-France"] == 8
    assert per_region["Auvergne-Rhône-Alpes"] == 12 and per_region["Corse"] == 2 and per_region["Guyane"] == 1
    assert geo.region_of("62") == geo.region_of("59") == "32"
    assert geo.region_of("64") == "75" and geo.region_of("2A") == "94" and geo.region_of("974") == "04"
    assert geo.region_of(None) is None and geo.region_of("99") is None
    metropole = [d for code, d in geo.departements.items() if not code.startswith("97")]
    assert all(41 < d.lat < 51.2 and -5 < d.lon < 9.6 for d in metropole)


def test_postcodes_to_departements() -> None:
    cases = {
        "62000": "62",
        "01000": "01",
        "75015": "75",
        "20000": "2A",  # Ajaccio
        "20100": "2A",  # Sartène
        "20200": "2B",  # Bastia
        "20600": "2B",
        "97400": "974",
        "97600": "976",
        "97100": "971",
    }
    assert {code: departement_from_postcode(code) for code in cases} == cases
    assert departement_from_postcode("98000") is None  # Monaco


def _event(slug: str, departement: str | None = None, en_ligne: bool = False) -> Evenement:
    return Evenement(
        collection="evenements",
        slug=slug,
        source=slug,
        titre=slug,
        resume="",
        type="salon",
        debut=dt.date(2027, 1, 1),
        organisateur="x",
        departement=departement,
        en_ligne=en_ligne,
    )


def test_metier_pages_group_events_by_region_the_editions_own_first() -> None:
    events = [
        _event("marseille", "13"),
        _event("web", en_ligne=True),
        _event("lille", "59"),
        _event("ajaccio", "2A"),
        _event("arras", "62"),
        _event("nulle-part"),
        _event("paris", "75"),
    ]
    groups = by_region(events, ["62", "14", "62"], load_geography())
    assert [(g.code, g.nom, [e.slug for e in g.evenements]) for g in groups] == [
        ("32", "Hauts-de-France", ["lille", "arras"]),  # the edition's région, soonest first
        (ONLINE, "En ligne", ["web"]),
        ("94", "Corse", ["ajaccio"]),
        ("11", "Île-de-France", ["paris"]),  # A to Z, accents aside
        ("93", "Provence-Alpes-Côte d’Azur", ["marseille"]),
        ("", "Autres lieux", ["nulle-part"]),
    ]
    south_first = by_region(events, ["13", "59"], load_geography())
    assert [g.code for g in south_first][:2] == ["93", "32"]  # in the order the edition lists its départements
    assert by_region([], ["62"], load_geography()) == []


def test_contact_addresses_become_mailto_links() -> None:
    html = link_emails("Secrétariat : <b>portes-ouvertes@example.org</b>, ou a.b+c@ex-ample.fr.")
    soup = BeautifulSoup(html, "html.parser")
    assert [a["href"] for a in soup.find_all("a")] == ["mailto:portes-ouvertes@example.org", "mailto:a.b+c@ex-ample.fr"]
    assert soup.b is None and "&lt;b&gt;" in html


def test_event_pages_link_contacts_and_carry_their_region(make_site: MakeSite, tmp_path: Path) -> None:
    extra = {
        f"content/evenements/salon-{i}.md": f"""\
---
titre: Salon {i}
resume: Un salon.
type: salon
debut: 2027-0{i}-01
lieu:
  nom: Salle
  commune: Ville
  code_postal: "{code}"
organisateur: Région
publics: [tous]
contact: "Accueil : salon{i}@example.org"
---

Texte.
"""
        for i, code in enumerate(("64000", "20000", "59000"), start=1)
    }
    out = tmp_path / "out"
    build(make_site(extra), out, BUILD_DATE, search=False)
    page = BeautifulSoup((out / "evenements/salon-1/index.html").read_text(encoding="utf-8"), "html.parser")
    contact = page.find("dt", string="Contact").find_next_sibling("dd")
    assert (
        contact.a["href"] == "mailto:salon1@example.org" and contact.get_text() == "Accueil\u00a0: salon1@example.org"
    )
    listing = BeautifulSoup((out / "evenements/index.html").read_text(encoding="utf-8"), "html.parser")
    regions = {c.h2.get_text(strip=True): c["data-region"] for c in listing.select(".card--event")}
    assert regions == {"Job dating à Arras": "32", "Salon 1": "75", "Salon 2": "94", "Salon 3": "32"}
    assert [i["value"] for i in listing.select("input[name=region]")] == ["32", "75", "94"]
    assert listing.find("input", attrs={"data-code-postal": True})["autocomplete"] == "postal-code"
    assert (
        listing.find("details", attrs={"data-pli": True}).summary.get_text() == "Près de chez moi, par lieu ou par type"
    )
