"""The benchmark's synthetic site follows the content model: `check` accepts it (no timing here)."""

from __future__ import annotations

import sys
from pathlib import Path

from passerelles.builder import check

from .conftest import BUILD_DATE

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from synthetic import counts, edit, generate


def test_synthetic_site_is_valid_content(tmp_path: Path) -> None:
    made = generate(tmp_path, 60, BUILD_DATE)
    site = check(tmp_path, BUILD_DATE)
    assert not [w for w in site.warnings if "passerelle" in w.message or "verifie_le" in w.message]
    assert len(site.metiers) == made["metiers"] == counts(60)["metiers"]
    assert len(site.formations) == made["formations"] and len(site.temoignages) == made["temoignages"]
    assert all(2 <= len(m.evolutions) <= 5 and m.certifications for m in site.metiers)
    assert any(c.conditions and any(k.diplome_requis for k in c.conditions) for c in site.formations)
    past = [e for e in site.evenements if e.is_past(BUILD_DATE)]
    assert len(past) == len(site.evenements) // 10 + (len(site.evenements) % 10 > 0)
    edit(tmp_path / "content/metiers/metier-0.md")
    edit(tmp_path / "templates/base.html")
    assert "<!-- modifié -->" in (tmp_path / "templates/base.html").read_text(encoding="utf-8")
    assert len(check(tmp_path, BUILD_DATE).metiers) == made["metiers"]
