"""The field declaration: one front-matter key, its kind, rules and documentation.

Every collection's schema, the validation engine, the JSON Schema export and
the editors' guide read these declarations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..source import KeyPath

Report = Callable[[KeyPath, str, "str | None"], None]


@dataclass(frozen=True)
class Field:
    """One front-matter key: its type, constraints and editor documentation."""

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


def text(name: str, doc: str, **kw: Any) -> Field:
    return Field(name, "text", doc, **kw)


def flag(name: str, doc: str) -> Field:
    return Field(name, "bool", doc, default=False)


def enum(name: str, doc: str, choices: tuple[str, ...], **kw: Any) -> Field:
    return Field(name, "enum", doc, choices=choices, **kw)


def list_of(name: str, doc: str, item: Field, **kw: Any) -> Field:
    return Field(name, "list", doc, item=item, default=(), **kw)


def mapping(name: str, doc: str, *fields: Field, **kw: Any) -> Field:
    return Field(name, "mapping", doc, fields=fields, **kw)


def year(name: str, doc: str, required: bool = False) -> Field:
    return Field(name, "int", doc, required=required, minimum=1900, maximum=2100)


DEPARTEMENT_RE = r"^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$"
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
