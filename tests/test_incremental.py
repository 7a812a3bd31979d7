"""A build that reuses its cache and the published output equals a cold build, edit after edit."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from passerelles import feeds, loading
from passerelles.builder import build
from passerelles.serve import Preview
from passerelles.store import NAME, Store

REPO = Path(__file__).resolve().parent.parent
DATE = dt.date(2026, 11, 23)
Edit = Callable[[Path], None]


def copy_example(target: Path) -> Path:
    """The example source (content, site.yaml, static, templates), without any cache or output."""
    target.mkdir(parents=True)
    for name in ("content", "static", "templates"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "site.yaml", target / "site.yaml")
    return target


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a built site by relative path."""
    found = {}
    for current, _, names in os.walk(folder):
        for name in names:
            path = Path(current) / name
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


def assert_same_as_cold(source: Path, output: Path, scratch: Path, search: bool = False) -> None:
    """`output` equals a cold build of `source` copied afresh (no cache, no previous output)."""
    fresh = scratch / "froid-source"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(source, fresh, ignore=shutil.ignore_patterns(".cache"))
    cold = scratch / "froid-site"
    build(fresh, cold, DATE, search=search, cache=False)
    incremental, expected = tree(output), tree(cold)
    assert sorted(incremental) == sorted(expected)
    different = [path for path in expected if incremental[path] != expected[path]]
    assert different == []
    shutil.rmtree(cold.resolve())
    cold.unlink()


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _first(source: Path, collection: str, index: int = 0) -> Path:
    return sorted((source / "content" / collection).glob("*.md"))[index]


def edit_body(source: Path) -> None:
    path = _first(source, "temoignages")
    path.write_text(path.read_text(encoding="utf-8") + '\nUne phrase ajoutée, "entre guillemets"...\n', "utf-8")


def edit_front_matter(source: Path) -> None:
    path = source / "content" / "metiers" / "aide-soignant.md"
    text = path.read_text(encoding="utf-8")
    resume = re.search(r"^resume: (.*)$", text, re.M)
    assert resume is not None
    _replace(path, resume.group(0), "resume: Soigner et accompagner les personnes au quotidien, à l'hôpital.")


def rename_with_alias(source: Path) -> None:
    old = _first(source, "temoignages", 1)
    new = old.with_name("temoignage-renomme.md")
    text = old.read_text(encoding="utf-8")
    assert "\nalias:" not in text
    new.write_text(text.replace("---\n", f"---\nalias:\n  - /temoignages/{old.stem}/\n", 1), "utf-8")
    old.unlink()


def delete_file(source: Path) -> None:
    _first(source, "temoignages", 2).unlink()


def new_file(source: Path) -> None:
    model = _first(source, "temoignages", 3)
    text = model.read_text(encoding="utf-8").replace("---\n", "---\n", 1)
    titre = re.search(r"^titre: (.*)$", text, re.M)
    assert titre is not None
    text = text.replace(titre.group(0), "titre: Un nouveau témoignage pour l'essai")
    (model.parent / "nouveau-temoignage.md").write_text(text + "\nUn texte tout neuf.\n", "utf-8")


def edit_event(source: Path) -> None:
    """A place changed: the event's page, its .ics file and the agenda change."""
    path = source / "content" / "evenements" / "forum-metiers-autonomie-college-lisieux-2027.md"
    _replace(path, "  commune: Lisieux", "  commune: Honfleur")


def edit_template(source: Path) -> None:
    _replace(source / "templates" / "base.html", "</footer>", "<p>Modèle modifié.</p></footer>")


def edit_site_yaml(source: Path) -> None:
    path = source / "site.yaml"
    titre = re.search(r"^titre: (.*)$", path.read_text(encoding="utf-8"), re.M)
    assert titre is not None
    _replace(path, titre.group(0), "titre: Passerelles, édition d'essai")


EDITS = [
    edit_body,
    edit_front_matter,
    rename_with_alias,
    delete_file,
    new_file,
    edit_event,
    edit_template,
    edit_site_yaml,
]


def test_every_edit_rebuilds_as_a_cold_build(tmp_path: Path) -> None:
    source = copy_example(tmp_path / "source")
    output = tmp_path / "site"
    build(source, output, DATE, search=False)
    assert (source / ".cache" / "calculs").is_dir()
    for edit in EDITS:
        edit(source)
        build(source, output, DATE, search=False)
        assert_same_as_cold(source, output, tmp_path)


def test_the_preview_rebuilds_every_edit_as_a_cold_build(tmp_path: Path) -> None:
    """The preview keeps files, routes, templates and pages in memory: its output must not differ."""
    source = copy_example(tmp_path / "source")
    preview = Preview(source, tmp_path / "apercu", date=DATE)
    preview.rebuild()
    assert preview.errors == []
    assert preview.cache is not None and preview.cache.memo["fichiers"]
    for edit in EDITS:
        edit(source)
        preview.rebuild()
        assert preview.errors == []
        assert_same_as_cold(source, tmp_path / "apercu", tmp_path)


def cache_entries(source: Path) -> Store:
    """The build cache's database (store.py), to read, break or forge its entries as a file on disk could be."""
    return Store(source / ".cache" / "calculs" / NAME)


def test_a_broken_cache_entry_is_recomputed(tmp_path: Path) -> None:
    source = copy_example(tmp_path / "source")
    output = tmp_path / "site"
    build(source, output, DATE, search=False)
    entries = sorted(name for name in cache_entries(source).names() if name.endswith(".json"))
    assert len(entries) > 100
    broken = [b"{pas du json", b"\xff\xfe", b'{"autre": "forme"}']
    cache_entries(source).write(dict(zip(entries, broken, strict=False)))
    build(source, output, DATE, search=False)
    assert_same_as_cold(source, output, tmp_path)


def test_a_forged_cache_entry_is_not_published(tmp_path: Path) -> None:
    """A pull request can force-add `.cache/`: an entry not signed with this user's key is recomputed."""
    source = copy_example(tmp_path / "source")
    output = tmp_path / "site"
    build(source, output, DATE, search=False)
    database = cache_entries(source)
    forged = {}
    for name in database.names():
        mac, _, payload = (database.read(name) or b"").partition(b"\n")
        if name.endswith(".json") and payload.startswith(b'["'):
            forged[name] = mac + b"\n" + b'["<script>alert(1)</script>", []]'
    assert len(forged) > 50
    database.write(forged)
    build(source, output, DATE, search=False)
    assert not any(b"alert(1)" in data for data in tree(output).values())
    assert_same_as_cold(source, output, tmp_path)


def loaded_files(source: Path) -> set[str]:
    """The cache entries that hold a loaded file (loading.py), not a page or a record."""
    database = cache_entries(source)
    return {
        name
        for name in database.names()
        if name.endswith(".pickle") and loading._is_kept(pickle.loads((database.read(name) or b"").partition(b"\n")[2]))
    }


def test_unused_cache_entries_are_pruned(tmp_path: Path) -> None:
    source = copy_example(tmp_path / "source")
    output = tmp_path / "site"
    build(source, output, DATE, search=False)
    before = set(cache_entries(source).names())
    loaded = loaded_files(source)
    assert len(loaded) == len(list((source / "content").rglob("*.md")))  # one loaded file each
    edit_body(source)
    build(source, output, DATE, search=False)
    after = set(cache_entries(source).names())
    # The old file, body and pages that showed it are gone, their new versions are in. The bodies of files
    # taken whole from the cache are not looked up, so they go too (the loaded file holds its body).
    assert before - after and after - before
    assert len(loaded_files(source) - loaded) == len(loaded - loaded_files(source)) == 1
    build(source, output, DATE, search=False)  # the edited file now comes whole from the cache: its body goes
    settled = set(cache_entries(source).names())
    assert settled <= after
    build(source, output, DATE, search=False)
    assert set(cache_entries(source).names()) == settled  # nothing changed: exactly what the last build left is used


def test_unchanged_files_are_linked_from_the_published_site(tmp_path: Path) -> None:
    source = copy_example(tmp_path / "source")
    output = tmp_path / "site"
    build(source, output, DATE, search=False)
    home, metier = (output / "index.html").stat().st_ino, (output / "metiers" / "aide-soignant" / "index.html")
    page = _first(source, "temoignages")
    changed = output / "temoignages" / page.stem / "index.html"
    inode_metier, inode_changed = metier.stat().st_ino, changed.stat().st_ino
    edit_body(source)
    build(source, output, DATE, search=False)
    assert (output / "index.html").stat().st_ino == home
    assert metier.stat().st_ino == inode_metier
    assert changed.stat().st_ino != inode_changed


def test_the_search_index_is_reused_or_rebuilt_as_a_cold_build(tmp_path: Path) -> None:
    source = copy_example(tmp_path / "source")
    output = tmp_path / "site"
    build(source, output, DATE)
    index = output / "pagefind" / "pagefind-entry.json"
    inode = index.stat().st_ino
    build(source, output, DATE)  # nothing changed: the index is linked, not rebuilt
    assert index.stat().st_ino == inode
    assert_same_as_cold(source, output, tmp_path, search=True)
    edit_body(source)
    build(source, output, DATE)
    assert index.stat().st_ino != inode
    assert_same_as_cold(source, output, tmp_path, search=True)


def test_calendar_entries_are_made_again_only_for_the_events_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = copy_example(tmp_path / "source")
    build(source, tmp_path / "site", DATE, search=False)
    made: list[str] = []
    make = feeds._vevent_text
    monkeypatch.setattr(feeds, "_vevent_text", lambda fields: made.append(dict(fields)["uid"]) or make(fields))
    build(source, tmp_path / "site", DATE, search=False)
    assert made == []
    edit_event(source)
    build(source, tmp_path / "site", DATE, search=False)
    assert [uid.split("@")[0] for uid in made] == ["forum-metiers-autonomie-college-lisieux-2027"]
    ics = tmp_path / "site" / "evenements" / "forum-metiers-autonomie-college-lisieux-2027" / "evenement.ics"
    assert "Honfleur" in ics.read_text(encoding="utf-8")


def folders(site: Path) -> set[str]:
    """Every folder of a built site (files aside), by relative path."""
    return {Path(current).relative_to(site).as_posix() for current, _, _ in os.walk(site)}


def test_the_preview_writes_into_the_folder_it_made_in_advance_with_the_folders_of_a_cold_build(
    tmp_path: Path,
) -> None:
    """The next output folder is made while the editor types (writer.NextFolder); folders no page needs
    any more are removed from it, new ones added."""
    source = copy_example(tmp_path / "source")
    output = tmp_path / "apercu"
    preview = Preview(source, output, date=DATE)
    preview.rebuild()
    for edit in (edit_body, delete_file, new_file):
        ahead = preview.next_folder.folder
        assert ahead is not None and ahead != output.resolve()
        edit(source)
        preview.rebuild()
        assert preview.errors == [] and output.resolve() == ahead
        cold = tmp_path / "froid"
        shutil.rmtree(cold, ignore_errors=True)
        build(source, cold, DATE, search=False, cache=False)
        assert folders(output.resolve()) == folders(cold.resolve())
        assert_same_as_cold(source, output, tmp_path)
    preview.next_folder.wait()


def test_the_preview_serves_the_last_index_at_once_then_refreshes_it_in_the_background(tmp_path: Path) -> None:
    """Right after a rebuild the previous search index stands in; once refreshed, it is a cold build's."""
    source = copy_example(tmp_path / "source")
    output = tmp_path / "apercu"
    preview = Preview(source, output, date=DATE, search=True)
    preview.rebuild()
    preview.wait_index()
    entry = output / "pagefind" / "pagefind-entry.json"
    first = entry.stat().st_ino
    edit_body(source)
    preview.rebuild()
    assert preview.errors == [] and entry.is_file()  # never without an index: the previous one, linked
    preview.wait_index()
    assert entry.stat().st_ino != first  # the new index, not the previous one linked
    assert_same_as_cold(source, output, tmp_path, search=True)
