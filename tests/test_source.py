"""Loader: front matter splitting, line numbers, YAML types editors mean."""

from __future__ import annotations

from pathlib import Path

from passerelles.source import discover, parse_front_matter, read_source, slugify


def parse(text: str):
    return parse_front_matter(text, "content/metiers/x.md")


def test_lines_of_keys_and_nested_items_are_file_lines():
    _, lines, body, body_line, errors = parse(
        "---\ntitre: A\nformations:\n  - diplome: D\n    niveau: 4\n---\n\nCorps\n"
    )
    assert errors == []
    assert lines[("titre",)] == 2
    assert lines[("formations", 0)] == 4
    assert lines[("formations", 0, "niveau")] == 5
    assert body.strip() == "Corps"
    assert body_line == 7  # the blank line right after the closing ---


def test_codes_keep_their_leading_zeros_and_times_stay_text():
    data, *_ = parse("---\ndepartement: 01\ncode: 06100\nheure: 14:30\nn: 62\nok: yes\nd: 2024-03-01\n---\n")
    assert data["departement"] == "01"
    assert data["code"] == "06100"
    assert data["heure"] == "14:30"
    assert data["n"] == 62
    assert data["ok"] == "yes"
    assert data["d"] == "2024-03-01"  # parsed by the schema, which reports impossible dates at their line


def test_missing_front_matter_is_reported_on_line_1():
    *_, errors = parse("Juste du texte\n")
    assert [(e.line, e.message) for e in errors] == [
        (1, "le fichier doit commencer par un en-tête YAML encadré par deux lignes « --- »")
    ]


def test_unclosed_front_matter():
    *_, errors = parse("---\ntitre: A\n")
    assert errors[0].line == 1
    assert "non refermé" in errors[0].message


def test_yaml_syntax_error_names_the_line_and_a_hint():
    *_, errors = parse("---\ntitre: A\nresume: Attention: piège\n---\n")
    assert errors[0].line == 3
    assert errors[0].message.startswith("erreur de syntaxe YAML : un « : » inattendu")


def test_duplicate_key_is_an_error_at_the_second_occurrence():
    *_, errors = parse("---\ntitre: A\nresume: B\ntitre: C\n---\n")
    assert [(e.line, e.message) for e in errors] == [(4, "champ « titre » écrit deux fois")]


def test_bom_and_windows_line_endings_are_accepted():
    data, lines, _, _, errors = parse("\ufeff---\r\ntitre: A\r\n---\r\nCorps\r\n")
    assert errors == [] and data == {"titre": "A"} and lines[("titre",)] == 2


def test_front_matter_must_be_a_mapping():
    *_, errors = parse("---\n- a\n- b\n---\n")
    assert "clé: valeur" in errors[0].message


def test_slugify_folds_accents_and_punctuation():
    assert slugify("Éducateur spécialisé (ES)") == "educateur-specialise-es"
    assert slugify("Aide_Soignant.e") == "aide-soignant-e"


def test_bad_file_name_suggests_the_fixed_one(tmp_path: Path):
    path = tmp_path / "content" / "metiers" / "Aide Soignant.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitre: A\n---\n", encoding="utf-8")
    source, errors = read_source(tmp_path, "metiers", path)
    assert source is not None
    assert errors[0].format() == (
        "content/metiers/Aide Soignant.md:1: nom de fichier invalide : minuscules sans "
        "accents, chiffres et tirets seulement — vouliez-vous dire « aide-soignant.md » ?"
    )


def test_non_markdown_files_are_errors_that_name_the_new_name(tmp_path: Path):
    path = tmp_path / "content" / "pages" / "notes.markdown"
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitre: A\n---\n", encoding="utf-8")
    source, errors = read_source(tmp_path, "pages", path)
    assert source is None and not errors[0].warning
    assert (
        errors[0].message == "extension « .markdown » : seuls les fichiers « .md » sont lus ; renommez-le en notes.md"
    )


def test_non_utf8_file(tmp_path: Path):
    path = tmp_path / "content" / "pages" / "latin.md"
    path.parent.mkdir(parents=True)
    path.write_bytes("---\ntitre: Données\n---\n".encode("latin-1"))
    source, errors = read_source(tmp_path, "pages", path)
    assert source is None and errors[0].message == "le fichier n'est pas enregistré en UTF-8"
    assert errors[0].line == 2  # the line of the first unreadable byte


def test_discover_is_sorted_and_skips_hidden_files(tmp_path: Path):
    folder = tmp_path / "content" / "metiers"
    folder.mkdir(parents=True)
    for name in ("b.md", "a.md", ".cache.md", "_brouillon.md"):
        (folder / name).write_text("")
    assert [p.name for _, p in discover(tmp_path)] == ["a.md", "b.md"]
