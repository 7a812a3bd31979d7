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


def test_the_peers_get_every_content_file_with_its_title_summary_and_text(tmp_path: Path) -> None:
    """bench/peers.py: the same corpus for Hugo and Pelican (they are run only by the benchmark)."""
    from peers import entries, hugo_site, pelican_site

    made = generate(tmp_path / "source", 60, BUILD_DATE)
    found = list(entries(tmp_path / "source"))
    assert len(found) == sum(made.values())
    collection, slug, meta, body = next(e for e in found if e[0] == "temoignages")
    hugo = (hugo_site(tmp_path / "source", tmp_path / "hugo") / "content" / collection / f"{slug}.md").read_text(
        encoding="utf-8"
    )
    pelican = (
        pelican_site(tmp_path / "source", tmp_path / "pelican") / "content" / collection / f"{slug}.md"
    ).read_text(encoding="utf-8")
    assert meta["title"].startswith("Témoignage") and meta["description"]
    assert f"title: {meta['title']}" in hugo and hugo.endswith(body)
    assert pelican.startswith(f"Title: {meta['title']}\n") and f"Slug: {slug}\n" in pelican and pelican.endswith(body)
    assert len(list((tmp_path / "hugo" / "content").glob("*/*.md"))) == len(found)
    assert len(list((tmp_path / "pelican" / "content").glob("*/*.md"))) == len(found)
