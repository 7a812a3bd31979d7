"""The two phases of a build: load everything, then render and write.

`check` stops after phase one. Every URL is claimed by exactly one page:
two claims are reported before anything is written.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import cms, feeds, formations, glossary, opendata, pages, pathways, quiz
from .cache import DiskCache, MemoryBytecode
from .csp import headers_file
from .embed import fit_frames, frame_height
from .errors import BuildError, ContentError
from .fiche import split_body, training_facts
from .htmltext import french_typography
from .illustrations import inline_svg
from .images import Picture, gallery_outputs, render_images, scan
from .links import BodyLinks, check_links
from .loading import BODY_LINKS
from .pagespec import PageSpec
from .parallel import fork_map
from .paths import output_path, unlinked
from .render import PARALLEL_FROM, make_environment, render_pages
from .reuse import page_reuse
from .search import Early, start_early, start_index
from .share import render_share_images, share_cards
from .site import Site, load_site
from .sitememo import SiteMemo
from .writer import (
    SEARCH_FOLDER,
    FolderAhead,
    NextFolder,
    check_output,
    collect_static,
    published_folder,
    write_site,
)

STATIC = Path(__file__).resolve().parent.parent / "static"


@dataclass(frozen=True)
class BuildResult:
    site: Site
    files: int


def all_specs(site: Site) -> list[PageSpec]:
    """Every output file of the site, HTML pages first."""
    html = (
        pages.core_pages(site)
        + pathways.pathway_pages(site)
        + formations.formation_pages(site)
        + quiz.quiz_pages(site)
        + glossary.glossary_pages()
    )
    base_path = urlsplit(site.config.url).path.rstrip("/")
    headers = PageSpec("/_headers", content=headers_file(site.config, [base_path + s.url for s in html]), sitemap=False)
    memo = SiteMemo(site)  # what an edit seldom changes is kept from the previous build (or preview's rebuild)
    editor = memo("editeur", _editor_pages, bool(editor_files(site)))
    calendars = memo if memo.lasting else None  # a build keeps each event's VEVENT instead (feeds.vevents)
    data = opendata.opendata_pages(site, memo)
    return html + feeds.feed_pages(site, html, calendars) + data + editor + [headers]


def _editor_pages(site: Site, installed: bool) -> list[PageSpec]:
    return cms.admin_pages(site.config, installed)


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


def editor_files(site: Site) -> dict[str, Path]:
    """Decap CMS's files for /admin/, from the source's `node_modules/` or the engine's."""
    return cms.decap_files([site.root, STATIC.parent])


def static_files(site: Site) -> dict[str, Path]:
    """The default static files, overridden by the source's own `static/`; the web editor's script."""
    return {**collect_static([STATIC, site.root / "static"], site.root), **editor_files(site)}


def render_site(
    site: Site, static: dict[str, Path] | None = None, pictures: dict[str, Picture] | None = None
) -> dict[str, bytes]:
    """Phase two without the disk: every page as bytes (used by tests too); images are made apart."""
    specs = all_specs(site)
    pictures = scan(site.root)[0] if pictures is None else pictures
    shares = share_cards(site, [s.url for s in specs])
    made = {**gallery_outputs(pictures), **{c.output_path: site.root for c in shares.values()}}
    check_collisions(site, specs, {**(static_files(site) if static is None else static), **made})
    env = make_environment(site)
    if site.cache is not None:
        env.bytecode_cache = site.cache.memo.setdefault("gabarits", MemoryBytecode(site.cache))
    env.globals["picture"] = pictures.get
    env.globals.update(pictogram=inline_svg, split_body=split_body, training_facts=training_facts)
    env.globals["share_image"] = lambda url: shares[url].url if url in shares else None
    reuse = page_reuse(env, site, site.cache)
    return finish_pages(fit_frames(render_pages(env, specs, reuse), _measure(site.cache)), site.cache)


def _measure(cache: DiskCache | None) -> Callable[[bytes], int] | None:
    """An embed's frame height, remembered by the embed's bytes."""
    if cache is None:
        return None

    def measure(embed: bytes) -> int:
        key = cache.key("hauteur", hashlib.sha256(embed).hexdigest())
        return int(cache.remember(key, lambda: frame_height(embed.decode("utf-8")), _is_int))

    return measure


def _is_int(value: object) -> bool:
    return isinstance(value, int)


def verify(site: Site, files: dict[str, bytes], static: dict[str, Path], pictures: dict[str, Picture]) -> None:
    """Fail (with the warnings, so nothing is lost) on a broken link, anchor or image of an editor."""
    made = {url: picture.outputs for url, picture in pictures.items()}
    links = None
    if site.cache is not None:  # bodies' links found when loading; the preview's also those of its last rebuild
        links = BodyLinks(site.cache.memo.get("liens"), site.cache.memo.get(BODY_LINKS, {}))
        if site.cache.lasting:
            site.cache.memo["liens"] = links
    errors = check_links(site.root, site.entries, files, static, made, links)
    if errors:
        raise BuildError(errors + list(site.warnings))


def prepare(site: Site) -> tuple[dict[str, Path], dict[str, Picture], dict[str, bytes]]:
    """Static files, checked images and rendered pages, with every link verified."""
    static = static_files(site)
    pictures, problems = scan(site.root)
    if problems:
        raise BuildError(problems + list(site.warnings))
    files = render_site(site, static, pictures)
    verify(site, files, static, pictures)
    return static, pictures, files


def work_cache(source: Path, enabled: bool = True, lasting: bool = False) -> DiskCache | None:
    """The persistent cache of converted bodies and QR codes, in the source's git-ignored `.cache/`;
    `lasting` for the preview's, used by every rebuild."""
    if not enabled:
        return None
    # `.cache` or `.cache/calculs` committed as a link: remembered in memory only, nothing written or pruned there.
    return DiskCache(unlinked(source, ".cache", "calculs"), lasting=lasting)


def check(source: Path, build_date: dt.date, drafts: bool = False, cache: bool = True) -> Site:
    """Phase one, plus an in-memory render so that links are checked against the real pages."""
    site = load_site(source, build_date, drafts, work_cache(source, cache))
    prepare(site)
    return site


def _finish(data: bytes) -> bytes:
    return french_typography(data.decode("utf-8")).encode("utf-8")  # bytes: a str of French text is twice as big


def finish_pages(files: dict[str, bytes], cache: DiskCache | None = None) -> dict[str, bytes]:
    """French spacing in every text of every HTML page, the templates' own words included.

    With a `cache`, a page rendered to the same bytes as in the previous
    rebuild (the preview's memory) or an earlier build (on disk) is not redone;
    the others are done on every core when there are many (parallel.py).
    """
    memo = cache.memo if cache is not None else None
    before: dict[bytes, bytes] = memo.get("pages", {}) if memo is not None else {}  # by digest of the page
    digests = {path: hashlib.sha256(data).digest() for path, data in files.items() if path.endswith(".html")}
    done: dict[bytes, bytes] = {digest: before[digest] for digest in digests.values() if digest in before}
    if cache is not None:
        keys = {cache.key("page", digest.hex()): digest for digest in digests.values() if digest not in done}
        done.update((keys[key], page) for key, page in cache.get_objects(keys).items() if isinstance(page, bytes))
    todo = {digest: files[path] for path, digest in digests.items() if digest not in done}
    for digest, page in zip(todo, fork_map(_finish, list(todo.values()), min_items=PARALLEL_FROM), strict=True):
        done[digest] = page
        if cache is not None:
            cache.put_object(cache.key("page", digest.hex()), page)
    if memo is not None:
        memo["pages"] = done
    return {path: done[digests[path]] if path in digests else data for path, data in files.items()}


def build(
    source: Path,
    output: Path,
    build_date: dt.date,
    drafts: bool = False,
    search: bool = True,
    strict: bool = False,
    cache: bool | DiskCache = True,
    next_folder: NextFolder | None = None,
    detach: bool = False,
    early: Early | None = None,
) -> BuildResult:
    """Load, validate, render and atomically write the site; raise BuildError on any problem.

    `strict` makes warnings fatal (for CI); `search=False` skips the Pagefind
    index (fast fixture builds in tests); `cache=False` neither reads nor
    writes `.cache/calculs/` (the output is the same either way), and the
    preview server passes the same DiskCache to every rebuild so that it
    also remembers in memory; it also removes the previous output in the
    background rather than waiting for it, and gives a `next_folder`
    (writer.py) to write into; the command line makes its own while the site loads (writer.FolderAhead),
    and passes `detach`: the previous output is removed by a process that outlives the command. It also
    starts the search index's early reading of the published site (search.start_early) before it has
    imported the engine, and hands it over in `early`; otherwise the build starts it.
    """
    try:
        check_output(output, source)
    except BaseException:
        if early is not None:
            early.service.close()
        raise
    if next_folder is not None:
        return _build(source, output, build_date, drafts, search, strict, cache, next_folder, detach, early)
    ahead = FolderAhead()
    ahead.start(output.absolute())
    try:
        return _build(source, output, build_date, drafts, search, strict, cache, ahead, detach, early)
    except BaseException:
        ahead.discard()
        raise


def _remove_legacy(source: Path) -> None:
    """Cache folders that earlier versions kept (share cards, one folder each): their work is in
    `.cache/calculs` now. Only a real folder is removed, never what a link leads to."""
    legacy = unlinked(source, ".cache", "partage")
    if legacy is not None and legacy.is_dir():
        shutil.rmtree(legacy, ignore_errors=True)


def _build(
    source: Path,
    output: Path,
    build_date: dt.date,
    drafts: bool,
    search: bool,
    strict: bool,
    cache: bool | DiskCache,
    next_folder: NextFolder,
    detach: bool = False,
    early: Early | None = None,
) -> BuildResult:
    work = cache if isinstance(cache, DiskCache) else work_cache(source, cache)
    if not search and early is not None:
        early.service.close()
        early = None
    elif early is None and search:
        early = start_early(published_folder(output.absolute()))  # Pagefind reads while we render
    try:
        site = load_site(source, build_date, drafts, work)
        if strict and site.warnings:
            raise BuildError(site.warnings)
        static, pictures, files = prepare(site)
        pages = ["/" + path.removesuffix("index.html") for path in files if path.endswith("index.html")]
        shares = share_cards(site, pages)

        def images() -> dict[str, bytes]:
            """Made while the search index works on the pages (writer.write_site)."""
            folder = unlinked(source, ".cache", "images")
            if folder is None:  # a link committed in its place: made in a folder of our own, then forgotten
                with tempfile.TemporaryDirectory(prefix="passerelles-images-") as scratch:
                    made = render_images(pictures.values(), Path(scratch))
            else:
                made = render_images(pictures.values(), folder)
            made.update(render_share_images(shares, files, site.config.titre, work))
            return made

        extra = write_site(
            output,
            files,
            static,
            functools.partial(start_index, early=early) if search else None,
            keep=SEARCH_FOLDER if search else None,
            background=isinstance(cache, DiskCache),
            detach=detach,
            next_folder=next_folder,
            later=images,
        )
    finally:
        if early is not None:
            early.service.close()
        if work is not None:  # what this build made, even if it failed: the next one need not make it again
            work.flush()
    if work is not None and work is not cache:  # the preview's cache skips unchanged files: it cannot judge
        work.prune()
        _remove_legacy(source)
    return BuildResult(site, len(files) + extra + len(static))
