"""Editors' links, anchors and images: checked against the pages the build produces."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from passerelles import links as links_module
from passerelles.builder import build, check
from passerelles.cli import main
from passerelles.errors import BuildError
from passerelles.serve import Preview

from .conftest import BASE_FILES, BUILD_DATE, MakeSite

PAGE = "content/pages/liens.md"
VALID_BODY = """\
---
titre: Tous les liens
resume: Une page qui pointe vers chaque sorte de page.
---

Voir [un métier](/metiers/aide-soignant/) et [ses missions](/metiers/aide-soignant/#missions),
[un témoignage](/temoignages/lea-aide-soignante/), [un événement](/evenements/job-dating-arras/),
[une page](/accessibilite/), [un parcours](/parcours/aide-soignant/), [la liste](/metiers/),
[les archives](/evenements/archives/), [en relatif](../metiers/infirmier/), [le flux](/flux.xml),
[la feuille de style](/css/style.css), [plus bas](#fin) et [un site externe](https://www.onisep.fr/).

## Fin

Écrire à [l'équipe](mailto:contact@example.org).
"""


def problems(root: Path) -> list[str]:
    with pytest.raises(BuildError) as caught:
        check(root, BUILD_DATE)
    return [e.format() for e in caught.value.errors if not e.warning]


def with_body(body: str) -> dict[str, str | None]:
    return {PAGE: "---\ntitre: Liens\nresume: Des liens.\n---\n\nPremière ligne.\n\n" + body}


def test_a_valid_link_to_each_page_kind_passes(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site({PAGE: VALID_BODY})
    site = check(root, BUILD_DATE)
    assert [p.url for p in site.pages if p.slug == "liens"] == ["/liens/"]
    build(root, tmp_path / "out", BUILD_DATE, search=False)
    assert (tmp_path / "out" / "liens" / "index.html").is_file()


BROKEN = [
    pytest.param(
        "Un [lien cassé](/metiers/infirmiere/).\n",
        "content/pages/liens.md:8: lien vers « /metiers/infirmiere/ » : cette page n'existe pas sur le site"
        " — vouliez-vous dire « /metiers/infirmier/ » ?",
        id="page-with-closest-existing-url",
    ),
    pytest.param(
        "Texte.\n\nVoir [les missions](/metiers/aide-soignant/#mission).\n",
        "content/pages/liens.md:10: lien vers « /metiers/aide-soignant/#mission » : l'ancre « #mission » "
        "n'existe pas sur « /metiers/aide-soignant/ » — vouliez-vous dire « /metiers/aide-soignant/#missions » ?",
        id="anchor-of-another-page",
    ),
    pytest.param(
        "Voir [plus bas](#suite).\n\n## La suite\n",
        "content/pages/liens.md:8: lien vers « #suite » : l'ancre « #suite » n'existe pas sur cette page"
        " — vouliez-vous dire « #la-suite » ?",
        id="anchor-of-the-same-page",
    ),
    pytest.param(
        "Texte.\n\n![Une aide-soignante](/images/absente.jpg)\n",
        "content/pages/liens.md:10: image « /images/absente.jpg » introuvable : "
        "placez le fichier dans content/images/ (ou static/)",
        id="image-in-the-body",
    ),
    pytest.param(
        "[Infirmier](/metiers/infirmier)\n",
        "content/pages/liens.md:8: lien vers « /metiers/infirmier » : les adresses des pages finissent par « / »"
        " — vouliez-vous dire « /metiers/infirmier/ » ?",
        id="missing-final-slash",
    ),
    pytest.param(
        "![x](/images/../../secret.jpg)\n",
        "content/pages/liens.md:8: image « /images/../../secret.jpg » refusée : "
        "« .. » n'est pas permis dans une adresse",
        id="path-with-dot-dot",
    ),
]


@pytest.mark.parametrize(("body", "expected"), BROKEN)
def test_broken_link_or_image_is_reported_at_its_body_line(make_site: MakeSite, body: str, expected: str) -> None:
    assert problems(make_site(with_body(body)))[0] == expected


def test_the_same_broken_link_twice_is_reported_at_both_lines(make_site: MakeSite) -> None:
    found = problems(make_site(with_body("[un](/x/) et\n\n[deux](/x/)\n")))
    assert [line.split(": ")[0] for line in found] == ["content/pages/liens.md:8", "content/pages/liens.md:10"]


def test_missing_image_field_is_reported_at_its_key(make_site: MakeSite) -> None:
    text = BASE_FILES["content/metiers/infirmier.md"].replace(
        "niveau_acces: bac\n", 'niveau_acces: bac\nimage: /images/infirmier.jpg\nimage_alt: ""\n'
    )
    root = make_site({"content/metiers/infirmier.md": text})
    assert problems(root) == [
        "content/metiers/infirmier.md:7: image « /images/infirmier.jpg » introuvable : "
        "placez le fichier dans content/images/ (ou static/)"
    ]


def test_a_link_to_a_draft_is_broken_unless_drafts_are_built(make_site: MakeSite) -> None:
    draft = BASE_FILES["content/metiers/infirmier.md"].replace("titre:", "brouillon: true\ntitre:")
    files = {**with_body("[Bientôt](/metiers/infirmier-bis/)\n"), "content/metiers/infirmier-bis.md": draft}
    root = make_site(files)
    assert problems(root)[0].startswith("content/pages/liens.md:8: lien vers « /metiers/infirmier-bis/ »")
    assert check(root, BUILD_DATE, drafts=True).pages


def test_build_publishes_nothing_when_a_link_is_broken(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site(with_body("[x](/nulle-part/)\n"))
    with pytest.raises(BuildError):
        build(root, tmp_path / "out", BUILD_DATE, search=False)
    assert not (tmp_path / "out").exists()


def test_check_command_reports_broken_links(make_site: MakeSite, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_site(with_body("[x](/metiers/inexistant/)\n"))
    assert main(["check", "--source", str(root), "--date", "2026-11-23"]) == 1
    err = capsys.readouterr().err
    assert "content/pages/liens.md:8: lien vers « /metiers/inexistant/ » : cette page n'existe pas sur le site" in err


def test_body_links_are_parsed_once_and_a_changed_body_again(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    original = links_module._parse

    def counted(html: str) -> Any:
        parsed.append(html)
        return original(html)

    monkeypatch.setattr(links_module, "_parse", counted)
    first = links_module.BodyLinks()
    assert first('<p><a href="/a/">a</a></p>') == [("a", "/a/")]
    later = links_module.BodyLinks(first)  # the preview's next rebuild
    assert later('<p><a href="/a/">a</a></p>') == [("a", "/a/")]
    assert later('<p><img src="/b.png" alt=""></p>') == [("img", "/b.png")]
    assert len(parsed) == 2


def test_the_preview_reports_a_link_broken_by_an_edit_then_fixed(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site()
    preview = Preview(root, tmp_path / "apercu", date=BUILD_DATE)
    preview.rebuild()
    assert preview.errors == []
    page = root / "content/pages/a-propos.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\nVoir [la page](/nulle-part/).\n", encoding="utf-8")
    preview.rebuild()
    assert any("lien vers « /nulle-part/ » : cette page n'existe pas" in e for e in preview.errors)
    page.write_text(text, encoding="utf-8")
    preview.rebuild()
    assert preview.errors == []
