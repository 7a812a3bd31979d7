"""The two phases of a build: load everything, then render and write.

`check` stops after phase one. Every URL is claimed by exactly one page:
two claims are reported before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import feeds, formations, opendata, pages, pathways
from .errors import BuildError, ContentError
from .pagespec import PageSpec
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
    html = pages.core_pages(site) + pathways.pathway_pages(site) + formations.formation_pages(site)
    return html + feeds.feed_pages(site, html) + opendata.opendata_pages(site)


def check_collisions(specs: list[PageSpec], static: dict[str, Path]) -> None:
    """Two pages (or a page and a static file) must never claim one URL."""
    claims = Counter([s.output_path for s in specs] + list(static))
    clashes = sorted(path for path, count in claims.items() if count > 1)
    if clashes:
        raise BuildError(
            [
                ContentError(path, 1, "deux pages produisent le même fichier ; renommez l'une d'elles")
                for path in clashes
            ]
        )


def static_files(site: Site) -> dict[str, Path]:
    """The default static files, overridden by the source's own `static/`."""
    return collect_static([STATIC, site.root / "static"])


def render_site(site: Site, static: dict[str, Path] | None = None) -> dict[str, bytes]:
    """Phase two without the disk: every output file as bytes (used by tests too)."""
    specs = all_specs(site)
    check_collisions(specs, static_files(site) if static is None else static)
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
