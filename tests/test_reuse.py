"""Pages reused from an earlier build only when nothing they were made from changed (reuse.py)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from markupsafe import Markup

from passerelles import feeds, parallel, qrcode, render, reuse
from passerelles.builder import build
from passerelles.fingerprint import Fingerprints, Unhashable
from passerelles.pagespec import PageSpec
from tests.test_incremental import DATE, assert_same_as_cold, copy_example


@dataclass(frozen=True)
class Thing:
    name: str
    parts: tuple[Any, ...] = ()


def test_equal_values_have_equal_digests_in_any_build() -> None:
    value = {"a": Thing("x", (1, 2.5, None, dt.date(2026, 1, 2))), "b": frozenset({"p", "q", "r"})}
    again = {"a": Thing("x", (1, 2.5, None, dt.date(2026, 1, 2))), "b": frozenset({"r", "q", "p"})}
    assert Fingerprints().of(value) == Fingerprints().of(again)


def test_different_values_have_different_digests() -> None:
    fp = Fingerprints()
    assert fp.of("<b>") != fp.of(Markup("<b>"))  # escaped or not: not the same page
    assert fp.of(Thing("x")) != fp.of(Thing("y"))
    assert fp.of(("ab", "c")) != fp.of(("a", "bc"))
    assert fp.of(1) != fp.of("1") != fp.of(True)
    assert fp.of(Thing("x", (Thing("y"),))) != fp.of(Thing("x", (Thing("z"),)))


def test_what_cannot_be_told_apart_is_refused() -> None:
    with pytest.raises(Unhashable):
        Fingerprints().of({"f": lambda x: x})
    with pytest.raises(Unhashable):
        Fingerprints().of(object())
    assert Fingerprints().of(render.label)  # an engine function: by name, its code is in the key


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    rendered: list[str] = []
    original = render._render_one

    def counted(env: Any, reuse: Any, spec: PageSpec) -> Any:
        rendered.append(spec.url)
        return original(env, reuse, spec)

    monkeypatch.setattr(render, "_render_one", counted)
    return rendered


def _move(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("at_once", [reuse.RECORDS_AT_ONCE, 7])  # records read 7 at a time: many reads
def test_a_testimonial_moved_renders_both_metier_pages_and_little_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at_once: int
) -> None:
    monkeypatch.setattr(reuse, "RECORDS_AT_ONCE", at_once)
    source = copy_example(tmp_path / "source")
    output = tmp_path / "site"
    rendered = _counting(monkeypatch)
    build(source, output, DATE, search=False)
    everything = len(rendered)
    rendered.clear()
    build(source, output, DATE, search=False)
    assert rendered == ["/quiz/"]  # nothing changed: only the page whose context has a lambda
    rendered.clear()
    _move(
        source / "content" / "temoignages" / "hugo-psychomotricien.md",
        "metier: psychomotricien",
        "metier: ergotherapeute",
    )
    build(source, output, DATE, search=False)
    assert {"/metiers/psychomotricien/", "/metiers/ergotherapeute/", "/temoignages/hugo-psychomotricien/"} <= set(
        rendered
    )
    assert len(rendered) < everything / 4
    assert_same_as_cold(source, output, tmp_path)


def test_templates_that_import_render_every_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = copy_example(tmp_path / "source")
    (source / "templates" / "macros.html").write_text("{% macro x() %}x{% endmacro %}\n", "utf-8")
    (source / "templates" / "uses.html").write_text('{% import "macros.html" as m %}{{ m.x() }}\n', "utf-8")
    rendered = _counting(monkeypatch)
    build(source, tmp_path / "site", DATE, search=False)
    first = len(rendered)
    rendered.clear()
    build(source, tmp_path / "site", DATE, search=False)
    assert len(rendered) == first


def test_pages_rendered_on_several_cores_are_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PASSERELLES_JOBS", "2")
    monkeypatch.setattr(render, "PARALLEL_FROM", 10)
    rendered = _counting(monkeypatch)
    source = copy_example(tmp_path / "source")
    build(source, tmp_path / "site", DATE, search=False, cache=False)
    if parallel.can_fork():
        assert rendered == []  # every page was rendered by a forked copy, none here
    monkeypatch.setenv("PASSERELLES_JOBS", "1")
    assert_same_as_cold(source, tmp_path / "site", tmp_path)


def _noting_where(original: Any, name: str, notes: Path) -> Any:
    """`original`, noting in `notes` the process that runs it (forked copies included)."""

    def noted(value: Any) -> Any:
        (notes / f"{name} {os.getpid()} {len(list(notes.iterdir()))}").touch()
        return original(value)

    return noted


def test_qr_codes_and_calendars_made_on_several_cores_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold build makes its QR codes and calendar entries in forked copies (a large site's thresholds
    lowered here), none in this process, and gives the site a single process makes."""
    monkeypatch.setenv("PASSERELLES_JOBS", "2")
    monkeypatch.setattr(qrcode, "PARALLEL_FROM", 2)
    monkeypatch.setattr(feeds, "PARALLEL_FROM", 2)
    notes = tmp_path / "notes"
    notes.mkdir()
    work = {qrcode: "_made", feeds: "_vevent_text"}
    for module, name in work.items():
        monkeypatch.setattr(module, name, _noting_where(getattr(module, name), name, notes))
    source = copy_example(tmp_path / "source")
    build(source, tmp_path / "site", DATE, search=False)  # with its cache, where the QR codes are put
    where = {(note.split()[0], int(note.split()[1])) for note in os.listdir(notes)}
    if parallel.can_fork():
        assert {name for name, pid in where if pid != os.getpid()} == set(work.values())
        assert {name for name, pid in where if pid == os.getpid()} == set()
    monkeypatch.setenv("PASSERELLES_JOBS", "1")
    assert_same_as_cold(source, tmp_path / "site", tmp_path)
