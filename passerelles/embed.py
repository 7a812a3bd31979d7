"""What a school pastes into its own site to show one of our pathway pages.

The snippet is an <iframe> of the page's embeddable version (`…/embed/`),
with a height estimated from its content so that most pathways show whole
without a second scroll bar, and, as an option, one line that loads
`/js/embed-resize.js` from this site: that script, on the school's page,
listens for the height the embed reports (postMessage, from our origin only)
and sets the frame's height to it. Without the script, or if a school's
site strips scripts, the frame keeps its estimated height and scrolls when
its content is longer, as every <iframe> does.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Mapping
from html.parser import HTMLParser
from typing import Any

REFERENCE_WIDTH = 640  # px: a school site's content column, the width the height is computed for
MIN_HEIGHT, MAX_HEIGHT = 320, 6000  # px: never a sliver, never an endless frame
SAFETY = 1.15  # a frame a little taller than its content rather than a second scroll bar
# How a measured page becomes pixels: fitted on the example site's 27 embeds rendered by Chromium at
# REFERENCE_WIDTH (the browser test `test_embed_frames_fit_their_content` checks it on every build).
PX_PER_LINE, PX_PER_BLOCK, PX_PER_HEADING, PX_BASE = 38.6, -35.8, 82.2, 175  # refitted on the routes' markup
_TOKEN = re.compile(r"%%hauteur:(/[^%\s]*)%%")


def height_token(embed_url: str) -> str:
    """Stands for the height of the embed at `embed_url` in a snippet, until that embed is rendered."""
    return f"%%hauteur:{embed_url}%%"


def frame_height(embed_html: str) -> int:
    """The <iframe> height that shows this rendered embed page whole at `REFERENCE_WIDTH`."""
    lines, blocks, headings, drawing = content_features(embed_html)
    height = (lines * PX_PER_LINE + blocks * PX_PER_BLOCK + headings * PX_PER_HEADING + PX_BASE + drawing) * SAFETY
    return max(MIN_HEIGHT, min(MAX_HEIGHT, math.ceil(height / 10) * 10))


def fit_frames(files: Mapping[str, bytes], measure: Callable[[bytes], int] | None = None) -> dict[str, bytes]:
    """Every rendered file, with each height token replaced by the height of the embed it names.

    `measure` gives an embed's height from its bytes (by default `frame_height`; the build passes one
    that remembers heights between builds)."""
    heights: dict[str, str] = {}

    def height(match: re.Match[str]) -> str:
        url = match.group(1)
        if url not in heights:
            embed = files.get(url.lstrip("/") + "index.html")
            if embed is None:
                raise ValueError(f"pas de page {url} pour la hauteur d'un code d'intégration")
            heights[url] = str(measure(embed) if measure is not None else frame_height(embed.decode("utf-8")))
        return heights[url]

    return {
        path: _TOKEN.sub(height, content.decode("utf-8")).encode("utf-8")
        if path.endswith(".html") and b"%%hauteur:" in content
        else content
        for path, content in files.items()
    }


def iframe_snippet(src: str, title: str, height: int | str) -> str:
    """The <iframe> element a school pastes: absolute `src`, an accessible `title`, a fitting `height`."""
    return (
        f'<iframe src="{html.escape(src)}" title="{html.escape(title)}" width="100%" height="{height}" '
        'style="border:0" loading="lazy"></iframe>'
    )


def resize_snippet(script_url: str) -> str:
    """The optional line that makes every embed of this site on the page take its content's height."""
    return f'<script src="{html.escape(script_url)}" defer></script>'


_BLOCKS = frozenset({"h1", "h2", "h3", "p", "li", "dt", "dd", "figcaption"})
_HEADINGS = {"h1": 1.35, "h2": 1.15, "h3": 1.0}  # font sizes in em of the embed's headings
_INDENTS = {"ol": 28, "ul": 28, "article": 34}  # px taken from the width by each enclosing list or card
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
_HIDDEN = re.compile(r"\b(visually-hidden|carte-defilement)\b")
CONTENT_WIDTH = REFERENCE_WIDTH - 32  # the embed's side padding
CHAR = 7.5  # px: the mean width of a character of body text


class _Measure(HTMLParser):
    """Walks an embed's <main>: each text block's height at `REFERENCE_WIDTH`, plus the drawings shown there."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []  # (tag, hidden)
        self.text: list[list[Any]] = []  # open blocks: [tag, characters, width]
        self.lines = 0.0
        self.blocks = 0
        self.headings = 0
        self.drawing = 0.0
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = attributes.get("class") or ""
        hidden = bool(self.open and self.open[-1][1]) or bool(_HIDDEN.search(classes)) or tag in ("svg", "textarea")
        if tag == "main":
            self.inside = True
        if tag == "svg" and "carte--etroite" in classes and not (self.open and self.open[-1][1]):
            self.drawing += float(attributes.get("height") or 0)
        if tag in _VOID:
            return
        self.open.append((tag, hidden))
        if tag in _BLOCKS and self.inside and not hidden:
            width = CONTENT_WIDTH - sum(_INDENTS.get(t, 0) for t, _ in self.open)
            self.text.append([tag, 0, max(width, 120)])

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not any(t == tag for t, _ in self.open):
            return
        while self.open:
            closed, hidden = self.open.pop()
            if self.text and closed == self.text[-1][0] and not hidden:
                self._close(*self.text.pop())
            if closed == tag:
                break
        if tag == "main":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.text and not (self.open and self.open[-1][1]):
            self.text[-1][1] += len(" ".join(data.split()))

    def _close(self, tag: str, characters: int, width: float) -> None:
        size = _HEADINGS.get(tag, 1.0)
        lines = max(1, math.ceil(characters * CHAR * size / width)) if characters else 0
        self.lines += lines * size * (1.25 / 1.5 if tag in _HEADINGS else 1)
        self.blocks += 1 if characters else 0
        self.headings += 1 if tag in _HEADINGS else 0


def content_features(page_html: str) -> tuple[float, int, int, float]:
    """(lines of text, text blocks, headings, drawing height) of an embed page, at `REFERENCE_WIDTH`."""
    measure = _Measure()
    measure.feed(page_html)
    measure.close()
    return measure.lines, measure.blocks, measure.headings, measure.drawing
