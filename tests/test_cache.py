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
