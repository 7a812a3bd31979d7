"""Build fixture sites into temporary folders and check what a visitor gets."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest

from passerelles.builder import build
from passerelles.errors import BuildError
from passerelles.writer import MARKER

from .conftest import BASE_FILES, BUILD_DATE, MakeSite
from .htmlcheck import broken_links, page, texts


@pytest.fixture
def built(make_site: MakeSite, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    build(make_site(), out, BUILD_DATE, search=False)
    return out


def digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_every_page_is_french_with_skip_link_landmarks_and_one_h1(built: Path) -> None:
    for html in built.rglob("index.html"):
        soup = page(built, "/" + html.parent.relative_to(built).as_posix().strip(".") + "/")
        assert soup.html["lang"] == "fr", html
        if soup.find("meta", attrs={"http-equiv": "refresh"}) or html.parent.name in ("embed", "admin"):
            continue  # redirects, embeddable pathways and the web editor have no site chrome by design
        assert soup.select_one("a.skip-link")["href"] == "#contenu", html
        assert soup.select_one("main#contenu") is not None, html
        assert len(soup.find_all("h1")) == 1, html
        assert soup.select_one("nav[aria-label='Menu principal']") is not None, html


def test_metier_page_shows_diplomas_bridges_testimonials_and_upcoming_events(built: Path) -> None:
    soup = page(built, "/metiers/aide-soignant/")
    assert texts(soup, "h1") == ["Aide-soignant ou aide-soignante"]
    assert texts(soup, ".formation h3") == ["Diplôme d’État d’aide-soignant (DEAS)"]
    assert "niveau 4 (bac)" in texts(soup, ".formation dd")
    bridges = soup.select("section[aria-labelledby='fiche-passerelles'] a")
    assert [(a["href"], a.get_text()) for a in bridges] == [("/metiers/infirmier/", "Infirmier ou infirmière")]
    assert texts(soup, ".card--quote .card__title") == ["J’ai changé de vie"]
    assert texts(soup, ".card--event .card__title") == ["Job dating à Arras"]
    assert soup.select_one("a[href='/parcours/aide-soignant/']") is not None


def test_reverse_edges_are_derived(built: Path) -> None:
    soup = page(built, "/metiers/infirmier/")
    section = soup.select_one("section[aria-labelledby='fiche-passerelles']")
    depuis = section.find("h3", string=lambda s: s and s.startswith("On peut y arriver")).find_next("ul")
    assert [a["href"] for a in depuis.select("a")] == ["/metiers/aide-soignant/"]


def test_events_are_split_by_build_date(built: Path) -> None:
    assert texts(page(built, "/evenements/"), ".card--event .card__title") == ["Job dating à Arras"]
    assert texts(page(built, "/evenements/archives/"), ".card--event .card__title") == ["Salon 2025"]
    past = page(built, "/evenements/salon-2025/")
    assert "Cet événement est terminé." in texts(past, ".notice")
    upcoming = page(built, "/evenements/job-dating-arras/")
    assert texts(upcoming, "time") == ["vendredi 12 mars 2027, de 14 h à 17 h"]
    assert upcoming.select_one("time")["datetime"] == "2027-03-12T14:00:00+01:00"


def test_event_calendar_files(built: Path) -> None:
    ics = (built / "evenements/job-dating-arras/evenement.ics").read_text()
    assert "DTSTART:20270312T130000Z" in ics and "DTEND:20270312T160000Z" in ics
    assert "UID:job-dating-arras@test.example.org" in ics
    agenda = (built / "evenements/agenda.ics").read_text()
    assert agenda.count("BEGIN:VEVENT") == 1  # only upcoming events
    allday = (built / "evenements/salon-2025/evenement.ics").read_text()
    assert "DTSTART;VALUE=DATE:20250401" in allday and "DTEND;VALUE=DATE:20250402" in allday


def test_machine_files(built: Path) -> None:
    sitemap = (built / "sitemap.xml").read_text()
    assert "<loc>https://test.example.org/metiers/aide-soignant/</loc>" in sitemap
    assert "404" not in sitemap
    assert "Sitemap: https://test.example.org/sitemap.xml" in (built / "robots.txt").read_text()
    import json

    data = json.loads((built / "donnees/metiers.json").read_text())
    infirmier = next(m for m in data["metiers"] if m["slug"] == "infirmier")
    assert infirmier["accessible_depuis"] == ["aide-soignant"]
    assert infirmier["url"] == "https://test.example.org/metiers/infirmier/"
    events = json.loads((built / "donnees/evenements.json").read_text())["evenements"]
    assert {e["slug"]: e["passe"] for e in events} == {"job-dating-arras": False, "salon-2025": True}
    schema = json.loads((built / "donnees/schemas/metiers.json").read_text())
    # « formations » is no longer required: « certifications » (content/formations/) replaces it.
    assert schema["required"] == ["titre", "resume", "lieux", "publics", "niveau_acces"]
    assert schema["properties"]["certifications"]["type"] == "array"


def test_alias_becomes_a_redirect_page(make_site: MakeSite, tmp_path: Path) -> None:
    text = BASE_FILES["content/metiers/infirmier.md"].replace(
        "niveau_acces: bac", "niveau_acces: bac\nalias:\n  - /metiers/ide/"
    )
    out = tmp_path / "out"
    build(make_site({"content/metiers/infirmier.md": text}), out, BUILD_DATE, search=False)
    soup = page(out, "/metiers/ide/")
    assert soup.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=/metiers/infirmier/"
    assert soup.find("link", rel="canonical")["href"] == "https://test.example.org/metiers/infirmier/"
    assert soup.select_one("main a")["href"] == "/metiers/infirmier/"
    assert "/metiers/ide/" not in (out / "sitemap.xml").read_text()


def test_drafts_are_left_out_unless_asked(make_site: MakeSite, tmp_path: Path) -> None:
    draft = BASE_FILES["content/pages/a-propos.md"].replace("resume:", "brouillon: true\nresume:")
    root = make_site({"content/pages/brouillon.md": draft})
    build(root, tmp_path / "a", BUILD_DATE, search=False)
    build(root, tmp_path / "b", BUILD_DATE, drafts=True, search=False)
    assert not (tmp_path / "a/brouillon").exists()
    assert (tmp_path / "b/brouillon/index.html").is_file()


def test_a_failed_build_leaves_the_previous_site_intact(make_site: MakeSite, tmp_path: Path) -> None:
    out = tmp_path / "out"
    root = make_site()
    build(root, out, BUILD_DATE, search=False)
    before = digest(out)
    (root / "content/metiers/infirmier.md").write_text("---\ntitre: Cassé\n---\n", encoding="utf-8")
    with pytest.raises(BuildError):
        build(root, out, BUILD_DATE, search=False)
    assert digest(out) == before
    # no staging left behind: only the published folder and the lock file
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out-"))
    assert leftovers == sorted([os.readlink(out), ".out-verrou"])


def test_two_builds_are_byte_identical(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site()
    build(root, tmp_path / "one", BUILD_DATE)
    build(root, tmp_path / "two", BUILD_DATE)
    assert digest(tmp_path / "one") == digest(tmp_path / "two")
    assert (tmp_path / "one/pagefind/pagefind.js").is_file()


def test_build_date_moves_events_to_the_archive(make_site: MakeSite, tmp_path: Path) -> None:
    build(make_site(), tmp_path / "later", dt.date(2027, 3, 13), search=False)
    assert texts(page(tmp_path / "later", "/evenements/archives/"), ".card--event .card__title") == [
        "Job dating à Arras",
        "Salon 2025",
    ]
    build(make_site(name="src2"), tmp_path / "same-day", dt.date(2027, 3, 12), search=False)
    assert texts(page(tmp_path / "same-day", "/evenements/"), ".card--event .card__title") == ["Job dating à Arras"]


def test_output_folder_not_made_by_us_is_refused(make_site: MakeSite, tmp_path: Path) -> None:
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "thesis.txt").write_text("do not delete")
    with pytest.raises(BuildError) as caught:
        build(make_site(), precious, BUILD_DATE, search=False)
    assert "n'a pas été créé par Passerelles" in caught.value.errors[0].message
    assert (precious / "thesis.txt").read_text() == "do not delete"
    out = tmp_path / "site"
    build(make_site(), out, BUILD_DATE, search=False)
    assert (out / MARKER).is_file()
    build(make_site(), out, BUILD_DATE, search=False)  # our own output is replaced without complaint


def test_two_pages_claiming_one_url_fail_before_writing(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site()
    (root / "static").mkdir()
    (root / "static" / "robots.txt").write_text("User-agent: *\n")
    with pytest.raises(BuildError) as caught:
        build(root, tmp_path / "out", BUILD_DATE, search=False)
    assert (
        caught.value.errors[0].format()
        == "static/robots.txt:1: ce fichier remplacerait /robots.txt, que le site produit déjà ; renommez-le ou retirez-le"
    )
    assert not (tmp_path / "out").exists()


def test_no_internal_link_is_broken(make_site: MakeSite, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(make_site(), out, BUILD_DATE)  # with the search index, which /recherche/ loads
    assert broken_links(out) == []


def test_no_third_party_requests(built: Path) -> None:
    for html in built.rglob("*.html"):
        soup = page(built, "/" + html.relative_to(built).as_posix())
        for element in soup.select("script[src], link[href], img[src], iframe[src]"):
            target = element.get("src") or element.get("href")
            rel = element.get("rel") or []
            if "canonical" in rel or "alternate" in rel:
                continue
            assert target.startswith("/"), f"{html}: {target}"


def test_event_page_has_schema_org_markup(built: Path) -> None:
    import json

    soup = page(built, "/evenements/job-dating-arras/")
    data = json.loads(soup.select_one("script[type='application/ld+json']").string)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2027-03-12T14:00:00+01:00"
    assert data["location"]["address"]["postalCode"] == "62000"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"


def test_dates_known_to_the_month_or_year_only(make_site: MakeSite, tmp_path: Path) -> None:
    text = BASE_FILES["content/evenements/salon-2025.md"].replace(
        "debut: 2025-04-01", "debut: 2022-09-01\nfin: 2023-06-30\nprecision_date: mois"
    )
    out = tmp_path / "out"
    build(make_site({"content/evenements/salon-2025.md": text}), out, BUILD_DATE, search=False)
    time = page(out, "/evenements/salon-2025/").select_one("time")
    assert (time["datetime"], time.get_text()) == ("2022-09", "de septembre 2022 à juin 2023")


def test_feed_lists_testimonials_and_upcoming_events_only(built: Path) -> None:
    from xml.etree import ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(built / "flux.xml").getroot()
    entries = {e.findtext(f"{atom}title"): e.findtext(f"{atom}updated") for e in feed.iter(f"{atom}entry")}
    assert entries == {
        "Job dating à Arras": "2027-03-12T00:00:00+01:00",
        "J'ai changé de vie": "2026-01-10T00:00:00+01:00",
    }
    assert feed.findtext(f"{atom}updated") == "2026-11-23T00:00:00+01:00"


def test_iframe_snippet_stays_valid_with_quotes_in_the_title(make_site: MakeSite, tmp_path: Path) -> None:
    text = BASE_FILES["content/metiers/infirmier.md"].replace(
        "titre: Infirmier ou infirmière", 'titre: Infirmier "IDE"'
    )
    out = tmp_path / "out"
    build(make_site({"content/metiers/infirmier.md": text}), out, BUILD_DATE, search=False)
    snippet = page(out, "/parcours/infirmier/").select_one("textarea#code-integration").get_text()
    iframe = page_from_string(snippet).iframe
    assert iframe["title"] == 'Devenir infirmier "IDE" – Passerelles test'
    assert iframe["src"] == "https://test.example.org/parcours/infirmier/embed/"


def page_from_string(html: str):  # type: ignore[no-untyped-def]
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")
