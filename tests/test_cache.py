"""The persistent cache: entries in one SQLite file, never written through a planted link, a cut or forged
entry recomputed, a broken database made again."""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import sqlite3
from pathlib import Path

import pytest

from passerelles.cache import DiskCache
from passerelles.store import NAME, Store

SECRET = b"k" * 32


def stored(folder: Path) -> Store:
    """The database of the cache in `folder`, read and written as the cache does (to cut or forge entries)."""
    return Store(folder / NAME)


def test_an_entry_is_read_back_by_another_build_once_written(tmp_path: Path) -> None:
    first = DiskCache(tmp_path / "calculs", secret=SECRET)
    key = first.key("corps", "Bonjour")
    first.put(key, ["<p>Bonjour</p>", []], keep=False)
    assert first.get(key) == ["<p>Bonjour</p>", []]  # made by this build: read back before it is written
    assert DiskCache(tmp_path / "calculs", secret=SECRET).get(key) is None  # not written yet
    first.flush()
    assert DiskCache(tmp_path / "calculs", secret=SECRET).get(key) == ["<p>Bonjour</p>", []]
    assert sorted(p.name for p in (tmp_path / "calculs").iterdir() if not p.name.endswith("-journal")) == [NAME]


def test_what_waits_is_written_at_once_past_a_bound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("passerelles.cache.PENDING_BYTES", 1000)
    cache = DiskCache(tmp_path / "calculs", secret=SECRET)
    keys = [cache.key("page", str(i)) for i in range(5)]
    for key in keys:
        cache.put_object(key, b"x" * 400)
    assert sorted(stored(tmp_path / "calculs").names()) == sorted(k + ".pickle" for k in keys[:3])
    cache.flush()
    assert len(stored(tmp_path / "calculs").names()) == 5


def test_an_entry_cut_short_by_a_crash_is_recomputed(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "calculs", secret=SECRET)
    key = cache.key("corps", "Bonjour")
    cache.put(key, ["<p>Bonjour tout le monde</p>", []])
    cache.flush()
    name = f"{key}.json"
    whole = stored(tmp_path / "calculs").read(name)
    assert whole is not None
    for cut in (len(whole) - 3, len(whole) // 2, 10, 0):
        stored(tmp_path / "calculs").write({name: whole[:cut]})
        assert DiskCache(tmp_path / "calculs", secret=SECRET).get(key) is None


@pytest.mark.parametrize("damage", [b"", b"pas une base SQLite" * 100, b"SQLite format 3\0" + b"\xff" * 5000])
def test_a_broken_database_is_made_again_and_never_stops_a_build(tmp_path: Path, damage: bytes) -> None:
    folder = tmp_path / "calculs"
    cache = DiskCache(folder, secret=SECRET)
    cache.put(cache.key("a"), 1)
    cache.flush()
    (folder / NAME).write_bytes(damage)
    again = DiskCache(folder, secret=SECRET)
    assert again.get(again.key("a")) is None
    again.put(again.key("b"), 2)
    again.flush()
    assert DiskCache(folder, secret=SECRET).get(again.key("b")) == 2
    with contextlib.closing(sqlite3.connect(folder / NAME)) as made:  # made again with the same settings
        assert made.execute("PRAGMA page_size").fetchone()[0] == 16384


@pytest.mark.parametrize("planted", [NAME, NAME + "-journal"])
def test_a_link_planted_under_the_database_name_is_never_written_through(tmp_path: Path, planted: str) -> None:
    victim = tmp_path / "a-garder.txt"
    victim.write_text("contenu à ne pas écraser", encoding="utf-8")
    folder = tmp_path / "calculs"
    folder.mkdir()
    (folder / planted).symlink_to(victim)
    cache = DiskCache(folder, secret=SECRET)
    key = cache.key("corps", "Bonjour")
    cache.put(key, ["<p>Bonjour</p>", []])
    cache.flush()
    assert victim.read_text(encoding="utf-8") == "contenu à ne pas écraser"
    assert not (folder / planted).is_symlink()
    assert DiskCache(folder, secret=SECRET).get(key) == ["<p>Bonjour</p>", []]


def test_a_cache_folder_removed_while_the_preview_runs_is_made_again(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "calculs", secret=SECRET)
    cache.put(cache.key("a"), 1)
    cache.flush()
    shutil.rmtree(tmp_path / "calculs")
    cache.put(cache.key("c"), 3)
    cache.flush()
    assert DiskCache(tmp_path / "calculs", secret=SECRET).get(cache.key("c")) == 3


def test_an_unusable_folder_only_costs_speed(tmp_path: Path) -> None:
    (tmp_path / "fichier").write_text("pas un dossier", encoding="utf-8")
    cache = DiskCache(tmp_path / "fichier" / "calculs", secret=SECRET)
    cache.put(cache.key("a"), 1, keep=False)
    cache.flush()
    cache.prune()
    assert cache.get(cache.key("a")) is None


def test_prune_keeps_what_was_used_and_removes_entries_of_older_versions(tmp_path: Path) -> None:
    folder = tmp_path / "calculs"
    folder.mkdir()
    (folder / f"{'0' * 64}.json").write_bytes(b"une entree d'une version precedente")
    first = DiskCache(folder, secret=SECRET)
    first.put(first.key("garde"), 1)
    first.put(first.key("oublie"), 2)
    first.flush()
    second = DiskCache(folder, secret=SECRET)
    assert second.get(second.key("garde")) == 1
    second.prune()
    assert stored(folder).names() == [second.key("garde") + ".json"]
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith("-journal")) == [NAME]


def test_entries_made_in_a_forked_copy_are_written_by_the_parent(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "calculs", secret=SECRET)
    assert cache.get(cache.key("avant")) is None  # the parent's connection is open when it forks
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: reads through its own connection, writes nothing, hands over what it made
        status = 1
        try:
            cache.put(cache.key("copie"), "fait dans la copie")
            cache.flush()
            made = cache.take_pending()
            if list(made) == [cache.key("copie") + ".json"] and not stored(tmp_path / "calculs").names():
                os.write(write, pickle.dumps(made))
                status = 0
        finally:
            os._exit(status)
    os.close(write)
    with os.fdopen(read, "rb") as stream:
        made = pickle.loads(stream.read())
    assert os.waitpid(pid, 0)[1] == 0
    cache.adopt(made)
    cache.flush()
    assert DiskCache(tmp_path / "calculs", secret=SECRET).get(cache.key("copie")) == "fait dans la copie"


def test_a_stored_object_is_unpickled_only_once_its_signature_is_verified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = DiskCache(tmp_path / "calculs", secret=SECRET)
    key = cache.key("fichier", "temoin.md")
    cache.put_object(key, ("source", {"titre": "Bonjour"}, {}, []))
    cache.flush()
    assert DiskCache(tmp_path / "calculs", secret=SECRET).get_object(key) == ("source", {"titre": "Bonjour"}, {}, [])
    name = f"{key}.pickle"
    entry = stored(tmp_path / "calculs").read(name)
    assert entry is not None
    mac, _, _ = entry.partition(b"\n")
    stored(tmp_path / "calculs").write({name: mac + b"\n" + pickle.dumps(("forgé",))})  # as a planted file could
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
        rendered = env.get_template("page.html").render(nom="Léa")
        disk.flush()
        return rendered

    assert render() == "Bonjour Léa !" and compiled == ["page.html"]
    assert render() == "Bonjour Léa !" and compiled == ["page.html"]  # read back, signed: not compiled again
    database = stored(tmp_path / "calculs")
    for name in database.names():
        entry = database.read(name)
        assert entry is not None
        mac, _, _ = entry.partition(b"\n")
        database.write({name: mac + b"\n" + pickle.dumps(b"forged bytecode")})
    assert render() == "Bonjour Léa !" and compiled == ["page.html", "page.html"]  # refused: compiled again


def test_a_database_mostly_unused_after_pruning_gives_its_space_back(tmp_path: Path) -> None:
    folder = tmp_path / "calculs"
    first = DiskCache(folder, secret=SECRET)
    for i in range(200):
        first.put_object(first.key("page", str(i)), os.urandom(4000))
    first.flush()
    full = (folder / NAME).stat().st_size
    second = DiskCache(folder, secret=SECRET)
    assert isinstance(second.get_object(second.key("page", "0")), bytes)
    second.prune()
    assert stored(folder).names() == [second.key("page", "0") + ".pickle"]
    assert (folder / NAME).stat().st_size < full / 10


def test_many_entries_are_read_together_written_or_not_forged_ones_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`get_objects`: a few queries for thousands of keys (more than one query's worth), what this build made
    and has not written yet, never a forged entry, nothing for a missing key; every key asked is used."""
    cache = DiskCache(tmp_path / "calculs", secret=SECRET)
    keys = [cache.key("page", str(i)) for i in range(1200)]
    for i, key in enumerate(keys):
        cache.put_object(key, f"page {i}".encode())
    cache.flush()
    queries: list[str] = []
    later = DiskCache(tmp_path / "calculs", secret=SECRET)
    assert later._store is not None
    later._store._open().set_trace_callback(queries.append)  # type: ignore[union-attr]
    fresh = later.key("page", "nouvelle")
    later.put_object(fresh, b"pas encore ecrite")
    name = f"{keys[7]}.pickle"
    entry = stored(tmp_path / "calculs").read(name)
    assert entry is not None
    stored(tmp_path / "calculs").write({name: entry.partition(b"\n")[0] + b"\n" + pickle.dumps(b"forge")})
    missing = later.key("page", "absente")
    found = later.get_objects([*keys, fresh, missing, keys[0]])
    assert found == {key: f"page {i}".encode() for i, key in enumerate(keys) if i != 7} | {fresh: b"pas encore ecrite"}
    assert len([q for q in queries if q.startswith("SELECT")]) == 3  # 1,201 names asked: 500 at a time
    assert later.used >= {*keys, fresh, missing}
    assert later.get_object(keys[3]) == b"page 3" and later.get_object(missing) is None


def test_store_reads_only_what_it_holds(tmp_path: Path) -> None:
    store = Store(tmp_path / "calculs" / NAME)
    store.write({f"n{i}": bytes([i]) for i in range(10)})
    assert store.read_many(["n1", "absent", "n1", "n9"]) == {"n1": b"\x01", "n9": b"\x09"}
    assert store.read_many([]) == {} and store.read("absent") is None and store.read("n2") == b"\x02"
