"""Markdown to HTML, and French typography for plain text.

Python-Markdown with what a writer expects: tables, attribute lists, a table
of contents whose anchors fold accents (`## Une journée type` →
`#une-journee-type`), and smart punctuation in the French way: « guillemets »,
typographic apostrophes, and non-breaking spaces before ; : ! ? and inside
guillemets so that they never start a line.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .source import slugify

NBSP, NNBSP = "\u00a0", "\u202f"
_BEFORE_HIGH = re.compile(r"[ \u00a0\u202f]+([;!?»])")
_BEFORE_COLON = re.compile(r"[ \u00a0\u202f]+(:)(?=\s|$)")
_AFTER_OPEN = re.compile(r"(«)[ \u00a0\u202f]+")
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
    """Runs after smarty so the guillemets it makes get their spaces."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_FrenchSpacing(md), "french_spacing", 0)


def _anchor(value: str, separator: str) -> str:
    return slugify(value) or "section"


def make_markdown() -> markdown.Markdown:
    """A configured converter; make one per build rather than sharing a global."""
    return markdown.Markdown(
        extensions=["tables", "attr_list", "sane_lists", "toc", "smarty", FrenchTypography()],
        extension_configs={
            "toc": {"slugify": _anchor, "permalink": False, "toc_depth": "2-3"},
            "smarty": {
                "substitutions": {
                    "left-double-quote": "&laquo;&nbsp;",
                    "right-double-quote": "&nbsp;&raquo;",
                    "left-angle-quote": "&laquo;&nbsp;",
                    "right-angle-quote": "&nbsp;&raquo;",
                }
            },
        },
        output_format="html",
    )


def render_markdown(md: markdown.Markdown, source: str) -> tuple[Markup, list[dict[str, str]]]:
    """Body HTML and its table of contents (level-2 headings) from Markdown."""
    md.reset()
    html = md.convert(source)
    toc = [{"id": t["id"], "titre": Markup(t["name"])} for t in getattr(md, "toc_tokens", [])]
    return Markup(html), toc
