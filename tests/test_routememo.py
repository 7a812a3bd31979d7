"""The planner's memory reuses a search only where its result provably holds (routememo.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from passerelles import certifs, routes
from passerelles.routememo import SearchMemo
from passerelles.site import load_site

from .example_site import EXAMPLE_DATE, REPO

sys.path.insert(0, str(REPO / "bench"))
from synthetic import generate


def _planned(root: Path) -> routes.Parcours:
    return load_site(root, EXAMPLE_DATE).parcours


@pytest.mark.parametrize("kind", ["example", "synthetic"])
def test_remembered_searches_give_the_routes_of_searches_never_remembered(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every condition kind (ages, levels, named diplomas, experience, allègements) on the synthetic site."""
    root = REPO
    if kind == "synthetic":
        root = tmp_path / "site"
        generate(root, 60, metiers=10)
    monkeypatch.setattr(routes, "BUDGET", 10**9)  # no search stopped: results depend on nothing else
    remembered = _planned(root)
    recalled: list[str] = []
    recall = SearchMemo.recall

    def counting(self: SearchMemo, slug: str, *args: object) -> object:
        found = recall(self, slug, *args)  # type: ignore[arg-type]
        if found is not None:
            recalled.append(slug)
        return found

    monkeypatch.setattr(SearchMemo, "recall", counting)
    assert _planned(root).routes == remembered.routes
    assert recalled  # the memory did serve
    monkeypatch.setattr(SearchMemo, "recall", lambda *args: None)
    never = _planned(root)
    assert never.routes == remembered.routes
    assert never.cut == remembered.cut == frozenset()


def test_a_result_holds_only_for_the_same_answers_and_a_depth_the_limit_does_not_reach() -> None:
    memo = SearchMemo(max_depth=4)
    memo.start(1)  # the search for "a", at level 1, with "x" on the way…
    assert not memo.past_limit("b", 2)  # …asks whether "b" is on the way, one level below
    memo.finish("a", "personne", frozenset({"x"}), ["route"], remember=True)
    assert memo.recall("a", "personne", 1, frozenset({"x"})) == ["route"]
    assert memo.recall("a", "personne", 1, frozenset({"x", "c"})) == ["route"]  # "c" was never asked about
    assert memo.recall("a", "personne", 1, frozenset({"b"})) is None  # "b" was: another answer
    assert memo.recall("a", "personne", 0, frozenset()) == ["route"]  # higher up: nothing cut either
    assert memo.recall("a", "personne", 3, frozenset()) == ["route"]  # its step reaches level 4, the limit
    assert memo.recall("a", "personne", 4, frozenset()) is None  # its step would be past the limit
    assert memo.recall("a", "quelqu'un d'autre", 1, frozenset()) is None


def test_a_search_cut_by_the_depth_limit_holds_at_its_own_depth_only() -> None:
    memo = SearchMemo(max_depth=4)
    memo.start(3)
    assert memo.past_limit("b", 5)
    memo.finish("a", "personne", frozenset(), [], remember=True)
    assert memo.recall("a", "personne", 3, frozenset()) == []
    assert memo.recall("a", "personne", 2, frozenset()) is None  # one level higher, "b" would be searched


def test_a_search_depends_on_what_the_searches_it_reused_depended_on() -> None:
    memo = SearchMemo(max_depth=4)
    memo.start(1)
    memo.past_limit("b", 2)
    memo.finish("a", "personne", frozenset(), ["route"], remember=True)
    memo.start(0)  # the search for "f" reuses the search for "a"…
    assert memo.recall("a", "personne", 1, frozenset({"f"})) == ["route"]
    memo.finish("f", "personne", frozenset({"b"}), ["autre"], remember=True)
    assert memo.recall("f", "personne", 0, frozenset({"b"})) == ["autre"]
    assert memo.recall("f", "personne", 0, frozenset()) is None  # …so it too asked about "b"


def _plans_one_family_each(root: Path, slugs: list[str]) -> dict[str, routes.MetierPlan]:
    """Each métier planned by a planner of its own: nothing shared between métiers (the plain definition)."""
    site = load_site(root, EXAMPLE_DATE)
    pages = [p.slug for p in site.pages]
    return {slug: routes.plan_metier(certifs.planner_for(site.metiers, site.formations, pages), slug) for slug in slugs}


def _counting(monkeypatch: pytest.MonkeyPatch, *names: str) -> dict[str, int]:
    made = dict.fromkeys(names, 0)
    for name in names:
        original = getattr(routes.Planner, name)

        def counting(self: routes.Planner, *args: object, _original=original, _name=name) -> object:  # type: ignore[no-untyped-def]
            made[_name] += 1
            return _original(self, *args)

        monkeypatch.setattr(routes.Planner, name, counting)
    return made


def _assert_shared_plans_equal(root: Path, slugs: list[str]) -> None:
    alone = _plans_one_family_each(root, slugs)
    site = load_site(root, EXAMPLE_DATE)
    planner = certifs.planner_for(site.metiers, site.formations, [p.slug for p in site.pages])
    for order in (slugs, slugs[::-1]):  # one family: what one métier finished, the next ones replay
        shared = {slug: routes.plan_metier(planner, slug) for slug in order}
        for slug in slugs:
            assert shared[slug] == alone[slug], slug  # routes, where the budget stopped, métiers read


@pytest.fixture(scope="module")
def site24(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("shared") / "site"
    generate(root, 300, metiers=24)
    return root, sorted(m.slug for m in load_site(root, EXAMPLE_DATE).metiers)


def test_searches_shared_between_metiers_plan_exactly_as_searches_made_anew(
    site24: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The métiers of one site share the searches they finish (`Planner.obtain`): replayed, they spend the
    budget and read the métiers exactly as made anew, in whatever order the métiers are planned."""
    made = _counting(monkeypatch, "_replay")
    _assert_shared_plans_equal(*site24)
    assert made["_replay"] > 0


def test_a_shared_search_the_budget_stops_half_way_is_made_again_exactly(
    site24: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small budgets stop searches while they are replayed: from there on they are made anew (`_redo`), and
    the routes found before the budget ran out are those a planner of its own finds."""
    made = _counting(monkeypatch, "_redo")
    for budget in (10, 20, 30, 40):
        monkeypatch.setattr(routes, "BUDGET", budget)
        _assert_shared_plans_equal(*site24)
    assert made["_redo"] > 0
