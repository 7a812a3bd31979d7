"""The field reference of the editors' guide, generated from the schema.

`python -m passerelles.docs` rewrites the part of docs/guide-redaction.md
between the two markers; a test fails when the guide is out of date, so the
guide, the validation and the JSON Schema never drift apart.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .schema import SCHEMAS, field_reference

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "guide-redaction.md"
BEGIN = "<!-- champs:debut (généré par « python -m passerelles.docs », ne pas modifier à la main) -->"
END = "<!-- champs:fin -->"
TITLES = {
    "metiers": "Fiches métiers (`content/metiers/`)",
    "temoignages": "Témoignages (`content/temoignages/`)",
    "evenements": "Événements (`content/evenements/`)",
    "pages": "Pages (`content/pages/`)",
    "formations": "Formations et certifications (`content/formations/`)",
}


def reference() -> str:
    """Every collection's field table, in Markdown."""
    parts = [f"### {TITLES[name]}\n\n{field_reference(name)}\n" for name in SCHEMAS]
    return "\n".join(parts)


def updated(guide: str) -> str:
    """The guide's text with its generated section replaced."""
    start, end = guide.index(BEGIN) + len(BEGIN), guide.index(END)
    return guide[:start] + "\n\n" + reference() + "\n" + guide[end:]


def main() -> int:
    text = GUIDE.read_text(encoding="utf-8")
    new = updated(text)
    if new != text:
        GUIDE.write_text(new, encoding="utf-8")
        print(f"{GUIDE.name} mis à jour.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
