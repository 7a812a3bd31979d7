"""Leftovers: copies, untouched skeleton values, over-long titles and full names are warnings, errors with --strict."""

from __future__ import annotations

from pathlib import Path

import pytest

from passerelles.builder import build
from passerelles.cli import main
from passerelles.errors import BuildError, ContentError
from passerelles.leftovers import MAX_TITLE, full_name
from passerelles.scaffold import PLACEHOLDER, skeleton
from passerelles.site import load_site

from .conftest import BASE_FILES, BUILD_DATE, MakeSite

TE = "content/temoignages/lea-aide-soignante.md"
EV = "content/evenements/job-dating-arras.md"
AS = "content/metiers/aide-soignant.md"
LONG_BODY = "Je suis arrivée dans ce métier après quinze ans dans la vente, sans savoir que la VAE existait."


def warnings_of(make_site: MakeSite, overrides: dict[str, str | None]) -> list[str]:
    return [w.format() for w in load_site(make_site(overrides), BUILD_DATE).warnings if "formations" not in w.message]


@pytest.mark.parametrize(
    ("prenom", "flagged"),
    [
        ("Marie Dupont", True),
        ("Marie DUPONT", True),
        ("Jean-Luc Martin", True),
        ("Léa", False),
        ("Marie-Claire", False),
        ("Jean Pierre", False),
        ("Anne Sophie", False),
        ("Karim B.", False),
        ("marie dupont", False),
    ],
)
def test_probable_full_names(prenom: str, flagged: bool) -> None:
    assert full_name(prenom) is flagged


def test_a_full_name_in_prenom_is_a_warning_at_its_line(make_site: MakeSite) -> None:
    text = BASE_FILES[TE].replace("prenom: Léa", "prenom: Léa Martin")
    assert warnings_of(make_site, {TE: text}) == [
        f"{TE}:4: avertissement : « Léa Martin » ressemble à un prénom suivi d'un nom : "
        "n'écrivez que le prénom (vie privée)"
    ]


def test_a_copied_file_and_its_original_each_name_the_other(make_site: MakeSite) -> None:
    copy = "content/temoignages/lea-aide-soignante-2.md"
    found = warnings_of(make_site, {copy: BASE_FILES[TE]})
    assert found == [
        f"{copy}:2: avertissement : même titre que {TE} : fichier copié ? changez le titre (ou supprimez la copie)",
        f"{TE}:2: avertissement : même titre que {copy} : fichier copié ? changez le titre (ou supprimez la copie)",
    ]


def test_a_copied_body_under_a_new_title_is_reported_at_the_first_line_of_the_text(make_site: MakeSite) -> None:
    original = BASE_FILES[TE].replace("Mon histoire.", LONG_BODY)
    copy = original.replace("titre: J'ai changé de vie", "titre: Un nouveau départ")
    bis = "content/temoignages/lea-bis.md"
    found = warnings_of(make_site, {TE: original, bis: copy})
    assert found == [
        f"{TE}:15: avertissement : même texte que {bis} : fichier copié ? réécrivez le texte (ou supprimez la copie)",
        f"{bis}:15: avertissement : même texte que {TE} : fichier copié ? réécrivez le texte (ou supprimez la copie)",
    ]


def test_same_title_in_two_collections_or_short_identical_texts_are_not_copies(make_site: MakeSite) -> None:
    page = "---\ntitre: J'ai changé de vie\nresume: Une page.\n---\n\nMon histoire.\n"
    assert warnings_of(make_site, {"content/pages/histoire.md": page}) == []


@pytest.mark.parametrize(
    ("rel", "old", "new", "line", "key", "value"),
    [
        (TE, "date: 2026-01-10", "date: 2026-01-01", 6, "date", "2026-01-01"),
        (EV, 'debut: "2027-03-12T14:00"', 'debut: "2027-01-01T14:00"', 5, "debut", "2027-01-01T14:00"),
    ],
)
def test_skeleton_values_left_unchanged_are_warnings(
    make_site: MakeSite, rel: str, old: str, new: str, line: int, key: str, value: str
) -> None:
    assert old in BASE_FILES[rel]
    found = warnings_of(make_site, {rel: BASE_FILES[rel].replace(old, new)})
    assert found == [
        f"{rel}:{line}: avertissement : « {key} » vaut encore « {value} », la valeur d'exemple du modèle : "
        "mettez la vraie valeur"
    ]


def test_every_telltale_value_comes_from_the_new_skeleton(make_site: MakeSite) -> None:
    """A métier made with `new` and filled in, except its example link, is caught."""
    text = skeleton("metier").replace(f'"{PLACEHOLDER}"', "Texte").replace(PLACEHOLDER, "Texte")
    text = text.replace("metier: aide-soignant", "metier: infirmier").replace("certifications: []\n", "")
    found = warnings_of(make_site, {"content/metiers/auxiliaire.md": text})
    assert any(
        w.startswith("content/metiers/auxiliaire.md:") and "« url » vaut encore « https://www.onisep.fr/ »" in w
        for w in found
    ), found


def test_a_title_over_the_limit_is_a_warning_and_the_longest_real_title_passes(make_site: MakeSite) -> None:
    title = "Diplôme d'État " + "x" * (MAX_TITLE - 15)
    assert len(title) == MAX_TITLE
    ok = BASE_FILES["content/pages/a-propos.md"].replace("titre: À propos", f"titre: {title}")
    assert warnings_of(make_site, {"content/pages/a-propos.md": ok}) == []
    too_long = ok.replace(title, title + "x")
    assert warnings_of(make_site, {"content/pages/a-propos.md": too_long}) == [
        f"content/pages/a-propos.md:2: avertissement : titre de {MAX_TITLE + 1} caractères : au-delà de {MAX_TITLE}, "
        "il ne se lit plus d'un coup d'œil ; raccourcissez-le et mettez le reste dans « resume »"
    ]


def test_drafts_are_left_alone_unless_built(make_site: MakeSite) -> None:
    copy = BASE_FILES[TE].replace("prenom: Léa", "brouillon: true\nprenom: Léa")
    assert warnings_of(make_site, {"content/temoignages/lea-2.md": copy}) == []


def test_check_prints_leftovers_and_strict_makes_them_errors(
    make_site: MakeSite, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = make_site({TE: BASE_FILES[TE].replace("prenom: Léa", "prenom: Léa Martin")})
    assert main(["check", "--source", str(root), "--date", BUILD_DATE.isoformat()]) == 0
    assert "avertissement : « Léa Martin » ressemble à un prénom suivi d'un nom" in capsys.readouterr().err
    assert main(["check", "--strict", "--source", str(root), "--date", BUILD_DATE.isoformat()]) == 1
    with pytest.raises(BuildError) as caught:
        build(root, tmp_path / "out", BUILD_DATE, search=False, strict=True)
    assert any(isinstance(e, ContentError) and "Léa Martin" in e.message for e in caught.value.errors)
