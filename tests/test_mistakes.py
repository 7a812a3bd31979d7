"""The error catalogue never lies: each mistake, made on the fixture site, gets the message it documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from passerelles.builder import check
from passerelles.cli import main
from passerelles.errors import BuildError, ContentError
from passerelles.mistakes import MISTAKES, Mistake
from passerelles.render import TEMPLATES

from .conftest import BASE_FILES, BUILD_DATE, MakeSite


def make_mistake(make_site: MakeSite, mistake: Mistake) -> Path:
    """The fixture site with the mistake made in it."""
    overrides: dict[str, str | None] = {}
    if mistake.depart:
        overrides[mistake.fichier] = BASE_FILES[mistake.depart]
        if not mistake.garde:
            overrides[mistake.depart] = None
    elif mistake.avant is not None and mistake.fichier in BASE_FILES:
        text = BASE_FILES[mistake.fichier]
        assert mistake.avant in text, f"« {mistake.avant} » absent de {mistake.fichier}"
        overrides[mistake.fichier] = text.replace(mistake.avant, mistake.exemple, 1)
    root = make_site(overrides)
    target = root / mistake.fichier
    if mistake.fichier.startswith("templates/"):
        assert mistake.avant is not None
        text = (TEMPLATES / mistake.fichier.removeprefix("templates/")).read_text(encoding="utf-8")
        assert mistake.avant in text
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text.replace(mistake.avant, mistake.exemple, 1), encoding="utf-8")
    elif mistake.encodage != "utf-8":
        target.write_bytes(BASE_FILES[mistake.fichier].encode(mistake.encodage))
    elif mistake.fichier and not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"\xff\xd8\xff")  # the start of a JPEG: a file the editor dropped there
    return root


def problems_of(root: Path) -> list[ContentError]:
    try:
        return list(check(root, BUILD_DATE).warnings)
    except BuildError as caught:
        return caught.errors


@pytest.mark.parametrize("mistake", [m for m in MISTAKES if not m.commande], ids=lambda m: m.titre)
def test_each_mistake_gets_the_documented_message(make_site: MakeSite, mistake: Mistake) -> None:
    root = make_mistake(make_site, mistake)
    problems = problems_of(root)
    found = [p for p in problems if p.path == mistake.fichier and mistake.message in p.format()]
    assert found, "\n".join(p.format() for p in problems)
    assert found[0].warning == mistake.avertissement
    if mistake.ligne is not None:
        assert found[0].line == mistake.ligne, found[0].format()
    if mistake.fichier.startswith("templates/"):
        text = (root / mistake.fichier).read_text(encoding="utf-8")
        assert found[0].line == text[: text.index(mistake.exemple)].count("\n") + 1
        assert len(problems) == 1 and re.search(r"pour [0-9]+ pages \(dont /", problems[0].message), problems
    if not mistake.avertissement:  # the cause comes first: no « inconnu » line buries it
        assert next(p for p in problems if not p.warning).path == mistake.fichier, problems


@pytest.mark.parametrize("mistake", [m for m in MISTAKES if m.commande], ids=lambda m: m.titre)
def test_each_command_mistake_gets_the_documented_message(
    make_site: MakeSite, mistake: Mistake, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_site()
    assert main([*mistake.commande, "--source", str(root)]) == 2
    assert mistake.message in capsys.readouterr().err
    assert mistake.exemple.split()[2:] == list(mistake.commande)


def test_the_catalogue_covers_at_least_twenty_mistakes_with_unique_titles() -> None:
    assert len(MISTAKES) >= 20
    assert len({m.titre for m in MISTAKES}) == len(MISTAKES)
