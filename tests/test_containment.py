"""Nothing is written outside the output, nothing is read from outside the source, templates run sandboxed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from passerelles.builder import build
from passerelles.cli import main
from passerelles.errors import BuildError
from passerelles.paths import contained_name, output_path

from .conftest import BUILD_DATE, MakeSite

PAGE = "content/pages/a-propos.md"


def _with_alias(alias: str) -> dict[str, str | None]:
    return {PAGE: f"---\ntitre: À propos\nresume: R.\nalias:\n  - {alias}\n---\n\nTexte.\n"}


def errors_of(root: Path, out: Path) -> list[str]:
    with pytest.raises(BuildError) as caught:
        build(root, out, BUILD_DATE, search=False)
    return [e.format() for e in caught.value.errors if not e.warning]


@pytest.mark.parametrize("alias", ["/../../../tmp/evil/", "/metiers/../", "/./", "/metiers/./x/", "/"])
def test_alias_with_dot_segments_is_an_error_at_its_line(make_site: MakeSite, tmp_path: Path, alias: str) -> None:
    root = make_site(_with_alias(alias))
    out = tmp_path / "out"
    messages = errors_of(root, out)
    assert len(messages) == 1 and messages[0].startswith(f"{PAGE}:5: « alias » doit être une adresse du site")
    assert "sans segment « . » ni « .. »" in messages[0]
    assert not out.exists() and not (tmp_path / "evil").exists() and not Path("/tmp/evil").exists()


@pytest.mark.parametrize(
    "unsafe", ["../x", "/etc/passwd", "a/../b", "a/./b", "a//b", "", ".", "a\\b", ".hidden", "x/\x00"]
)
def test_output_paths_are_normalised_and_proven_inside(tmp_path: Path, unsafe: str) -> None:
    assert output_path(unsafe) is None
    with pytest.raises(ValueError):
        contained_name(str(tmp_path), unsafe)
    assert output_path("metiers/aide-soignant/index.html") == "metiers/aide-soignant/index.html"


def test_links_in_the_output_folder_never_lead_a_write_out_even_once_a_folder_is_proven(tmp_path: Path) -> None:
    site, outside = tmp_path / "site", tmp_path / "ailleurs"
    (site / "metiers").mkdir(parents=True)
    outside.mkdir()
    (site / "fuite").symlink_to(outside)
    (site / "metiers" / "x.html").symlink_to(outside / "x.html")
    proven: set[str] = set()
    assert contained_name(str(site), "metiers/index.html", proven) == str(site / "metiers" / "index.html")
    assert proven == {str(site / "metiers")}
    (site / "metiers" / "sortie").symlink_to(outside)
    for rel in ("fuite/index.html", "metiers/x.html", "metiers/sortie/index.html"):  # linked folders, a linked file
        with pytest.raises(ValueError):
            contained_name(str(site), rel, proven)
        with pytest.raises(ValueError):
            contained_name(str(site), rel)


def test_alias_over_a_generated_page_is_reported_by_check_at_its_content_line(
    make_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_site(_with_alias("/parcours/"))
    assert main(["check", "--source", str(root), "--date", BUILD_DATE.isoformat()]) == 1
    err = capsys.readouterr().err
    assert f"{PAGE}:5: l'adresse /parcours/ est déjà produite par une autre page du site" in err
    assert "Contenu valide" not in err


def test_symlinked_static_file_outside_the_source_is_refused(make_site: MakeSite, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("MOT_DE_PASSE=hunter2\n")
    root = make_site()
    (root / "static").mkdir()
    (root / "static" / "x.txt").symlink_to(secret)
    (root / "static" / "env").symlink_to("/proc/self/environ")
    (root / "static" / "dossier").symlink_to(tmp_path)
    messages = errors_of(root, tmp_path / "out")
    assert messages == [
        f"static/{name}:1: lien symbolique vers un fichier hors du dossier source : refusé (copiez le fichier dans le projet)"
        for name in ("dossier", "env", "x.txt")
    ]
    assert not (tmp_path / "out").exists()


def test_symlink_inside_the_source_is_accepted(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site()
    (root / "static").mkdir()
    (root / "docs").mkdir()
    (root / "docs" / "plan.txt").write_text("plan")
    (root / "static" / "plan.txt").symlink_to(root / "docs" / "plan.txt")
    build(root, tmp_path / "out", BUILD_DATE, search=False)
    assert (tmp_path / "out" / "plan.txt").read_text() == "plan"


def test_symlinked_content_file_does_not_leak_its_target(make_site: MakeSite, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\nroot:x:0:0:root:/root:/bin/bash\n---\n")
    root = make_site()
    (root / "content/pages/fuite.md").symlink_to(secret)
    messages = errors_of(root, tmp_path / "out")
    assert messages == [
        "content/pages/fuite.md:1: lien symbolique vers un fichier hors du dossier source : refusé "
        "(copiez le fichier dans le projet)"
    ]


def test_symlinked_site_yaml_does_not_leak_its_target(make_site: MakeSite, tmp_path: Path) -> None:
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    root = make_site({"site.yaml": None})
    (root / "site.yaml").symlink_to(secret)
    messages = errors_of(root, tmp_path / "out")
    assert all("root:x" not in m for m in messages)
    assert messages == [
        "site.yaml:1: lien symbolique vers un fichier hors du dossier source : refusé (copiez le fichier dans le projet)"
    ]


def test_symlinked_template_outside_the_source_is_refused(make_site: MakeSite, tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("SECRET")
    root = make_site()
    (root / "templates").mkdir()
    (root / "templates" / "page.html").symlink_to(secret)
    messages = errors_of(root, tmp_path / "out")
    assert set(messages) == {
        "templates/page.html:1: lien symbolique vers un fichier hors du dossier source : refusé "
        "(copiez le fichier dans le projet)"
    }


PAYLOADS = [
    "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ site.__class__.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'].system('touch PWNED') }}",
    "{% set x = full_site.metiers.__class__ %}{{ x.__base__.__subclasses__() }}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_templates_run_in_a_sandbox(make_site: MakeSite, tmp_path: Path, payload: str) -> None:
    root = make_site()
    (root / "templates").mkdir()
    (root / "templates" / "page.html").write_text(
        "{% extends 'base.html' %}{% block title %}x{% endblock %}{% block main %}\n" + payload + "\n{% endblock %}"
    )
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        messages = errors_of(root, tmp_path / "out")
    finally:
        os.chdir(cwd)
    assert not (tmp_path / "PWNED").exists()
    assert len(messages) == 1 and messages[0].startswith(
        "templates/page.html:2: gabarit refusé pour 3 pages (dont /"
    ), messages
    assert "il tente d'accéder à l'intérieur de Python" in messages[0]


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("static", "static/robots.txt:1: ce fichier remplacerait /robots.txt, que le site produit déjà"),
        ("template", "templates/page.html:1: variable inconnue dans le gabarit"),
        ("page", "content/pages/metiers-x.md:5: l'adresse /metiers/ est déjà produite par une autre page du site"),
    ],
)
def test_check_finds_what_build_would_refuse(
    make_site: MakeSite, capsys: pytest.CaptureFixture[str], setup: str, expected: str
) -> None:
    root = make_site()
    if setup == "static":
        (root / "static").mkdir()
        (root / "static" / "robots.txt").write_text("User-agent: *\n")
    elif setup == "template":
        (root / "templates").mkdir()
        (root / "templates" / "page.html").write_text("{{ inconnue.champ }}")
    else:
        (root / PAGE).with_name("metiers-x.md").write_text(
            "---\ntitre: X\nresume: R.\nalias:\n  - /metiers/\n---\n\nTexte.\n", encoding="utf-8"
        )
    assert main(["check", "--source", str(root), "--date", BUILD_DATE.isoformat()]) == 1
    captured = capsys.readouterr()
    assert expected in captured.err and "Contenu valide" not in captured.out
    assert not (root / "site").exists()


def test_the_sandbox_remembers_the_same_verdicts_jinja_gives() -> None:
    """render._Sandbox remembers each verdict by type and name: the same as Jinja's own, asked once or again."""
    import types

    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from passerelles.render import _Sandbox

    def function() -> None:
        """A function: its code and globals are internal."""

    def generator():  # type: ignore[no-untyped-def]
        yield 1

    objects = [[], {}, set(), "", 1, function, generator(), str, types.SimpleNamespace(), PAYLOADS.copy]
    names = ["append", "keys", "add", "upper", "mro", "__class__", "__globals__", "__code__", "gi_frame", "_x", "real"]
    remembering, jinja = _Sandbox(), ImmutableSandboxedEnvironment()
    for _ in range(2):  # the second time, from the memory
        for obj in objects:
            for name in names:
                value = getattr(obj, name, None)
                expected = jinja.is_safe_attribute(obj, name, value)
                assert remembering.is_safe_attribute(obj, name, value) == expected, (obj, name)
    assert not remembering.is_safe_attribute([], "append", None) and remembering.is_safe_attribute({}, "keys", None)
