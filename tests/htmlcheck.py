"""Helpers for tests that read built HTML: parse pages, list links, find broken ones."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


def page(root: Path, url: str) -> BeautifulSoup:
    """The parsed HTML of a site URL ('/metiers/' → metiers/index.html)."""
    rel = url.lstrip("/")
    path = root / (rel + "index.html" if url.endswith("/") else rel)
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def texts(soup: BeautifulSoup, selector: str) -> list[str]:
    return [" ".join(e.get_text(" ", strip=True).split()) for e in soup.select(selector)]


def broken_links(root: Path) -> list[str]:
    """Internal href/src targets (and #fragments) that do not exist in the built site."""
    problems = []
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            ids[path] = {str(e["id"]) for e in soup.select("[id]")}
        return ids[path]

    for html in sorted(root.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for element in soup.select("[href], [src]"):
            target = str(element.get("href") or element.get("src"))
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("mailto:", "tel:")):
                continue
            if parts.path:
                path = (
                    (root / unquote(parts.path).lstrip("/"))
                    if parts.path.startswith("/")
                    else (html.parent / parts.path)
                )
            else:
                path = html
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                problems.append(f"{html.relative_to(root)} → {target}")
            elif parts.fragment and path.suffix == ".html" and parts.fragment not in ids_of(path):
                problems.append(f"{html.relative_to(root)} → {target} (ancre absente)")
    return problems
