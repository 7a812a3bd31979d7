"""The content model, declared once.

The same declarations drive validation (with French messages and
suggestions), the JSON Schema published with the open data, and the field
reference of the editors' guide, so the three never drift apart.

`fields` declares what a field is, `vocab` the codes editors may write,
`common`, `metier` and `content` each collection's fields, `check` the
validation engine and `export` the JSON Schema and the guide's table.
Everything other modules need is importable from `passerelles.schema`.
"""

from __future__ import annotations

from .check import YEARS, check_fields, validate
from .common import COMMON
from .content import EVENEMENT, FORMATION, PAGE, SCHEMAS, TEMOIGNAGE
from .export import field_reference, json_schema
from .fields import DEPARTEMENT_RE, KIND_WORDS, URL_RE, Field, Report, enum, flag, list_of, mapping, text, year
from .metier import METIER
from .vocab import (
    EMPLOYEURS,
    LIEUX,
    NIVEAUX_ACCES,
    PRECISIONS_DATE,
    PUBLICS_EVENEMENT,
    PUBLICS_METIER,
    TYPES_EVENEMENT,
    VOIES,
)

__all__ = [
    "COMMON",
    "DEPARTEMENT_RE",
    "EMPLOYEURS",
    "EVENEMENT",
    "FORMATION",
    "KIND_WORDS",
    "LIEUX",
    "METIER",
    "NIVEAUX_ACCES",
    "PAGE",
    "PRECISIONS_DATE",
    "PUBLICS_EVENEMENT",
    "PUBLICS_METIER",
    "SCHEMAS",
    "TEMOIGNAGE",
    "TYPES_EVENEMENT",
    "URL_RE",
    "VOIES",
    "YEARS",
    "Field",
    "Report",
    "check_fields",
    "enum",
    "field_reference",
    "flag",
    "json_schema",
    "list_of",
    "mapping",
    "text",
    "validate",
    "year",
]
