"""Markdown with French typography and accent-folding anchors."""

from __future__ import annotations

from html import unescape

from passerelles.markup import make_markdown, render_markdown, typo


def test_headings_get_ascii_anchors_and_a_table_of_contents():
    html, toc = render_markdown(make_markdown(), "## Une journée type\n\n## Conditions d'accès\n")
    assert '<h2 id="une-journee-type">' in html
    assert [t["id"] for t in toc] == ["une-journee-type", "conditions-d-acces"]


def test_french_quotes_apostrophes_and_non_breaking_spaces():
    html, _ = render_markdown(make_markdown(), 'Elle dit : "C\'est beau !" Vraiment ?')
    assert "Elle dit\u00a0: «\u00a0C’est beau\u202f!\u00a0» Vraiment\u202f?" in unescape(html)


def test_code_and_urls_are_left_alone():
    html, _ = render_markdown(make_markdown(), "Voir `a ; b` et https://exemple.fr/a:b")
    assert "<code>a ; b</code>" in html and "https://exemple.fr/a:b" in html


def test_tables_and_attribute_lists():
    html, _ = render_markdown(make_markdown(), "| a | b |\n|---|---|\n| 1 | 2 |\n\nTexte\n{: .note }\n")
    assert "<table>" in html and '<p class="note">Texte</p>' in html


def test_plain_text_typography_is_idempotent():
    once = typo("L'aide : oui ! « bien »")
    assert once == "L\u2019aide\u00a0: oui\u202f! «\u00a0bien\u00a0»"
    assert typo(once) == once


def test_converter_is_reset_between_files():
    md = make_markdown()
    render_markdown(md, "## Premier\n")
    _, toc = render_markdown(md, "## Second\n")
    assert [t["id"] for t in toc] == ["second"]


def test_the_contents_marker_still_makes_a_table_of_contents_and_sections_are_listed_without_it() -> None:
    md = make_markdown()
    html, toc = render_markdown(md, "[TOC]\n\n## Se former\n\nTexte.\n\n## Évoluer\n")
    assert html.startswith('<div class="toc">\n<ul>\n<li><a href="#se-former">Se former</a></li>')
    assert toc == [{"id": "se-former", "titre": "Se former"}, {"id": "evoluer", "titre": "Évoluer"}]
    html, _ = render_markdown(md, "## Se former\n\nTexte, sans [TOC] seul.\n")
    assert 'class="toc"' not in html and "sans [TOC] seul" in html  # inside a sentence: words
    html, toc = render_markdown(md, "## Se former\n\nTexte.\n\n## Évoluer\n")
    assert '<h2 id="evoluer">Évoluer</h2>' in html and [item["id"] for item in toc] == ["se-former", "evoluer"]
    assert md.toc == "<div></div>"  # not built for a body that does not ask for it
