"""Content files loaded on several cores: the same site, and the cache entries they used kept (loading.py)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from passerelles import bodies, loading, parallel
from passerelles.builder import build, work_cache
from passerelles.cache import DiskCache
from passerelles.errors import BuildError
from passerelles.fingerprint import Fingerprints
from passerelles.links import body_links
from passerelles.markup import make_markdown
from passerelles.paths import REFUSED_LINK
from passerelles.source import discover
from tests.example_site import REPO
from tests.test_incremental import DATE, assert_same_as_cold, cache_entries, copy_example, edit_body, tree


def _entries(source: Path) -> list[str]:
    return sorted(cache_entries(source).names())


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


def _load_example(source: Path) -> tuple[list[loading.Loaded], DiskCache]:
    cache = work_cache(source)
    assert cache is not None
    root = source.resolve()
    listed = list(discover(root))
    md = make_markdown((), cache)
    loaded = loading.load_files(root, listed, md, cache)
    cache.flush()  # as a build does at its end: the next load reads these entries
    return loaded, cache


@pytest.mark.parametrize("warm", [False, True])
def test_each_model_comes_with_its_digest_and_its_body_links(tmp_path: Path, warm: bool) -> None:
    """What later stages would compute again for every file (a model's digest for page reuse, a body's links
    for the link check) is computed when the file is loaded, and kept with it in the cache."""
    source = copy_example(tmp_path / "source")
    if warm:
        _load_example(source)  # fills the cache: this load takes every file from it
        assert len(_entries(source)) > 50
    loaded, cache = _load_example(source)
    entries = [entry for _, entry, _, _ in loaded if entry is not None]
    assert len(entries) > 50
    digests = cache.memo[loading.MODEL_DIGESTS]
    links = cache.memo[loading.BODY_LINKS]
    for entry in entries:
        kept, digest = digests[id(entry)]
        assert kept is entry and digest == Fingerprints().model_digest(entry)
        assert links[str(entry.body)] == body_links(str(entry.body))
    assert any(links[str(entry.body)] for entry in entries)


def test_a_known_digest_stands_for_its_model() -> None:
    """Fingerprints trusts a digest it is given for a model (that model only, by identity)."""
    entry = _some_model()
    twin = dataclasses.replace(entry)
    fingerprints = Fingerprints(known={id(entry): (entry, b"x" * 32)})
    assert fingerprints.of(entry) != Fingerprints().of(entry)  # the given digest was used
    assert fingerprints.of(twin) == Fingerprints().of(twin)  # an equal model, another object: digested


def _some_model() -> object:
    source = REPO / "content" / "metiers"
    path = sorted(source.glob("*.md"))[0]
    _, entry, _, _ = loading.load_file(REPO, "metiers", path, make_markdown((), None))
    assert entry is not None
    return entry
