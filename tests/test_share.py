"""Share images: one 1200×630 PNG per métier, pathway and event page, named in its Open Graph tags."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from passerelles import share
from passerelles.builder import build

from .conftest import BASE_FILES, BUILD_DATE, MakeSite
from .htmlcheck import page

AS = "content/metiers/aide-soignant.md"


def png(path: Path) -> Image.Image:
    image = Image.open(io.BytesIO(path.read_bytes()))
    image.load()
    return image


def test_a_card_is_a_1200_by_630_png_without_metadata_and_deterministic() -> None:
    one = share.draw_card("Aide-soignant ou aide-soignante", "Fiche métier", "Passerelles", "health_worker")
    two = share.draw_card("Aide-soignant ou aide-soignante", "Fiche métier", "Passerelles", "health_worker")
    assert one == two
    image = Image.open(io.BytesIO(one))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert b"tIME" not in one and b"tEXt" not in one and b"iTXt" not in one
    other = share.draw_card("Infirmier ou infirmière", "Fiche métier", "Passerelles", "health_worker")
    assert other != one


def test_long_titles_are_wrapped_at_ordinary_spaces_and_cut_when_too_long() -> None:
    draw = share.ImageDraw.Draw(Image.new("RGB", share.SIZE))
    lines, font = share._title_lines(draw, "Devenir accompagnant\u00a0: les chemins après la 3e")
    assert len(lines) > 1 and any("accompagnant\u00a0:" in line for line in lines)
    assert not any(line.startswith(":") for line in lines)
    assert all(draw.textlength(line, font=font) <= share.TEXT_WIDTH for line in lines)
    long, font = share._title_lines(draw, " ".join(["mot"] * 80))
    assert long[-1].endswith(" …") and len(long) * share._leading(font) <= share.TITLE_HEIGHT


def test_metier_pathway_and_event_pages_name_their_share_image(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site()
    out = tmp_path / "out"
    build(root, out, BUILD_DATE, search=False)
    for url, name in [
        ("/metiers/aide-soignant/", "metiers/aide-soignant.png"),
        ("/parcours/aide-soignant/", "parcours/aide-soignant.png"),
        ("/parcours/apres-la-3e/", "parcours/apres-la-3e.png"),
        ("/evenements/job-dating-arras/", "evenements/job-dating-arras.png"),
    ]:
        soup = page(out, url)
        image = soup.find("meta", property="og:image")
        assert image is not None and image["content"] == f"https://test.example.org/partage/{name}", url
        assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
        assert png(out / "partage" / name).size == (1200, 630)
    for url in ("/", "/temoignages/", "/metiers/", "/evenements/salon-2025/"):  # the salon is over: not shared
        assert page(out, url).find("meta", property="og:image") is None, url
    assert not (out / "partage" / "evenements" / "salon-2025.png").exists()


def test_share_images_are_cached_by_content(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_site()
    build(root, tmp_path / "one", BUILD_DATE, search=False)
    first = (tmp_path / "one" / "partage" / "metiers" / "aide-soignant.png").read_bytes()

    def refuse(*args: object) -> bytes:
        raise AssertionError("an unchanged page must not be drawn again")

    monkeypatch.setattr(share, "draw_card", refuse)
    build(root, tmp_path / "two", BUILD_DATE, search=False)
    assert (tmp_path / "two" / "partage" / "metiers" / "aide-soignant.png").read_bytes() == first
    monkeypatch.undo()
    (root / AS).write_text(BASE_FILES[AS].replace("titre: Aide-soignant ou aide-soignante", "titre: Aide-soignant"))
    build(root, tmp_path / "three", BUILD_DATE, search=False)
    assert (tmp_path / "three" / "partage" / "metiers" / "aide-soignant.png").read_bytes() != first


def test_many_cards_are_drawn_on_every_core_with_the_same_bytes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cards = {f"/metiers/m{i}/": share.ShareCard(f"/metiers/m{i}/", "Fiche métier", "nurse") for i in range(3)}
    pages = {
        f"metiers/m{i}/index.html": f'<meta property="og:title" content="M&eacute;tier {i}">'.encode() for i in range(3)
    }
    monkeypatch.setattr(share, "POOL_FROM", 1)
    pooled = share.render_share_images(cards, pages, "Passerelles", None)
    monkeypatch.setattr(share, "POOL_FROM", 1000)
    serial = share.render_share_images(cards, pages, "Passerelles", None)
    assert pooled == serial and len(pooled) == 3
    assert pooled["partage/metiers/m1.png"] == share.draw_card("Métier 1", "Fiche métier", "Passerelles", "nurse")


def test_the_share_card_folder_of_earlier_versions_is_removed_but_never_through_a_link(
    make_site: MakeSite, tmp_path: Path
) -> None:
    root = make_site()
    legacy = root / ".cache" / "partage"
    (legacy / "0123abcd").mkdir(parents=True)
    (legacy / "0123abcd" / "card.png").write_bytes(b"ancienne carte")
    build(root, tmp_path / "one", BUILD_DATE, search=False)
    assert not legacy.exists()  # the cards are in the build's cache now
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    (elsewhere / "garder.txt").write_text("à garder", encoding="utf-8")
    legacy.symlink_to(elsewhere, target_is_directory=True)
    build(root, tmp_path / "two", BUILD_DATE, search=False)
    assert (elsewhere / "garder.txt").read_text(encoding="utf-8") == "à garder"


def test_a_cache_folder_committed_as_a_link_is_neither_written_nor_pruned_nor_removed(
    make_site: MakeSite, tmp_path: Path
) -> None:
    """A pull request can commit `.cache` as a link to a folder of the editor's: the build must leave it alone."""
    elsewhere = tmp_path / "dossier-de-la-redactrice"
    (elsewhere / "partage").mkdir(parents=True)
    (elsewhere / "partage" / "photo.png").write_bytes(b"a garder")
    (elsewhere / "calculs").mkdir()
    (elsewhere / "calculs" / "notes.json").write_text("{}", encoding="utf-8")
    before = sorted(p.relative_to(elsewhere).as_posix() for p in elsewhere.rglob("*"))
    root = make_site()
    (root / "content" / "images").mkdir(exist_ok=True)
    (root / "content" / "images" / "salle.png").write_bytes(_picture())
    (root / ".cache").symlink_to(elsewhere, target_is_directory=True)
    build(root, tmp_path / "one", BUILD_DATE, search=False)
    assert sorted(p.relative_to(elsewhere).as_posix() for p in elsewhere.rglob("*")) == before
    (root / ".cache").unlink()
    build(root, tmp_path / "two", BUILD_DATE, search=False)
    assert (tmp_path / "one" / "partage" / "metiers" / "aide-soignant.png").read_bytes() == (
        tmp_path / "two" / "partage" / "metiers" / "aide-soignant.png"
    ).read_bytes()
    assert (tmp_path / "one" / "images" / "salle.png").read_bytes() == (
        tmp_path / "two" / "images" / "salle.png"
    ).read_bytes()


def _picture() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (11, 92, 107)).save(out, "PNG")
    return out.getvalue()
