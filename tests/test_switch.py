"""One atomic switch of the published folder, one build at a time, no leftovers."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from passerelles import switch, writer
from passerelles.builder import build
from passerelles.errors import BuildError
from passerelles.parallel import can_fork
from passerelles.writer import MARKER, FolderAhead, NextFolder, remove_output, write_site

from .conftest import BUILD_DATE, MakeSite


def test_output_is_switched_by_a_single_rename(make_site: MakeSite, tmp_path: Path, monkeypatch) -> None:
    root, out = make_site(), tmp_path / "site"
    build(root, out, BUILD_DATE, search=False)
    first = os.readlink(out)
    assert out.is_symlink() and (out / "index.html").is_file() and (out / MARKER).is_file()
    renames: list[tuple[str, bool]] = []
    real_replace = os.replace

    def watched(src, dst):  # type: ignore[no-untyped-def]
        # at the only rename, the previous site is still complete
        renames.append((Path(dst).name, (out / "metiers/infirmier/index.html").is_file()))
        real_replace(src, dst)

    monkeypatch.setattr(switch.os, "replace", watched)
    build(root, out, BUILD_DATE, search=False)
    assert renames == [("site", True)]
    assert os.readlink(out) != first and not (tmp_path / first).exists()  # the previous site is removed after


def test_a_real_output_folder_of_an_older_build_is_replaced(make_site: MakeSite, tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / MARKER).write_text("ancien")
    (out / "vieux.html").write_text("vieux")
    build(make_site(), out, BUILD_DATE, search=False)
    assert out.is_symlink() and not (out / "vieux.html").exists() and (out / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")) == sorted(
        [os.readlink(out), ".site-verrou"]
    )


def test_leftovers_of_killed_builds_are_removed(make_site: MakeSite, tmp_path: Path) -> None:
    out = tmp_path / "site"
    killed = tmp_path / ".site-k1ll3d"  # killed while writing: marker written first
    killed.mkdir()
    (killed / MARKER).write_text("")
    (killed / "index.html").write_text("à moitié")
    (tmp_path / ".site-vide").mkdir()  # killed right after it was made
    legacy = tmp_path / ".site-new-abcd1234"  # the former writer's staging folder
    (legacy / "pagefind").mkdir(parents=True)
    (tmp_path / ".site-lien-x").symlink_to(".site-k1ll3d")  # killed before its link was renamed
    other = tmp_path / ".site-a-moi"  # someone's own folder: not ours, kept
    other.mkdir()
    (other / "notes.txt").write_text("à garder")
    build(make_site(), out, BUILD_DATE, search=False)
    names = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site-"))
    assert names == sorted([os.readlink(out), ".site-verrou", ".site-a-moi"])


def test_a_symlink_output_not_made_by_us_is_refused(make_site: MakeSite, tmp_path: Path) -> None:
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "these.txt").write_text("ne pas effacer")
    (tmp_path / "site").symlink_to(precious)
    with pytest.raises(BuildError) as caught:
        build(make_site(), tmp_path / "site", BUILD_DATE, search=False)
    assert "lien qui n'a pas été créé par Passerelles" in caught.value.errors[0].message
    assert (precious / "these.txt").read_text() == "ne pas effacer"


def test_concurrent_builds_are_serialised_with_a_message(
    make_site: MakeSite, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    root, out = make_site(), tmp_path / "site"
    lock = open(tmp_path / ".site-verrou", "a+b")  # another build holds the lock
    fcntl.flock(lock, fcntl.LOCK_EX)
    done = threading.Event()
    worker = threading.Thread(target=lambda: (build(root, out, BUILD_DATE, search=False), done.set()))
    worker.start()
    try:
        assert not done.wait(3)  # it waits rather than writing beside the other build
        assert not out.exists()
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()
    worker.join(60)
    assert done.is_set() and (out / "index.html").is_file()
    assert "Une autre construction écrit déjà dans" in capfd.readouterr().err


def test_remove_output_leaves_nothing(make_site: MakeSite, tmp_path: Path) -> None:
    out = tmp_path / ".apercu"
    build(make_site(), out, BUILD_DATE, search=False)
    remove_output(out)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".apercu")] == []


def test_without_symbolic_links_the_output_is_a_real_folder_replaced_whole(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows without developer mode refuses symbolic links: the site is still built, then rebuilt."""

    def refused(self: Path, target: object, target_is_directory: bool = False) -> None:
        raise OSError(1314, "A required privilege is not held by the client", str(self))

    monkeypatch.setattr(Path, "symlink_to", refused)
    root, out = make_site(), tmp_path / "site"
    build(root, out, BUILD_DATE, search=False)
    assert out.is_dir() and not out.is_symlink() and (out / MARKER).is_file()
    first = (out / "metiers/infirmier/index.html").read_bytes()

    page = root / "content/metiers/infirmier.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUne phrase ajoutée.\n", encoding="utf-8")
    build(root, out, BUILD_DATE, search=False)
    assert out.is_dir() and not out.is_symlink()
    second = (out / "metiers/infirmier/index.html").read_bytes()
    assert second != first and "Une phrase ajoutée.".encode() in second
    assert sorted(p.name for p in tmp_path.glob(".site-*")) == [".site-verrou"]  # nothing left aside
    assert (out / "index.html").is_file()  # unchanged pages came through (linked from the previous site)


def test_the_index_starts_on_the_pages_and_ends_before_the_switch(tmp_path: Path) -> None:
    """finalize (Pagefind) sees every page; the other files are written while it runs; then the switch."""
    from passerelles.writer import write_site

    static = tmp_path / "style.css"
    static.write_text("body{}", encoding="utf-8")
    files = {"index.html": b"<p>accueil</p>", "flux.xml": b"<rss/>", "a/index.html": b"<p>a</p>"}
    output = tmp_path / "site"
    seen: dict[str, set[str]] = {}

    def listing(folder: Path) -> set[str]:
        return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {MARKER}

    def finalize(folder: Path, previous: Path | None) -> Callable[[], None]:
        seen["start"] = listing(folder)

        def wait() -> None:
            seen["end"] = listing(folder)
            assert not output.exists()  # not switched yet

        return wait

    def images() -> dict[str, bytes]:  # made while the index runs
        seen["later"] = set(seen)
        return {"images/carte.png": b"png"}

    made = write_site(output, files, {"css/style.css": static}, finalize, later=images)
    assert seen["start"] == {"index.html", "a/index.html"}
    assert seen["later"] == {"start"}  # the index had started, and was not waited for yet
    assert seen["end"] == {"index.html", "a/index.html", "flux.xml", "css/style.css", "images/carte.png"}
    assert (output / "flux.xml").read_bytes() == b"<rss/>"
    assert made == 1 and (output / "images" / "carte.png").read_bytes() == b"png"


def test_the_folder_made_in_advance_becomes_exactly_the_next_site(tmp_path: Path) -> None:
    """Its folders that the next site does not need are removed, even where a file now takes the name."""
    out, ahead = tmp_path / "site", NextFolder()
    first = {"a/index.html": b"a", "b/c/d/index.html": b"d", "e/index.html": b"e"}
    write_site(out, first, {}, next_folder=ahead)
    made = ahead.folder
    assert made is not None and (made / "b" / "c" / "d").is_dir() and not any(made.rglob("*.html"))
    write_site(out, {"a/index.html": b"a2", "b/index.html": b"b", "e": b"un fichier"}, {}, next_folder=ahead)
    assert out.resolve() == made
    found = {p.relative_to(made).as_posix(): p.is_dir() for p in made.rglob("*")}
    assert found == {"a": True, "a/index.html": False, "b": True, "b/index.html": False, "e": False, MARKER: False}
    assert (out / "e").read_bytes() == b"un fichier"
    ahead.wait()


def _site_folders(tmp_path: Path) -> list[str]:
    """The folders beside `site`, but its lock and its spare folders (kept on purpose, see switch.py)."""
    kept = (".site-verrou", ".site-reserve")
    return sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site-") and p.name not in kept)


def _folders(site: Path) -> set[str]:
    return {Path(current).relative_to(site).as_posix() for current, _, _ in os.walk(site)}


def test_a_rebuild_writes_into_the_folders_a_copy_made_while_the_site_loaded(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line's FolderAhead: the published site's folders made again by a forked copy."""
    source, out = make_site(), tmp_path / "site"
    build(source, out, BUILD_DATE, search=False)
    taken: list[Path] = []
    take = FolderAhead.take

    def recording(self: FolderAhead) -> tuple[Path, set[Path]] | None:
        made = take(self)
        if made is not None:
            taken.append(made[0])
        return made

    monkeypatch.setattr(FolderAhead, "take", recording)
    (source / "content" / "pages" / "nouvelle.md").write_text(
        "---\ntitre: Une page nouvelle\nresume: Une page ajoutée entre deux constructions.\n---\n\nTexte.\n", "utf-8"
    )
    build(source, out, BUILD_DATE, search=False)
    if not can_fork():
        assert taken == []
        return
    assert taken == [out.resolve()]  # the new site is the folder made in advance
    cold = tmp_path / "froid"
    build(source, cold, BUILD_DATE, search=False, cache=False)
    assert _folders(out.resolve()) == _folders(cold.resolve())  # new folders added, none left over
    assert _site_folders(tmp_path) == [out.resolve().name]  # nothing left beside it


def test_a_copy_that_fails_or_a_build_that_fails_leaves_no_folder_behind(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, out = make_site(), tmp_path / "site"
    build(source, out, BUILD_DATE, search=False)
    parent, walk = os.getpid(), os.walk

    def failing_in_the_copy(*args: object, **kwargs: object) -> object:
        if os.getpid() != parent:
            raise OSError("disque plein")
        return walk(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "walk", failing_in_the_copy)
    build(source, out, BUILD_DATE, search=False)  # the write makes its own folder
    assert _site_folders(tmp_path) == [out.resolve().name]
    monkeypatch.setattr(os, "walk", walk)
    page = source / "content" / "pages" / "cassee.md"
    page.write_text("---\ntitre: 3\n---\n\nSans résumé.\n", "utf-8")
    with pytest.raises(BuildError):
        build(source, out, BUILD_DATE, search=False)
    assert _site_folders(tmp_path) == [out.resolve().name]  # the folder made for it is removed


def test_a_copy_that_cannot_be_made_leaves_the_build_to_make_its_own_folder(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, out = make_site(), tmp_path / "site"
    build(source, out, BUILD_DATE, search=False)

    def no_fork() -> int:
        raise OSError("plus de processus")

    monkeypatch.setattr(os, "fork", no_fork)
    build(source, out, BUILD_DATE, search=False)
    assert (out / "index.html").is_file()
    assert _site_folders(tmp_path) == [out.resolve().name]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="sans fork (Windows), l'ancien site est supprimé sur place")
def test_the_command_line_leaves_the_old_site_to_a_detached_process(tmp_path: Path, monkeypatch) -> None:
    """The build returns, lock released, while the previous site is still being emptied; then it is the spare."""
    assert can_fork()  # a single thread here: the forking path is the one tested
    output = tmp_path / "site"
    write_site(output, {"index.html": b"un", "a/b/index.html": b"b"}, {})
    first = switch.current_target(output)
    assert first is not None
    release = tmp_path / "feu-vert"
    real = writer._empty

    def slow(folder: Path) -> None:
        for _ in range(600):  # until the test lets it go (a minute at most)
            if release.exists():
                break
            time.sleep(0.1)
        real(folder)

    monkeypatch.setattr(writer, "_empty", slow)
    write_site(output, {"index.html": b"deux"}, {}, detach=True)
    assert (output / "index.html").read_bytes() == b"deux"
    assert (first / "index.html").is_file()  # not waited for
    lock = open(tmp_path / ".site-verrou", "a+b")
    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # nor holding the lock: the next build starts at once
    fcntl.flock(lock, fcntl.LOCK_UN)
    lock.close()
    release.touch()
    spare = _wait_for_spare(output)
    assert not first.exists()
    assert _contents(spare) == {"a": True, "a/b": True, MARKER: False}  # its folders, no file of the old site


def _wait_for_spare(output: Path) -> Path:
    spare = switch.spare_folder(output)
    for _ in range(600):
        if spare.is_dir():
            return spare
        time.sleep(0.1)
    raise AssertionError("pas de dossier de réserve")


def _contents(folder: Path) -> dict[str, bool]:
    return {p.relative_to(folder).as_posix(): p.is_dir() for p in folder.rglob("*")}


@pytest.mark.skipif(not can_fork(), reason="sans fork, l'ancien site est supprimé sur place et rien n'est gardé")
def test_the_next_build_writes_into_the_spare_folders_and_publishes_nothing_left_in_them(
    make_site: MakeSite, tmp_path: Path
) -> None:
    """The old site's folders, emptied, become the next site: what the emptying missed never reaches it."""
    source, out = make_site(), tmp_path / "site"
    build(source, out, BUILD_DATE, search=False)
    build(source, out, BUILD_DATE, search=False, detach=True)
    spare = _wait_for_spare(out)
    assert not [name for name, folder in _contents(spare).items() if not folder and name != MARKER]
    (spare / "metiers" / "oublie.html").write_text("reste d'un vidage interrompu", "utf-8")
    (spare / "lien").symlink_to(tmp_path)
    (spare / "pagefind").mkdir()
    inode = spare.stat().st_ino
    (source / "content" / "pages" / "nouvelle.md").write_text(
        "---\ntitre: Une page nouvelle\nresume: Une page ajoutée entre deux constructions.\n---\n\nTexte.\n", "utf-8"
    )
    build(source, out, BUILD_DATE, search=False, detach=True)
    assert out.resolve().stat().st_ino == inode  # the spare became the new site
    cold = tmp_path / "froid"
    build(source, cold, BUILD_DATE, search=False, cache=False)
    assert _contents(out.resolve()) == _contents(cold.resolve())  # no file, link or folder left over
    assert _site_folders(tmp_path) == [out.resolve().name]
    spare = _wait_for_spare(out)  # the site before becomes the next spare
    outside = tmp_path / "ailleurs.txt"
    outside.write_text("à garder", "utf-8")
    (spare / MARKER).unlink()
    (spare / MARKER).symlink_to(outside)  # a marker that leads out: marking the folder would write there
    build(source, out, BUILD_DATE, search=False)
    assert outside.read_text("utf-8") == "à garder" and (spare / MARKER).is_symlink()
    (spare / MARKER).unlink()  # a folder that does not show it is ours: never emptied, never taken
    (spare / "precieux.txt").write_text("à garder", "utf-8")
    build(source, out, BUILD_DATE, search=False)
    assert (spare / "precieux.txt").read_text("utf-8") == "à garder"
    (spare / "precieux.txt").unlink()
    (spare / MARKER).write_text("", "utf-8")
    remove_output(out)  # the spare too
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_emptying_keeps_the_folders_and_a_real_marker_only(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    (folder / "a" / "b").mkdir(parents=True)
    (folder / "a" / "index.html").write_text("page", "utf-8")
    (folder / "pagefind" / "fragment").mkdir(parents=True)
    (folder / "a" / "lien").symlink_to(tmp_path)  # a link to a folder: removed, never followed
    (folder / MARKER).write_text("", "utf-8")
    switch.empty_files(folder, MARKER, "pagefind")
    assert _contents(folder) == {"a": True, "a/b": True, MARKER: False}
    (folder / MARKER).unlink()
    (folder / MARKER).symlink_to(tmp_path / "ailleurs")
    switch.empty_files(folder, MARKER, "pagefind")
    assert not os.path.lexists(folder / MARKER) and tmp_path.is_dir()
