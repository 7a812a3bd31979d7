"""Bounded work: every oversized or explosive input is refused early with a French message at path:line."""

from __future__ import annotations

import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from passerelles.builder import build
from passerelles.errors import BuildError
from passerelles.markup import (
    MAX_BLOCKS,
    MAX_BRACKETS,
    UNCLOSED_BRACKETS,
    body_problems,
    make_markdown,
    render_markdown,
)
from passerelles.source import MAX_DIGITS, MAX_YAML_DEPTH, load_yaml, parse_front_matter
from passerelles.workbounds import MAX_QUOTE_DEPTH, SCAN_PER_CHAR, SCAN_SLACK, bracket_scan

from .conftest import BUILD_DATE, SITE_YAML, MakeSite

PAGE = "content/pages/a-propos.md"
HEAD = "---\ntitre: À propos\nresume: R.\n"


def build_errors(make_site: MakeSite, tmp_path: Path, text: str | bytes) -> list[str]:
    root = make_site()
    target = root / PAGE
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build(root, tmp_path / "out", BUILD_DATE, search=False)
    assert not (tmp_path / "out").exists()
    return [e.format() for e in caught.value.errors if not e.warning]


BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)


def test_yaml_alias_bomb_is_refused_cheaply() -> None:
    tracemalloc.start()
    data, _, _, problem = load_yaml(BOMB, "site.yaml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert data is None and problem is not None
    assert problem.format() == (
        "site.yaml:2: « * » en début de valeur : mettez la valeur entre guillemets (les alias YAML sont refusés)"
    )
    assert peak < 5_000_000  # 9**9 expanded nodes would need gigabytes


def test_alias_bomb_in_front_matter_names_file_and_line(make_site: MakeSite, tmp_path: Path) -> None:
    errors = build_errors(make_site, tmp_path, HEAD + BOMB + "---\n\nTexte.\n")
    assert errors == [
        f"{PAGE}:5: « * » en début de valeur : mettez la valeur entre guillemets (les alias YAML sont refusés)"
    ]


def test_deep_nesting_is_refused_without_recursion_error(make_site: MakeSite, tmp_path: Path) -> None:
    nested = "x: " + "[" * 5000 + "]" * 5000 + "\n"
    errors = build_errors(make_site, tmp_path, HEAD + nested + "---\n")
    assert errors == [f"{PAGE}:4: trop de niveaux imbriqués : {MAX_YAML_DEPTH} au plus"]
    block = "x:\n" + "".join("  " * i + "- \n" for i in range(1, 3000))
    assert load_yaml(block, "f")[3] is not None


def test_five_thousand_digit_integer_is_refused(make_site: MakeSite, tmp_path: Path) -> None:
    errors = build_errors(make_site, tmp_path, HEAD + "annee: " + "9" * 5000 + "\n---\n")
    assert errors == [f"{PAGE}:4: nombre trop long : {MAX_DIGITS} chiffres au plus"]


def test_oversized_file_and_front_matter_are_refused(make_site: MakeSite, tmp_path: Path) -> None:
    errors = build_errors(make_site, tmp_path, HEAD + "---\n\n" + "Texte. " * 20_000)
    assert errors == [f"{PAGE}:1: fichier trop gros : 100 ko au plus"]
    *_, problems = parse_front_matter("---\n" + "a: b\n" * 20_000 + "---\n", "f.md")
    assert [p.message for p in problems] == ["en-tête YAML trop long : 64 ko au plus"]


def test_invalid_utf8_names_the_line(make_site: MakeSite, tmp_path: Path) -> None:
    errors = build_errors(make_site, tmp_path, (HEAD + "---\n\nCaf").encode() + b"\xe9\n")
    assert errors == [f"{PAGE}:6: le fichier n'est pas enregistré en UTF-8"]


def test_site_yaml_invalid_utf8_or_a_directory(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site({"site.yaml": None})
    (root / "site.yaml").write_bytes(b"titre: Caf\xe9\n")
    with pytest.raises(BuildError) as caught:
        build(root, tmp_path / "out", BUILD_DATE, search=False)
    assert "site.yaml:1: le fichier n'est pas enregistré en UTF-8" in str(caught.value)
    (root / "site.yaml").unlink()
    (root / "site.yaml").mkdir()
    with pytest.raises(BuildError) as caught:
        build(root, tmp_path / "out", BUILD_DATE, search=False)
    assert "site.yaml:1: fichier illisible : c'est un dossier" in str(caught.value)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("x\n\n" * (MAX_BLOCKS + 1), f"texte trop long : {MAX_BLOCKS} paragraphes au plus"),
        ("[" * (MAX_BRACKETS + 1), f"plus de {MAX_BRACKETS} crochets « [ » dans ce paragraphe : coupez-le"),
        ("mot " * 6_000, "paragraphe trop long : 20000 caractères au plus, coupez-le"),
    ],
)
def test_pathological_bodies_are_refused_at_their_line(
    make_site: MakeSite, tmp_path: Path, body: str, message: str
) -> None:
    errors = build_errors(make_site, tmp_path, HEAD + "---\n\nIntro.\n\n" + body)
    assert errors and errors[0].startswith(f"{PAGE}:"), errors
    assert errors[0].endswith(message)
    assert int(errors[0].split(":")[1]) >= 7 or "paragraphes" in message


def _python_lines(render: Callable[[], object]) -> int:
    """Lines of Python executed by a call: a deterministic measure of work (no clock)."""
    count = 0

    def tracer(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        render()
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize(
    "unit",
    [
        "Une phrase : « oui » et l'aide ; un [lien](/metiers/) et *rien*.\n\n",
        "[" * 35 + "\n\n",  # the most unclosed brackets a block of their own may hold
        "<a " * 200 + "\n\n",
        "<![CDATA[ " * 6 + "\n\n",
        "| a | b |\n|---|---|\n" + "| 1 | [x](/y/) |\n" * 20 + "\n",
    ],
)
def test_work_grows_linearly_with_a_legal_body(unit: str) -> None:
    once, four = unit * 2, unit * 8
    assert not body_problems(four)
    small = _python_lines(lambda: render_markdown(make_markdown(), once))
    large = _python_lines(lambda: render_markdown(make_markdown(), four))
    assert large < 4 * small * 1.5, (small, large)


def test_unclosed_tags_are_defused_before_html_parsing() -> None:
    """html.parser rescans the rest of the text for each unclosed `<`; past a few they become text."""
    html = str(render_markdown(make_markdown(), "<a " * 500 + "\n\nfin <b>gras</b>")[0])
    assert html.count("&lt;a") == 500 and "<b>gras</b>" in html
    few = str(render_markdown(make_markdown(), "Si a <b et c > d.\n")[0])
    assert few == str(render_markdown(make_markdown(), "Si a <b et c > d.\n")[0])


EVENT = "content/evenements/job-dating-arras.md"


@pytest.mark.parametrize("debut", ['"0001-01-01T00:05"', "9999-12-31", '"9999-12-31T23:30"', "0001-01-01"])
def test_dates_out_of_range_are_errors_not_tracebacks(make_site: MakeSite, tmp_path: Path, debut: str) -> None:
    root = make_site()
    path = root / EVENT
    path.write_text(
        path.read_text(encoding="utf-8").replace('debut: "2027-03-12T14:00"', f"debut: {debut}"), encoding="utf-8"
    )
    with pytest.raises(BuildError) as caught:
        build(root, tmp_path / "out", BUILD_DATE)
    messages = [e.format() for e in caught.value.errors if not e.warning]
    assert messages and messages[0].startswith(f"{EVENT}:5: « debut » : date hors des années 1900 à 2100"), messages


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x0c", "\x85", "\ufffe"])
def test_control_characters_are_refused_at_their_line(make_site: MakeSite, tmp_path: Path, char: str) -> None:
    errors = build_errors(make_site, tmp_path, HEAD + "---\n\nUn texte" + char + " piégé.\n")
    assert errors == [
        f"{PAGE}:6: caractère de contrôle invisible (U+{ord(char):04X}) : supprimez-le ou retapez la ligne"
    ]


def test_a_quote_in_the_site_url_is_refused(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site({"site.yaml": SITE_YAML.replace("https://test.example.org/", 'https://test.example.org/"><x')})
    with pytest.raises(BuildError) as caught:
        build(root, tmp_path / "out", BUILD_DATE, search=False)
    errors = [e.format() for e in caught.value.errors if not e.warning]
    assert errors[0].startswith(
        "site.yaml:3: « url » doit être une adresse https:// sans espace, guillemet, paramètre ni ancre"
    )


def test_disk_errors_are_french_without_none(make_site: MakeSite, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import errno

    from passerelles import builder, cli

    def full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(builder, "write_site", full)
    root = make_site()
    assert cli.main(["build", "--source", str(root), "--date", BUILD_DATE.isoformat()]) == 1
    err = capsys.readouterr().err
    assert "erreur d'écriture : disque plein ; le site précédent est intact." in err and "None" not in err


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[ " * 40 + "mot " * 1_000, UNCLOSED_BRACKETS),
        ("[a](b " * 30 + "mot " * 1_000, UNCLOSED_BRACKETS),
        ("mot " * 50 + "![image](" * 20 + "mot " * 1_000, UNCLOSED_BRACKETS),
        ("[" * 60 + "x" + "]" * 60, UNCLOSED_BRACKETS),
        (
            "> " * (MAX_QUOTE_DEPTH + 1) + "citation",
            f"plus de {MAX_QUOTE_DEPTH} citations « > » imbriquées : enlevez des « > »",
        ),
    ],
)
def test_quadratic_constructs_are_refused_at_their_block_line(
    make_site: MakeSite, tmp_path: Path, body: str, message: str
) -> None:
    errors = build_errors(
        make_site, tmp_path, HEAD + "---\n\nIntro.\n\nDeuxième paragraphe\nsur deux lignes.\n\n" + body
    )
    assert errors == [f"{PAGE}:11: {message}"]


def test_links_stray_brackets_and_quotes_of_real_text_pass() -> None:
    real = "Un [ isolé au début. " + (
        "Voir [la fiche](/metiers/aide-soignant/) et [![logo](/i.png)](/x/) ; un [sic], "
        "(des parenthèses) et [un lien (avec parenthèses)](/a_(b)/). " * 10
    )
    quotes = "> Une citation\n> > qui en cite une autre\n> > > et une troisième"
    assert not body_problems(real + "\n\n" + quotes)
    assert bracket_scan(real) < SCAN_PER_CHAR * len(real)


def test_work_of_the_largest_accepted_bracket_block_is_bounded() -> None:
    """At the limit, the link patterns read a block a few times, not once per bracket."""
    block = "[ " * 4 + "mot " * 4_900  # 4 unclosed brackets at the start of a 19,600-character block
    assert not body_problems(block) and bracket_scan(block) <= SCAN_PER_CHAR * len(block) + SCAN_SLACK
    assert body_problems("[ " + block)  # one more costs too much
    once = _python_lines(lambda: render_markdown(make_markdown(), block[:5_000]))
    twice = _python_lines(lambda: render_markdown(make_markdown(), block[:10_000]))
    assert twice < 2 * once * 1.5, (once, twice)
