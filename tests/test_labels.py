"""Every code an editor may write is declared once, with the French words the site shows for it."""

from __future__ import annotations

import pytest

from passerelles import labels, schema
from passerelles.cms import widget
from passerelles.geo import load_geography
from passerelles.render import _TABLES
from passerelles.schema import Field, Vocabulary


def _enum_fields(fields: tuple[Field, ...]) -> list[Field]:
    out = []
    for spec in fields:
        if spec.kind == "enum":
            out.append(spec)
        out += _enum_fields(spec.fields + ((spec.item,) if spec.item else ()))
    return out


def test_a_short_label_table_must_name_every_code() -> None:
    with pytest.raises(ValueError, match="libellé court"):
        Vocabulary({"a": "A", "b": "B"}, short={"a": "A"})


@pytest.mark.parametrize("collection", sorted(set(schema.SCHEMAS) - {"pages"}))
def test_every_enum_of_the_content_model_has_a_label_for_each_code(collection: str) -> None:
    fields = _enum_fields(schema.SCHEMAS[collection])
    assert fields
    for spec in fields:
        assert spec.labels is not None, spec.name
        assert tuple(spec.labels) == spec.choices
        options = widget(spec)["options"]
        assert [o["value"] for o in options] == list(spec.choices)
        assert all(o["label"] == spec.labels[o["value"]] for o in options)


def test_the_site_words_are_the_vocabularies_words() -> None:
    assert labels.VOIES_COURTES["vae"] == schema.VOIE.short["vae"] == "VAE"
    assert _TABLES["types_evenement"] is schema.TYPE_EVENEMENT.labels
    assert schema.TYPES_EVENEMENT == tuple(schema.TYPE_EVENEMENT)
    assert all(isinstance(table, dict) and table for table in _TABLES.values())


def test_departement_codes_come_from_the_data_file() -> None:
    geo = load_geography()
    assert tuple(schema.DEPARTEMENT) == tuple(geo.departements)
    assert labels.DEPARTEMENTS["62"] == geo.departements["62"].nom == "Pas-de-Calais"
    errors: list[str] = []
    for code in ("20", "975", "96", "2C"):
        schema.check_fields(schema.TEMOIGNAGE, {"departement": code}, (), lambda _p, m, _s: errors.append(m))
    assert sum("departement" in m for m in errors) == 4
    assert all("valeurs permises" not in m and 'ex. "62"' in m for m in errors if "departement" in m)
    errors.clear()
    schema.check_fields(schema.TEMOIGNAGE, {"departement": "2A"}, (), lambda _p, m, _s: errors.append(m))
    assert not [m for m in errors if "departement" in m]


def test_lcfirst_keeps_acronyms() -> None:
    assert labels.lcfirst("Aide-soignant") == "aide-soignant"
    assert labels.lcfirst("ASH en EHPAD") == "ASH en EHPAD"
