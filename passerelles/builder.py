"""The two phases of a build: load everything, then render and write.

`check` stops after phase one. Every URL is claimed by exactly one page:
two claims are reported before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import feeds, opendata, pages, pathways
from .csp import headers_file
from .errors import BuildError, ContentError
from .pagespec import PageSpec
from .paths import output_path
from .render import make_environment, render_pages
from .search import index_search
from .site import Site, load_site
from .writer import check_output, collect_static, write_site

STATIC = Path(__file__).resolve().parent.parent / "static"


@dataclass(frozen=True)
class BuildResult:
    site: Site
    files: int


def all_specs(site: Site) -> list[PageSpec]:
    """Every output file of the site, HTML pages first."""
    html = pages.core_pages(site) + pathways.pathway_pages(site)
    base_path = urlsplit(site.config.url).path.rstrip("/")
    headers = PageSpec("/_headers", content=headers_file(site.config, [base_path + s.url for s in html]), sitemap=False)
    return html + feeds.feed_pages(site, html) + opendata.opendata_pages(site) + [headers]


def _origins(site: Site) -> dict[str, tuple[str, int]]:
    """Which content file (and line) asks for each output path: its page, or an alias."""
    found: dict[str, tuple[str, int]] = {}
    for entry in site.entries:
        found[PageSpec(entry.url).output_path] = (entry.source, 1)
        for i, alias in enumerate(entry.alias):
            found[PageSpec(alias).output_path] = (entry.source, site.lines.get(entry.source, {}).get(("alias", i), 1))
    return found


def check_collisions(site: Site, specs: list[PageSpec], static: dict[str, Path]) -> None:
    """Every output path is safe, and two pages (or a page and a static file) never claim one path.

    Errors name the content file and line that asked for the path (or the
    static file), so `check` points editors at what to change.
    """
    origins = _origins(site)
    errors: list[ContentError] = []

    def where(path: str) -> tuple[str, int]:
        if path in static and path not in origins:
            return f"static/{path}", 1
        return origins.get(path, (path, 1))

    claims = Counter([s.output_path for s in specs] + list(static))
    for path in sorted(claims):
        if output_path(path) is None:
            errors.append(ContentError(*where(path), f"adresse refusée ({path}) : segments « . » ou « .. » interdits"))
        elif claims[path] > 1:
            url = "/" + path.removesuffix("index.html")
            if path in static and path not in origins:
                message = f"ce fichier remplacerait {url}, que le site produit déjà ; renommez-le ou retirez-le"
            elif path in static:
                message = f"l'adresse {url} est aussi un fichier de static/ (static/{path}) ; changez l'une des deux"
            else:
                message = f"l'adresse {url} est déjà produite par une autre page du site ; choisissez-en une autre"
            errors.append(ContentError(*where(path), message))
    files = set(claims)
    for path in sorted(files):
        parts = path.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder in files:
                errors.append(
                    ContentError(*where(folder), f"le fichier {folder} porte le nom d'un dossier du site ({path})")
                )
    if errors:
        raise BuildError(dict.fromkeys(errors))


def static_files(site: Site) -> dict[str, Path]:
    """The default static files, overridden by the source's own `static/`."""
    return collect_static([STATIC, site.root / "static"], site.root)


def render_site(site: Site, static: dict[str, Path] | None = None) -> dict[str, bytes]:
    """Phase two without the disk: every output file as bytes (used by tests too)."""
    specs = all_specs(site)
    check_collisions(site, specs, static_files(site) if static is None else static)
    return render_pages(make_environment(site), specs)


def build(
    source: Path, output: Path, build_date: dt.date, drafts: bool = False, search: bool = True, strict: bool = False
) -> BuildResult:
    """Load, validate, render and atomically write the site; raise BuildError on any problem.

    `strict` makes warnings fatal (for CI); `search=False` skips the Pagefind
    index (fast fixture builds in tests).
    """
    check_output(output, source)
    site = load_site(source, build_date, drafts)
    if strict and site.warnings:
        raise BuildError(site.warnings)
    static = static_files(site)
    files = render_site(site, static)
    write_site(output, files, static, index_search if search else None)
    return BuildResult(site, len(files) + len(static))
