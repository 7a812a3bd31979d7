"""The search index reuses the previous one's files, and still equals the index of a cold build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from passerelles.builder import build
from passerelles.searchreuse import fragment_url, read_metas

from .test_incremental import DATE, EDITS, assert_same_as_cold, copy_example, edit_body


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
    source = copy_example(tmp_path / "source")
    output = tmp_path / "site"
    build(source, output, DATE)
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
    source = copy_example(tmp_path / "source")
    output = tmp_path / "site"
    build(source, output, DATE)
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
    source = copy_example(tmp_path / "source")
    output = tmp_path / "site"
    build(source, output, DATE)
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
    source = copy_example(tmp_path / "source")
    output = tmp_path / "site"
    build(source, output, DATE)
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


def test_an_unreadable_previous_index_is_not_reused(tmp_path: Path) -> None:
    source = copy_example(tmp_path / "source")
    output = tmp_path / "site"
    build(source, output, DATE)
    published = _index(output)
    for meta in published.glob("*.pf_meta"):
        meta.write_bytes(b"pas des metadonnees")
    inodes = {path.stat().st_ino for path in published.rglob("*.pf_fragment")}
    edit_body(source)
    build(source, output, DATE)
    assert not inodes & {path.stat().st_ino for path in _index(output).rglob("*.pf_fragment")}
    assert_same_as_cold(source, output, tmp_path, search=True)


def test_the_published_index_folder_is_never_written_by_pagefind(tmp_path: Path) -> None:
    """Even the files Pagefind rewrites each run (entry, scripts) are new files, not the published ones."""
    source = copy_example(tmp_path / "source")
    output = tmp_path / "site"
    build(source, output, DATE)
    published = _index(output)
    kept = {}
    for n, path in enumerate(sorted(published.rglob("*.*"))):  # links keep the inodes after the old site goes
        os.link(path, tmp_path / f"lien-{n}")
        kept[tmp_path / f"lien-{n}"] = path.read_bytes()
    edit_body(source)
    build(source, output, DATE)
    assert not published.exists()
    assert all(link.read_bytes() == data for link, data in kept.items())
