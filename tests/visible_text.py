"""The text a visitor reads on a finished page: body text without scripts, styles and code (code to copy too)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup


def visible_text(html: str, separator: str = "") -> str:
    """The text as read; `separator` between elements keeps words of two cells apart."""
    soup = BeautifulSoup(html, "html.parser")
    body = soup.body or soup
    for element in body(["script", "style", "code", "pre", "textarea", "template"]):
        element.decompose()
    return body.get_text(separator)


def site_pages(folder: Path, separator: str = "") -> Iterator[tuple[str, str]]:
    """(relative path, visible text) of every HTML page of a built site."""
    for path in sorted(folder.rglob("*.html")):
        if "pagefind" not in path.parts:
            yield path.relative_to(folder).as_posix(), visible_text(path.read_text(encoding="utf-8"), separator)
