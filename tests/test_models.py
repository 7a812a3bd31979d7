"""Schema and models name the same fields: a field added to one and not the other fails here, not in production."""

from __future__ import annotations

import dataclasses

from passerelles.entries import fill
from passerelles.models import MODELS, NESTED, NOT_MODELLED, Entry, Lieu
from passerelles.schema import SCHEMAS, Field

# Set by the build, not written in front matter.
IDENTITY = {"collection", "slug", "source", "body", "toc"}


def _model_fields(model: type) -> set[str]:
    return {f.name for f in dataclasses.fields(model) if f.init}


def _groups(prefix: str, fields: tuple[Field, ...]) -> list[tuple[str, tuple[Field, ...]]]:
    """Every group of fields below a collection: its mappings and lists of mappings, by dotted path."""
    out = []
    for spec in fields:
        inner = spec.fields or (spec.item.fields if spec.item else ())
        if inner:
            path = f"{prefix}.{spec.name}"
            out += [(path, inner), *_groups(path, inner)]
    return out


def _declared(path: str, fields: tuple[Field, ...]) -> set[str]:
    return {f.name for f in fields} - {n.rsplit(".", 1)[1] for n in NOT_MODELLED if n.rsplit(".", 1)[0] == path}


def _every_group() -> list[tuple[str, tuple[Field, ...], type]]:
    """(path, fields, model) of every collection and every group of fields a model mirrors."""
    out: list[tuple[str, tuple[Field, ...], type]] = [(c, f, MODELS[c]) for c, f in SCHEMAS.items()]
    for collection, fields in SCHEMAS.items():
        for path, inner in _groups(collection, fields):
            if path in NESTED:
                out.append((path, inner, NESTED[path]))
            else:  # a group no model mirrors must say why, field by field
                assert all(f"{path}.{f.name}" in NOT_MODELLED for f in inner), path
    return out


def test_every_schema_field_is_modelled() -> None:
    for path, fields, model in _every_group():
        assert _declared(path, fields) <= _model_fields(model), path


def test_every_model_field_is_declared_in_the_schema() -> None:
    declared: dict[type, set[str]] = {}
    for path, fields, model in _every_group():
        declared.setdefault(model, set()).update(_declared(path, fields))
    for model, names in declared.items():  # a model shared by two groups (Experience) may take from both
        assert _model_fields(model) - (IDENTITY if issubclass(model, Entry) else set()) == names, model.__name__


def test_not_modelled_names_real_fields() -> None:
    paths = {f"{c}.{f.name}" for c, fields in SCHEMAS.items() for f in fields}
    paths |= {f"{p}.{f.name}" for c, fields in SCHEMAS.items() for p, inner in _groups(c, fields) for f in inner}
    assert set(NOT_MODELLED) <= paths
    assert set(NESTED) <= {p for c, fields in SCHEMAS.items() for p, _ in _groups(c, fields)}


def test_fill_takes_fields_by_name_and_keeps_defaults_for_empty_keys() -> None:
    lieu = fill(Lieu, {"nom": "Salle", "commune": "Arras", "adresse": None, "inconnu": 1}, code_postal="62000")
    assert lieu == Lieu(nom="Salle", commune="Arras", adresse=None, code_postal="62000")
