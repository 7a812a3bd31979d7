"""The editors' guide documents exactly the fields the schema validates."""

from __future__ import annotations

from passerelles.docs import GUIDE, updated
from passerelles.schema import SCHEMAS


def test_guide_field_reference_is_up_to_date() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert updated(text) == text, "lancez « python -m passerelles.docs » pour mettre le guide à jour"


def test_every_field_is_documented() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for fields in SCHEMAS.values():
        for spec in fields:
            assert f"| `{spec.name}` |" in text
