"""The web editor: Decap CMS under /admin/, configured from the content model.

Editors who never open a terminal write in their browser. The editor's
configuration (`/admin/config.yml`) is generated from `schema.SCHEMAS`, so
each collection, field, required key, list of values and reference to a
métier is the one the build validates. Decap CMS itself is installed with
npm (`npm install decap-cms`) and copied from `node_modules/` into the
output at build time: the site never loads it from a CDN. Without it,
/admin/ says in French how to install it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .config import SiteConfig
from .images import FOLDER as IMAGES_FOLDER
from .images import URL_PREFIX as IMAGES_URL
from .pagespec import PageSpec
from .schema import SCHEMAS, URL_RE, Field

DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"
LOCAL_BACKEND_PORT = 8081
COLLECTION_LABELS = {
    "metiers": ("Métiers", "Métier"),
    "temoignages": ("Témoignages", "Témoignage"),
    "evenements": ("Événements", "Événement"),
    "pages": ("Pages", "Page"),
    "formations": ("Formations", "Formation"),
}
# A slug field names a métier, except these, which name a certification of content/formations/.
RELATION_TARGETS = {"certifications": "formations", "depuis": "formations"}
_DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY", "time_format": False}
_WHEN_RE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?$"


def _options(spec: Field) -> list[dict[str, str]]:
    """The select options of an enum field: each code with the French label its vocabulary declares."""
    names = spec.labels or {}
    return [{"label": str(names.get(c, c)), "value": c} for c in spec.choices]


def _relation(multiple: bool, name: str = "") -> dict[str, Any]:
    return {
        "widget": "relation",
        "collection": RELATION_TARGETS.get(name, "metiers"),
        "value_field": "{{slug}}",
        "search_fields": ["titre"],
        "display_fields": ["titre"],
        "multiple": multiple,
    }


def _left_optional(field: dict[str, Any]) -> dict[str, Any]:
    """A field of an optional group, as the editor shows it: nothing required.

    Decap checks the required fields of an object even when the whole optional
    object is left empty (a métier with no `experience_requise`), and then
    refuses to save. `check` still reports a group half filled in, at its line.
    """
    out = {**field, "required": False}
    if out.get("multiple") or out.get("widget") == "list":
        out.pop("min", None)
    if "fields" in out:
        out["fields"] = [_left_optional(f) for f in out["fields"]]
    return out


def widget(spec: Field) -> dict[str, Any]:
    """The Decap field of one schema field: widget, hint, required, values, pattern."""
    out: dict[str, Any] = {"label": spec.label, "name": spec.name, "hint": spec.doc}
    out["required"] = spec.required
    kind = spec.kind
    if spec.name == "image":
        out.update(widget="image", choose_url=False, media_library={"config": {"multiple": False}})
    elif kind == "text":
        out["widget"] = "text" if spec.max_length and spec.max_length >= 200 else "string"
    elif kind == "bool":
        out["widget"] = "boolean"
        if spec.default is not None:  # `gratuit` has none: unknown, not « no »
            out["default"] = spec.default
    elif kind in ("int", "number"):
        out.update(widget="number", value_type="int" if kind == "int" else "float")
        if spec.minimum is not None:
            out["min"] = spec.minimum
        if spec.maximum is not None:
            out["max"] = spec.maximum
    elif kind == "date":
        out.update(_DATE)
    elif kind == "when":
        out.update(widget="string", pattern=[_WHEN_RE, "AAAA-MM-JJ, ou AAAA-MM-JJTHH:MM pour une heure"])
    elif kind == "enum":
        out.update(widget="select", options=_options(spec))
        if spec.default is not None:
            out["default"] = spec.default
    elif kind == "slug":
        out.update(_relation(multiple=False, name=spec.name))
    elif kind == "url":
        out.update(widget="string", pattern=[URL_RE, "une adresse complète qui commence par https://"])
    elif kind == "mapping":
        inner = [widget(f) for f in spec.fields]
        out.update(widget="object", fields=inner if spec.required else [_left_optional(f) for f in inner])
    elif kind == "list":
        assert spec.item is not None
        item = spec.item
        if item.kind == "enum":
            out.update(widget="select", multiple=True, options=_options(item))
        elif item.kind == "slug":
            out.update(_relation(multiple=True, name=spec.name))
        elif item.kind == "mapping":
            out.update(widget="list", fields=[widget(f) for f in item.fields])
        else:
            out.update(widget="list", field=widget(item))
        if spec.non_empty:
            out["min"] = 1
        elif spec.required:  # written even when left empty
            out["default"] = []
    else:  # a new kind in schema/fields.py needs its widget here: fail the build's tests, not the editor
        raise ValueError(f"pas de champ d'éditeur pour le type « {kind} » ({spec.name})")
    # The image widget holds a media-library value while editing: the build checks the final path instead.
    if spec.pattern and "pattern" not in out and out.get("widget") != "image":
        out["pattern"] = [spec.pattern, spec.pattern_hint or spec.doc]
    return out


def _collection(name: str, fields: Iterable[Field]) -> dict[str, Any]:
    plural, singular = COLLECTION_LABELS.get(name, (name.replace("-", " ").capitalize(),) * 2)
    return {
        "name": name,
        "label": plural,
        "label_singular": singular,
        "folder": f"content/{name}",
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "slug": "{{titre}}",
        "identifier_field": "titre",
        "summary": "{{titre}}",
        "sortable_fields": ["titre"],
        "fields": [
            *(widget(f) for f in fields),
            {"label": "Texte", "name": "body", "widget": "markdown", "required": False},
        ],
    }


def backend(config: SiteConfig) -> dict[str, Any]:
    """Where the editor saves: the Git host of `site.yaml`'s `editeur`, else only the local server."""
    host = config.editeur
    if not host:
        return {"name": "proxy", "proxy_url": f"http://localhost:{LOCAL_BACKEND_PORT}/api/v1", "branch": "main"}
    out: dict[str, Any] = {"name": host["hebergeur"], "repo": host["depot"], "branch": host["branche"] or "main"}
    address = (host.get("adresse") or "").rstrip("/")
    if host["hebergeur"] == "github":
        if address:  # the OAuth server that signs editors in with their GitHub account
            out["base_url"] = address
        return out
    if host.get("app_id"):  # GitLab signs editors in itself (PKCE): no server needed
        out.update(auth_type="pkce", app_id=host["app_id"])
    if address:  # a self-hosted GitLab
        out.update(base_url=address, api_root=f"{address}/api/v4", auth_endpoint="oauth/authorize")
    return out


class _Dumper(yaml.SafeDumper):
    """Quotes every string made of digits (« 08 »): Decap reads YAML 1.2, where a bare 08 is the number 8."""


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "'" if re.fullmatch(r"[-+]?[0-9][0-9._:]*", value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _string)


def editor_config(config: SiteConfig) -> str:
    """/admin/config.yml: Decap CMS's settings, one collection per content folder."""
    data = {
        "backend": backend(config),
        "local_backend": True,
        "locale": "fr",
        "site_url": config.url,
        "display_url": config.url,
        "media_folder": IMAGES_FOLDER.as_posix(),
        "public_folder": IMAGES_URL.rstrip("/"),
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [_collection(name, fields) for name, fields in SCHEMAS.items()],
    }
    head = "# Généré par Passerelles à partir de passerelles/schema/ : ne pas modifier à la main.\n"
    return head + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


def decap_files(roots: Iterable[Path]) -> dict[str, Path]:
    """Decap CMS's script, its chunks and licence, from the first `node_modules` that has them."""
    for root in roots:
        dist = root / DECAP_DIST
        if (dist / "decap-cms.js").is_file():
            names = sorted(p for p in dist.iterdir() if p.name.endswith(("decap-cms.js", ".wasm")))
            names.append(dist / "decap-cms.js.LICENSE.txt")
            return {f"admin/{p.name}": p for p in names if p.is_file()}
    return {}


def admin_page(config: SiteConfig, installed: bool) -> str:
    """/admin/index.html: the editor's page, kept out of search engines."""
    title = html.escape(f"Éditeur en ligne — {config.titre}")
    if installed:
        body = (
            "<noscript><p>L'éditeur en ligne a besoin de JavaScript : activez-le, "
            "ou modifiez les fichiers de content/ dans un éditeur de texte.</p></noscript>\n"
            f'<script src="{html.escape(urlsplit(config.url).path.rstrip("/"))}/admin/decap-cms.js"></script>\n'
        )
    else:
        body = (
            "<main>\n<h1>L'éditeur en ligne n'est pas installé</h1>\n"
            "<p>Dans le dossier du site, lancez « npm install decap-cms » puis reconstruisez le site : "
            "l'éditeur sera copié ici. Le guide de rédaction explique comment l'utiliser.</p>\n</main>\n"
        )
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f"<title>{title}</title>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


def admin_pages(config: SiteConfig, installed: bool) -> list[PageSpec]:
    """The editor's page and configuration; never in the sitemap."""
    return [
        PageSpec("/admin/", content=admin_page(config, installed).encode(), sitemap=False),
        PageSpec("/admin/config.yml", content=editor_config(config).encode(), sitemap=False),
    ]
