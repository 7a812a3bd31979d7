"""Content files loaded on several cores: the same site, and the cache entries they used kept (loading.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from passerelles import bodies, loading, parallel
from passerelles.builder import build
from tests.test_incremental import DATE, copy_example, tree


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
