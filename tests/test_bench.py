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


def test_a_cold_scenario_moves_the_previous_output_and_cache_aside_and_builds_afresh(tmp_path: Path) -> None:
    """bench/benchmark.py: nothing is deleted just before a timed build (see `Aside`)."""
    from benchmark import Aside

    from passerelles.builder import build
    from passerelles.switch import current_target

    source, out = tmp_path / "source", tmp_path / "work" / "out"
    generate(source, 60, BUILD_DATE)
    out.parent.mkdir()
    build(source, out, BUILD_DATE, search=False)
    published = current_target(out)
    assert published is not None and (source / ".cache").exists()
    siblings = sorted(p.name for p in out.parent.glob(".out-*"))
    aside = Aside(tmp_path / "work" / "corbeille")
    aside.put(source / ".cache", out, *out.parent.glob(".out-*"))
    assert sorted(p.name for p in out.parent.iterdir()) == ["corbeille"]
    assert not (source / ".cache").exists()
    kept = tmp_path / "work" / "corbeille" / "1"
    assert sorted(p.name for p in kept.iterdir()) == sorted([".cache", "out", *siblings])
    assert (kept / published.name / "index.html").is_file()
    build(source, out, BUILD_DATE, search=False)
    assert (out / "index.html").read_bytes() == (kept / published.name / "index.html").read_bytes()
    aside.put(tmp_path / "absent", source)
    assert not source.exists() and (tmp_path / "work" / "corbeille" / "2" / "source" / "site.yaml").is_file()
