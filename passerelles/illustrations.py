"""Pictograms of the métiers: which one each métier shows, and its SVG made safe to inline.

The pictograms come from Health Icons (MIT licence, npm package `healthicons`),
vendored in `illustrations/` with their licence and a grey-level PNG mask for
the share images (see `bench/vendor_illustrations.py`). A métier names one with
the optional front-matter key `illustration`; without it, the pictogram follows
from its ROME code, then from whom and where it works (`default_for`).

Inlined SVG is rebuilt from an allow-list (shapes and their geometry only), so
a vendored file can never bring a script, a link or a style into a page.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from markupsafe import Markup, escape

FOLDER = Path(__file__).resolve().parent.parent / "illustrations"
MASK_SIZE = 320
SOURCE = "Health Icons (healthicons.org), paquet npm « healthicons » 2.0.0, licence MIT"

# Every pictogram the site may show, with what it depicts (for the editors' guide).
ILLUSTRATIONS: dict[str, str] = {
    "nurse": "infirmière",
    "health_worker": "soignante en blouse",
    "community_healthworker": "soignant avec sa sacoche",
    "elderly": "personne âgée avec une canne",
    "old_woman": "femme âgée",
    "wheelchair": "fauteuil roulant",
    "walk_supported": "personne qui marche avec une aide",
    "walking": "personne qui marche",
    "physical_therapy": "rééducation",
    "psychology": "psychologie",
    "cleaning": "nettoyage",
    "home": "maison",
    "home_alt": "lieu de vie",
    "domestic_worker": "aide à la maison",
    "social_work": "travail social",
    "group_discussion_meeting": "groupe qui discute",
    "young_people": "jeunes",
    "people": "plusieurs personnes",
    "justice": "balance de la justice",
    "calendar": "calendrier",
    "paved_road": "route",
}
NAMES: tuple[str, ...] = tuple(ILLUSTRATIONS)

# The pictogram of a métier without `illustration`, by ROME code (France Travail's job families).
BY_ROME: dict[str, str] = {
    "J1301": "cleaning",  # personnel polyvalent des services hospitaliers
    "J1403": "walk_supported",  # ergothérapie
    "J1404": "physical_therapy",  # kinésithérapie
    "J1412": "walking",  # rééducation en psychomotricité
    "J1501": "health_worker",  # soins d'hygiène, de confort du patient
    "J1502": "community_healthworker",  # coordination de services médicaux ou paramédicaux
    "J1506": "nurse",  # soins infirmiers généralistes
    "K1102": "justice",  # aide aux bénéficiaires d'une mesure de protection
    "K1104": "psychology",  # psychologie
    "K1201": "social_work",  # action sociale
    "K1206": "group_discussion_meeting",  # intervention socioculturelle
    "K1207": "young_people",  # intervention socioéducative
    "K1301": "wheelchair",  # accompagnement médicosocial
    "K1302": "domestic_worker",  # assistance auprès d'adultes
    "K1305": "people",  # intervention sociale et familiale
    "K1403": "calendar",  # management de structure de santé, sociale ou pénitentiaire
}
# Then by the only public (a métier for older people only), then by its first place of work.
BY_PUBLIC: dict[str, str] = {"personnes-agees": "elderly", "personnes-handicapees": "wheelchair"}
BY_PLACE: dict[str, str] = {"domicile": "home", "etablissement": "home_alt", "hopital": "health_worker"}
FALLBACK = "people"
# Share images of the other kinds of page.
EVENT = "calendar"
PATHWAY = "paved_road"

_SHAPES = {"path", "circle", "ellipse", "rect", "line", "polyline", "polygon", "g"}
_GEOMETRY = {
    "d", "cx", "cy", "r", "rx", "ry", "x", "y", "width", "height",
    "x1", "y1", "x2", "y2", "points", "fill-rule", "clip-rule", "transform",
}  # fmt: skip
_ROUNDED = {"d", "points"}
_DECIMAL = re.compile(r"-?\d*\.\d+")
_PAINT = {"fill", "stroke"}
_PAINT_VALUES = {"none", "currentColor"}
_SVG = "{http://www.w3.org/2000/svg}"


def default_for(code_rome: str | None, publics: Sequence[str], lieux: Sequence[str]) -> str:
    """The pictogram of a métier that does not choose one: by ROME code, only public, first place."""
    if code_rome and code_rome in BY_ROME:
        return BY_ROME[code_rome]
    if len(publics) == 1 and publics[0] in BY_PUBLIC:
        return BY_PUBLIC[publics[0]]
    if lieux and lieux[0] in BY_PLACE:
        return BY_PLACE[lieux[0]]
    return FALLBACK


def _round(value: str) -> str:
    """Coordinates to one decimal (a tenth of a 48-unit grid is invisible), a space kept between numbers."""

    def short(found: re.Match[str]) -> str:
        number = format(round(float(found.group()), 1), "g")
        glued = found.start() > 0 and value[found.start() - 1] in "0123456789."
        return (" " if glued else "") + ("0" if number == "-0" else number)

    return _DECIMAL.sub(short, value)


def _clean(element: ET.Element) -> str:
    """One allowed shape and its allowed children, rebuilt attribute by attribute."""
    tag = element.tag.removeprefix(_SVG)
    if tag not in _SHAPES:
        return ""
    attrs = []
    for key, value in sorted(element.attrib.items()):
        if key in _GEOMETRY or (key in _PAINT and value in _PAINT_VALUES):
            attrs.append(f' {key}="{escape(_round(value) if key in _ROUNDED else value)}"')
    inner = "".join(_clean(child) for child in element)
    if tag == "g":
        return f"<g{''.join(attrs)}>{inner}</g>" if inner else ""
    return f"<{tag}{''.join(attrs)}/>"


def sanitize(svg: str) -> str:
    """The drawing of an SVG file, keeping only shapes with their geometry and a plain fill or stroke."""
    root = ET.fromstring(svg)
    return "".join(_clean(child) for child in root)


@functools.cache
def _drawing(name: str) -> tuple[str, str]:
    path = FOLDER / f"{name}.svg"
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    return root.get("viewBox", "0 0 48 48"), sanitize(path.read_text(encoding="utf-8"))


def inline_svg(name: str, css_class: str = "pictogram") -> Markup:
    """A decorative inline <svg> (hidden from screen readers) of one vendored pictogram."""
    view_box, drawing = _drawing(name)
    return Markup(
        f'<svg class="{escape(css_class)}" viewBox="{escape(view_box)}" fill="none" '
        f'aria-hidden="true" focusable="false">{drawing}</svg>'
    )


def mask_path(name: str) -> Path:
    """The grey-level PNG mask of a pictogram (white = ink), for drawing it with Pillow."""
    return FOLDER / f"{name}.png"
