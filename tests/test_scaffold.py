"""`new` skeletons come from the schema's examples: complete, valid once filled in, commented hints valid too."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from passerelles.scaffold import FOLDERS, skeleton
from passerelles.schema import PLACEHOLDER, SCHEMAS, Field, check_fields


def _front(text: str) -> dict[str, Any]:
    data = yaml.safe_load(text.split("---\n")[1])
    assert isinstance(data, dict)
    return data


def _missing(fields: tuple[Field, ...], data: dict[str, Any], where: str = "") -> list[str]:
    """Required fields absent from the skeleton's values, at any depth it writes."""
    out = []
    for spec in fields:
        if spec.name not in data:
            out += [where + spec.name] if spec.required else []
            continue
        value = data[spec.name]
        if spec.kind == "mapping" and isinstance(value, dict):
            out += _missing(spec.fields, value, f"{where}{spec.name}.")
        if spec.item is not None and spec.item.kind == "mapping":
            for item in value:
                out += _missing(spec.item.fields, item, f"{where}{spec.name}[].")
    return out


def _errors(kind: str, text: str) -> list[str]:
    errors: list[str] = []
    check_fields(SCHEMAS[FOLDERS[kind]], _front(text), (), lambda path, message, _s: errors.append(message))
    return errors


@pytest.mark.parametrize("kind", sorted(FOLDERS))
def test_skeleton_has_every_required_field_and_passes_once_filled(kind: str) -> None:
    text = skeleton(kind)
    assert _missing(SCHEMAS[FOLDERS[kind]], _front(text)) == []
    assert any(PLACEHOLDER in e for e in _errors(kind, text))  # never valid as is
    assert _errors(kind, text.replace(PLACEHOLDER, "Texte")) == []


@pytest.mark.parametrize("kind", sorted(FOLDERS))
def test_commented_examples_are_valid_once_uncommented(kind: str) -> None:
    text = skeleton(kind).replace(PLACEHOLDER, "Texte")
    uncommented = re.sub(r"^( *)# ([a-z_]+: .*?)(   #.*)?$", r"\1\2", text, flags=re.M)
    assert uncommented != text or kind == "page"
    assert _errors(kind, uncommented.replace("https://…", "https://example.org/")) == []


def test_skeleton_spells_out_the_codes_of_its_vocabularies() -> None:
    evenement = skeleton("evenement")
    assert "# job-dating, salon, forum, atelier, portes-ouvertes, information-collective" in evenement
    assert "niveau_acces: sans-diplome   # sans-diplome, cap, bac, bac+2, bac+3 ou bac+5" in skeleton("metier")
    assert '# departement: "62"' in skeleton("temoignage")
