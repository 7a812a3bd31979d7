"""The field declaration: one front-matter key, its kind, rules, words and example.

Every collection's schema, the validation engine, the JSON Schema export,
the editors' guide, the web editor and the `new` skeletons read these
declarations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..source import KeyPath
from .vocab import Vocabulary

# The text every skeleton value starts with; validation refuses it, so a skeleton is never published as is.
PLACEHOLDER = "À COMPLÉTER"
MAX_LISTED = 20  # codes beyond this are described by the field's hint instead of listed
Report = Callable[[KeyPath, str, "str | None"], None]


@dataclass(frozen=True)
class Field:
    """One front-matter key: its type, constraints and editor documentation.

    `label` is the short French name the web editor and the JSON Schema show
    (by default, `doc` up to its first clause); `labels` the French words of
    an enum's codes. `example` is the value `new` writes in a skeleton
    (`PLACEHOLDER` where the editor must write), as a commented-out line when
    `commented`, with `note` as its comment.
    """

    name: str
    kind: str  # text, bool, int, number, date, when, enum, slug, url, list, mapping
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    pattern: str | None = None
    pattern_hint: str = ""
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    item: Field | None = None
    fields: tuple[Field, ...] = ()
    non_empty: bool = False
    default: Any = None
    label: str = ""
    labels: Mapping[str, str] | None = field(default=None, compare=False)
    example: Any = field(default=None, compare=False)
    commented: bool = False
    note: str = ""

    @property
    def listed(self) -> bool:
        """Whether messages and the guide spell out the codes; a long list with a hint (the départements) is not."""
        return len(self.choices) <= MAX_LISTED or not self.pattern_hint

    def __post_init__(self) -> None:
        if not self.label:
            short = re.split(r" : | \(|, | ; ", self.doc, maxsplit=1)[0].strip()
            object.__setattr__(self, "label", short[:1].upper() + short[1:])


def text(name: str, doc: str, **kw: Any) -> Field:
    return Field(name, "text", doc, **kw)


def flag(name: str, doc: str, **kw: Any) -> Field:
    return Field(name, "bool", doc, default=False, **kw)


def enum(name: str, doc: str, choices: tuple[str, ...] | Vocabulary, **kw: Any) -> Field:
    """A field whose value is one code of a list; a vocabulary brings its French labels too."""
    if isinstance(choices, Vocabulary):
        return Field(name, "enum", doc, choices=choices.codes, labels=choices, **kw)
    return Field(name, "enum", doc, choices=choices, **kw)


def list_of(name: str, doc: str, item: Field, **kw: Any) -> Field:
    return Field(name, "list", doc, item=item, default=(), **kw)


def mapping(name: str, doc: str, *fields: Field, **kw: Any) -> Field:
    return Field(name, "mapping", doc, fields=fields, **kw)


def year(name: str, doc: str, required: bool = False, **kw: Any) -> Field:
    return Field(name, "int", doc, required=required, minimum=1900, maximum=2100, **kw)


URL_RE = r"^https?://[^\s/$.?#][^\s]*$"

KIND_WORDS = {
    "text": "un texte",
    "bool": "vrai ou faux (true / false)",
    "int": "un nombre entier",
    "number": "un nombre (ex. 12.51)",
    "date": "une date AAAA-MM-JJ",
    "when": 'une date AAAA-MM-JJ ou une date et une heure "AAAA-MM-JJTHH:MM"',
    "enum": "une des valeurs permises",
    "slug": "un nom de fiche",
    "url": "une adresse http(s)",
    "list": "une liste (une valeur par ligne, précédée de « - »)",
    "mapping": "un groupe de champs « clé: valeur »",
}
