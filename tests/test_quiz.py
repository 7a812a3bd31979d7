"""« Quel métier pour moi ? »: matching answers to the métiers' own fields, and the page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from passerelles import quiz
from passerelles.builder import build
from passerelles.site import Site, load_site

from .conftest import BUILD_DATE, MakeSite
from .example_site import EXAMPLE_DATE, REPO

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def example() -> Site:
    return load_site(REPO, EXAMPLE_DATE)


def _slugs(suggestions: list[quiz.Suggestion]) -> list[str]:
    return [s.metier.slug for s in suggestions]


def test_organising_suggests_the_management_metiers(example: Site) -> None:
    found = quiz.suggest(example, {"envie": "organisation"})
    assert _slugs(found) == [
        "directeur-d-etablissement-medico-social",
        "infirmier-coordinateur",
        "responsable-de-secteur",
    ]
    assert all(s.reasons == ("un métier d’organisation",) for s in found)


def test_care_at_hospital_after_the_bac(example: Site) -> None:
    answers = {"lieu": "hopital", "envie": "soin", "duree": "long", "situation": "bac"}
    found = quiz.suggest(example, answers)
    assert _slugs(found) == ["ergotherapeute", "infirmier", "masseur-kinesitherapeute"]
    infirmier = found[1]
    assert infirmier.score == 4
    assert infirmier.reasons[:2] == ("on travaille à l’hôpital", "un métier du soin")
    assert infirmier.reasons[2].startswith(f"formation{NBSP}: Diplôme d’État d’infirmier")
    assert infirmier.reasons[3] == f"accessible avec le bac (niveau d’entrée{NBSP}: bac)"


def test_a_teenager_who_wants_to_help_at_home(example: Site) -> None:
    answers = {
        "public": "personnes-agees",
        "lieu": "domicile",
        "envie": "accompagnement",
        "duree": "court",
        "voie": "apprentissage",
        "situation": "college",
    }
    found = quiz.suggest(example, answers)
    assert 3 <= len(found) <= 5
    assert "aide-a-domicile" in _slugs(found)
    assert "infirmier" not in _slugs(found)
    for suggestion in found:
        assert suggestion.score == 6 and len(set(suggestion.reasons)) == 6


def test_between_three_and_five_results_ties_included(example: Site) -> None:
    found = quiz.suggest(example, {"public": "personnes-agees"})  # nearly every métier ties
    assert len(found) == 5
    assert _slugs(found) == [m.slug for m in example.metiers if "personnes-agees" in m.publics][:5]
    assert quiz.suggest(example, {}) == []


def test_a_metier_matches_from_its_fields_only(make_site: MakeSite) -> None:
    site = load_site(make_site(), BUILD_DATE)
    table = quiz.matches(site.metier("aide-soignant"), quiz.trainings_of(site)["aide-soignant"])
    assert set(table["public"]) == {"personnes-agees"}
    assert set(table["lieu"]) == {"hopital", "etablissement"}
    assert set(table["duree"]) == {"court", "moyen"}  # sans diplôme, a level-4 diploma in 12 months
    assert table["duree"]["moyen"] == f"formation{NBSP}: Diplôme d’État d’aide-soignant (DEAS), 12 mois"
    assert set(table["voie"]) == {"ecole", "apprentissage", "adulte"}
    assert set(table["situation"]) == {"college", "bac", "adulte"}
    assert "envie" not in table  # no ROME code in the fixture: the question says nothing about it


def test_rome_kinds() -> None:
    from passerelles.models import Metier

    def kind(code: str | None) -> str | None:
        return quiz.rome_kind(Metier(collection="metiers", slug="x", source="x", titre="x", resume="x", code_rome=code))

    assert [kind(c) for c in ("J1501", "J1502", "K1302", "K1403", None)] == [
        "soin",
        "organisation",
        "accompagnement",
        "organisation",
        None,
    ]


def test_quiz_page_is_a_form_with_its_data_and_a_static_list(make_site: MakeSite, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(make_site(), out, BUILD_DATE, search=False)
    soup = BeautifulSoup((out / "quiz" / "index.html").read_text(encoding="utf-8"), "html.parser")
    form = soup.find("form", id="quiz")
    fieldsets = form.find_all("fieldset")
    assert len(fieldsets) == len(quiz.QUESTIONS) >= 6
    assert all(f.legend and f.find_all("input", type="radio") for f in fieldsets)
    data = json.loads(soup.find("script", id="quiz-donnees").string)
    assert [m["url"] for m in data["metiers"]] == ["/metiers/aide-soignant/", "/metiers/infirmier/"]
    assert data["metiers"][0]["parcours"] == "/parcours/aide-soignant/"
    assert data["metiers"][0]["raisons"]["lieu"]["hopital"] == "on travaille à l’hôpital"
    assert soup.find(id="quiz-resultats").find(attrs={"aria-live": True}) is None
    assert form.find(attrs={"aria-live": "polite"}) is not None
    static = soup.find("section", id="criteres")
    ages = static.find("h3", string="Des personnes âgées").find_next_sibling("ul")
    assert [a["href"] for a in ages.find_all("a")] == ["/metiers/aide-soignant/", "/metiers/infirmier/"]
    assert soup.find("script", src="/js/quiz.js") is not None
