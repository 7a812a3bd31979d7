"""The command line as editors and CI use it: exit codes and French messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from passerelles.cli import main
from passerelles.scaffold import PLACEHOLDER, SKELETONS

from .conftest import BASE_FILES, MakeSite

REPO = Path(__file__).resolve().parent.parent


def test_check_reports_every_error_and_exits_1(make_site: MakeSite, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_site(
        {
            "content/metiers/infirmier.md": BASE_FILES["content/metiers/infirmier.md"].replace(
                "lieux: [hopital]", "lieux: [hopitale]"
            )
        }
    )
    assert main(["check", "--source", str(root), "--date", "2026-11-23"]) == 1
    err = capsys.readouterr().err
    assert "content/metiers/infirmier.md:4: valeur « hopitale » inconnue pour « lieux »" in err
    assert "1 erreur(s) : rien n'a été publié, le site précédent est intact." in err
    assert "Traceback" not in err


def test_check_passes_on_a_valid_site(make_site: MakeSite, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--source", str(make_site())]) == 0
    assert "Contenu valide : 2 métiers, 1 témoignages, 2 événements, 3 pages." in capsys.readouterr().out


def test_strict_turns_warnings_into_errors(make_site: MakeSite) -> None:
    root = make_site({"content/metiers/isole.md": BASE_FILES["content/metiers/infirmier.md"]})
    assert main(["check", "--source", str(root)]) == 0
    assert main(["check", "--source", str(root), "--strict"]) == 1


def test_build_writes_the_site(make_site: MakeSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "public"
    assert main(["build", "--source", str(make_site()), "--output", str(out), "--date", "2026-11-23"]) == 0
    assert (out / "index.html").is_file() and (out / "pagefind").is_dir()
    assert "date de construction : 2026-11-23" in capsys.readouterr().out


def test_build_py_ends_with_main_s_status_and_every_message_printed(make_site: MakeSite, tmp_path: Path) -> None:
    """build.py ends its process at once after main() (os._exit): what it printed into a pipe (CI logs, an
    editor's terminal behind a pager) is flushed first, and its exit code is main()'s."""
    out = tmp_path / "public"

    def run(root: Path) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, str(REPO / "build.py"), "build", "--source", str(root), "--output", str(out)]
        buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}  # as usual
        return subprocess.run(
            [*command, "--date", "2026-11-23"], capture_output=True, text=True, check=False, env=buffered
        )

    built = run(make_site())
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("Site construit : ") and "date de construction : 2026-11-23" in built.stdout
    broken = BASE_FILES["content/metiers/infirmier.md"].replace("lieux: [hopital]", "lieux: [hopitale]")
    failed = run(make_site({"content/metiers/infirmier.md": broken}, name="cassé"))
    assert failed.returncode == 1
    assert "content/metiers/infirmier.md:4: valeur « hopitale » inconnue pour « lieux »" in failed.stderr
    assert failed.stderr.rstrip().endswith("rien n'a été publié, le site précédent est intact.")
    assert (out / "index.html").is_file()  # the site built before is still there


def test_bad_date_is_a_french_usage_error(make_site: MakeSite, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--source", str(make_site()), "--date", "23/11/2026"]) == 2
    assert "date « 23/11/2026 » invalide" in capsys.readouterr().err


@pytest.mark.parametrize("kind", sorted(SKELETONS))
def test_new_skeleton_fails_check_until_its_placeholders_are_replaced(
    kind: str, make_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_site()
    assert main(["new", kind, "nouvelle-fiche", "--source", str(root)]) == 0
    path = next((root / "content").glob("*/nouvelle-fiche.md"))
    assert main(["check", "--source", str(root)]) == 1
    assert f"remplacez « {PLACEHOLDER} »" in capsys.readouterr().err
    path.write_text(path.read_text(encoding="utf-8").replace(PLACEHOLDER, "Texte"), encoding="utf-8")
    assert main(["check", "--source", str(root)]) == 0, capsys.readouterr().err


def test_new_refuses_a_bad_name_and_an_existing_file(make_site: MakeSite, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_site()
    assert main(["new", "metier", "Aide Soignant", "--source", str(root)]) == 2
    assert "vouliez-vous dire « aide-soignant » ?" in capsys.readouterr().err
    assert main(["new", "metier", "aide-soignant", "--source", str(root)]) == 1
    assert "existe déjà" in capsys.readouterr().err


def test_build_py_entry_point_has_french_help() -> None:
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "vérifier le contenu sans rien écrire" in result.stdout


def test_unwritable_output_is_a_french_error(
    make_site: MakeSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "fichier"
    blocked.write_text("pas un dossier")
    assert main(["build", "--source", str(make_site()), "--output", str(blocked / "site")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("erreur d'écriture : un fichier porte déjà ce nom") and "Traceback" not in err


def test_strict_build_publishes_nothing_when_there_are_warnings(
    make_site: MakeSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_site({"content/metiers/isole.md": BASE_FILES["content/metiers/infirmier.md"]})
    out = tmp_path / "public"
    assert main(["build", "--source", str(root), "--output", str(out), "--strict"]) == 1
    assert "content/metiers/isole.md:1: avertissement : ce métier n'a aucune passerelle" in capsys.readouterr().err
    assert not out.exists()
    assert main(["build", "--source", str(root), "--output", str(out)]) == 0  # without --strict it publishes
    assert (out / "metiers/isole/index.html").is_file()


@pytest.mark.parametrize(
    ("typed", "folder"),
    [("événement", "evenements"), ("evenement", "evenements"), ("témoignage", "temoignages"), ("Métier", "metiers")],
)
def test_new_accepts_accents_and_answers_in_french(
    make_site: MakeSite, capsys: pytest.CaptureFixture[str], typed: str, folder: str
) -> None:
    root = make_site()
    assert main(["new", typed, "nouveau", "--source", str(root)]) == 0
    assert (root / "content" / folder / "nouveau.md").exists()
    assert capsys.readouterr().out.startswith(f"Fiche créée : content/{folder}/nouveau.md")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["new", "evenment", "x"],
            "type « evenment » inconnu : choisissez metier, temoignage, evenement, formation ou "
            "page ; vouliez-vous dire « evenement » ?",
        ),
        (
            ["new", "temoignages", "Léa"],
            "nom « Léa » invalide : minuscules sans accents, chiffres et tirets ; vouliez-vous dire « lea » ?",
        ),
        (["chek"], "COMMANDE « chek » inconnue : choisissez build, check, serve, new ; vouliez-vous dire « check » ?"),
        (["new"], "il manque : TYPE, NOM"),
        (["serve", "--port", "abc"], "« --port » attend un nombre entier (reçu « abc »)"),
        (["check", "--port", "8000"], "options inconnues : --port 8000"),
    ],
)
def test_usage_mistakes_are_explained_in_french(
    make_site: MakeSite, capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    root = make_site()
    with_source = argv if argv[0] == "chek" or argv == ["new"] else [*argv, "--source", str(root)]
    try:
        status = main(with_source)
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    err = capsys.readouterr().err
    assert status == 2 and expected in err, err
    assert "usage:" not in err and "error:" not in err and "invalid choice" not in err
    assert not list((root / "content" / "temoignages").glob("[Ll]ea.md"))


def test_help_is_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["new", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("utilisation : build.py new") and "afficher cette aide" in out
    assert "positional arguments" not in out and "show this help" not in out
