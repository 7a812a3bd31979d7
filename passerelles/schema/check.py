"""The validation engine: a file's front matter checked against its fields, in French."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from ..datefix import explain, rewrite
from ..errors import ContentError, suggest
from ..source import KeyPath, SourceFile
from ..timeutil import parse_when
from .content import SCHEMAS
from .fields import KIND_WORDS, PLACEHOLDER, URL_RE, Field, Report

_TRUE, _FALSE = ("oui", "vrai", "yes"), ("non", "faux", "no")


def _coerce(spec: Field, value: Any, path: KeyPath, report: Report) -> Any:
    """Check one scalar value against its field; return the clean value or None."""
    label = f"« {spec.name} »"
    kind = spec.kind
    if kind == "bool":
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in _TRUE + _FALSE:
            return word in _TRUE
        report(path, f"{label} doit valoir true ou false (reçu « {value} »)", None)
        return None
    if kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            report(path, f"{label} doit être {KIND_WORDS['int']} (reçu « {value} »)", None)
            return None
        if (spec.minimum is not None and number < spec.minimum) or (spec.maximum is not None and number > spec.maximum):
            report(path, f"{label} doit être compris entre {spec.minimum} et {spec.maximum} (reçu {number})", None)
            return None
        return number
    if kind == "number":
        return _number(spec, value, path, report)
    if kind == "date":
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return _in_years(value, label, path, report)
        try:
            return _in_years(dt.date.fromisoformat(str(value).strip()), label, path, report)
        except ValueError:
            report(path, f"{label} : {explain(value)}", rewrite(value))
            return None
    if kind == "when":
        try:
            when, problem = parse_when(value)
        except (OverflowError, ValueError):  # a time zone shift past year 1 or 9999
            when, problem = None, f"date hors des années {YEARS[0]} à {YEARS[1]}"
        if problem:
            report(path, f"{label} : {problem}", rewrite(value, timed=True))
            return None
        return _in_years(when, label, path, report) if when is not None else None
    if isinstance(value, (dict, list)):
        report(path, f"{label} doit être {KIND_WORDS[kind]}, pas une liste ni un groupe", None)
        return None
    if isinstance(value, (dt.date, bool, float)) and kind in ("text", "slug", "url", "enum"):
        report(path, f"{label} doit être {KIND_WORDS[kind]} ; mettez la valeur entre guillemets", None)
        return None
    clean = str(value).strip()
    if PLACEHOLDER in clean:
        report(path, f"{label} : remplacez « {PLACEHOLDER} » par le vrai contenu", None)
        return None
    if kind == "enum":
        if clean not in spec.choices and not spec.listed:  # too many codes to list: say what one looks like
            report(path, f"{label} doit être {spec.pattern_hint} (reçu « {clean} »)", None)
            return None
        if clean not in spec.choices:
            permitted = ", ".join(spec.choices)
            report(
                path,
                f"valeur « {clean} » inconnue pour {label} (valeurs permises : {permitted})",
                suggest(clean, spec.choices),
            )
            return None
        return clean
    if kind == "slug":  # checked against the existing files, with a suggestion, by errors.unknown_reference
        return clean
    if kind == "url" and not re.match(URL_RE, clean):
        report(path, f"{label} doit être une adresse complète commençant par https:// (reçu « {clean} »)", None)
        return None
    if spec.required and not clean and kind == "text":
        report(path, f"{label} ne peut pas être vide", None)
        return None
    if spec.max_length is not None and len(clean) > spec.max_length:
        report(path, f"{label} fait {len(clean)} caractères, {spec.max_length} au plus", None)
        return None
    if spec.pattern and not re.match(spec.pattern, clean):
        report(path, f"{label} doit être {spec.pattern_hint} (reçu « {clean} »)", None)
        return None
    return clean


def _number(spec: Field, value: Any, path: KeyPath, report: Report) -> float | int | None:
    """A decimal number; a French decimal comma ("12,51") is accepted."""
    label = f"« {spec.name} »"
    number: float | int
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = value
    else:
        try:
            number = float(str(value).strip().replace(",", "."))
        except ValueError:
            report(path, f"{label} doit être {KIND_WORDS['number']} (reçu « {value} »)", None)
            return None
    if spec.minimum is not None and number < spec.minimum:
        report(path, f"{label} doit être au moins {spec.minimum} (reçu {number})", None)
        return None
    return number


YEARS = (1900, 2100)  # far enough for any event or testimonial; keeps date arithmetic (feeds, calendars) in range


def _in_years(when: Any, label: str, path: KeyPath, report: Report) -> Any:
    """A date or date-time whose year the site can compute with, or None after a French report."""
    if YEARS[0] <= when.year <= YEARS[1]:
        return when
    report(path, f"{label} : date hors des années {YEARS[0]} à {YEARS[1]} (reçu {when.year})", None)
    return None


def _check(spec: Field, value: Any, path: KeyPath, report: Report) -> Any:
    """Check a value of any kind, recursing into lists and mappings."""
    if spec.kind == "list":
        if not isinstance(value, list):
            report(path, f"« {spec.name} » doit être {KIND_WORDS['list']}", None)
            return spec.default
        if spec.non_empty and not value:
            report(path, f"« {spec.name} » ne peut pas être vide", None)
        assert spec.item is not None
        items = [_check(spec.item, item, path + (i,), report) for i, item in enumerate(value)]
        return tuple(item for item in items if item is not None)
    if spec.kind == "mapping":
        if not isinstance(value, dict):
            report(path, f"« {spec.name} » doit être {KIND_WORDS['mapping']}", None)
            return None
        return check_fields(spec.fields, value, path, report)
    if value is None:
        if spec.required:
            report(path, f"« {spec.name} » ne peut pas être vide", None)
        return spec.default
    return _coerce(spec, value, path, report)


def check_fields(fields: tuple[Field, ...], data: Mapping[str, Any], path: KeyPath, report: Report) -> dict[str, Any]:
    """Validate a mapping against its fields: unknown, missing and bad values."""
    known = {f.name: f for f in fields}
    for key in data:
        if key not in known:
            report(path + (key,), f"champ « {key} » inconnu", suggest(key, known))
    clean: dict[str, Any] = {}
    for spec in fields:
        if spec.name not in data:
            if spec.required:
                where = f" dans « {path[-2] if isinstance(path[-1], int) else path[-1]} »" if path else ""
                report(path, f"champ obligatoire « {spec.name} » manquant{where}", None)
            clean[spec.name] = spec.default
            continue
        clean[spec.name] = _check(spec, data[spec.name], path + (spec.name,), report)
    return clean


def validate(source: SourceFile) -> tuple[dict[str, Any], list[ContentError]]:
    """Check a file's front matter against its collection's schema."""
    errors: list[ContentError] = []

    def report(path: KeyPath, message: str, suggestion: str | None) -> None:
        errors.append(ContentError(source.rel, source.line(*path), message, suggestion))

    clean = check_fields(SCHEMAS[source.collection], source.data, (), report)
    return clean, errors
