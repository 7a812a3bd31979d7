"""A métier fiche, essentials first: its body cut into sections that fold, and the « En bref » facts.

Each `## section` of the body keeps its heading and its first paragraph in
view (what a reader in a hurry needs); the rest folds into a <details>, so a
fiche reads in a few phone screens and every heading stays a real heading for
screen readers and Pagefind. The body's own « Se former » section is not shown
twice: it is returned apart, for the template's « Se former » section.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

TRAINING = "Se former"
_H2 = re.compile(r'^<h2 id="([^"]+)">(.*?)</h2>\s*$', re.M)
_BLOCK = re.compile(r"\n(?=<(?:p|ul|ol|dl|h3|h4|blockquote|table|figure|div|pre)\b)")
_TAGS = re.compile(r"<[^>]+>")
_AGE = re.compile(r"\b(?:dès|à partir de|au moins|avoir)\s+(1[5-9])\s+ans\b", re.I)
_ASIDE = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class Section:
    """One `##` section: its heading, its first block (always shown), and the rest (folded)."""

    id: str
    titre: str
    heading: Markup
    lead: Markup
    rest: Markup


@dataclass(frozen=True)
class Body:
    intro: Markup
    sections: tuple[Section, ...]
    training: Section | None


def _section(anchor: str, heading: str, content: str) -> Section:
    blocks = [b.strip() for b in _BLOCK.split(content.strip()) if b.strip()]
    lead, rest = (blocks[:1], blocks[1:]) if blocks and blocks[0].startswith("<p") else ([], blocks)
    titre = _TAGS.sub("", heading)
    return Section(
        anchor, titre, Markup(f'<h2 id="{anchor}">{heading}</h2>'), Markup("\n".join(lead)), Markup("\n".join(rest))
    )


def split_body(body: str) -> Body:
    """The body's intro, its sections, and apart its « Se former » section (if any)."""
    parts = _H2.split(str(body))
    intro, sections, training = Markup(parts[0].strip()), [], None
    for i in range(1, len(parts), 3):
        section = _section(parts[i], parts[i + 1], parts[i + 2])
        if section.titre.strip() == TRAINING and training is None:
            training = section
        else:
            sections.append(section)
    return Body(intro, tuple(sections), training)


def training_facts(formations: Sequence[Any]) -> dict[str, str] | None:
    """How long a training lasts, which diploma, from what age: the first whose entry rules give an age.

    Reads only what a formation of the page says, as a mapping or an object (`titre` or `diplome`,
    `duree`, `conditions` or `prerequis`): anything missing leaves the line,
    or the age, out of « En bref ».
    """
    if not formations:
        return None
    rules = [str(_get(f, "conditions", "prerequis") or "") for f in formations]
    ages = [_AGE.search(rule) for rule in rules]
    chosen = next((i for i, age in enumerate(ages) if age), 0)
    first, age = formations[chosen], ages[chosen]
    duree, diplome = _get(first, "duree"), _get(first, "titre", "diplome")
    if not duree or not diplome:
        return None
    duree = _ASIDE.sub("", str(duree)).strip()
    return {"duree": duree[:1].upper() + duree[1:], "diplome": str(diplome), "age": age.group(1) if age else ""}


def _get(formation: Any, *names: str) -> Any:
    """The first of `names` that a formation (a mapping or an object) has and fills."""
    for name in names:
        value = formation.get(name) if isinstance(formation, Mapping) else getattr(formation, name, None)
        if value:
            return value
    return None
