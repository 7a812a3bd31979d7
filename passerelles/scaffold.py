"""`new`: a filled-in skeleton of a content file, written from the schema's examples.

Each field of a collection may declare an example (`Field.example`): the
skeleton writes those, in the schema's order, with their notes as comments
and the values of a list of codes spelled out. Each placeholder says
« À COMPLÉTER »; validation refuses that text, so a skeleton cannot be
published by mistake, and passes `check` once replaced.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from .schema import PLACEHOLDER, SCHEMAS, Field
from .source import SLUG_RE, slugify
from .urls import KIND_OF_COLLECTION

__all__ = ["FOLDERS", "PLACEHOLDER", "SKELETONS", "create", "skeleton"]

FOLDERS = {kind: collection for collection, kind in KIND_OF_COLLECTION.items()}  # `new metier` → content/metiers/
BODIES = {
    "metier": f"## Missions\n\n{PLACEHOLDER}\n\n## Conditions de travail\n\n{PLACEHOLDER}\n\n"
    f"## Une journée type\n\n{PLACEHOLDER}\n",
    "temoignage": f"{PLACEHOLDER} (le témoignage, avec les mots de la personne)\n",
    "evenement": f"{PLACEHOLDER} (ce qu'on y fait, pour qui, quoi apporter)\n",
    "formation": f"{PLACEHOLDER} (la formation en quelques phrases, pour un lecteur de 15 ans)\n",
    "page": f"{PLACEHOLDER}\n",
}
_BARE = re.compile(r"[A-Za-z0-9+-]+|https?://\S+")
_NOTE_WIDTH = 90  # a longer note goes on its own line above the field
MAX_CODES_NOTED = 12  # longer lists (départements, pictograms) are in the guide, not in a comment


def scalar(value: Any) -> str:
    """A value as YAML writes it in a skeleton: codes bare, texts between quotes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, dt.date)):
        return str(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    text = str(value)
    if _BARE.fullmatch(text) and yaml.safe_load(f"k: {text}") == {"k": text}:
        return text
    return json.dumps(text, ensure_ascii=False)


def _note(spec: Field, value: Any) -> str:
    """The comment of a field: its own note, or the codes it accepts when the example does not show them all."""
    codes = spec.choices or (spec.item.choices if spec.item else ())
    if (
        spec.note
        or not codes
        or len(codes) > MAX_CODES_NOTED
        or set(value if isinstance(value, list) else [value]) >= set(codes)
    ):
        return spec.note
    return ", ".join(codes[:-1]) + " ou " + codes[-1] if len(codes) > 1 else codes[0]


def _lines(fields: tuple[Field, ...], values: Mapping[str, Any], indent: str) -> list[str]:
    """The YAML lines of a group of fields: the values given, then commented examples in their place."""
    out: list[str] = []
    for spec in fields:
        if spec.name in values:
            value, prefix = values[spec.name], ""
        elif spec.commented and spec.example is not None:
            value, prefix = spec.example, "# "
        else:
            continue
        note = _note(spec, value)
        if len(note) > _NOTE_WIDTH:
            out.append(f"{indent}# {note}")
            note = ""
        tail = f"   # {note}" if note else ""
        children = spec.item.fields if spec.item else spec.fields
        if children and not prefix and isinstance(value, list) and value:
            out.append(f"{indent}{spec.name}:{tail}")
            for item in value:
                first, *rest = _lines(children, item, indent + "    ")
                out += [f"{indent}  - {first.lstrip()}", *rest]
        elif children and not prefix and isinstance(value, Mapping):
            out.append(f"{indent}{spec.name}:{tail}")
            out += _lines(children, value, indent + "  ")
        else:
            out.append(f"{indent}{prefix}{spec.name}: {scalar(value)}{tail}")
    return out


def skeleton(kind: str) -> str:
    """The text of a new file of this kind: front matter from the schema's examples, then the body's outline."""
    fields = SCHEMAS[FOLDERS[kind]]
    values = {f.name: f.example for f in fields if f.example is not None and not f.commented}
    return "---\n" + "\n".join(_lines(fields, values, "")) + "\n---\n\n" + BODIES[kind]


SKELETONS = {kind: skeleton(kind) for kind in FOLDERS}


def create(root: Path, kind: str, slug: str) -> Path:
    """Write a new skeleton file; refuse a bad name (with the fixed one) or an existing file."""
    if not SLUG_RE.match(slug):
        raise ValueError(
            f"nom « {slug} » invalide : minuscules sans accents, chiffres et tirets ; "
            f"vouliez-vous dire « {slugify(slug)} » ?"
        )
    path = root / "content" / FOLDERS[kind] / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(skeleton(kind))
    return path
