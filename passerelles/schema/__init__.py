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
from .common import COMMON, DEPARTEMENT_HINT, DEPARTEMENT_RE, departement
from .content import EVENEMENT, FORMATION, PAGE, SCHEMAS, TEMOIGNAGE
from .export import field_reference, json_schema
from .fields import KIND_WORDS, MAX_LISTED, PLACEHOLDER, URL_RE, Field, Report, enum, flag, list_of, mapping, text, year
from .metier import METIER
from .vocab import (
    DEPARTEMENT,
    EMPLOYEUR,
    EMPLOYEURS,
    ILLUSTRATION,
    LIEU,
    LIEUX,
    NIVEAU_ACCES,
    NIVEAUX_ACCES,
    PRECISION_DATE,
    PRECISIONS_DATE,
    PUBLIC_EVENEMENT,
    PUBLIC_METIER,
    PUBLICS_EVENEMENT,
    PUBLICS_METIER,
    TYPE_EVENEMENT,
    TYPES_EVENEMENT,
    VOIE,
    VOIES,
    Vocabulary,
)

__all__ = [
    "COMMON",
    "DEPARTEMENT",
    "DEPARTEMENT_HINT",
    "DEPARTEMENT_RE",
    "EMPLOYEUR",
    "EMPLOYEURS",
    "EVENEMENT",
    "FORMATION",
    "ILLUSTRATION",
    "KIND_WORDS",
    "LIEU",
    "LIEUX",
    "MAX_LISTED",
    "METIER",
    "NIVEAUX_ACCES",
    "NIVEAU_ACCES",
    "PAGE",
    "PLACEHOLDER",
    "PRECISIONS_DATE",
    "PRECISION_DATE",
    "PUBLICS_EVENEMENT",
    "PUBLICS_METIER",
    "PUBLIC_EVENEMENT",
    "PUBLIC_METIER",
    "SCHEMAS",
    "TEMOIGNAGE",
    "TYPES_EVENEMENT",
    "TYPE_EVENEMENT",
    "URL_RE",
    "VOIE",
    "VOIES",
    "YEARS",
    "Field",
    "Report",
    "Vocabulary",
    "check_fields",
    "departement",
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
