"""Editors' photos: checked, resized to a few widths, WebP beside the original format.

Editors put their images in `content/images/`; `content/images/lea.jpg` is
published at `/images/lea.jpg` and named so in a page (`image: /images/lea.jpg`
or `![…](/images/lea.jpg)`). Each is re-encoded without its metadata (a
phone photo's EXIF holds the place it was taken), turned upright, and
resized to WIDTHS without ever being enlarged. Encoding is slow, so results
are kept in a git-ignored cache keyed by the file's content, the widths and
the generator's version: an unchanged image is never processed twice.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import tempfile
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageOps

from .errors import ContentError
from .source import slugify

FOLDER = Path("content") / "images"
URL_PREFIX = "/images/"
WIDTHS = (480, 800, 1200)
MAX_PIXELS = 40_000_000  # a 40-megapixel photo is already larger than any phone's
GENERATOR = "passerelles-images-1"
QUALITY = {"JPEG": 82, "WEBP": 80}
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
_NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.(jpg|jpeg|png|webp)$")
_EXT = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
_MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}

# Pillow refuses larger images outright (DecompressionBombError) instead of only warning.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


@dataclass(frozen=True)
class Variant:
    url: str
    width: int
    height: int
    format: str


@dataclass(frozen=True)
class Picture:
    """One editor's image: where it is, its size, and the files made from it."""

    url: str
    path: Path
    width: int
    height: int
    format: str
    digest: str

    @property
    def widths(self) -> tuple[int, ...]:
        """The published widths: WIDTHS up to the image's own, never enlarged."""
        return tuple(sorted({w for w in WIDTHS if w < self.width} | {min(self.width, WIDTHS[-1])}))

    def size(self, width: int) -> tuple[int, int]:
        return width, max(1, round(self.height * width / self.width))

    def variants(self, fmt: str) -> tuple[Variant, ...]:
        stem = self.url.rsplit(".", 1)[0]
        return tuple(Variant(f"{stem}-{w}.{_EXT[fmt]}", *self.size(w), fmt) for w in self.widths)

    @property
    def formats(self) -> tuple[str, ...]:
        """The original format, then WebP (alone when the original is already WebP)."""
        return (self.format,) if self.format == "WEBP" else (self.format, "WEBP")

    @property
    def largest(self) -> Variant:
        return self.variants(self.format)[-1]

    def srcset(self, fmt: str) -> str:
        return ", ".join(f"{v.url} {v.width}w" for v in self.variants(fmt))

    def mime(self, fmt: str) -> str:
        return _MIME[fmt]

    @property
    def outputs(self) -> tuple[str, ...]:
        """Output paths: every variant, and the original URL (the largest variant, for Markdown images)."""
        paths = [v.url for fmt in self.formats for v in self.variants(fmt)] + [self.url]
        return tuple(p.lstrip("/") for p in paths)


def _inspect(path: Path, rel: str, url: str) -> tuple[Picture | None, list[ContentError]]:
    """Open one file as an image, refusing what is not one, or too big to be safe."""
    data = path.read_bytes()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                fmt, (width, height) = image.format, image.size
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        message = f"image trop grande (plus de {MAX_PIXELS // 1_000_000} millions de pixels) : réduisez-la"
        return None, [ContentError(rel, 1, message)]
    except (OSError, SyntaxError, ValueError):
        return None, [ContentError(rel, 1, "ce fichier n'est pas une image lisible (fichier abîmé ou mal nommé ?)")]
    expected = FORMATS[path.suffix.lower()]
    if fmt != expected:
        message = f"le contenu est au format {fmt}, pas {expected} : corrigez l'extension du nom de fichier"
        return None, [ContentError(rel, 1, message)]
    if width * height > MAX_PIXELS:
        message = f"image trop grande (plus de {MAX_PIXELS // 1_000_000} millions de pixels) : réduisez-la"
        return None, [ContentError(rel, 1, message)]
    digest = hashlib.sha256(data).hexdigest()
    return Picture(url, path, width, height, fmt, digest), []


def scan(root: Path) -> tuple[dict[str, Picture], list[ContentError]]:
    """Every image of `content/images/` by URL, and the files that cannot be published."""
    folder = root / FOLDER
    pictures: dict[str, Picture] = {}
    errors: list[ContentError] = []
    if not folder.is_dir():
        return pictures, errors
    inside = folder.resolve()
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        rel = path.relative_to(root).as_posix()
        if not path.resolve().is_relative_to(inside):
            errors.append(ContentError(rel, 1, "lien vers un fichier hors de content/images/ : copiez l'image ici"))
            continue
        if path.suffix.lower() not in FORMATS:
            errors.append(ContentError(rel, 1, "format d'image non pris en charge : enregistrez-la en JPEG ou en PNG"))
            continue
        parts = path.relative_to(folder).parts
        if not all(_NAME_RE.match(p) if p == parts[-1] else re.match(r"^[a-z0-9-]+$", p) for p in parts):
            fixed = slugify(path.stem) or "image"
            message = "nom d'image invalide : minuscules sans accents, chiffres et tirets seulement"
            errors.append(ContentError(rel, 1, message, f"{fixed}{path.suffix.lower()}"))
            continue
        picture, problems = _inspect(path, rel, URL_PREFIX + "/".join(parts))
        errors.extend(problems)
        if picture is not None:
            pictures[picture.url] = picture
    return pictures, errors


def _encode(image: Image.Image, width: int, height: int, fmt: str, icc: bytes | None) -> bytes:
    """One resized variant, without metadata but its colour profile, byte-identical for the same input."""
    resized = image if image.size == (width, height) else image.resize((width, height), Image.Resampling.LANCZOS)
    if fmt == "JPEG" and resized.mode not in ("RGB", "L"):
        resized = resized.convert("RGB")
    out = io.BytesIO()
    profile = {"icc_profile": icc} if icc else {}
    if fmt == "JPEG":
        resized.save(out, "JPEG", quality=QUALITY["JPEG"], optimize=True, progressive=True, **profile)
    elif fmt == "WEBP":
        resized.save(out, "WEBP", quality=QUALITY["WEBP"], method=4, **profile)
    else:
        resized.save(out, "PNG", optimize=True, **profile)
    return out.getvalue()


def _cache_key(picture: Picture) -> str:
    recipe = f"{GENERATOR}|{PIL.__version__}|{picture.widths}|{sorted(QUALITY.items())}|{picture.digest}"
    return hashlib.sha256(recipe.encode()).hexdigest()[:32]


def _process(picture: Picture) -> dict[str, bytes]:
    """Every variant of one picture, by file name inside its cache entry."""
    with Image.open(picture.path) as original:
        upright = ImageOps.exif_transpose(original)
        if upright.mode == "P":
            upright = upright.convert("RGBA")
        icc = original.info.get("icc_profile")
        upright.info.clear()  # no EXIF, XMP or comment (where and when a photo was taken) in what is published
        return {
            f"{v.width}.{_EXT[fmt]}": _encode(upright, v.width, v.height, fmt, icc)
            for fmt in picture.formats
            for v in picture.variants(fmt)
        }


def _cached(picture: Picture, cache: Path) -> dict[str, bytes]:
    """The variants from the cache, or processed once and stored there atomically."""
    entry = cache / _cache_key(picture)
    names = [f"{v.width}.{_EXT[fmt]}" for fmt in picture.formats for v in picture.variants(fmt)]
    if entry.is_dir() and all((entry / n).is_file() for n in names):
        return {n: (entry / n).read_bytes() for n in names}
    made = _process(picture)
    cache.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=cache))
    try:
        for name, data in made.items():
            (staging / name).write_bytes(data)
        if entry.exists():
            shutil.rmtree(entry)
        os.replace(staging, entry)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)  # the cache is an optimisation: the build goes on
    return made


def render_images(pictures: Iterable[Picture], cache: Path) -> dict[str, bytes]:
    """Every published image file, by output path."""
    files: dict[str, bytes] = {}
    for picture in pictures:
        made = _cached(picture, cache)
        for fmt in picture.formats:
            for v in picture.variants(fmt):
                files[v.url.lstrip("/")] = made[f"{v.width}.{_EXT[fmt]}"]
        largest = picture.largest
        files[picture.url.lstrip("/")] = made[f"{largest.width}.{_EXT[picture.format]}"]
    return files


def gallery_outputs(pictures: Mapping[str, Picture]) -> dict[str, Path]:
    """Output paths of every image, with their source file (for the collision check)."""
    return {out: p.path for p in pictures.values() for out in p.outputs}
