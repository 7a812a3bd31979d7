"""The search index reuses the previous one's files, and still equals the index of a cold build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from passerelles import builder, search, searchservice
from passerelles.builder import build
from passerelles.errors import BuildError
from passerelles.searchreuse import Linked, Meta, fragment_url, read_metas, settle

from .test_incremental import DATE, EDITS, assert_same_as_cold, copy_example, delete_file, edit_body, new_file


def _published(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the example site, built once with its search index: its source and its output."""
    source = copy_example(tmp_path / "source")
    output = tmp_path / "site"
    build(source, output, DATE)
    return source, output


def _index(output: Path) -> Path:
    return output.resolve() / "pagefind"


def _files(index: Path) -> dict[str, tuple[int, bytes]]:
    """Each content-named file of an index: its inode and bytes."""
    found = {}
    for path in index.rglob("*"):
        rel = path.relative_to(index).as_posix()
        if path.is_file() and (rel.endswith(".pf_meta") or "/" in rel):
            found[rel] = (path.stat().st_ino, path.read_bytes())
    return found


def test_an_edit_links_the_unchanged_index_files_and_leaves_the_published_ones_as_they_were(tmp_path: Path) -> None:
    source, output = _published(tmp_path)
    before = _files(_index(output))
    edit_body(source)
    build(source, output, DATE)
    after = _files(_index(output))
    linked = [rel for rel in after if rel in before and after[rel][0] == before[rel][0]]
    written = [rel for rel in after if rel not in linked]
    assert len(linked) > len(after) * 3 // 4  # one testimonial changed: most files are the previous ones
    assert any(rel.startswith("fragment/") for rel in written)  # ... but not its fragment
    assert all(after[rel][1] == before[rel][1] for rel in linked)  # Pagefind did not write into them
    assert_same_as_cold(source, output, tmp_path, search=True)


def test_every_edit_keeps_the_index_equal_to_a_cold_builds(tmp_path: Path) -> None:
    """Body, front matter, rename with alias, deletion, new file, event, template, site.yaml."""
    source, output = _published(tmp_path)
    for edit in EDITS:
        edit(source)
        build(source, output, DATE)
        assert_same_as_cold(source, output, tmp_path, search=True)


def _after_edit(source: Path, scratch: Path) -> Path:
    """The index a cold build makes once `edit_body` is applied to a copy of `source`."""
    copy = scratch / "copie"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns(".cache", "site", ".site*"))
    edit_body(copy)
    build(copy, scratch / "copie-site", DATE, cache=False)
    return _index(scratch / "copie-site")


def test_a_linked_fragment_that_is_another_pages_makes_pagefind_start_again(tmp_path: Path) -> None:
    """Short names can collide: a skipped fragment naming the wrong page is caught, the index made afresh."""
    source, output = _published(tmp_path)
    published = _index(output)
    new = _after_edit(source, tmp_path)
    (fresh,) = [rel for rel in read_metas(new)[0].fragments if not (published / rel).exists()]
    other = sorted((published / "fragment").iterdir())[0]
    assert fragment_url(other.read_bytes()) != fragment_url((new / fresh).read_bytes())
    shutil.copyfile(other, published / fresh)  # the previous index holds another page under the new name
    edit_body(source)
    build(source, output, DATE)
    assert fragment_url((_index(output) / fresh).read_bytes()) == fragment_url((new / fresh).read_bytes())
    assert_same_as_cold(source, output, tmp_path, search=True)


def test_a_linked_word_chunk_for_other_words_makes_pagefind_start_again(tmp_path: Path) -> None:
    source, output = _published(tmp_path)
    published = _index(output)
    new = _after_edit(source, tmp_path)
    fresh = [rel for rel in read_metas(new)[0].chunks if not (published / rel).exists()]
    assert fresh  # the sentence added changes some word lists
    other = sorted((published / "index").iterdir())[0]
    shutil.copyfile(other, published / fresh[0])
    edit_body(source)
    build(source, output, DATE)
    assert (_index(output) / fresh[0]).read_bytes() == (new / fresh[0]).read_bytes()
    assert_same_as_cold(source, output, tmp_path, search=True)


def test_a_linked_filter_chunk_listed_for_another_filter_is_not_trusted(tmp_path: Path) -> None:
    """A site whose templates give Pagefind a filter (testimonials by métier). Pagefind writes a filter's
    values in no fixed order, so its chunk's name changes from one run to the next and a collision cannot be
    staged through builds (the word-chunk test above does that): the check itself is tested here."""
    source = copy_example(tmp_path / "source")
    template = source / "templates" / "temoignages" / "detail.html"
    text = template.read_text(encoding="utf-8")
    assert '<article class="temoignage">' in text
    filtered = '<article class="temoignage" data-pagefind-filter="metier:{{ metier.titre }}">'
    template.write_text(text.replace('<article class="temoignage">', filtered), encoding="utf-8")
    output = tmp_path / "site"
    build(source, output, DATE)
    index = _index(output)
    [meta] = read_metas(index)
    [(chunk, name)] = meta.filters.items()
    assert name == "metier"
    linked_as = {name: Linked(frozenset({chunk}), (Meta((), {}, {chunk: name}),)) for name in ("metier", "lieu")}
    assert not settle(index, linked_as["lieu"], output.resolve())  # linked for another filter: index made again
    assert settle(index, linked_as["metier"], output.resolve()) and (index / chunk).is_file()


@pytest.mark.parametrize("damage", ["pas des métadonnées", "coupées en deux"])
def test_an_unreadable_previous_index_is_not_reused(tmp_path: Path, damage: str) -> None:
    source, output = _published(tmp_path)
    published = _index(output)
    for meta in published.glob("*.pf_meta"):
        data = meta.read_bytes()
        meta.write_bytes(data[: len(data) // 2] if damage == "coupées en deux" else damage.encode())
    inodes = {path.stat().st_ino for path in published.rglob("*.pf_fragment")}
    edit_body(source)
    build(source, output, DATE)
    assert not inodes & {path.stat().st_ino for path in _index(output).rglob("*.pf_fragment")}
    assert_same_as_cold(source, output, tmp_path, search=True)


def test_the_published_index_folder_is_never_written_by_pagefind(tmp_path: Path) -> None:
    """Even the files Pagefind rewrites each run (entry, scripts) are new files, not the published ones."""
    source, output = _published(tmp_path)
    published = _index(output)
    kept = {}
    for n, path in enumerate(sorted(published.rglob("*.*"))):  # links keep the inodes after the old site goes
        os.link(path, tmp_path / f"lien-{n}")
        kept[tmp_path / f"lien-{n}"] = path.read_bytes()
    edit_body(source)
    build(source, output, DATE)
    assert not published.exists()
    assert all(link.read_bytes() == data for link, data in kept.items())


def _count_fresh(monkeypatch, modesty: list[bool] | None = None) -> list[Path]:  # type: ignore[no-untyped-def]
    """Calls of the path that reads every page afresh (the early service could not be used); whether each
    was `modest` goes to `modesty`."""
    calls: list[Path] = []
    real = search._fresh

    def fresh(site: Path, index: Path, modest: bool = False):  # type: ignore[no-untyped-def]
        calls.append(site)
        if modesty is not None:
            modesty.append(modest)
        return real(site, index, modest)

    monkeypatch.setattr(search, "_fresh", fresh)
    return calls


def test_the_early_service_is_brought_level_after_an_edit_and_a_deletion(tmp_path: Path, monkeypatch) -> None:
    """It read the published pages while the build rendered: changed pages given again, a page gone left out."""
    source, output = _published(tmp_path)
    fresh = _count_fresh(monkeypatch)
    edit_body(source)
    build(source, output, DATE)
    delete_file(source)
    build(source, output, DATE)
    assert fresh == []
    assert_same_as_cold(source, output, tmp_path, search=True)


def test_a_new_page_makes_the_index_read_every_page_afresh(tmp_path: Path, monkeypatch) -> None:
    source, output = _published(tmp_path)
    fresh = _count_fresh(monkeypatch)
    new_file(source)
    build(source, output, DATE)
    assert len(fresh) == 1
    assert_same_as_cold(source, output, tmp_path, search=True)


def test_folders_listing_pages_in_another_order_make_the_index_read_every_page_afresh(
    tmp_path: Path, monkeypatch
) -> None:
    """Pagefind numbers pages as its walk meets them: an order the published site does not share is not patched."""
    source, output = _published(tmp_path)
    published = output.resolve()
    real = search.html_pages
    monkeypatch.setattr(search, "html_pages", lambda site: real(site)[::-1] if site != published else real(site))
    fresh = _count_fresh(monkeypatch)
    edit_body(source)
    build(source, output, DATE)
    assert len(fresh) == 1


def test_the_early_service_is_stopped_when_the_build_fails(tmp_path: Path, monkeypatch) -> None:
    source, output = _published(tmp_path)
    started: list[search.Early] = []
    real = search.start_early

    def early(published: Path | None) -> search.Early | None:
        made = real(published)
        assert made is not None
        started.append(made)
        return made

    monkeypatch.setattr(builder, "start_early", early)
    (source / "content" / "metiers" / "aide-soignant.md").write_text("---\ntitre: Cassé\n---\n", encoding="utf-8")
    with pytest.raises(BuildError):
        build(source, output, DATE)
    assert started and started[0].service.process.poll() is not None


def test_the_command_line_makes_the_same_index_where_a_service_cannot_be_watched(tmp_path: Path, monkeypatch) -> None:
    """Without /proc (macOS, Windows) Pagefind's command line runs: the same walk, the same index."""
    source, output = _published(tmp_path)
    monkeypatch.setattr(search, "available", lambda: False)
    edit_body(source)
    build(source, output, DATE)
    monkeypatch.undo()
    assert_same_as_cold(source, output, tmp_path, search=True)


@pytest.mark.skipif(not searchservice.available(), reason="sans /proc, le service n'est pas utilisé")
def test_the_service_is_stopped_only_once_its_files_are_written(tmp_path: Path) -> None:
    """Pagefind answers before its last writes end: they are waited for, through the files it holds open."""
    output = tmp_path / "index"
    output.mkdir()
    writer = (
        "import sys, time\n"
        "with open(sys.argv[1], 'w') as f:\n"
        "    f.write('début'); f.flush(); print('ouvert', flush=True); time.sleep(1); f.write(' et fin')\n"
        "time.sleep(60)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", writer, str(output / "fichier")], stdout=subprocess.PIPE)
    try:
        assert process.stdout is not None and process.stdout.readline() == b"ouvert\n"
        service = searchservice.PagefindService.__new__(searchservice.PagefindService)
        service.process = process
        service._writes_done(output, time.monotonic() + 30)
        assert (output / "fichier").read_text() == "début et fin"
    finally:
        process.kill()
        process.wait()


def test_pagefind_is_run_as_its_own_program_found_as_python_m_pagefind_finds_it(monkeypatch, tmp_path: Path) -> None:
    """No Python started only to hand over to Pagefind; `PAGEFIND_BINARY_PATH` first, `-m pagefind` last."""
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    [found] = searchservice.program()
    assert Path(found).is_file() and Path(found).name.startswith("pagefind")
    version = subprocess.run([found, "--version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith("pagefind ")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "pagefind-maison"))
    assert searchservice.program() == [str(tmp_path / "pagefind-maison")]
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")

    def missing(name: str) -> None:
        raise ImportError(name)

    monkeypatch.setattr(searchservice.importlib, "import_module", missing)
    assert searchservice.program() == [sys.executable, "-m", "pagefind"]


@pytest.mark.skipif(shutil.which("nice") is None, reason="pas de programme « nice » ici (Windows) : priorité normale")
def test_a_modest_command_line_runs_pagefind_at_a_lower_priority_from_its_start(monkeypatch, tmp_path: Path) -> None:
    """Set before Pagefind starts (`nice`), so that every thread it makes has it, not after."""
    seen = tmp_path / "priorite"
    fake = [sys.executable, "-c", f"import os; open({str(seen)!r}, 'a').write(str(os.nice(0)) + ' ')"]
    monkeypatch.setattr(search, "program", lambda: fake)
    mine = os.nice(0)
    for modest in (True, False):
        command_line = search.CommandLine(tmp_path, tmp_path / "index", modest)
        command_line.results()
    assert seen.read_text().split() == [str(min(19, mine + searchservice.MODEST_NICENESS)), str(mine)]


def test_the_preview_indexes_at_a_lower_priority_and_the_command_line_does_not(monkeypatch, tmp_path: Path) -> None:
    """The preview's index is background work: a save made while it runs is rebuilt first."""
    from passerelles.serve import Preview

    asked: list[bool] = []
    _count_fresh(monkeypatch, asked)
    source = copy_example(tmp_path / "source")
    build(source, tmp_path / "site", DATE)
    preview = Preview(source, tmp_path / "apercu", date=DATE, search=True)
    preview.rebuild()
    preview.wait_index()
    assert asked == [False, True] and preview.errors == []
    assert (tmp_path / "apercu" / "pagefind" / "pagefind-entry.json").is_file()
