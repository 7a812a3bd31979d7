"""The persistent cache: entries written in place, never through a planted link, a cut entry recomputed."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from passerelles.cache import DiskCache

SECRET = b"k" * 32


def test_an_entry_is_read_back_by_another_build_with_the_same_key(tmp_path: Path) -> None:
    first = DiskCache(tmp_path / "calculs", secret=SECRET)
    key = first.key("corps", "Bonjour")
    first.put(key, ["<p>Bonjour</p>", []])
    assert DiskCache(tmp_path / "calculs", secret=SECRET).get(key) == ["<p>Bonjour</p>", []]


def test_an_entry_cut_short_by_a_crash_is_recomputed(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "calculs", secret=SECRET)
    key = cache.key("corps", "Bonjour")
    cache.put(key, ["<p>Bonjour tout le monde</p>", []])
    entry = tmp_path / "calculs" / f"{key}.json"
    whole = entry.read_bytes()
    for cut in (len(whole) - 3, len(whole) // 2, 10, 0):
        entry.write_bytes(whole[:cut])
        assert DiskCache(tmp_path / "calculs", secret=SECRET).get(key) is None


def test_a_link_planted_under_an_entry_name_is_never_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "a-garder.txt"
    victim.write_text("contenu à ne pas écraser", encoding="utf-8")
    folder = tmp_path / "calculs"
    folder.mkdir()
    cache = DiskCache(folder, secret=SECRET)
    key = cache.key("corps", "Bonjour")
    (folder / f"{key}.json").symlink_to(victim)
    cache.put(key, ["<p>Bonjour</p>", []])
    assert victim.read_text(encoding="utf-8") == "contenu à ne pas écraser"
    assert DiskCache(folder, secret=SECRET).get(key) is None  # what the link leads to is not a signed entry


def test_a_cache_folder_removed_while_the_preview_runs_is_made_again(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "calculs", secret=SECRET)
    cache.put(cache.key("a"), 1)
    shutil.rmtree(tmp_path / "calculs")
    cache.put(cache.key("b"), 2)  # lost: the folder is gone
    cache.put(cache.key("c"), 3)
    assert DiskCache(tmp_path / "calculs", secret=SECRET).get(cache.key("c")) == 3


def test_a_stored_object_is_unpickled_only_once_its_signature_is_verified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = DiskCache(tmp_path / "calculs", secret=SECRET)
    key = cache.key("fichier", "temoin.md")
    cache.put_object(key, ("source", {"titre": "Bonjour"}, {}, []))
    assert DiskCache(tmp_path / "calculs", secret=SECRET).get_object(key) == ("source", {"titre": "Bonjour"}, {}, [])
    entry = tmp_path / "calculs" / f"{key}.pickle"
    mac, _, _ = entry.read_bytes().partition(b"\n")
    entry.write_bytes(mac + b"\n" + pickle.dumps(("forgé",)))  # a pull request could add such a file
    unpickled: list[bytes] = []
    monkeypatch.setattr(pickle, "loads", lambda data: unpickled.append(data))
    assert DiskCache(tmp_path / "calculs", secret=SECRET).get_object(key) is None
    assert unpickled == []
    other = DiskCache(tmp_path / "calculs", secret=b"x" * 32)  # another user's key: nothing of ours is read
    assert other.get_object(key) is None and unpickled == []


def test_compiled_templates_are_kept_signed_between_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A later build's environment compiles no template again; a forged entry is never loaded."""
    import jinja2

    from passerelles.cache import MemoryBytecode

    compiled: list[str] = []
    compile_ = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[no-untyped-def]
        compiled.append(name)
        return compile_(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html").write_text("Bonjour {{ nom }} !")

    def render() -> str:
        disk = DiskCache(tmp_path / "calculs", secret=b"cle")
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path / "t"), bytecode_cache=MemoryBytecode(disk))
        return env.get_template("page.html").render(nom="Léa")

    assert render() == "Bonjour Léa !" and compiled == ["page.html"]
    assert render() == "Bonjour Léa !" and compiled == ["page.html"]  # read back, signed: not compiled again
    for entry in (tmp_path / "calculs").glob("*.pickle"):
        mac, _, _ = entry.read_bytes().partition(b"\n")
        entry.write_bytes(mac + b"\n" + pickle.dumps(b"forged bytecode"))
    assert render() == "Bonjour Léa !" and compiled == ["page.html", "page.html"]  # refused: compiled again
