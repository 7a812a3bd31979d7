"""Reuse of the previous search index: Pagefind writes only the files an edit changed.

Pagefind names each file of its index by a hash of its content (page
fragments, word-index chunks, filter chunks, the metadata that lists them)
and does not write such a file when one of that name is already in its
output folder. Creating and compressing those files is most of its time
(1.4 s instead of 3.7 s on a 2,000-page site after one edit). So the
previous index's files are hard-linked into the new output before Pagefind
runs (`link_previous`); Pagefind never opens them for writing, so the
published site keeps its own. Afterwards `settle` removes the linked files
that the new metadata does not list, which leaves exactly the files a run
from scratch makes.

Names are short hashes (7 hexadecimal digits), so a new file could, very
rarely, bear the name of a different old one and be skipped. `settle`
checks what such a mix-up would show: a reused page fragment must be for a
page of the new site that no other fragment is for, and a reused chunk must
cover the same words or filter as before. When a check fails, or the
metadata cannot be read (another Pagefind version), it returns False and
the caller runs Pagefind again on an empty folder.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote

from . import cbor

PREFIX = b"pagefind_dcd"  # what Pagefind puts before the content of each compressed file
_FOLDERS = {"fragment": ".pf_fragment", "index": ".pf_index", "filter": ".pf_filter"}
_URL = re.compile(rb'pagefind_dcd\{"url":"((?:[^"\\]|\\.)*)"')
# What reading an index that is not what Pagefind wrote (cut short, another version, damaged) can raise.
_UNREADABLE = (OSError, EOFError, zlib.error, ValueError, KeyError, TypeError, IndexError)


@dataclass(frozen=True)
class Meta:
    """What one language's metadata file lists, by file path inside the index folder."""

    fragments: tuple[str, ...]  # one per indexed page
    chunks: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> first and last word
    filters: dict[str, str] = field(default_factory=dict)  # path -> filter name

    def files(self) -> set[str]:
        return {*self.fragments, *self.chunks, *self.filters}


@dataclass(frozen=True)
class Linked:
    """The files linked from a previous index, and what its metadata said of them."""

    paths: frozenset[str] = frozenset()
    metas: tuple[Meta, ...] = ()
    urls: dict[str, str | None] = field(default_factory=dict)  # linked fragment -> its page's address (`read_urls`)


def read_urls(index: Path, linked: Linked) -> Linked:
    """`linked` with the page address of each linked fragment, read while Pagefind works (it never writes a
    file whose name exists, so these stay as they are): `settle`, which waits for Pagefind, reads only the new."""
    urls: dict[str, str | None] = {}
    for rel in linked.paths:
        if rel.startswith("fragment/"):
            with contextlib.suppress(OSError):  # read again by `settle`, which reports it
                urls[rel] = fragment_url((index / rel).read_bytes())
    return replace(linked, urls=urls)


def link_previous(previous: Path, target: Path) -> Linked:
    """Hard-link the content-named files of the index in `previous` into `target` (nothing if it is unreadable)."""
    try:
        metas = tuple(read_metas(previous))
    except _UNREADABLE:
        return Linked()
    linked: set[str] = set()
    for folder, suffix in (*_FOLDERS.items(), ("", ".pf_meta")):
        source = previous / folder
        if not source.is_dir() or source.is_symlink():
            continue
        names = [name for name in os.listdir(source) if name.endswith(suffix)]
        if names:
            (target / folder).mkdir(parents=True, exist_ok=True)
        for name in names:
            rel = f"{folder}/{name}" if folder else name
            try:
                if (source / name).is_symlink():
                    continue
                os.link(source / name, target / rel)
            except OSError:  # another file system, no hard links: Pagefind writes that file
                continue
            linked.add(rel)
    return Linked(frozenset(linked), metas)


def settle(index: Path, linked: Linked, site: Path) -> bool:
    """Remove from `index` the linked files its new metadata does not list; False if the index cannot be trusted."""
    try:
        return _settle(index, linked, site)
    except _UNREADABLE:
        return False


def _settle(index: Path, linked: Linked, site: Path) -> bool:
    new = read_metas(index)
    listed = set(_meta_names(index))
    for meta in new:
        listed |= meta.files()
    before_chunks = {path: words for meta in linked.metas for path, words in meta.chunks.items()}
    before_filters = {path: name for meta in linked.metas for path, name in meta.filters.items()}
    for meta in new:
        for path, words in meta.chunks.items():
            if path in linked.paths and before_chunks.get(path) != words:
                return False
        for path, name in meta.filters.items():
            if path in linked.paths and before_filters.get(path) != name:
                return False
    fragments = [path for meta in new for path in meta.fragments]
    if not _fragments_sound(index, fragments, linked, site):
        return False
    for rel in linked.paths - listed:
        (index / rel).unlink()
    return True


def read_metas(index: Path) -> list[Meta]:
    """The metadata of each language of the index in `index` (ValueError if it is not Pagefind's layout)."""
    return [_meta(index / name) for name in _meta_names(index)]


def _meta_names(index: Path) -> list[str]:
    """The metadata file of each language, as `pagefind-entry.json` names them."""
    entry = json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))
    return [f"pagefind.{_name(language['hash'])}.pf_meta" for _, language in sorted(entry["languages"].items())]


def _meta(path: Path) -> Meta:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(PREFIX):
        raise ValueError("métadonnées Pagefind sans préfixe")
    value = cbor.decode(data[len(PREFIX) :])
    pages, chunks, filters = value[1], value[2], value[3]
    return Meta(
        fragments=tuple(f"fragment/{_name(page[0])}.pf_fragment" for page in pages),
        chunks={f"index/{_name(hash_)}.pf_index": (_text(start), _text(end)) for start, end, hash_ in chunks},
        filters={f"filter/{_name(hash_)}.pf_filter": _text(name) for name, hash_ in filters},
    )


def _name(value: object) -> str:
    text = _text(value)
    if not re.fullmatch(r"[A-Za-z0-9_-]+", text):
        raise ValueError(f"nom de fichier Pagefind inattendu : {text!r}")
    return text


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("texte attendu dans les métadonnées Pagefind")
    return value


def _fragments_sound(index: Path, fragments: list[str], linked: Linked, site: Path) -> bool:
    """Every page has its own fragment, and each reused fragment is for a page the new site has."""
    if len(set(fragments)) != len(fragments):
        return False
    urls = []
    for rel in fragments:
        url = linked.urls[rel] if rel in linked.urls else fragment_url((index / rel).read_bytes())
        if url is None:
            return False
        if rel in linked.paths and not _page_exists(site, url):
            return False
        urls.append(url)
    return len(set(urls)) == len(urls)


def fragment_url(data: bytes) -> str | None:
    """The page address a compressed fragment is for (only its beginning is decompressed)."""
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, 4096)
    except zlib.error:
        return None
    match = _URL.match(head)
    return json.loads(b'"' + match.group(1) + b'"') if match else None


def _page_exists(site: Path, url: str) -> bool:
    rel = unquote(url.split("#")[0].split("?")[0]).lstrip("/")
    if ".." in Path(rel).parts:
        return False
    path = site / rel
    return (path / "index.html").is_file() if url.endswith("/") or not rel else path.is_file()
