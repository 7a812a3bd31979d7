"""Routes are planned again only when what they are made of changes; the cached ones are the same routes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from passerelles import certifs
from passerelles.cache import DiskCache
from passerelles.site import load_site
from passerelles.steps import parcours_data, parcours_from_data

from .conftest import BASE_FILES, MakeSite
from .example_site import EXAMPLE_DATE, REPO

TE = "content/temoignages/lea-aide-soignante.md"
AS = "content/metiers/aide-soignant.md"


@pytest.fixture
def planned(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One item per time the site's routes are planned."""
    calls: list[int] = []
    plan = certifs.parcours

    def counting(*args):  # type: ignore[no-untyped-def]
        calls.append(1)
        return plan(*args)

    monkeypatch.setattr(certifs, "parcours", counting)
    return calls


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
        return load_site(root, dt.date(2026, 11, 23), cache=DiskCache(tmp_path / "calculs", secret=secret))

    cold = load().parcours
    assert len(planned) == 1
    (root / TE).write_text(BASE_FILES[TE] + "\nUne phrase de plus.\n", encoding="utf-8")
    (root / AS).write_text(BASE_FILES[AS] + "\nUne phrase de plus dans le texte.\n", encoding="utf-8")
    assert load().parcours == cold
    assert len(planned) == 1  # a testimonial and a métier's text: the same routes, read from the cache
    (root / AS).write_text(BASE_FILES[AS].replace("titre: ", "titre: Nouvel ", 1), encoding="utf-8")
    changed = load().parcours
    assert len(planned) == 2  # a métier's title is in its routes' steps
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
        return load_site(root, dt.date(2026, 11, 23), cache=DiskCache(tmp_path / "calculs", secret=secret))

    load()
    load()
    assert len(planned) == 1
    monkeypatch.setattr(site_module, "code_fingerprint", lambda rels: "routes.py modifié")
    load()
    assert len(planned) == 2
