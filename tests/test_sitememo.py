"""Files made from the site alone, kept between the preview's rebuilds only while what they read is equal."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from passerelles import builder, opendata
from passerelles.builder import build
from passerelles.cache import DiskCache
from passerelles.fingerprint import Fingerprints
from passerelles.serve import Preview
from passerelles.sitememo import SiteMemo
from tests.test_incremental import DATE, _replace, assert_same_as_cold, copy_example, edit_front_matter


@dataclass(frozen=True)
class Item:
    name: str


@dataclass(frozen=True)
class FakeSite:
    """Just enough of a Site: attributes read by the functions below, and the preview's cache."""

    titre: str
    items: tuple[Item, ...]
    other: str = "x"
    cache: Any = field(default=None, compare=False)

    def item(self, name: str) -> Item:
        return next(i for i in self.items if i.name == name)


def _counted(calls: list[str]) -> Any:
    def make(site: Any, suffix: str = "") -> str:
        calls.append(suffix)
        return site.titre + ",".join(i.name for i in site.items) + suffix

    return make


def test_a_result_is_kept_while_what_it_read_is_equal_and_made_again_when_not() -> None:
    cache = DiskCache(None, lasting=True)
    calls: list[str] = []
    make = _counted(calls)

    def build(site: FakeSite, suffix: str = "") -> str:
        return SiteMemo(site)("nom", make, suffix)

    assert build(FakeSite("T", (Item("a"),), cache=cache)) == "Ta"
    assert build(FakeSite("T", (Item("a"),), other="y", cache=cache)) == "Ta"  # `other` is never read
    assert calls == [""]
    assert build(FakeSite("T", (Item("b"),), cache=cache)) == "Tb"  # a read gives another answer
    assert build(FakeSite("U", (Item("b"),), cache=cache)) == "Ub"
    assert build(FakeSite("U", (Item("b"),), cache=cache), "!") == "Ub!"  # other arguments
    assert calls == ["", "", "", "!"]


def test_method_calls_are_asked_again_with_their_arguments() -> None:
    cache = DiskCache(None, lasting=True)
    calls: list[str] = []

    def make(site: Any) -> str:
        calls.append("made")
        return site.item("a").name

    SiteMemo(FakeSite("T", (Item("a"), Item("b")), cache=cache))("un", make)
    SiteMemo(FakeSite("T", (Item("a"), Item("c")), cache=cache))("un", make)  # item("a") is the same
    assert calls == ["made"]
    with pytest.raises(StopIteration):  # item("a") is gone: asked again it fails, so it is made again
        SiteMemo(FakeSite("T", (Item("c"),), cache=cache))("un", make)
    assert calls == ["made", "made"]


def test_without_memory_between_builds_nothing_is_kept() -> None:
    calls: list[str] = []
    make = _counted(calls)
    SiteMemo(FakeSite("T", (Item("a"),)))("nom", make)
    SiteMemo(FakeSite("T", (Item("a"),)))("nom", make)
    once = DiskCache(None)  # a command-line build's cache: not used by another build, nothing recorded
    SiteMemo(FakeSite("T", (Item("a"),), cache=once))("nom", make)
    SiteMemo(FakeSite("T", (Item("a"),), cache=once))("nom", make)
    assert calls == ["", "", "", ""] and "fichiers-du-site" not in once.memo


def test_a_cache_on_disk_keeps_a_result_for_the_next_build(tmp_path: Path) -> None:
    """A command-line build finds what the previous one made in the persistent cache, its reads asked again."""
    calls: list[str] = []
    make = _counted(calls)

    def build_with(titre: str, suffix: str = "") -> str:
        cache = DiskCache(tmp_path / "calculs", secret=b"k" * 32)  # a new process: nothing in memory
        result = SiteMemo(FakeSite(titre, (Item("a"),), cache=cache))("nom", make, suffix)
        cache.flush()
        return result

    assert build_with("T") == "Ta"
    assert build_with("T") == "Ta"  # taken from the cache on disk
    assert calls == [""]
    assert build_with("T", "!") == "Ta!"  # other arguments
    assert build_with("U") == "Ua"  # a read gives another answer
    assert calls == ["", "!", ""]


OPEN_DATA = ("metiers", "evenements", "formations", "parcours")


def count_open_data(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The open data files made from now on, by name, as each is made."""
    made: list[str] = []
    for name in OPEN_DATA:
        original = getattr(opendata, f"_{name}_file")

        def counted(site: Any, *args: Any, name: str = name, original: Any = original) -> Any:
            made.append(name)
            return original(site, *args)

        monkeypatch.setattr(opendata, f"_{name}_file", counted)
    return made


def test_command_line_builds_make_open_data_again_only_when_what_it_read_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = copy_example(tmp_path / "source")
    output = tmp_path / "site"
    build(source, output, DATE, search=False)
    made = count_open_data(monkeypatch)
    editor = builder._editor_pages

    def counted_editor(site: Any, installed: bool) -> Any:
        made.append("editeur")
        return editor(site, installed)

    monkeypatch.setattr(builder, "_editor_pages", counted_editor)
    temoignage = sorted((source / "content" / "temoignages").glob("*.md"))[0]
    temoignage.write_text(temoignage.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", "utf-8")
    build(source, output, DATE, search=False)
    assert made == []
    edit_front_matter(source)  # aide-soignant's summary: in metiers.json only
    build(source, output, DATE, search=False)
    assert made == ["metiers"]
    assert "Soigner et accompagner les personnes au quotidien, à l'hôpital." in (
        output / "donnees" / "metiers.json"
    ).read_text(encoding="utf-8")
    event = source / "content" / "evenements" / "atelier-vis-ma-vie-aide-soignant-marseille-2027.md"
    _replace(event, "commune: Marseille", "commune: Aubagne")
    build(source, output, DATE, search=False)
    assert made == ["metiers", "evenements"]
    assert "Aubagne" in (output / "donnees" / "evenements.json").read_text(encoding="utf-8")
    _replace(source / "site.yaml", "url: https://passerelles.example.org/", "url: https://essai.example.org/")
    build(source, output, DATE, search=False)
    assert made == ["metiers", "evenements", "editeur", *OPEN_DATA]  # the schemas read nothing of the site
    assert "https://essai.example.org/" in (output / "admin" / "config.yml").read_text(encoding="utf-8")
    assert_same_as_cold(source, output, tmp_path)


def test_what_cannot_be_digested_is_made_every_time() -> None:
    cache = DiskCache(None, lasting=True)
    calls: list[str] = []

    def make(site: Any) -> str:
        calls.append("made")
        return str(site.cache is not None)  # a DiskCache has no digest

    for _ in range(2):
        SiteMemo(FakeSite("T", (), cache=cache))("cache", make)
    assert calls == ["made", "made"]


def test_fingerprints_from_an_earlier_build_give_the_same_digests() -> None:
    earlier = Fingerprints()
    kept = Item("a")
    first = earlier.of((kept, Item("b")))
    later = Fingerprints(earlier)
    assert later.of((kept, Item("b"))) == first
    assert later.of((kept, Item("c"))) != first


@dataclass
class Mutable:
    name: str


def test_a_dataclass_that_can_change_is_digested_again_in_a_later_build() -> None:
    earlier = Fingerprints()
    value = Mutable("a")
    first = earlier.of(value)
    value.name = "b"
    assert Fingerprints(earlier).of(value) != first


def test_the_preview_shows_edits_to_data_calendars_and_editor_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A testimonial edit reuses the open data; a métier, an event or site.yaml edited shows in each file."""
    source = copy_example(tmp_path / "source")
    output = tmp_path / "apercu"
    preview = Preview(source, output, date=DATE)
    preview.rebuild()
    made = count_open_data(monkeypatch)
    temoignage = sorted((source / "content" / "temoignages").glob("*.md"))[0]
    temoignage.write_text(temoignage.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", "utf-8")
    preview.rebuild()
    assert preview.errors == [] and made == []

    edit_front_matter(source)  # aide-soignant's summary
    event = source / "content" / "evenements" / "atelier-vis-ma-vie-aide-soignant-marseille-2027.md"
    _replace(event, "commune: Marseille", "commune: Aubagne")
    _replace(source / "site.yaml", "url: https://passerelles.example.org/", "url: https://essai.example.org/")
    preview.rebuild()
    assert preview.errors == [] and made == list(OPEN_DATA)  # site.yaml: every file (its address)
    site = output.resolve()
    assert "Soigner et accompagner les personnes au quotidien, à l'hôpital." in (
        site / "donnees" / "metiers.json"
    ).read_text(encoding="utf-8")
    calendar = site / "evenements" / event.stem / "evenement.ics"
    assert "Aubagne" in calendar.read_text(encoding="utf-8")
    assert "https://essai.example.org/" in (site / "admin" / "config.yml").read_text(encoding="utf-8")
    assert_same_as_cold(source, output, tmp_path)
