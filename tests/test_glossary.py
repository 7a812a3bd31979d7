"""The glossary: every acronym of the site is explained, once per page, in an <abbr>."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from passerelles import glossary
from passerelles.site import load_site

from .conftest import BASE_FILES, BUILD_DATE, MakeSite
from .visible_text import site_pages

LEA = BASE_FILES["content/temoignages/lea-aide-soignante.md"].replace(
    "Mon histoire.", "J'ai travaillé en EHPAD. Puis la VAE, en EHPAD encore."
)
# Words in capitals that are not acronyms: parts of proper names or of reference numbers.
NOT_ACRONYMS = {
    "MET",  # ONISEP's reference numbers, « fiche MET.669 »
    "SOS",  # the name of a site quoted as a source, « SOS EHPAD »
    "TOA",  # part of a project's name, « Immerge’TOA »
}
ACRONYM = re.compile(r"(?<![\w-])([A-ZÀ-Ý][A-ZÀ-Ý0-9]*[A-ZÀ-Ý][A-ZÀ-Ý0-9]*)(?![\w])")
CODE = re.compile(r"^([A-Z]+)\d{3,}$")  # RNCP40692: a register and its number


def _acronyms(text: str) -> set[str]:
    found = set()
    for word in ACRONYM.findall(text):
        code = CODE.match(word)
        found.add(code.group(1) if code else word)
    return found


def test_every_acronym_of_the_site_is_in_the_glossary(example_site: Path) -> None:
    declared = {t.terme for t in glossary.load_terms()}
    missing: dict[str, str] = {}
    for path, text in site_pages(example_site, separator=" "):
        for word in sorted(_acronyms(text) - declared - NOT_ACRONYMS):
            missing.setdefault(word, path)
    assert missing == {}, "sigles absents de passerelles/data/glossaire.yaml : " + ", ".join(
        f"{w} ({p})" for w, p in sorted(missing.items())
    )


def test_the_scan_finds_acronyms() -> None:
    assert _acronyms("Un EHPAD, le DEAS (RNCP40692), le PSC1, Paris, l’IFSI.") == {
        "EHPAD",
        "DEAS",
        "RNCP",
        "PSC1",
        "IFSI",
    }


def test_glossary_declares_the_jargon_of_the_issue() -> None:
    terms = {t.terme: t for t in glossary.load_terms()}
    for word in ("ROME", "RNCP", "brut", "net", "ASSP", "allègement", "MAS", "FAM", "EHPAD", "SSIAD", "IFAS"):
        assert terms[word].definition
    for word in ("IFSI", "VAE", "CPF", "CGOS", "échelon", "DEAS", "DEAES"):
        assert terms[word].definition
    assert terms["EHPAD"].is_acronym and not terms["échelon"].is_acronym
    assert len({t.anchor for t in terms.values()}) == len(terms)


def test_first_occurrence_in_the_body_gets_an_abbr() -> None:
    terms = glossary.load_terms()
    html = (
        '<h2 id="ehpad">EHPAD</h2><p><a href="/x" title="EHPAD">EHPAD</a> puis EHPAD et EHPAD, le DEAES.</p>'
        "<pre>VAE</pre><p>Un EHPADX, la VAE.</p>"
    )
    soup = BeautifulSoup(glossary.annotate(html, terms), "html.parser")
    assert [(a.string, a["title"]) for a in soup.find_all("abbr")] == [
        ("EHPAD", "établissement d’hébergement pour personnes âgées dépendantes"),
        ("DEAES", "diplôme d’État d’accompagnant éducatif et social"),
        ("VAE", "validation des acquis de l’expérience"),
    ]
    assert soup.find("h2")["id"] == "ehpad" and soup.find("h2").abbr is None
    assert soup.find("a").abbr is None and soup.find("a")["title"] == "EHPAD"
    assert soup.pre.abbr is None


def test_bodies_are_annotated_once_per_entry(make_site: MakeSite) -> None:
    site = load_site(make_site(), BUILD_DATE)
    body = BeautifulSoup(site.temoignages[0].body, "html.parser")  # « DEAS par la VAE » is in the front matter
    assert body.find("abbr") is None
    lea = make_site({"content/temoignages/lea-aide-soignante.md": LEA}, name="lea")
    body = BeautifulSoup(load_site(lea, BUILD_DATE).temoignages[0].body, "html.parser")
    assert [a.string for a in body.find_all("abbr")] == ["EHPAD", "VAE"]


def test_example_pages_explain_their_acronyms(example_site: Path) -> None:
    soup = BeautifulSoup((example_site / "metiers/aide-soignant/index.html").read_text(encoding="utf-8"), "html.parser")
    titles = {a.string: a["title"] for a in soup.main.find_all("abbr")}
    assert titles["EHPAD"] == "établissement d’hébergement pour personnes âgées dépendantes"
    assert titles["IFAS"] == "institut de formation d’aides-soignants"
    assert len(soup.main.find_all("abbr", string="EHPAD")) == 1
    assert not soup.main.select("a abbr, h1 abbr, h2 abbr, h3 abbr")
    assert soup.header.find("abbr") is None and soup.footer.find("abbr") is None
    page = BeautifulSoup((example_site / "glossaire/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find(id="terme-ehpad").dd.get_text().startswith("Une maison de retraite médicalisée")
    assert page.find("abbr") is None
