"""The editors' guide documents exactly the fields the schema validates."""

from __future__ import annotations

from passerelles.docs import ERREURS, GUIDE, errors_page, updated
from passerelles.mistakes import MISTAKES
from passerelles.schema import SCHEMAS


def test_guide_field_reference_is_up_to_date() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert updated(text) == text, "lancez « python -m passerelles.docs » pour mettre le guide à jour"


def test_every_field_is_documented() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for fields in SCHEMAS.values():
        for spec in fields:
            assert f"| `{spec.name}` |" in text


def test_error_catalogue_page_is_up_to_date() -> None:
    assert ERREURS.read_text(encoding="utf-8") == errors_page(), "lancez « python -m passerelles.docs »"


def test_error_catalogue_page_lists_every_mistake_with_its_message_and_fix() -> None:
    text = ERREURS.read_text(encoding="utf-8")
    assert text.startswith("# Messages d'erreur et comment les corriger\n")
    for mistake in MISTAKES:
        section = text.split(f"### {mistake.titre}\n", 1)[1].split("\n### ", 1)[0]
        assert mistake.message in section and f"Correction : {mistake.correction}" in section
