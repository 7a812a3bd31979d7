"""The schema for others: JSON Schema for partners' tools, a Markdown table for the guide."""

from __future__ import annotations

from typing import Any

from ..source import SLUG_RE
from .content import SCHEMAS
from .fields import KIND_WORDS, URL_RE, Field


def json_schema(collection: str) -> dict[str, Any]:
    """The JSON Schema of one collection's front matter, for partners and editors' tools."""

    def convert(spec: Field) -> dict[str, Any]:
        out: dict[str, Any] = {"title": spec.label, "description": spec.doc}
        if spec.kind in ("text", "slug", "url"):
            out["type"] = "string"
            if spec.pattern or spec.kind != "text":
                out["pattern"] = spec.pattern or (SLUG_RE.pattern if spec.kind == "slug" else URL_RE)
            if spec.max_length:
                out["maxLength"] = spec.max_length
        elif spec.kind == "enum":
            out.update(type="string", enum=list(spec.choices))
        elif spec.kind == "bool":
            out["type"] = "boolean"
        elif spec.kind in ("int", "number"):
            out["type"] = "integer" if spec.kind == "int" else "number"
            if spec.minimum is not None:
                out["minimum"] = spec.minimum
            if spec.maximum is not None:
                out["maximum"] = spec.maximum
        elif spec.kind == "date":
            out.update(type="string", format="date")
        elif spec.kind == "when":
            out["anyOf"] = [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}]
        elif spec.kind == "list":
            assert spec.item is not None
            out.update(type="array", items=convert(spec.item))
            if spec.non_empty:
                out["minItems"] = 1
        elif spec.kind == "mapping":
            out.update(object_schema(spec.fields))
        return out

    def object_schema(fields: tuple[Field, ...]) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {f.name: convert(f) for f in fields},
            "required": [f.name for f in fields if f.required],
            "additionalProperties": False,
        }

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": collection,
        **object_schema(SCHEMAS[collection]),
    }


def _codes(spec: Field) -> str:
    """The codes of an enum for the guide, or its hint when the list is too long to read (the départements)."""
    if not spec.listed:
        return spec.pattern_hint
    if not spec.labels:
        return ", ".join(f"`{c}`" for c in spec.choices)
    words = getattr(spec.labels, "short", None) or spec.labels  # the compact words when the vocabulary has them
    return " ; ".join(f"`{c}` : {words[c]}" for c in spec.choices)


def field_reference(collection: str) -> str:
    """The Markdown table of a collection's fields, for the editors' guide."""
    rows = ["| champ | obligatoire | type | rôle |", "|---|---|---|---|"]

    def add(spec: Field, prefix: str) -> None:
        kind = KIND_WORDS[spec.kind]
        if spec.kind == "enum":
            kind = "une valeur parmi : " + _codes(spec) if spec.listed else spec.pattern_hint
        if spec.kind == "list" and spec.item is not None and spec.item.kind == "enum":
            kind = "liste de : " + _codes(spec.item)
        rows.append(f"| `{prefix}{spec.name}` | {'oui' if spec.required else 'non'} | {kind} | {spec.doc} |")
        children = spec.fields or (spec.item.fields if spec.item else ())
        for child in children:
            add(child, f"{prefix}{spec.name}{'[]' if spec.kind == 'list' else ''}.")

    for spec in SCHEMAS[collection]:
        add(spec, "")
    return "\n".join(rows)
