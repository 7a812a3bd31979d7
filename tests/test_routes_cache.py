"""Routes are planned again only when what they are made of changes; the cached ones are the same routes."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from passerelles import certifs, routes
from passerelles.cache import DiskCache
from passerelles.fingerprint import Fingerprints
from passerelles.reuse import site_fingerprints
from passerelles.routes import PLANNED_FIELDS
from passerelles.site import Site, load_site
from passerelles.steps import parcours_data, parcours_from_data

from .conftest import BASE_FILES, MakeSite
from .example_site import EXAMPLE_DATE, REPO

TE = "content/temoignages/lea-aide-soignante.md"
AS = "content/metiers/aide-soignant.md"


@pytest.fixture
def planned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The métiers whose routes are planned, each time one is (in this process: small sites)."""
    calls: list[str] = []
    plan = routes.plan_metier

    def counting(planner, slug):  # type: ignore[no-untyped-def]
        calls.append(slug)
        return plan(planner, slug)

    monkeypatch.setattr(routes, "plan_metier", counting)
    return calls


def load_written(root: Path, date: dt.date, cache: DiskCache) -> Site:
    """`load_site` with a cache, which is then written as a build does at its end (`DiskCache.flush`)."""
    site = load_site(root, date, cache=cache)
    cache.flush()
    return site


def test_routes_read_back_from_the_cache_are_the_same_routes() -> None:
    parcours = load_site(REPO, EXAMPLE_DATE).parcours
    again = parcours_from_data(parcours_data(parcours))
    assert again == parcours and again.routes and again.routes.keys() == parcours.routes.keys()


def test_routes_are_planned_again_only_when_a_metier_or_certification_changes(
    make_site: MakeSite, tmp_path: Path, planned: list[int]
) -> None:
    root = make_site()
    secret = b"cle-de-test"

    def load():  # type: ignore[no-untyped-def]  # a new cache object each time, as a new command would have
        return load_written(root, dt.date(2026, 11, 23), DiskCache(tmp_path / "calculs", secret=secret))

    cold = load().parcours
    assert sorted(planned) == ["aide-soignant", "infirmier"]
    (root / TE).write_text(BASE_FILES[TE] + "\nUne phrase de plus.\n", encoding="utf-8")
    (root / AS).write_text(BASE_FILES[AS] + "\nUne phrase de plus dans le texte.\n", encoding="utf-8")
    assert load().parcours == cold
    assert len(planned) == 2  # a testimonial and a métier's text: the same routes, read from the cache
    (root / AS).write_text(BASE_FILES[AS].replace("titre: ", "titre: Nouvel ", 1), encoding="utf-8")
    changed = load().parcours
    assert "aide-soignant" in planned[2:]  # a métier's title is in its routes' steps
    assert changed == load_site(root, dt.date(2026, 11, 23)).parcours  # what a build without cache plans


def test_routes_are_planned_again_when_the_planners_code_changes(
    make_site: MakeSite, tmp_path: Path, planned: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from passerelles import site as site_module
    from passerelles.cache import _PACKAGE, PLANNER_FILES

    assert all((_PACKAGE / rel).is_file() for rel in PLANNER_FILES)  # a moved file would silently stop counting
    root = make_site()
    secret = b"cle-de-test"

    def load():  # type: ignore[no-untyped-def]
        return load_written(root, dt.date(2026, 11, 23), DiskCache(tmp_path / "calculs", secret=secret))

    load()
    load()
    assert len(planned) == 2
    monkeypatch.setattr(site_module, "code_fingerprint", lambda rels: "routes.py modifié")
    load()
    assert len(planned) == 4  # every métier planned again


class _Unusable:
    """A value no planner can use: comparing, hashing, iterating or printing it fails."""

    def __eq__(self, other: object) -> bool:
        raise AssertionError("le planificateur a lu un champ qui n'est pas dans PLANNED_FIELDS")

    __hash__ = None  # type: ignore[assignment]

    def __iter__(self):  # type: ignore[no-untyped-def]
        raise AssertionError("le planificateur a lu un champ qui n'est pas dans PLANNED_FIELDS")

    def __bool__(self) -> bool:
        raise AssertionError("le planificateur a lu un champ qui n'est pas dans PLANNED_FIELDS")

    def __str__(self) -> str:
        raise AssertionError("le planificateur a lu un champ qui n'est pas dans PLANNED_FIELDS")

    __repr__ = __str__


def test_the_planner_reads_no_metier_field_outside_planned_fields() -> None:
    """What the routes' cache key leaves out (salaries, résumé, sources, dates of checking…) cannot change a
    route: every such field of every métier of the example site is replaced by a value that fails when used."""
    import dataclasses

    site = load_site(REPO, EXAMPLE_DATE)
    others = [f.name for f in dataclasses.fields(site.metiers[0]) if f.name not in PLANNED_FIELDS]
    assert {"resume", "salaires", "sources", "verifie_le", "body"} <= set(others)
    blinded = []
    for metier in site.metiers:
        copy = dataclasses.replace(metier)
        for name in others:
            object.__setattr__(copy, name, _Unusable())
        blinded.append(copy)
    pages = tuple(p.slug for p in site.pages)
    assert certifs.parcours(blinded, site.formations, pages) == certifs.parcours(site.metiers, site.formations, pages)


def test_a_metier_s_facts_edited_reuse_the_routes(make_site: MakeSite, tmp_path: Path, planned: list[int]) -> None:
    root = make_site()
    secret = b"cle-de-test"

    def load():  # type: ignore[no-untyped-def]
        return load_written(root, dt.date(2026, 11, 23), DiskCache(tmp_path / "calculs", secret=secret))

    cold = load().parcours
    edited = BASE_FILES[AS].replace("resume: Aide aux soins du quotidien.", "resume: Des soins, tous les jours.")
    edited = edited.replace("verifie_le: 2026-06-01", "verifie_le: 2026-11-01")
    assert edited != BASE_FILES[AS]
    (root / AS).write_text(edited, encoding="utf-8")
    assert load().parcours == cold
    assert len(planned) == 2  # its résumé and date of checking: the same routes, read from the cache


def _example(target: Path) -> Path:
    for name in ("content", "site.yaml"):
        (shutil.copytree if name == "content" else shutil.copy)(REPO / name, target / name)
    return target


def test_renaming_a_metier_plans_again_only_the_metiers_whose_search_read_it(
    tmp_path: Path, planned: list[str]
) -> None:
    """Each métier's routes are kept with what its search read of the other métiers (routes.MetierPlan):
    a métier renamed plans again the métiers that looked at it, and the routes are those of a cold plan."""
    root = _example(tmp_path / "site")
    cache = tmp_path / "calculs"

    def load():  # type: ignore[no-untyped-def]
        return load_written(root, EXAMPLE_DATE, DiskCache(cache, secret=b"cle-de-test")).parcours

    load()
    everyone = sorted(planned)
    assert len(everyone) == 22
    path = root / "content" / "metiers" / "aide-soignant.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("titre: ", "titre: Nouvel ", 1), encoding="utf-8")
    planned.clear()
    renamed = load()
    assert "aide-soignant" in planned and 1 < len(planned) < len(everyone), planned
    assert renamed == load_site(root, EXAMPLE_DATE).parcours  # exactly what planning without cache gives
    assert any("nouvel" in step.titre.lower() for found in renamed.routes.values() for r in found for step in r.steps)
    planned.clear()
    assert load() == renamed and planned == []  # then read back whole


def test_a_certification_changed_plans_every_metier_again(tmp_path: Path, planned: list[str]) -> None:
    """What every search may read (the certifications, what each métier opens, bridges) is shared: all again."""
    root = _example(tmp_path / "site")
    cache = tmp_path / "calculs"

    def load():  # type: ignore[no-untyped-def]
        return load_written(root, EXAMPLE_DATE, DiskCache(cache, secret=b"cle-de-test")).parcours

    load()
    planned.clear()
    path = root / "content" / "formations" / "deas.md"
    text = path.read_text(encoding="utf-8")
    assert "titre: " in text
    path.write_text(text.replace("titre: ", "titre: Nouveau ", 1), encoding="utf-8")
    changed = load()
    assert len(planned) == 22
    assert changed == load_site(root, EXAMPLE_DATE).parcours


def test_the_routes_digest_is_their_keys_the_same_from_one_build_to_the_next(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What reads the routes (pages, open data) is compared by a digest of their cache key, never by walking
    them (each route's: the key's and its place): equal when they are read back, different when a métier's
    planned fields change."""
    root = make_site()

    def digest() -> str:
        site = load_written(root, dt.date(2026, 11, 23), DiskCache(tmp_path / "calculs", secret=b"cle-de-test"))
        assert site.cache is not None
        walked: list[object] = []
        encode = Fingerprints._encode

        def watching(self: Fingerprints, value: object) -> bytes:
            walked.append(value)
            return encode(self, value)

        monkeypatch.setattr(Fingerprints, "_encode", watching)
        fingerprints = site_fingerprints(site)
        found = fingerprints.of(site.parcours)
        routes = site.parcours.of("aide-soignant", "apres-la-3e")  # what a pathway page's context holds
        assert routes and len(routes) == len({fingerprints.model_digest(r) for r in routes})
        found += fingerprints.of(routes)
        monkeypatch.setattr(Fingerprints, "_encode", encode)
        assert walked == [site.parcours, routes, *routes]  # their digests are known: no step is walked
        return found

    cold = digest()
    (root / TE).write_text(BASE_FILES[TE] + "\nUne phrase de plus.\n", encoding="utf-8")
    assert digest() == cold  # routes read back from the cache
    (root / AS).write_text(BASE_FILES[AS].replace("titre: ", "titre: Nouvel ", 1), encoding="utf-8")
    assert digest() != cold  # a métier's title is in its routes' steps
