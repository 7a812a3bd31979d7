"""Every code an editor may write has the French words the site shows for it."""

from __future__ import annotations

import pytest

from passerelles import labels, schema

PAIRS = [
    (schema.LIEUX, labels.LIEUX),
    (schema.LIEUX, labels.LIEUX_COURTS),
    (schema.PUBLICS_METIER, labels.PUBLICS_METIER),
    (schema.NIVEAUX_ACCES, labels.NIVEAUX_ACCES),
    (schema.VOIES, labels.VOIES),
    (schema.VOIES, labels.VOIES_COURTES),
    (schema.TYPES_EVENEMENT, labels.TYPES_EVENEMENT),
    (schema.PUBLICS_EVENEMENT, labels.PUBLICS_EVENEMENT),
]


@pytest.mark.parametrize("codes, words", PAIRS)
def test_every_enum_code_has_a_label(codes: tuple[str, ...], words: dict[str, str]) -> None:
    assert set(words) == set(codes)


def test_every_departement_code_the_schema_accepts_has_a_name() -> None:
    import re

    pattern = re.compile(schema.DEPARTEMENT_RE)
    codes = [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B"] + [str(n) for n in range(971, 977)]
    assert all(pattern.match(code) for code in codes)
    assert set(labels.DEPARTEMENTS) == set(codes)


def test_lcfirst_keeps_acronyms() -> None:
    assert labels.lcfirst("Aide-soignant") == "aide-soignant"
    assert labels.lcfirst("ASH en EHPAD") == "ASH en EHPAD"
