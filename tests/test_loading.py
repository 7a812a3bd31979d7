"""Content files loaded on several cores: the same site, and the cache entries they used kept (loading.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from passerelles import bodies, loading, parallel
from passerelles.builder import build
from passerelles.errors import BuildError
from passerelles.paths import REFUSED_LINK
from tests.test_incremental import DATE, assert_same_as_cold, copy_example, edit_body, tree


def _entries(source: Path) -> list[str]:
    return sorted(p.name for p in (source / ".cache" / "calculs").iterdir())


def test_files_loaded_on_several_cores_give_the_same_site_and_keep_their_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = copy_example(tmp_path / "source")
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    build(source, tmp_path / "serial", DATE, search=False)
    kept_serially = _entries(source)
    shutil.rmtree(source / ".cache")

    converted: list[str] = []
    convert = bodies.convert

    def counting(md: object, text: str) -> list[object]:
        converted.append(text)
        return convert(md, text)  # type: ignore[arg-type]

    monkeypatch.setattr(bodies, "convert", counting)
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    monkeypatch.setattr(loading, "PARALLEL_FROM", 10)
    build(source, tmp_path / "forked", DATE, search=False)
    if parallel.can_fork():
        assert converted == []  # every body was converted by a forked copy, none here
    assert tree(tmp_path / "forked") == tree(tmp_path / "serial")
    assert _entries(source) == kept_serially  # the bodies the copies cached survived the build's pruning

    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")  # in this process, where conversions are counted
    build(source, tmp_path / "forked", DATE, search=False)
    assert converted == []  # and the next build finds them: nothing converted again


def _counting_loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    loaded: list[str] = []
    load = loading.load_file

    def counting(root: Path, collection: str, path: Path, md: object) -> loading.Loaded:
        loaded.append(path.name)
        return load(root, collection, path, md)  # type: ignore[arg-type]

    monkeypatch.setattr(loading, "load_file", counting)
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")  # every load in this process, where it is counted
    return loaded


def test_a_file_loaded_by_an_earlier_build_is_taken_from_the_cache_until_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = copy_example(tmp_path / "source")
    loaded = _counting_loads(monkeypatch)
    build(source, tmp_path / "site", DATE, search=False)
    assert len(loaded) > 50
    loaded.clear()
    build(source, tmp_path / "site", DATE, search=False)
    assert loaded == []
    edit_body(source)
    build(source, tmp_path / "site", DATE, search=False)
    assert len(loaded) == 1  # the testimonial edited
    assert_same_as_cold(source, tmp_path / "site", tmp_path)
    loaded.clear()
    monkeypatch.setattr(loading, "_loader_fingerprint", lambda: "un autre moteur")
    build(source, tmp_path / "site", DATE, search=False)
    assert len(loaded) > 50  # another engine: every file loaded again


def test_a_file_turned_into_a_link_leading_out_is_refused_though_its_bytes_were_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = copy_example(tmp_path / "source")
    build(source, tmp_path / "site", DATE, search=False)
    page = sorted((source / "content" / "temoignages").glob("*.md"))[0]
    outside = tmp_path / "ailleurs.md"
    outside.write_bytes(page.read_bytes())
    page.unlink()
    page.symlink_to(outside)
    with pytest.raises(BuildError) as caught:
        build(source, tmp_path / "site", DATE, search=False)
    assert any(REFUSED_LINK in e.format() for e in caught.value.errors)
