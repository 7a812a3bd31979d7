"""Markdown to HTML, and French typography for plain text.

Python-Markdown with what a writer expects: tables, attribute lists, a table
of contents whose anchors fold accents (`## Une journée type` →
`#une-journee-type`), and smart punctuation in the French way: « guillemets »,
typographic apostrophes, and non-breaking spaces before ; : ! ? and inside
guillemets so that they never start a line.

Whatever an editor writes, the HTML that comes out has been through an
allowlist sanitiser (nh3) after every other Markdown step: raw HTML, the
`{: attr=... }` syntax and odd link schemes cannot add a script, a style, a
frame, a form or an event handler to a page or to the open data. A site that
really needs more (an `<iframe>` of its own videos) opts in with
`html_autorise` in site.yaml.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension, TocTreeprocessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .cache import DiskCache
from .smartpunct import SmartPunctuation
from .source import slugify
from .workbounds import MAX_QUOTE_DEPTH, too_deep_quote, too_much_scanning

NBSP, NNBSP = "\u00a0", "\u202f"
_BEFORE_HIGH = re.compile(r"[ \u00a0\u202f]+([;!?»])")
_BEFORE_COLON = re.compile(r"[ \u00a0\u202f]+(:)(?=\s|$)")
_AFTER_OPEN = re.compile(r"(«)[ \u00a0\u202f]+")
SPACED = re.compile(r"[;!?»:«]")  # a text without any of these is left as it is by `french_spacing`
_SKIP_TAGS = {"code", "pre", "kbd", "samp", "script", "style"}


def french_spacing(text: str) -> str:
    """Non-breaking spaces where French typography wants them; idempotent."""
    text = _BEFORE_HIGH.sub(lambda m: (NBSP if m.group(1) == "»" else NNBSP) + m.group(1), text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    return _AFTER_OPEN.sub("«" + NBSP, text)


def typo(text: str) -> str:
    """French typography for a plain-text field: apostrophes and spaces."""
    return french_spacing(re.sub(r"(?<=\w)'(?=\w)", "\u2019", text))


class _FrenchSpacing(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        def visit(element: ET.Element) -> None:
            if element.tag in _SKIP_TAGS:
                return
            if element.text:
                element.text = french_spacing(element.text)
            for child in element:
                visit(child)
                if child.tail:
                    child.tail = french_spacing(child.tail)

        visit(root)


class FrenchTypography(Extension):
    """Smart punctuation (smartpunct.py), then spaces once the guillemets exist."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(SmartPunctuation(md), "smart_punctuation", 6)
        md.ESCAPED_CHARS.extend(['"', "'"])
        md.treeprocessors.register(_FrenchSpacing(md), "french_spacing", 0)


# What Markdown and its extensions produce, plus the plain HTML an editor may
# reasonably write (abbreviations, definition lists, details…). No script,
# style, frame, form, meta, object or event handler.
SAFE_TAGS = frozenset(
    "a abbr b blockquote br caption cite code col colgroup dd del details dfn div dl dt em figcaption figure "
    "h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub summary sup "
    "table tbody td tfoot th thead time tr u ul var".split()
)
SAFE_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed", "type"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "details": {"open"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# What a site may add with `html_autorise` in site.yaml, and the attributes that come with it.
OPT_IN: dict[str, dict[str, set[str]]] = {
    "iframe": {"iframe": {"src", "title", "width", "height", "allow", "allowfullscreen", "loading"}},
    "video": {
        "video": {"src", "controls", "width", "height", "poster", "preload"},
        "source": {"src", "type"},
        "track": {"src", "kind", "srclang", "label", "default"},
    },
    "audio": {"audio": {"src", "controls", "preload"}, "source": {"src", "type"}},
}


def sanitize(html: str, extra: Iterable[str] = ()) -> str:
    """Keep only allowlisted tags, attributes and URL schemes; entities are decoded before URLs are judged."""
    tags = set(SAFE_TAGS)
    attributes = {tag: set(names) for tag, names in SAFE_ATTRIBUTES.items()}
    for name in extra:
        for tag, names in OPT_IN[name].items():
            tags.add(tag)
            attributes.setdefault(tag, set()).update(names)
    return nh3.clean(
        html,
        tags=tags,
        clean_content_tags={"script", "style", "template", "noscript"},
        attributes=attributes,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def plain_text(html: str) -> Markup:
    """An HTML fragment reduced to its text, escaped (headings in a table of contents)."""
    return Markup(nh3.clean(html, tags=set(), clean_content_tags={"script", "style", "template"}))


class _TableAlign(Treeprocessor):
    """Column alignment as a class, since a strict CSP forbids style attributes."""

    def run(self, root: ET.Element) -> None:
        for cell in root.iter():
            style = cell.attrib.pop("style", None) if cell.tag in ("th", "td") else None
            found = _ALIGN.search(style or "")
            if found:
                cell.set("class", f"{cell.get('class', '')} align-{found.group(1)}".strip())


_ALIGN = re.compile(r"text-align:\s*(left|right|center)")


class _Sanitize(Postprocessor):
    def __init__(self, md: markdown.Markdown, extra: tuple[str, ...]):
        super().__init__(md)
        self.extra = extra

    def run(self, text: str) -> str:
        return sanitize(text, self.extra)


# Raw HTML that never closes makes Python's html.parser rescan the rest of the
# document for every `<` (CPython issue gh-135462): past a few such `<`, they
# become plain text. A `<` counts as closed when a `>` follows before the next `<`.
_TAG_START = re.compile(r"(`+)[\s\S]*?\1|<(?=[A-Za-z/!?])")
_CLOSED = re.compile(r"<(?:/?[A-Za-z][^<>]{0,2000}>|!--[\s\S]{0,20000}?-->)")
MAX_UNCLOSED_TAGS = 20


class _DefuseUnclosedTags(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        unclosed = [
            m.start() for m in _TAG_START.finditer(text) if m.group(1) is None and not _CLOSED.match(text, m.start())
        ]
        if len(unclosed) <= MAX_UNCLOSED_TAGS:
            return lines
        parts, last = [], 0
        for position in unclosed:
            parts += [text[last:position], "&lt;"]
            last = position + 1
        parts.append(text[last:])
        return "".join(parts).split("\n")


# Python-Markdown's cost grows faster than the text in three places: every
# unmatched `[` is scanned to the end of its paragraph (bounded by count and by
# the characters scanned, see workbounds), every top-level block
# is looked up in the list of all blocks, and html.parser rescans the rest of
# the document for each unclosed `<`. These bounds keep a body's work close to
# linear; legitimate pages stay far below them (a long métier page has 60 blocks).
MAX_BLOCKS = 2_000
MAX_BLOCK_CHARS = 20_000
MAX_BRACKETS = 100
UNCLOSED_BRACKETS = (
    "crochets « [ » ou parenthèses « ( » d'un lien jamais refermés dans ce paragraphe : "
    "fermez chaque « [ » par « ] » et chaque « ( » par « ) », ou coupez ce paragraphe"
)
_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n")


def body_problems(body: str) -> list[tuple[int, str]]:
    """(line offset, French message) for each bound a body exceeds; empty when it can be rendered."""
    problems: list[tuple[int, str]] = []
    blocks = start = line = 0
    for separator in [*_BLOCK_SPLIT.finditer(body), None]:
        end = separator.start() if separator else len(body)
        block = body[start:end]
        if block.strip():
            blocks += 1
            if len(block) > MAX_BLOCK_CHARS:
                problems.append((line, f"paragraphe trop long : {MAX_BLOCK_CHARS} caractères au plus, coupez-le"))
            elif block.count("[") > MAX_BRACKETS:
                problems.append((line, f"plus de {MAX_BRACKETS} crochets « [ » dans ce paragraphe : coupez-le"))
            elif too_much_scanning(block):
                problems.append((line, UNCLOSED_BRACKETS))
            elif too_deep_quote(block):
                problems.append((line, f"plus de {MAX_QUOTE_DEPTH} citations « > » imbriquées : enlevez des « > »"))
        if blocks > MAX_BLOCKS:
            return [(line, f"texte trop long : {MAX_BLOCKS} paragraphes au plus")]
        if len(problems) >= 5:
            break
        if separator:
            line += body.count("\n", start, separator.end())
            start = separator.end()
    return problems


class SafeHtml(Extension):
    """Sanitises the final HTML: registered with the lowest priority, it runs after every other step."""

    def __init__(self, extra: Iterable[str] = ()):
        super().__init__()
        self.extra = tuple(extra)

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_TableAlign(md), "table_align", 1)
        md.preprocessors.register(_DefuseUnclosedTags(md), "defuse_unclosed_tags", 25)
        md.postprocessors.register(_Sanitize(md, self.extra), "sanitize", -1000)


def _anchor(value: str, separator: str) -> str:
    return slugify(value) or "section"


class _Contents(TocTreeprocessor):
    """Python-Markdown's table of contents, its HTML made only for a body that asks for it with the marker.

    Pages list their sections from `toc_tokens` (render_markdown), never from `md.toc`: building,
    serialising and sanitising that HTML for every body was a tenth of its conversion."""

    def run(self, doc: ET.Element) -> None:
        self.wanted = bool(self.marker) and any(self.marker in text for text in doc.itertext())
        super().run(doc)

    def build_toc_div(self, toc_list: list[Any]) -> ET.Element:
        return super().build_toc_div(toc_list) if self.wanted else ET.Element("div")


class _Toc(TocExtension):
    TreeProcessorClass = _Contents


class Converter(markdown.Markdown):
    """Python-Markdown with what a cached conversion needs: its options and, optionally, a cache."""

    options: str = ""
    body_cache: DiskCache | None = None


def make_markdown(allowed_html: Iterable[str] = (), cache: DiskCache | None = None) -> Converter:
    """A configured converter; make one per build rather than sharing a global.

    `allowed_html` names the opt-in elements of `OPT_IN` that site.yaml allows;
    `cache` keeps converted bodies (see bodies.py).
    """
    allowed_html = tuple(allowed_html)
    md = Converter(
        extensions=[
            "tables",
            "attr_list",
            "sane_lists",
            _Toc(slugify=_anchor, permalink=False, toc_depth="2-3"),
            FrenchTypography(),
            SafeHtml(allowed_html),
        ],
        output_format="html",
    )
    md.options, md.body_cache = ",".join(sorted(allowed_html)), cache
    return md


def render_markdown(md: markdown.Markdown, source: str) -> tuple[Markup, list[dict[str, str]]]:
    """Body HTML and its table of contents (level-2 headings) from Markdown."""
    md.reset()
    html = md.convert(source)
    toc = [{"id": t["id"], "titre": plain_text(t["name"])} for t in getattr(md, "toc_tokens", [])]
    return Markup(html), toc
