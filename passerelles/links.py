"""Links, anchors and images written by editors, checked against the built site.

Runs after rendering, on the exact set of files the build produces, so a link
is valid when (and only when) its page will be published. A body link is
reported at its own line of the Markdown file (the body offset plus the front
matter), with the closest URL that exists as a suggestion. External links
(`liens`, http(s), mailto:) are not checked: the build never goes online.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .errors import ContentError, suggest
from .models import Entry
from .source import read_source

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".avif")


class _Collector(HTMLParser):
    """Every id, and every (tag, attribute, value) link of an HTML fragment or page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif (tag, name) in (("a", "href"), ("img", "src")):
                self.links.append((tag, value))


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector


def body_links(body: str) -> list[tuple[str, str]]:
    """The (tag, URL) links and images of a body's HTML."""
    return _parse(body).links


class BodyLinks:
    """The links of each body, parsed once; the preview hands each rebuild the previous one's (`earlier`),
    and only the bodies still in use are kept. `known`: links found when the files were loaded (loading.py)."""

    def __init__(self, earlier: BodyLinks | None = None, known: Mapping[str, list[tuple[str, str]]] = {}) -> None:
        self._earlier = {**earlier._found, **known} if earlier is not None else known
        self._found: dict[str, list[tuple[str, str]]] = {}

    def __call__(self, body: str) -> list[tuple[str, str]]:
        links = self._found.get(body)
        if links is None:
            links = self._earlier.get(body)
        if links is None:
            links = body_links(body)
        self._found[body] = links
        return links


def is_internal(url: str) -> bool:
    """A link to this site: a path (`/metiers/`), a relative one (`../x/`) or an anchor (`#x`)."""
    parts = urlsplit(url)
    return not (parts.scheme or parts.netloc) and bool(url.strip())


@dataclass(frozen=True)
class Target:
    """What the built site offers: its files and, lazily, the ids of each HTML page."""

    files: frozenset[str]
    html: Mapping[str, bytes]
    images: frozenset[str]

    def page_urls(self) -> list[str]:
        return sorted("/" + f.removesuffix("index.html") for f in self.files if f.endswith("index.html"))


class LinkChecker:
    """Resolve internal URLs against the built site and say what is wrong, in French.

    `files` are the rendered pages, `static` the static files' output paths,
    `pictures` each editor's image URL with the output paths made from it
    (suggestions name the image, never one of its resized copies).
    """

    def __init__(
        self, files: Mapping[str, bytes], static: Iterable[str], pictures: Mapping[str, Collection[str]] | None = None
    ):
        pictures = pictures or {}
        made = {out for outputs in pictures.values() for out in outputs}
        images = {"/" + s for s in static if s.lower().endswith(IMAGE_SUFFIXES)} | set(pictures)
        self.target = Target(frozenset(files) | frozenset(static) | made, files, frozenset(images))
        self._ids: dict[str, set[str]] = {}

    def ids(self, output_path: str) -> set[str]:
        if output_path not in self._ids:
            data = self.target.html.get(output_path, b"")
            self._ids[output_path] = _parse(data.decode("utf-8", "replace")).ids
        return self._ids[output_path]

    def problem(self, url: str, page_url: str, image: bool = False) -> tuple[str, str | None] | None:
        """None when `url` (seen on `page_url`) resolves; else a message and a suggestion."""
        what = "image" if image else "lien vers"
        if url.startswith("/") and ".." in unquote(urlsplit(url).path).split("/"):
            return f"{what} « {url} » refusé{'e' if image else ''} : « .. » n'est pas permis dans une adresse", None
        parts = urlsplit(urljoin(page_url, url))
        path = unquote(parts.path)
        rel = path.lstrip("/")
        output = rel + "index.html" if path.endswith("/") else rel
        files = self.target.files
        if output not in files:
            if not path.endswith("/") and rel + "/index.html" in files:
                return f"{what} « {url} » : les adresses des pages finissent par « / »", path + "/"
            if image:
                choices = self.target.images
                hint = "placez le fichier dans content/images/ (ou static/)"
                return f"image « {url} » introuvable : {hint}", suggest(path, choices)
            return f"lien vers « {url} » : cette page n'existe pas sur le site", suggest(path, self.target.page_urls())
        if parts.fragment and output.endswith(".html"):
            ids = self.ids(output)
            anchor = unquote(parts.fragment)
            if anchor not in ids:
                close = suggest(anchor, ids)
                shown = f"« {path} »" if path != page_url else "cette page"
                return (
                    f"lien vers « {url} » : l'ancre « #{anchor} » n'existe pas sur {shown}",
                    f"{path}#{close}" if close and path != page_url else (f"#{close}" if close else None),
                )
        return None


def _line_finder(body: str, body_line: int) -> Callable[[str], int]:
    """The file line of each successive occurrence of a URL in the Markdown body."""
    cursor: dict[str, int] = {}

    def line_of(url: str) -> int:
        start = cursor.get(url, 0)
        index = body.find(url, start)
        if index < 0:
            index = body.find(url)
        if index < 0:
            return body_line
        cursor[url] = index + len(url)
        return body_line + body[:index].count("\n")

    return line_of


def check_entry(
    entry: Entry, checker: LinkChecker, root: Path, pictures: Collection[str], links: BodyLinks | None = None
) -> list[ContentError]:
    """Every internal link and image of one file: its body, and its `image` field.

    The file is read again (for the lines of its links) only when something is wrong.
    """
    links = links or BodyLinks()
    field = None
    if entry.image:
        field = checker.problem(entry.image, entry.url, image=True)
        if field is None and entry.image not in pictures:
            field = (f"image « {entry.image} » : une illustration doit être rangée dans content/images/", None)
    body = [
        (url, found)
        for tag, url in links(str(entry.body))
        if is_internal(url) and (found := checker.problem(url, entry.url, image=tag == "img"))
    ]
    if field is None and not body:
        return []
    source, _ = read_source(root, entry.collection, root / entry.source)
    if source is None:  # unreadable since loading: loading reports it
        return []
    errors = [ContentError(entry.source, source.line("image"), *field)] if field else []
    line_of = _line_finder(source.body, source.body_line)
    errors.extend(ContentError(entry.source, line_of(url), *found) for url, found in body)
    return errors


def check_links(
    root: Path,
    entries: Iterable[Entry],
    files: Mapping[str, bytes],
    static: Iterable[str],
    pictures: Mapping[str, Collection[str]] | None = None,
    links: BodyLinks | None = None,
) -> list[ContentError]:
    """Every broken internal link, anchor or image of every published file.

    `pictures` (the editors' images, see LinkChecker) are the only images
    an `image` field may name, since only they are resized. `links` may
    know the links of bodies already parsed (the preview's).
    """
    pictures = pictures or {}
    checker = LinkChecker(files, static, pictures)
    links = links or BodyLinks()
    errors: list[ContentError] = []
    for entry in entries:
        errors.extend(check_entry(entry, checker, root, pictures, links))
    return errors
