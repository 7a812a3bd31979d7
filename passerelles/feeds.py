"""Files for machines: sitemap, robots.txt, the Atom feed and iCalendar files.

All are deterministic: timestamps come from the build date or the content,
never from the clock.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Iterable, Mapping
from html import escape as _escape
from importlib import metadata
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

from .cache import code_fingerprint
from .labels import TYPES_EVENEMENT
from .models import Entry, Evenement
from .pagespec import PageSpec
from .parallel import fork_map
from .site import Site
from .sitememo import Memo, direct
from .timeutil import PARIS, paris_date


def escape(text: str) -> str:
    """`&`, `<` and `>` as XML entities (what `xml.sax.saxutils.escape` does, without importing its 0.015 s of
    `urllib.request`); quotes are left alone, as in the element texts and double-quoted attributes here."""
    return _escape(text, quote=False)


def _icalendar() -> ModuleType:
    """icalendar, imported only when an event's text or a calendar's frame must be made (0.05 s; a build whose
    events did not change takes both from its cache): before forking, so that the copies share it."""
    import icalendar

    return icalendar


@functools.cache
def _icalendar_version() -> str:
    return metadata.version("icalendar")


def sitemap(site: Site, specs: Iterable[PageSpec]) -> PageSpec:
    """/sitemap.xml: every indexable page, by absolute URL, sorted."""
    urls = sorted({s.url for s in specs if s.sitemap and s.url.endswith("/")})
    body = "".join(f"  <url><loc>{escape(site.config.absolute(u))}</loc></url>\n" for u in urls)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n"
    )
    return PageSpec("/sitemap.xml", content=xml.encode(), sitemap=False)


def robots(site: Site) -> PageSpec:
    """/robots.txt: everything may be crawled except embeds and the web editor; where the sitemap is."""
    sitemap = site.config.absolute("/sitemap.xml")
    text = f"User-agent: *\nDisallow: /parcours/*/embed/\nDisallow: /admin/\n\nSitemap: {sitemap}\n"
    return PageSpec("/robots.txt", content=text.encode(), sitemap=False)


def _paris_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), PARIS)


EXAMPLE_PREFIX = "Exemple : "


def public_title(entry: Entry) -> str:
    """The title as calendars and feed readers show it: invented content says so first."""
    return EXAMPLE_PREFIX + entry.titre if entry.illustratif else entry.titre


def event_summary(event: Evenement) -> str:
    """« Job dating : … », without repeating the type when the title already starts with it."""
    kind = TYPES_EVENEMENT[event.type]
    title = event.titre if event.titre.casefold().startswith(kind.casefold()) else f"{kind} : {event.titre}"
    return EXAMPLE_PREFIX + title if event.illustratif else title


def flux(site: Site) -> PageSpec:
    """/flux.xml: an Atom feed of testimonials (by publication date) and upcoming events (by start day)."""
    items = [(_paris_midnight(t.date), t.url, public_title(t), t.resume) for t in site.temoignages]
    items += [(_paris_midnight(paris_date(e.debut)), e.url, public_title(e), e.resume) for e in site.upcoming]
    items.sort(key=lambda i: (i[0], i[1]), reverse=True)
    updated = _paris_midnight(site.build_date).isoformat()
    entries = "".join(
        "  <entry>\n"
        f"    <title>{escape(title)}</title>\n"
        f'    <link href="{escape(site.config.absolute(url))}"/>\n'
        f"    <id>{escape(site.config.absolute(url))}</id>\n"
        f"    <updated>{when.isoformat()}</updated>\n"
        f"    <summary>{escape(summary)}</summary>\n"
        "  </entry>\n"
        for when, url, title, summary in items[:50]
    )
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">\n'
        f"  <title>{escape(site.config.titre)}</title>\n  <subtitle>{escape(site.config.description)}</subtitle>\n"
        f'  <link href="{escape(site.config.absolute("/flux.xml"))}" rel="self"/>\n'
        f'  <link href="{escape(site.config.url)}"/>\n  <id>{escape(site.config.url)}</id>\n'
        f"  <updated>{updated}</updated>\n  <author><name>{escape(site.config.organisation)}</name></author>\n"
        + entries
        + "</feed>\n"
    )
    return PageSpec("/flux.xml", content=xml.encode(), sitemap=False)


Fields = list[tuple[str, Any]]


def _vevent_fields(site: Site, event: Evenement) -> Fields:
    """What an event's VEVENT says, property by property: all its text depends on."""
    host = urlsplit(site.config.url).hostname or "passerelles"
    fields: Fields = [
        ("uid", f"{event.slug}@{host}"),
        ("dtstamp", _paris_midnight(site.build_date).astimezone(dt.UTC)),
        ("summary", event_summary(event)),
        ("description", f"{event.resume}\n\n{site.config.absolute(event.url)}"),
        ("url", site.config.absolute(event.url)),
    ]
    if isinstance(event.debut, dt.datetime):
        fields.append(("dtstart", event.debut.astimezone(dt.UTC)))
        end = event.fin if isinstance(event.fin, dt.datetime) else None
        if end is not None:
            fields.append(("dtend", end.astimezone(dt.UTC)))
    else:
        fields.append(("dtstart", event.debut))
        # iCalendar all-day ends are exclusive: the day after the last day.
        fields.append(("dtend", event.last_day + dt.timedelta(days=1)))
    if event.en_ligne:
        fields.append(("location", "En ligne"))
    elif event.lieu is not None:
        parts = [
            event.lieu.nom,
            event.lieu.adresse,
            " ".join(p for p in (event.lieu.code_postal, event.lieu.commune) if p),
        ]
        fields.append(("location", ", ".join(p for p in parts if p)))
    fields.append(("categories", [TYPES_EVENEMENT[event.type]]))
    return fields


PARALLEL_FROM = 400  # events to write from which forking pays (about 0.35 ms each; a fork of the build costs more)


def _vevent_text(fields: Fields) -> str:
    vevent = _icalendar().Event()
    for name, value in fields:
        vevent.add(name, value)
    return vevent.to_ical().decode()


def vevents(site: Site) -> dict[str, str]:
    """Each event's VEVENT text by slug; from the cache when none of its fields changed.

    Made by icalendar, whose output costs a quarter of a millisecond per event: on a large site,
    rebuilt at every edit, that is most of the feeds. The cache holds one entry, every event's text
    by a digest of its fields, so a build reads one file and writes it only when an event changed.
    """
    fields = {e.slug: _vevent_fields(site, e) for e in site.evenements}
    digests = {slug: hashlib.sha256(repr(f).encode()).hexdigest() for slug, f in fields.items()}
    cache, key = site.cache, ""
    known: dict[str, Any] = {}
    if cache is not None:
        key = cache.key("agenda", code_fingerprint(("feeds.py",)), f"icalendar={_icalendar_version()}")
        stored = cache.get(key, keep=False)
        known = stored if isinstance(stored, dict) else {}
    missing = [slug for slug, digest in digests.items() if not isinstance(known.get(digest), str)]
    if missing:
        _icalendar()
    made = dict(
        zip(missing, fork_map(_vevent_text, [fields[s] for s in missing], min_items=PARALLEL_FROM), strict=True)
    )
    texts = {slug: made[slug] if slug in made else known[digest] for slug, digest in digests.items()}
    current = {digests[slug]: text for slug, text in texts.items()}
    if cache is not None and current != known:
        cache.put(key, current, keep=False)
    return texts


def calendar_frame(site: Site) -> tuple[str, str]:
    """A calendar's text before and after its events: the same for every calendar of a site, kept in the
    build's cache (made once per title and icalendar version)."""
    titre, cache = site.config.titre, site.cache
    if cache is None:
        return _made_frame(titre)
    key = cache.key("agenda-cadre", code_fingerprint(("feeds.py",)), f"icalendar={_icalendar_version()}", titre)
    head, end = cache.remember(key, lambda: list(_made_frame(titre)), _is_frame)
    return head, end


def _is_frame(value: object) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(isinstance(part, str) for part in value)


@functools.lru_cache(maxsize=4)
def _made_frame(titre: str) -> tuple[str, str]:
    cal = _icalendar().Calendar()
    cal.add("prodid", "-//Passerelles//metiers de l'autonomie//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", titre)
    head, end = cal.to_ical().decode().rsplit("END:VCALENDAR", 1)
    return head, f"END:VCALENDAR{end}"


def calendar(
    site: Site,
    events: Iterable[Evenement],
    url: str,
    texts: Mapping[str, str] | None = None,
    frame: tuple[str, str] | None = None,
) -> PageSpec:
    """An iCalendar file of the given events (one event, or all upcoming), from their VEVENT texts and the
    calendar's frame (`calendar_frame`) if given."""
    events = list(events)
    if texts is None:
        texts = {e.slug: _vevent_text(_vevent_fields(site, e)) for e in events}
    head, end = frame or _made_frame(site.config.titre)
    body = "".join(texts[e.slug] for e in events)  # what add_component then to_ical would write
    return PageSpec(url, content=f"{head}{body}{end}".encode(), sitemap=False)


def feed_pages(site: Site, html_specs: Iterable[PageSpec], memo: Memo | None = None) -> list[PageSpec]:
    """Every machine-readable file of the site; `memo` (sitememo.py) may keep calendars between rebuilds.

    A build takes each event's VEVENT from the persistent cache (`vevents`); the preview instead keeps
    whole calendars in memory (passing every VEVENT text to each would make it digest them all for
    each), and makes the ones it must make again from the events themselves.
    """
    lasting = site.cache is not None and site.cache.lasting
    texts, frame = (None, None) if lasting else (vevents(site), calendar_frame(site))
    made = memo or direct(site)
    specs = [robots(site), flux(site), made("agenda.ics", _upcoming_calendar, texts, frame)]
    specs += [
        made(f"{e.url}evenement.ics", calendar, (e,), f"{e.url}evenement.ics", texts, frame) for e in site.evenements
    ]
    return [sitemap(site, html_specs), *specs]


def _upcoming_calendar(site: Site, texts: Mapping[str, str] | None, frame: tuple[str, str] | None) -> PageSpec:
    return calendar(site, site.upcoming, "/evenements/agenda.ics", texts, frame)
