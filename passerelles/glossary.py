"""The glossary: one declared list of acronyms and jargon, a /glossaire/ page, and <abbr> in bodies.

The list lives in `data/glossaire.yaml`. Each acronym (a term in capitals)
is wrapped in `<abbr title="…">` the first time it appears in the body of an
entry (its Markdown text, once rendered), outside links, headings, code and
existing <abbr>, so that a reader who does not know « EHPAD » gets its
meaning where it is used.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

import yaml
from markupsafe import escape

from .htmltext import CODE, map_text
from .markup import typo
from .pagespec import PageSpec
from .source import slugify

DATA = Path(__file__).resolve().parent / "data" / "glossaire.yaml"
URL = "/glossaire/"
# Where a definition would get in the way: links (an <abbr> inside changes nothing useful and
# confuses some screen readers), headings (their text is the table of contents), forms, SVG.
SKIP = CODE | frozenset({"a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label", "summary", "svg", "title"})


@dataclass(frozen=True)
class Term:
    terme: str
    definition: str
    developpe: str | None = None

    @property
    def is_acronym(self) -> bool:
        letters = [c for c in self.terme if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)

    @property
    def lettre(self) -> str:
        """The first letter without its accent, for the A to Z index."""
        return slugify(self.terme)[:1].upper()

    @property
    def anchor(self) -> str:
        return "terme-" + slugify(self.terme)

    @property
    def tooltip(self) -> str:
        return typo(self.developpe or self.definition)


@cache
def load_terms(path: Path = DATA) -> tuple[Term, ...]:
    """The declared glossary, A to Z."""
    items = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # libyaml: 20 times faster
    terms = [Term(**item) for item in items]
    return tuple(sorted(terms, key=lambda t: (slugify(t.terme), t.terme)))


@cache
def _acronyms(terms: tuple[Term, ...]) -> tuple[Mapping[str, Term], re.Pattern[str]]:
    """The acronyms by word, and the pattern that finds them (made once per glossary, not once per body)."""
    by_word = {t.terme: t for t in terms if t.is_acronym}
    words = sorted((re.escape(word) for word in by_word), key=len, reverse=True)
    return MappingProxyType(by_word), re.compile(r"(?<![\w&#-])(" + "|".join(words) + r")(?![\w-])")


def annotate(body: str, terms: tuple[Term, ...]) -> str:
    """`body` (HTML) with the first occurrence of each acronym in an <abbr title="…">."""
    by_word, pattern = _acronyms(terms)
    seen: set[str] = set()

    def wrap(match: re.Match[str]) -> str:
        word = match.group(1)
        if word in seen:
            return word
        seen.add(word)
        return f'<abbr title="{escape(by_word[word].tooltip)}">{word}</abbr>'

    return map_text(body, lambda text: pattern.sub(wrap, text), SKIP)


def glossary_pages() -> list[PageSpec]:
    """The /glossaire/ page: acronyms and jargon, A to Z."""
    terms = load_terms()
    return [
        PageSpec(
            URL,
            "glossaire.html",
            {
                "termes": terms,
                "breadcrumb": [("Accueil", "/"), ("Glossaire", "")],
                "description": "Les sigles et les mots du métier expliqués simplement : EHPAD, DEAS, VAE, brut, net…",
            },
        )
    ]
