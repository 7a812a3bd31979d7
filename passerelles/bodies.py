"""A file's body as the pages show it: Markdown converted, glossary acronyms marked, remembered.

Converting is the costliest step of loading a site; its result depends only
on the text, the site's `html_autorise` and the engine (cache.py's
fingerprint), so a body already converted by an earlier build is read back
from `.cache/` instead.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markupsafe import Markup

from .glossary import annotate, load_terms
from .markup import render_markdown


def convert(md: Markdown, text: str) -> list[Any]:
    """[annotated HTML, [[anchor, heading text], …]]: plain data, as the cache stores it."""
    html, toc = render_markdown(md, text)
    return [annotate(html, load_terms()), [[t["id"], str(t["titre"])] for t in toc]]


def _is_body(value: Any) -> bool:
    """The shape `convert` returns; anything else in the cache is recomputed."""
    return (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], str)
        and isinstance(value[1], list)
        and all(isinstance(t, list) and len(t) == 2 and all(isinstance(x, str) for x in t) for t in value[1])
    )


def render_body(md: Markdown, text: str) -> tuple[Markup, list[dict[str, Any]]]:
    """Body HTML and table of contents of one file, from the cache when the same text was converted before."""
    cache = getattr(md, "body_cache", None)
    if cache is None:
        value = convert(md, text)
    else:
        value = cache.remember(
            cache.key("corps", getattr(md, "options", ""), text), lambda: convert(md, text), _is_body
        )
    return Markup(value[0]), [{"id": anchor, "titre": Markup(title)} for anchor, title in value[1]]
