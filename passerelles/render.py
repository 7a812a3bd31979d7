"""The Jinja environment and the rendering of every PageSpec to bytes.

Templates get a small explicit context plus a few globals (`site`, the
settings; `build_date`; `page_url`, the URL being rendered) and run under
StrictUndefined, so a typo in a template fails the build instead of printing
nothing. Links in templates go through the `u` filter (`{{ '/metiers/'|u }}`)
so the site also works when published below a sub-path; the address of a
page of some kind comes from `url_for('parcours', m.slug)` (see `urls.py`),
and the codes of a vocabulary from `codes('lieux')`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from . import labels
from .csp import policy
from .departs import DEPARTS
from .errors import BuildError, ContentError
from .jinjafr import french
from .markup import typo
from .pagespec import PageSpec
from .parallel import fork_map
from .paths import REFUSED_LINK, inside
from .reuse import PageReuse, Read
from .site import Site
from .urls import url_for

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
PARALLEL_FROM = 200  # pages to render before forking pays (a fork and a template compile per process)
_TABLES: Mapping[str, Mapping[Any, str]] = {
    "lieux": labels.LIEUX,
    "lieux_courts": labels.LIEUX_COURTS,
    "publics_metier": labels.PUBLICS_METIER,
    "niveaux_acces": labels.NIVEAUX_ACCES,
    "voies": labels.VOIES,
    "voies_courtes": labels.VOIES_COURTES,
    "types_evenement": labels.TYPES_EVENEMENT,
    "departements": labels.DEPARTEMENTS,
    "publics_evenement": labels.PUBLICS_EVENEMENT,
    "employeurs": labels.EMPLOYEURS,
}


def label(value: Any, table: str) -> str:
    """The French label of a content-model code, e.g. `'vae'|label('voies')`."""
    return _TABLES[table].get(value, str(value))


class TemplateRefused(jinja2.TemplateError):
    """A template file that is a symbolic link to somewhere outside the project."""


class ContainedLoader(jinja2.FileSystemLoader):
    """Templates from the search path, refusing symbolic links that lead outside the allowed folders."""

    def __init__(self, searchpath: list[str], allowed: list[Path]):
        super().__init__(searchpath)
        self.allowed = allowed

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        if not any(inside(root, Path(filename)) for root in self.allowed):
            raise TemplateRefused(template)
        return source, filename, uptodate


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, its verdict on an attribute remembered by the object's type and the name.

    Every check `is_safe_attribute` makes depends on nothing else (jinja2.sandbox: the name, and
    `isinstance` tests of the object); it was a fifth of the rendering time, asked again for every access.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._verdicts: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._verdicts[key] = super().is_safe_attribute(obj, attr, value)
        return verdict


def make_environment(site: Site, extra_dirs: Iterable[Path] = ()) -> jinja2.Environment:
    """A sandboxed Jinja environment for one build: the source's own templates first, then the defaults.

    Templates can come from a contributor's pull request, so they run in
    Jinja's immutable sandbox: no access to Python internals, no mutation.
    """
    search = [d for d in (site.root / "templates", *extra_dirs, TEMPLATES) if d.is_dir()]
    env = _Sandbox(
        loader=ContainedLoader([str(d) for d in dict.fromkeys(search)], [site.root, *extra_dirs, TEMPLATES]),
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    base_path = urlsplit(site.config.url).path.rstrip("/")
    env.filters.update(
        u=lambda path: base_path + path,
        absolute=site.config.absolute,
        typo=typo,
        label=label,
        niveau_rncp=labels.niveau_rncp,
        date_fr=labels.date_fr,
        when_fr=labels.when_fr,
        iso_when=labels.iso_when,
        join_fr=labels.join_fr,
        euros=labels.euros,
        salaire_fr=labels.salaire_fr,
        lcfirst=labels.lcfirst,
        tojson_compact=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
    )
    env.globals.update(
        site=site.config,
        build_date=site.build_date,
        full_site=site,
        csp=policy(site.config),
        url_for=lambda kind, slug="": base_path + url_for(kind, slug),
        codes=lambda table: tuple(_TABLES[table]),
        departs=DEPARTS,
    )
    return env


def _template_place(exc: BaseException, fallback: str, searchpath: Iterable[str]) -> tuple[str, int]:
    """The template file and line of a runtime error, from the traceback Jinja rewrites to point at templates.

    The innermost template frame is the one at fault: a typo in base.html is
    reported in base.html, not in the page template that extends it.
    """
    place = (f"templates/{fallback}", 1)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt", ".svg", ".json")):
            for folder in searchpath:
                if filename.startswith(folder.rstrip("/") + "/"):
                    place = ("templates/" + Path(filename).relative_to(folder).as_posix(), tb.tb_lineno)
        tb = tb.tb_next
    return place


def _diagnose(
    exc: Exception, template: str, searchpath: Iterable[str], filters: Iterable[str] = ()
) -> tuple[str, int, str]:
    """(file, line, message with « {where} » for the pages) of a template failure, in French."""
    if isinstance(exc, TemplateRefused):
        return f"templates/{exc.message}", 1, REFUSED_LINK
    if isinstance(exc, jinja2.TemplateSyntaxError):
        message = french(exc.message or "", filters)
        return f"templates/{exc.name or template}", exc.lineno or 1, f"gabarit invalide : {message}"
    path, line = _template_place(exc, template, searchpath)
    if isinstance(exc, SecurityError):
        return path, line, f"gabarit refusé pour {{where}} : il tente d'accéder à l'intérieur de Python ({exc})"
    if isinstance(exc, jinja2.UndefinedError):
        return path, line, f"variable inconnue dans le gabarit ({french(exc.message or '')}) pour {{where}}"
    if isinstance(exc, jinja2.TemplateError):  # a missing template, a runtime error raised by a template
        return path, line, f"gabarit en erreur pour {{where}} : {exc}"
    # 1 / 0 or a failing call inside an expression: the template's own error
    return path, line, f"gabarit en erreur pour {{where}} : calcul ou appel impossible ({type(exc).__name__})"


def _pages(urls: list[str]) -> str:
    return urls[0] if len(urls) == 1 else f"{len(urls)} pages (dont {urls[0]})"


Outcome = tuple[bytes | None, tuple[str, int, str] | None, list[Read] | None]  # page, or failure; its reads


def render_pages(
    env: jinja2.Environment, specs: Iterable[PageSpec], reuse: PageReuse | None = None
) -> dict[str, bytes]:
    """Render every spec; each distinct template error is reported once, at its template line, with its pages.

    With `reuse` (reuse.py), a page whose inputs did not change since an earlier build is taken from
    there; the others are rendered on every core when there are many (a cold build, see parallel.py).
    """
    files: dict[str, bytes] = {}
    failures: dict[tuple[str, int, str], list[str]] = {}
    keyed = [(spec, reuse.key(spec) if reuse is not None and spec.content is None else None) for spec in specs]
    kept = reuse.reuse(key for _, key in keyed if key is not None) if reuse is not None else {}
    todo: list[tuple[PageSpec, str | None]] = []
    for spec, key in keyed:
        if spec.content is not None:
            files[spec.output_path] = spec.content
        elif key is not None and key in kept:
            files[spec.output_path] = kept[key]
        else:
            todo.append((spec, key))
    for name in sorted({spec.template for spec, _ in todo if spec.template is not None}):
        try:
            env.get_template(name)  # compiled once here, not once in every forked copy
        except Exception:  # reported with the page that renders it
            continue
    outcomes = fork_map(partial(_render_one, env, reuse), [spec for spec, _ in todo], min_items=PARALLEL_FROM)
    for (spec, key), (page, failure, reads) in zip(todo, outcomes, strict=True):
        if page is None:
            assert failure is not None
            failures.setdefault(failure, []).append(spec.url)
            continue
        files[spec.output_path] = page
        if reuse is not None and key is not None and reads is not None:
            reuse.keep(key, reads, page)
    if failures:
        raise BuildError(
            ContentError(path, line, message.replace("{where}", _pages(urls)))
            for (path, line, message), urls in failures.items()
        )
    return files


def _render_one(env: jinja2.Environment, reuse: PageReuse | None, spec: PageSpec) -> Outcome:
    """One page's bytes and what it read, or its failure diagnosed (in a forked copy too: never raises)."""
    assert spec.template is not None
    recorder = reuse.start() if reuse is not None else None
    try:
        html = env.get_template(spec.template).render(page_url=spec.url, **spec.context)
    except Exception as exc:  # every failure of a template becomes a message at its line, never a traceback
        searchpath = getattr(env.loader, "searchpath", [])
        return None, _diagnose(exc, spec.template, searchpath, env.filters), None
    return html.encode("utf-8"), None, recorder.reads if recorder is not None and recorder.complete else None
