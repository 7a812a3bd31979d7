"""Open data: the validated content as JSON, with the JSON Schema of each collection.

Partners (schools, employment services, other départements) reuse the
métiers and events without scraping the HTML.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from .departs import DEPARTS
from .labels import iso_when
from .models import Entry, Evenement
from .pagespec import PageSpec
from .schema import SCHEMAS, json_schema
from .site import Site
from .sitememo import Memo, direct
from .steps import Route
from .timeutil import PARIS

_HIDDEN = {"body", "toc", "brouillon", "source", "collection"}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name not in _HIDDEN}
    if isinstance(value, dt.datetime):
        return value.astimezone(PARIS).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def record(site: Site, entry: Entry) -> dict[str, Any]:
    """One entry as plain JSON data, with its absolute URL and its HTML body."""
    data = _plain(entry)
    data["url"] = site.config.absolute(entry.url)
    data["contenu_html"] = str(entry.body)
    return data


_INT = {"type": "integer", "minimum": 0}
_MAX = {"type": ["integer", "null"], "minimum": 0, "description": "null : durée la plus longue inconnue"}
PARCOURS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "parcours",
    "type": "object",
    "required": ["source", "editeur", "date", "parcours"],
    "properties": {
        "source": {"type": "string"},
        "editeur": {"type": "string"},
        "date": {"type": "string", "format": "date"},
        "parcours": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["metier", "depart", "chemins"],
                "properties": {
                    "metier": {"type": "string", "description": "nom de la fiche métier"},
                    "depart": {"type": "string", "enum": [d.slug for d in DEPARTS]},
                    "chemins": {
                        "type": "array",
                        "description": "du plus court au plus long",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["duree_min_mois", "duree_max_mois", "etapes"],
                            "properties": {
                                "duree_min_mois": _INT,
                                "duree_max_mois": _MAX,
                                "etapes": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "additionalProperties": False,
                                        "required": ["type", "titre", "duree_min_mois", "duree_max_mois", "conditions"],
                                        "properties": {
                                            "type": {"enum": ["formation", "experience", "attente", "metier"]},
                                            "slug": {"type": "string"},
                                            "titre": {"type": "string"},
                                            "duree_min_mois": _INT,
                                            "duree_max_mois": _MAX,
                                            "conditions": {"type": "string"},
                                            "equivalents": {"type": "array", "items": {"type": "string"}},
                                            "aides": {
                                                "type": "array",
                                                "items": {"type": "string"},
                                                "description": "pages du site qui aident (financement…)",
                                            },
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


def route_record(site: Site, route: Route) -> dict[str, Any]:
    """One route as open data: the same steps and durations as the pages."""
    steps = []
    for step in route.steps:
        data: dict[str, Any] = {
            "type": step.type,
            "titre": step.titre,
            "duree_min_mois": step.duree_min,
            "duree_max_mois": step.duree_max,
            "conditions": step.conditions,
        }
        if step.slug:
            data["slug"] = step.slug
        if step.autres:
            data["equivalents"] = list(step.autres)
        if step.liens:
            data["aides"] = [site.config.absolute(f"/{slug}/") for slug in step.liens]
        steps.append(data)
    return {"duree_min_mois": route.duree_min, "duree_max_mois": route.duree_max, "etapes": steps}


def _dump(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def opendata_pages(site: Site, memo: Memo | None = None) -> list[PageSpec]:
    """/donnees/metiers.json, evenements.json, formations.json, parcours.json and their schemas.

    Each file is made by a function of its own, given to `memo` (sitememo.py): an edit makes again only the
    files whose reads changed (a métier's text: metiers.json, not the 860 events of evenements.json)."""
    made = memo or direct(site)
    return [
        made("donnees-metiers", _metiers_file),
        made("donnees-evenements", _evenements_file),
        made("donnees-formations", _formations_file),
        made("donnees-parcours", _parcours_file, tuple(m.slug for m in site.metiers)),
        *made("donnees-schemas", _schema_files),
    ]


def _meta(site: Site) -> dict[str, Any]:
    return {"source": site.config.url, "editeur": site.config.organisation, "date": site.build_date.isoformat()}


def _metiers_file(site: Site) -> PageSpec:
    metiers = []
    for metier in site.metiers:
        data = record(site, metier)
        data["accessible_depuis"] = [e.source for e in site.graph.predecessors(metier.slug)]
        metiers.append(data)
    return PageSpec("/donnees/metiers.json", content=_dump({**_meta(site), "metiers": metiers}), sitemap=False)


def _evenements_file(site: Site) -> PageSpec:
    evenements = []
    for event in site.evenements:
        data = record(site, event)
        data["passe"] = event.is_past(site.build_date)
        evenements.append(data)
    return PageSpec("/donnees/evenements.json", content=_dump({**_meta(site), "evenements": evenements}), sitemap=False)


def _formations_file(site: Site) -> PageSpec:
    formations = [record(site, c) for c in site.formations]
    return PageSpec("/donnees/formations.json", content=_dump({**_meta(site), "formations": formations}), sitemap=False)


def _parcours_file(site: Site, metiers: tuple[str, ...]) -> PageSpec:
    """The routes of every métier (`metiers`: their names, in the site's order) from every starting point."""
    parcours = [
        {
            "metier": metier,
            "depart": depart.slug,
            "chemins": [route_record(site, r) for r in site.parcours.of(metier, depart.slug)],
        }
        for metier in metiers
        for depart in DEPARTS
    ]
    return PageSpec("/donnees/parcours.json", content=_dump({**_meta(site), "parcours": parcours}), sitemap=False)


def _schema_files(site: Site) -> list[PageSpec]:
    specs = [
        PageSpec(f"/donnees/schemas/{name}.json", content=_dump(json_schema(name)), sitemap=False) for name in SCHEMAS
    ]
    specs.append(PageSpec("/donnees/schemas/parcours.json", content=_dump(PARCOURS_SCHEMA), sitemap=False))
    return specs


def event_jsonld(site: Site, event: Evenement) -> str:
    """schema.org Event markup, so that search engines can list job datings and forums.

    Returned as JSON safe to place inside <script type="application/ld+json">.
    """
    online = "https://schema.org/OnlineEventAttendanceMode"
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.titre,
        "description": event.resume,
        "url": site.config.absolute(event.url),
        "startDate": iso_when(event.debut, event.precision_date),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": online if event.en_ligne else "https://schema.org/OfflineEventAttendanceMode",
        "organizer": {"@type": "Organization", "name": event.organisateur},
        "inLanguage": "fr",
    }
    if event.fin is not None:
        data["endDate"] = iso_when(event.fin, event.precision_date)
    if event.en_ligne:
        data["location"] = {"@type": "VirtualLocation", "url": event.inscription or site.config.absolute(event.url)}
    elif event.lieu is not None:
        address = {"@type": "PostalAddress", "addressLocality": event.lieu.commune, "addressCountry": "FR"}
        if event.lieu.adresse:
            address["streetAddress"] = event.lieu.adresse
        if event.lieu.code_postal:
            address["postalCode"] = event.lieu.code_postal
        data["location"] = {"@type": "Place", "name": event.lieu.nom, "address": address}
    if event.gratuit is not None:
        data["isAccessibleForFree"] = event.gratuit
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
