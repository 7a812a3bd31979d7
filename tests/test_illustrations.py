"""Pictograms of the métiers: one per métier, chosen by a declared rule, inlined safely and hidden from screen readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from passerelles.builder import build, check
from passerelles.errors import BuildError
from passerelles.illustrations import FOLDER, NAMES, default_for, inline_svg, mask_path, sanitize
from passerelles.site import load_site

from .conftest import BASE_FILES, BUILD_DATE, MakeSite
from .example_site import EXAMPLE_DATE, REPO
from .htmlcheck import page

AS = "content/metiers/aide-soignant.md"
ALLOWED = {"svg", "path", "circle", "ellipse", "rect", "line", "polyline", "polygon", "g"}


def test_every_vendored_pictogram_has_its_svg_mask_and_the_licence() -> None:
    assert (FOLDER / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    for name in NAMES:
        assert (FOLDER / f"{name}.svg").is_file(), name
        assert mask_path(name).is_file(), name


def test_the_default_follows_rome_code_then_only_public_then_first_place() -> None:
    assert default_for("J1506", ["personnes-agees"], ["hopital"]) == "nurse"
    assert default_for(None, ["personnes-agees"], ["domicile"]) == "elderly"
    assert default_for("Z9999", ["personnes-agees", "personnes-handicapees"], ["domicile"]) == "home"
    assert default_for(None, ["personnes-agees", "personnes-handicapees"], []) == "people"


def test_sanitize_keeps_shapes_and_geometry_only() -> None:
    hostile = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)">'
        "<script>alert(2)</script><style>*{}</style>"
        '<path d="M0 0h4v4z" fill="url(#x)" onclick="alert(3)" style="fill:red"/>'
        '<a xlink:href="javascript:alert(4)"><circle cx="1" cy="1" r="1"/></a>'
        '<g transform="scale(2)"><rect x="1" y="1" width="2" height="2" fill="currentColor"/></g>'
        "<foreignObject><p>hi</p></foreignObject></svg>"
    )
    assert sanitize(hostile) == (
        '<path d="M0 0h4v4z"/><g transform="scale(2)"><rect fill="currentColor" height="2" width="2" x="1" y="1"/></g>'
    )


def test_coordinates_are_rounded_without_gluing_numbers() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M17.5001 9C1.96.54-0.04 3.25L4 4" points="1"/></svg>'
    assert sanitize(svg) == '<path d="M17.5 9C2 0.5 0 3.2L4 4" points="1"/>'


def test_inline_svg_is_decorative() -> None:
    svg = str(inline_svg("nurse"))
    assert svg.startswith(
        '<svg class="pictogram" viewBox="0 0 48 48" fill="none" aria-hidden="true" focusable="false">'
    )
    assert "<path " in svg and "xmlns" not in svg


def test_every_metier_of_the_example_has_a_pictogram_on_its_page_and_card(tmp_path: Path) -> None:
    site = load_site(REPO, EXAMPLE_DATE)
    out = tmp_path / "site"
    build(REPO, out, EXAMPLE_DATE, search=False)
    cards = page(out, "/metiers/")
    for m in site.metiers:
        assert m.pictogramme in NAMES
        svg = page(out, m.url).select_one("article.metier header svg.pictogram")
        assert svg is not None, m.url
        assert svg["aria-hidden"] == "true" and svg["focusable"] == "false"
        assert {tag.name for tag in svg.find_all(True)} | {svg.name} <= ALLOWED
        card = cards.find("a", href=m.url).find_parent("article")
        assert card.select_one("svg.card__pictogram") is not None, m.url
    # Several métiers, several pictures: the default rule is not one picture for all.
    assert len({m.pictogramme for m in site.metiers}) >= 15


def test_an_editor_chooses_a_pictogram_by_name(make_site: MakeSite, tmp_path: Path) -> None:
    text = BASE_FILES[AS].replace("verifie_le:", "illustration: wheelchair\nverifie_le:")
    root = make_site({AS: text})
    out = tmp_path / "out"
    build(root, out, BUILD_DATE, search=False)
    path = page(out, "/metiers/aide-soignant/").select_one("header svg.pictogram path")
    assert path is not None and path["d"] == page_path_of("wheelchair")


def page_path_of(name: str) -> str:
    return str(inline_svg(name)).split('d="', 1)[1].split('"', 1)[0]


def test_an_unknown_pictogram_is_refused_with_a_suggestion(make_site: MakeSite) -> None:
    text = BASE_FILES[AS].replace("verifie_le:", "illustration: wheelchairs\nverifie_le:")
    root = make_site({AS: text})
    with pytest.raises(BuildError) as caught:
        check(root, BUILD_DATE)
    messages = [e.format() for e in caught.value.errors]
    assert any(m.startswith(f"{AS}:") and "illustration" in m and "« wheelchair »" in m for m in messages), messages
