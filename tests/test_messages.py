"""Errors that lead to the cause: suggestions that exist, dates rewritten, tabs named, no flood, files not lost."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from passerelles.builder import check
from passerelles.datefix import explain, rewrite
from passerelles.errors import BuildError, ContentError, suggest
from passerelles.placement import skipped
from passerelles.site import load_site
from passerelles.source import discover, parse_front_matter, read_source

from .conftest import BASE_FILES, BUILD_DATE, MakeSite

AS = "content/metiers/aide-soignant.md"
TE = "content/temoignages/lea-aide-soignante.md"
EV = "content/evenements/job-dating-arras.md"


def problems(make_site: MakeSite, overrides: dict[str, str | None]) -> list[ContentError]:
    with pytest.raises(BuildError) as caught:
        load_site(make_site(overrides), BUILD_DATE)
    return [e for e in caught.value.errors if not e.warning]


def edited(rel: str, old: str, new: str) -> dict[str, str | None]:
    assert old in BASE_FILES[rel]
    return {rel: BASE_FILES[rel].replace(old, new, 1)}


# Suggestions --------------------------------------------------------------------------------------------------

SLUGS = ("aide-a-domicile", "infirmier", "mandataire-judiciaire-a-la-protection-des-majeurs", "aide-soignant")


@pytest.mark.parametrize(
    ("typed", "choices", "expected"),
    [
        ("infirmière", SLUGS, "infirmier"),
        ("aide-a-domicile.md", SLUGS, "aide-a-domicile"),
        ("Aide à domicile", SLUGS, "aide-a-domicile"),
        ("CAP", ("sans-diplome", "cap", "bac", "bac+2"), "cap"),
        ("BAC+2", ("sans-diplome", "cap", "bac", "bac+2"), "bac+2"),
        ("", SLUGS, None),
        ("   ", SLUGS, None),
        ("zz", SLUGS, None),
        ("boulanger", SLUGS, None),
        ("infirmier", (), None),
    ],
)
def test_suggestions_name_an_existing_value_or_nothing(typed: str, choices: tuple[str, ...], expected: str) -> None:
    assert suggest(typed, choices) == expected


@pytest.mark.parametrize("typed", ["", "x", "é", "a-b", "infirmiere", "AIDE", "--", ".md", "aide soignant.MD"])
def test_a_suggestion_is_always_one_of_the_choices_and_never_empty(typed: str) -> None:
    found = suggest(typed, SLUGS)
    assert found is None or (found in SLUGS and found)


def test_a_metier_written_with_an_accent_gets_one_error_naming_an_existing_file(make_site: MakeSite) -> None:
    found = problems(make_site, edited(TE, "metier: aide-soignant", "metier: infirmière"))
    assert [e.format() for e in found] == [
        f"{TE}:5: « infirmière » n'est pas un nom de métier : écrivez le nom d'un fichier de content/metiers/, "
        "sans .md, en minuscules sans accents ni espaces — vouliez-vous dire « infirmier » ?"
    ]


def test_a_value_with_no_close_slug_gets_no_suggestion_and_no_empty_quote(make_site: MakeSite) -> None:
    found = problems(make_site, edited(TE, "metier: aide-soignant", "metier: Boulangère"))
    assert len(found) == 1 and found[0].suggestion is None and "«  »" not in found[0].format()


def test_an_enum_in_capitals_suggests_the_lower_case_value(make_site: MakeSite) -> None:
    found = problems(make_site, edited(AS, "niveau_acces: sans-diplome", "niveau_acces: CAP"))
    assert found[0].line == 6 and found[0].suggestion == "cap"


# No flood from a file that fails to load ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "broken",
    [
        "---\ntitre: Aide-soignant\n\tresume: x\n---\n",  # a tab
        "---\ntitre: Aide-soignant\nresume: x\n",  # unclosed header
        "---\ntitre: « Aide : soignant »\n---\n",  # a colon
    ],
)
def test_a_metier_that_fails_to_load_is_reported_first_and_its_dependants_are_not_flooded(
    make_site: MakeSite, broken: str
) -> None:
    found = problems(make_site, {AS: broken})
    assert len(found) == 1, [e.format() for e in found]
    assert found[0].path == AS
    assert found[0].message.endswith(f"(2 fichiers y renvoient et attendent sa correction : {EV}, {TE})"), found[
        0
    ].message
    assert not any("inconnu" in e.message for e in found)


def test_a_failed_file_comes_before_the_other_errors_even_if_its_path_sorts_after(make_site: MakeSite) -> None:
    overrides = {AS: "---\ntitre: x\n", **edited(EV, "publics: [demandeurs-emploi]", "publics: [personne]")}
    found = problems(make_site, overrides)
    assert [e.path for e in found] == [AS, EV]
    assert found[0].message.startswith("en-tête YAML non refermé") and "1 fichier y renvoie" not in found[0].message


def test_a_metier_with_a_capital_in_its_file_name_does_not_flood_the_files_naming_it(make_site: MakeSite) -> None:
    found = problems(make_site, {AS: None, "content/metiers/Aide-Soignant.md": BASE_FILES[AS]})
    assert [e.path for e in found] == ["content/metiers/Aide-Soignant.md"]
    assert found[0].suggestion == "aide-soignant.md" and "2 fichiers y renvoient" in found[0].message


def test_a_certification_that_fails_to_load_does_not_flood_the_metiers_naming_it(make_site: MakeSite) -> None:
    formation = "content/formations/deas.md"
    metier = BASE_FILES[AS].replace("evolutions:", "certifications: [deas]\nevolutions:")
    found = problems(make_site, {AS: metier, formation: "---\ntitre: DEAS\n\tresume: x\n---\n"})
    assert [(e.path, e.line) for e in found] == [(formation, 3)]
    assert (
        "tabulation" in found[0].message and f"1 fichier y renvoie et attend sa correction : {AS}" in found[0].message
    )


# Dates ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "timed", "expected"),
    [
        ("16/03/2027", False, "2027-03-16"),
        ("16.03.2027", False, "2027-03-16"),
        ("2027/03/16", False, "2027-03-16"),
        ("mars 2027", False, "2027-03-01"),
        ("12 mars 2027", False, "2027-03-12"),
        ("1er décembre 2027", False, "2027-12-01"),
        ("2027", False, "2027-01-01"),
        ("16/03/2027 14h30", True, "2027-03-16T14:30"),
        ("12 mars 2027 à 9h", True, "2027-03-12T09:00"),
        ("2027-03-16 14h30", True, "2027-03-16T14:30"),
        ("2027-02-30", False, None),
        ("30/02/2027", False, None),
        ("2027-03-16T25:00", True, None),
        ("le 12 mars", False, None),
        ("bientôt", False, None),
        ("2027-03-28T02:30", True, None),  # well written (the clock change is said by timeutil)
    ],
)
def test_dates_are_rewritten_the_way_the_site_reads_them(typed: str, timed: bool, expected: str | None) -> None:
    assert rewrite(typed, timed) == expected


@pytest.mark.parametrize(
    ("typed", "precision", "expected"),
    [
        ("2027-02-30", True, "le 30 février 2027 n'existe pas (février 2027 compte 28 jours)"),
        ("2028-02-30", True, "le 30 février 2028 n'existe pas (février 2028 compte 29 jours)"),
        ("2027-04-31", True, "le 31 avril 2027 n'existe pas (avril 2027 compte 30 jours)"),
        ("2027-13-01", True, "il n'y a pas de mois 13 (de 01 à 12)"),
        ("2027-03-16T24:30", True, "l'heure 24:30 n'existe pas (de 00:00 à 23:59)"),
        ("mars 2027", True, "ajoutez la ligne « precision_date: mois »"),
        ("2027", True, "ajoutez la ligne « precision_date: annee »"),
        ("mars 2027", False, "écrivez le jour aussi"),
        ("16/03/2027", True, "l'ordre année-mois-jour"),
        ("le 12 mars", True, "sans année : écrivez l'année devant, AAAA-03-12"),
    ],
)
def test_dates_say_why_they_are_refused(typed: str, precision: bool, expected: str) -> None:
    assert expected in explain(typed, timed=True, precision=precision)


def test_an_event_in_mars_2027_points_to_precision_date_and_the_first_of_the_month(make_site: MakeSite) -> None:
    found = problems(make_site, edited(EV, 'debut: "2027-03-12T14:00"\nfin: "2027-03-12T17:00"', "debut: mars 2027"))
    assert found[0].line == 5 and "« precision_date: mois »" in found[0].message
    assert found[0].suggestion == "2027-03-01"
    fixed = edited(EV, 'debut: "2027-03-12T14:00"\nfin: "2027-03-12T17:00"', "debut: 2027-03-01\nprecision_date: mois")
    site = load_site(make_site(fixed), BUILD_DATE)
    assert next(e for e in site.evenements if e.source == EV).debut == dt.date(2027, 3, 1)


# Tabs -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front", "line"),
    [
        ("titre: a\n\tresume: b\n", 3),  # a key indented with a tab
        ("titre: a\nlieu:\n\tnom: b\n", 4),  # inside a group
        ("lieux:\n\t- a\n", 3),  # a list item
        ("lieux:\n  -\ta\n", 3),  # after the dash
        ("\ttitre: a\n", 2),  # the first line
        ("lieu:\n  nom: a\n\t\tcommune: b\n", 4),
    ],
)
def test_a_tab_in_the_header_says_tabulation_at_its_line(front: str, line: int) -> None:
    errors = parse_front_matter(f"---\n{front}---\nTexte.\n", "x.md")[4]
    assert [(e.line, "tabulation interdite" in e.message) for e in errors] == [(line, True)]


# Files that would vanish ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a-propos.MD", "extension « .MD » : seuls les fichiers « .md » sont lus ; renommez-le en a-propos.md"),
        ("A propos.txt", "extension « .txt » : seuls les fichiers « .md » sont lus ; renommez-le en a-propos.md"),
        ("2027/salon.md", "les sous-dossiers ne sont pas lus : déplacez ce fichier dans content/pages/"),
        ("photo.JPG", "image rangée dans content/pages/ : déplacez-la dans content/images/ pour la publier"),
        ("notes.docx", "fichier inattendu dans content/pages/ : seuls les textes « .md » y sont lus"),
    ],
)
def test_files_that_would_vanish_are_errors_naming_the_fix(tmp_path: Path, name: str, expected: str) -> None:
    path = tmp_path / "content" / "pages" / name
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitre: A\nresume: B\n---\n", encoding="utf-8")
    assert [p for _, p in discover(tmp_path)] == [path]
    source, errors = read_source(tmp_path, "pages", path)
    assert source is None and len(errors) == 1 and not errors[0].warning
    assert errors[0].message.startswith(expected), errors[0].message


@pytest.mark.parametrize(
    "name", [".DS_Store", "a.md~", ".a.md.swp", "a.md.bak", "#a.md#", "_brouillon.md", "README.md", "LISEZMOI.txt"]
)
def test_what_editors_tools_leave_behind_is_skipped(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "content" / "metiers"
    (folder / ".git").mkdir(parents=True)
    (folder / ".git" / "x.md").write_text("x")
    (folder / name).write_text("x")
    assert skipped(name)
    assert list(discover(tmp_path)) == []


# Templates ------------------------------------------------------------------------------------------------------


def test_a_syntax_error_in_base_html_is_reported_once_at_its_line(make_site: MakeSite) -> None:
    root = make_site()
    (root / "templates").mkdir()
    (root / "templates" / "base.html").write_text("<!doctype html>\n<title>x</title>\n{% if %}\n", encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        check(root, BUILD_DATE)
    assert [(e.path, e.line) for e in caught.value.errors] == [("templates/base.html", 3)]
    assert caught.value.errors[0].message.startswith("gabarit invalide")


def test_an_hour_lost_to_the_clock_change_is_not_suggested_back(make_site: MakeSite) -> None:
    found = problems(
        make_site, edited(EV, 'debut: "2027-03-12T14:00"\nfin: "2027-03-12T17:00"', 'debut: "2027-03-28T02:30"')
    )
    assert found[0].suggestion is None and "passage à l'heure d'été" in found[0].message


@pytest.mark.parametrize(
    ("template", "line", "expected"),
    [
        ("<p>\n{% if x %}a\n", 2, "gabarit invalide : le bloc « if » n'est pas refermé : il manque « {% endif %} »"),
        (
            "<p>\n{% for x in y %}a{% endfo %}",
            2,
            "gabarit invalide : balise « endfo » inconnue : à cet endroit, « {% endfor %} » ou « {% else %} » est attendu",
        ),
        ("<p>\n\n{{ x | typ }}", 3, "gabarit invalide : filtre « typ » inconnu ; vouliez-vous dire « typo » ?"),
        ("{{ x y }}", 1, "gabarit invalide : « }} » est attendu, « y » est écrit"),
    ],
)
def test_template_syntax_errors_are_french_at_their_line(
    make_site: MakeSite, template: str, line: int, expected: str
) -> None:
    root = make_site()
    (root / "templates").mkdir()
    (root / "templates" / "page.html").write_text(template, encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        check(root, BUILD_DATE)
    assert [e.format() for e in caught.value.errors] == [f"templates/page.html:{line}: {expected}"]


def test_an_undefined_name_in_a_page_template_is_french_once_with_its_pages(make_site: MakeSite) -> None:
    root = make_site()
    (root / "templates").mkdir()
    (root / "templates" / "page.html").write_text(
        "{% extends 'base.html' %}{% block main %}\n\n{{ page.titr }}{% endblock %}", encoding="utf-8"
    )
    with pytest.raises(BuildError) as caught:
        check(root, BUILD_DATE)
    [error] = caught.value.errors
    assert (error.path, error.line) == ("templates/page.html", 3)
    assert error.message.startswith("variable inconnue dans le gabarit (« titr » n'existe pas dans ")
    assert error.message.endswith("pour 3 pages (dont /a-propos/)")
