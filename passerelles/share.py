"""Share images (Open Graph): a 1200×630 PNG per métier, pathway and upcoming event page.

Drawn with Pillow from the page's own title (its `og:title`, so the picture
and the link preview always agree), the site's name and the pictogram of the
page (see `illustrations`). The font is Atkinson Hyperlegible (SIL Open Font
Licence), vendored from the npm package `@fontsource/atkinson-hyperlegible`.
Same input, same bytes: the PNG holds no date, and results are kept in the
build's cache (cache.py), keyed by everything that goes into them, this
module's code included.
"""

from __future__ import annotations

import functools
import hashlib
import html
import io
import os
import re
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont

from .cache import DiskCache, code_fingerprint
from .illustrations import EVENT, FOLDER, PATHWAY, mask_path
from .site import Site

SIZE = (1200, 630)
PREFIX = "/partage/"
GENERATOR = "passerelles-share-2"
POOL_FROM = 64  # fewer cards than this: starting worker processes would cost more than it saves
FONTS = FOLDER / "fonts"
BOLD = FONTS / "atkinson-hyperlegible-latin-700-normal.woff"
REGULAR = FONTS / "atkinson-hyperlegible-latin-400-normal.woff"
BRAND, ACCENT, PAPER = (11, 92, 107), (255, 191, 71), (255, 255, 255)
MARGIN, TEXT_WIDTH, DISC, TITLE_HEIGHT = 72, 680, 320, 330
_OG_TITLE = re.compile(r'<meta property="og:title" content="([^"]*)">')


@dataclass(frozen=True)
class ShareCard:
    """What the share image of one page shows, but its title (read from the rendered page)."""

    page_url: str
    kicker: str
    pictogram: str

    @property
    def url(self) -> str:
        """`/metiers/aide-soignant/` → `/partage/metiers/aide-soignant.png`."""
        return PREFIX + self.page_url.strip("/") + ".png"

    @property
    def output_path(self) -> str:
        return self.url.lstrip("/")


def share_cards(site: Site, page_urls: Iterable[str]) -> dict[str, ShareCard]:
    """The pages that get a share image, by URL: métiers, events to come, and every page just below /parcours/.

    An event that is over is not shared any more: its page keeps the text preview only."""
    metiers = {m.url: m for m in site.metiers}
    by_slug = {m.slug: m for m in site.metiers}
    events = {e.url for e in site.upcoming}
    cards: dict[str, ShareCard] = {}
    for url in page_urls:
        if url in metiers:
            cards[url] = ShareCard(url, "Fiche métier", metiers[url].pictogramme)
        elif url in events:
            cards[url] = ShareCard(url, "Événement", EVENT)
        elif re.fullmatch(r"/parcours/[^/]+/", url):
            metier = by_slug.get(url.split("/")[2])
            cards[url] = ShareCard(url, "Parcours", metier.pictogramme if metier else PATHWAY)
    return cards


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy line breaking at ordinary spaces only (non-breaking ones keep « : » with its word)."""
    lines: list[str] = []
    for word in text.split(" "):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


@functools.cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


@functools.cache
def _ink(pictogram: str, side: int) -> Image.Image:
    """The pictogram's mask at the size it is drawn (white = ink)."""
    with Image.open(mask_path(pictogram)) as mask:
        return mask.convert("L").resize((side, side), Image.Resampling.LANCZOS)


def _leading(font: ImageFont.FreeTypeFont) -> int:
    return round(font.size * 1.2)


def _title_lines(draw: ImageDraw.ImageDraw, title: str) -> tuple[list[str], ImageFont.FreeTypeFont]:
    """The title in the largest size whose lines fit the space; cut with « … » if none does."""
    for size in (72, 64, 56, 48):
        font = _font(BOLD, size)
        lines = _wrap(draw, title, font, TEXT_WIDTH)
        fits = len(lines) * _leading(font) <= TITLE_HEIGHT
        if fits and all(draw.textlength(line, font=font) <= TEXT_WIDTH for line in lines):
            return lines, font
    lines = lines[: TITLE_HEIGHT // _leading(font)]
    while draw.textlength(lines[-1] + " …", font=font) > TEXT_WIDTH and " " in lines[-1]:
        lines[-1] = lines[-1].rsplit(" ", 1)[0]
    lines[-1] += " …"
    return lines, font


@functools.cache
def _background(pictogram: str) -> Image.Image:
    """The brand colour with the pictogram on its white disc: the same for every page of a kind."""
    image = Image.new("RGB", SIZE, BRAND)
    left, top = SIZE[0] - MARGIN - DISC, (SIZE[1] - DISC) // 2
    ImageDraw.Draw(image).ellipse((left, top, left + DISC, top + DISC), fill=PAPER)
    side = round(DISC * 0.66)
    offset = (DISC - side) // 2
    image.paste(BRAND, (left + offset, top + offset, left + offset + side, top + offset + side), _ink(pictogram, side))
    return image


@functools.cache
def _palette() -> Image.Image:
    """Every colour a card can hold: the blends of the brand colour with white and with the accent.

    Text and pictogram edges are anti-aliased between two of the three colours, so
    a fixed palette keeps them exact, and makes the PNG 3 times smaller and fast to encode.
    """
    colours = [_blend(BRAND, PAPER, i / 47) for i in range(48)] + [_blend(BRAND, ACCENT, i / 15) for i in range(16)]
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in colours for channel in colour])
    return palette


def _blend(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


@functools.cache
def _base(pictogram: str, kicker: str, site_name: str) -> tuple[Image.Image, Image.Image]:
    """The background with the kicker and the site's name, the same for every card of a kind: in colour (to
    draw a title on) and in the palette (what the title leaves untouched)."""
    image = _background(pictogram).copy()
    draw = ImageDraw.Draw(image)
    draw.text((MARGIN, MARGIN), kicker.upper(), font=_font(REGULAR, 36), fill=ACCENT)
    draw.text((MARGIN, SIZE[1] - MARGIN - 40), site_name, font=_font(BOLD, 40), fill=PAPER)
    return image, _quantized(image)


def _quantized(image: Image.Image) -> Image.Image:
    return image.quantize(palette=_palette(), dither=Image.Dither.NONE)


def draw_card(title: str, kicker: str, site_name: str, pictogram: str) -> bytes:
    """One share image as PNG bytes: kicker, wrapped title, site name, pictogram on a white disc.

    Only the title differs from one card of a kind to the next: it is drawn on the shared background, and
    only the box it covers is mapped to the palette (each pixel on its own, so the bytes are those of the
    whole card mapped at once)."""
    coloured, paletted = _base(pictogram, kicker, site_name)
    image = coloured.copy()
    draw = ImageDraw.Draw(image)
    lines, font = _title_lines(draw, title)
    boxes = []
    y = MARGIN + 80
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=PAPER)
        boxes.append(draw.textbbox((MARGIN, y), line, font=font))
        y += _leading(font)
    box = (
        max(0, int(min(b[0] for b in boxes)) - 2),
        max(0, int(min(b[1] for b in boxes)) - 2),
        min(SIZE[0], int(max(b[2] for b in boxes)) + 3),
        min(SIZE[1], int(max(b[3] for b in boxes)) + 3),
    )
    card = paletted.copy()
    card.paste(_quantized(image.crop(box)), box[:2])
    out = io.BytesIO()
    # zlib level 3: 5 ms a card and 20 kB, where level 6 took 8 ms for 16 kB (thousands of events on a big site)
    card.save(out, "PNG", compress_level=3)
    return out.getvalue()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _draw_all(jobs: dict[str, tuple[str, str, str, str]]) -> dict[str, bytes]:
    """Draw the cards not in the cache, on every core when there are many (a first build of a big site)."""
    if len(jobs) < POOL_FROM or (os.cpu_count() or 1) < 2:
        return {key: draw_card(*args) for key, args in jobs.items()}
    with ProcessPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        return dict(zip(jobs, pool.map(draw_card, *zip(*jobs.values(), strict=True), chunksize=16), strict=True))


def render_share_images(
    cards: dict[str, ShareCard], pages: dict[str, bytes], site_name: str, cache: DiskCache | None
) -> dict[str, bytes]:
    """Every share image by output path, its title read from the page's `og:title`; drawn again only when
    the build's cache does not have it."""
    fonts = _digest(BOLD) + _digest(REGULAR)
    masks = {name: _digest(mask_path(name)) for name in {c.pictogram for c in cards.values()}}
    code = code_fingerprint(("share.py",))
    jobs: dict[str, tuple[str, tuple[str, str, str, str]]] = {}
    for card in cards.values():
        page = pages[card.page_url.lstrip("/") + "index.html"].decode("utf-8")
        found = _OG_TITLE.search(page)
        title = html.unescape(found.group(1)) if found else card.kicker
        parts = (GENERATOR, code, PIL.__version__, fonts, masks[card.pictogram], card.kicker, title, site_name)
        key = hashlib.sha256("|".join(parts).encode()).hexdigest()
        jobs[card.output_path] = (key, (title, card.kicker, site_name, card.pictogram))
    made: dict[str, bytes] = {}
    if cache is not None:
        keys = {cache.key("carte", key): key for key, _ in jobs.values()}
        made.update((keys[key], png) for key, png in cache.get_objects(keys).items() if isinstance(png, bytes))
    drawn = _draw_all({key: args for key, args in jobs.values() if key not in made})
    for key, png in drawn.items():
        if cache is not None:
            cache.put_object(cache.key("carte", key), png)
    made.update(drawn)
    return {path: made[key] for path, (key, _) in jobs.items()}
