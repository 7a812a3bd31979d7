"""Editors' photos: guarded, resized without enlarging, WebP beside, cached, shown with srcset."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from passerelles.builder import build, check
from passerelles.errors import BuildError

from .conftest import BASE_FILES, BUILD_DATE, MakeSite
from .example_site import REPO, require_tool
from .htmlcheck import page

TE = "content/temoignages/lea-aide-soignante.md"
AS = "content/metiers/aide-soignant.md"
EV = "content/evenements/job-dating-arras.md"


def photo(width: int, height: int, fmt: str = "JPEG", gps: bool = False) -> bytes:
    """A small synthetic photo (a gradient), optionally with EXIF saying where it was taken."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    out = io.BytesIO()
    extra = {}
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x8825] = {1: "N", 2: (50.0, 17.0, 30.0)}  # GPSInfo: latitude
        extra["exif"] = exif.tobytes()
    image.save(out, fmt, **extra)
    return out.getvalue()


def with_image(field: str = "/images/lea.jpg", alt: str = "Léa dans le couloir de l'EHPAD") -> dict[str, str | None]:
    text = BASE_FILES[TE].replace("prenom: Léa\n", f'prenom: Léa\nimage: {field}\nimage_alt: "{alt}"\n')
    return {TE: text}


def site_with(make_site: MakeSite, images: dict[str, bytes], overrides: dict[str, str | None] | None = None) -> Path:
    root = make_site(overrides if overrides is not None else with_image())
    for name, data in images.items():
        path = root / "content" / "images" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def errors_of(root: Path) -> list[str]:
    with pytest.raises(BuildError) as caught:
        check(root, BUILD_DATE)
    return [e.format() for e in caught.value.errors if not e.warning]


def test_a_photo_is_published_in_three_widths_and_webp_with_srcset(make_site: MakeSite, tmp_path: Path) -> None:
    root = site_with(make_site, {"lea.jpg": photo(2000, 1000)})
    out = tmp_path / "out"
    build(root, out, BUILD_DATE, search=False)
    for width in (480, 800, 1200):
        for ext, fmt in (("jpg", "JPEG"), ("webp", "WEBP")):
            with Image.open(out / "images" / f"lea-{width}.{ext}") as made:
                assert (made.format, made.size) == (fmt, (width, width // 2))
    with Image.open(out / "images" / "lea.jpg") as fallback:
        assert fallback.size == (1200, 600)
    soup = page(out, "/temoignages/lea-aide-soignante/")
    source = soup.select_one("figure.illustration picture source")
    assert source is not None and source["type"] == "image/webp"
    assert source["srcset"] == "/images/lea-480.webp 480w, /images/lea-800.webp 800w, /images/lea-1200.webp 1200w"
    img = soup.select_one("figure.illustration picture img")
    assert img is not None
    assert img["src"] == "/images/lea-1200.jpg"
    assert img["srcset"] == "/images/lea-480.jpg 480w, /images/lea-800.jpg 800w, /images/lea-1200.jpg 1200w"
    assert (img["width"], img["height"], img["loading"], img["decoding"]) == ("1200", "600", "lazy", "async")
    assert img["alt"] == "Léa dans le couloir de l'EHPAD"
    assert img["sizes"] == source["sizes"]


def test_a_small_photo_is_never_enlarged(make_site: MakeSite, tmp_path: Path) -> None:
    root = site_with(make_site, {"lea.jpg": photo(600, 400)})
    build(root, tmp_path / "out", BUILD_DATE, search=False)
    img = page(tmp_path / "out", "/temoignages/lea-aide-soignante/").select_one("picture img")
    assert img is not None and img["srcset"] == "/images/lea-480.jpg 480w, /images/lea-600.jpg 600w"
    assert not (tmp_path / "out" / "images" / "lea-800.jpg").exists()


def test_metadata_is_stripped_and_output_is_deterministic(make_site: MakeSite, tmp_path: Path) -> None:
    original = photo(1000, 800, gps=True)
    assert b"PhoneMaker" in original
    root = site_with(make_site, {"lea.jpg": original})
    build(root, tmp_path / "a", BUILD_DATE, search=False)
    (root / ".cache").rename(tmp_path / "first-cache")  # the second build encodes again, from scratch
    build(root, tmp_path / "b", BUILD_DATE, search=False)
    names = sorted(p.name for p in (tmp_path / "a" / "images").iterdir())
    assert names == [
        "lea-1000.jpg",
        "lea-1000.webp",
        "lea-480.jpg",
        "lea-480.webp",
        "lea-800.jpg",
        "lea-800.webp",
        "lea.jpg",
    ]
    for name in names:
        data = (tmp_path / "a" / "images" / name).read_bytes()
        assert data == (tmp_path / "b" / "images" / name).read_bytes()
        assert b"PhoneMaker" not in data and b"Exif" not in data


def test_an_unchanged_photo_is_processed_once(make_site: MakeSite, tmp_path: Path) -> None:
    root = site_with(make_site, {"lea.jpg": photo(900, 600)})
    build(root, tmp_path / "a", BUILD_DATE, search=False)
    cached = sorted((root / ".cache" / "images").glob("*/480.webp"))
    assert len(cached) == 1
    cached[0].write_bytes(b"from the cache")  # were the image encoded again, this would be overwritten
    build(root, tmp_path / "b", BUILD_DATE, search=False)
    assert (tmp_path / "b" / "images" / "lea-480.webp").read_bytes() == b"from the cache"
    (root / "content" / "images" / "lea.jpg").write_bytes(photo(900, 500))  # a changed photo is encoded again
    build(root, tmp_path / "c", BUILD_DATE, search=False)
    assert (tmp_path / "c" / "images" / "lea-480.webp").read_bytes().startswith(b"RIFF")


def test_photo_on_metier_and_event_pages_and_decorative_alt(make_site: MakeSite, tmp_path: Path) -> None:
    overrides = {
        AS: BASE_FILES[AS].replace("niveau_acces:", 'image: /images/soins.png\nimage_alt: ""\nniveau_acces:'),
        EV: BASE_FILES[EV].replace(
            "type: job-dating", "type: job-dating\nimage: /images/salle.webp\nimage_alt: Une salle"
        ),
    }
    root = site_with(make_site, {"soins.png": photo(500, 500, "PNG"), "salle.webp": photo(300, 200, "WEBP")}, overrides)
    build(root, tmp_path / "out", BUILD_DATE, search=False)
    metier = page(tmp_path / "out", "/metiers/aide-soignant/").select_one("picture")
    assert metier is not None
    assert metier.select_one("source")["srcset"] == "/images/soins-480.webp 480w, /images/soins-500.webp 500w"
    assert metier.select_one("img")["alt"] == ""
    assert metier.select_one("img")["src"] == "/images/soins-500.png"
    event = page(tmp_path / "out", "/evenements/job-dating-arras/").select_one("picture")
    assert event is not None and event.select_one("source") is None  # already WebP: one format
    assert event.select_one("img")["srcset"] == "/images/salle-300.webp 300w"


def test_a_markdown_image_points_at_the_stripped_copy(make_site: MakeSite, tmp_path: Path) -> None:
    body = {
        "content/pages/a-propos.md": "---\ntitre: À propos\nresume: À propos.\n---\n\n![Une équipe](/images/equipe.jpg)\n"
    }
    root = site_with(make_site, {"equipe.jpg": photo(1600, 900, gps=True)}, body)
    build(root, tmp_path / "out", BUILD_DATE, search=False)
    data = (tmp_path / "out" / "images" / "equipe.jpg").read_bytes()
    assert b"PhoneMaker" not in data
    with Image.open(io.BytesIO(data)) as made:
        assert made.size == (1200, 675)


def test_a_file_that_is_not_an_image_is_refused(make_site: MakeSite) -> None:
    root = site_with(make_site, {"lea.jpg": b"<html>not a photo</html>"})
    assert errors_of(root)[0] == (
        "content/images/lea.jpg:1: ce fichier n'est pas une image lisible (fichier abîmé ou mal nommé ?)"
    )


def test_a_decompression_bomb_is_refused(make_site: MakeSite) -> None:
    out = io.BytesIO()
    Image.new("1", (8000, 6000)).save(out, "PNG")
    root = site_with(make_site, {"enorme.png": out.getvalue()}, {})
    assert errors_of(root) == [
        "content/images/enorme.png:1: image trop grande (plus de 40 millions de pixels) : réduisez-la"
    ]


def test_wrong_name_format_and_extension_are_explained(make_site: MakeSite) -> None:
    images = {"Photo Léa.JPG": photo(100, 100), "vraie-png.jpg": photo(100, 100, "PNG"), "anim.gif": b"GIF89a"}
    root = site_with(make_site, images, {})
    assert errors_of(root) == [
        "content/images/Photo Léa.JPG:1: nom d'image invalide : minuscules sans accents, chiffres et tirets seulement"
        " — vouliez-vous dire « photo-lea.jpg » ?",
        "content/images/anim.gif:1: format d'image non pris en charge : enregistrez-la en JPEG ou en PNG",
        "content/images/vraie-png.jpg:1: le contenu est au format PNG, pas JPEG : corrigez l'extension du nom de fichier",
    ]


def test_image_field_must_name_an_editors_image(make_site: MakeSite) -> None:
    root = make_site(with_image("/favicon.svg", "Logo"))
    assert errors_of(root) == [
        "content/temoignages/lea-aide-soignante.md:5: image « /favicon.svg » : "
        "une illustration doit être rangée dans content/images/"
    ]


def test_missing_image_field_suggests_an_existing_image(make_site: MakeSite) -> None:
    root = site_with(make_site, {"lea-portrait.jpg": photo(100, 100)}, with_image("/images/lea-portait.jpg"))
    assert errors_of(root) == [
        "content/temoignages/lea-aide-soignante.md:5: image « /images/lea-portait.jpg » introuvable : "
        "placez le fichier dans content/images/ (ou static/) — vouliez-vous dire « /images/lea-portrait.jpg » ?"
    ]


def test_pages_with_photos_and_the_editor_page_are_valid_html(make_site: MakeSite, tmp_path: Path) -> None:
    jar = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
    require_tool(
        jar.is_file() and shutil.which("java") is not None, "validateur Nu absent (npm i --no-save vnu-jar, et Java)"
    )
    root = site_with(make_site, {"lea.jpg": photo(1300, 900)})
    build(root, tmp_path / "out", BUILD_DATE, search=False)
    pages = [
        tmp_path / "out" / "temoignages" / "lea-aide-soignante" / "index.html",
        tmp_path / "out" / "admin" / "index.html",
    ]
    result = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", *map(str, pages)], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-5000:]
