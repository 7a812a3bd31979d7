"""French typography in every page of the output, templates' own words included."""

from __future__ import annotations

import re
from pathlib import Path

from passerelles.htmltext import french_typography, map_text

from .visible_text import site_pages, visible_text

NBSP, NNBSP = "\u00a0", "\u202f"
# An ordinary space (or line break) before : ; ! ? », or after «.
BAD_SPACE = re.compile(r"[^\S\u00a0\u202f]+[:;!?»]|«[^\S\u00a0\u202f]")


def test_no_ordinary_space_before_high_punctuation_in_any_page(example_site: Path) -> None:
    problems = [
        f"{path} : «{text[max(0, m.start() - 30) : m.end() + 10]}»"
        for path, text in site_pages(example_site)
        for m in BAD_SPACE.finditer(text)
    ]
    assert problems == []


def test_the_check_sees_a_template_space() -> None:
    assert BAD_SPACE.search(visible_text("<p>Accessibilité : non conforme</p>"))
    assert BAD_SPACE.search(visible_text("<p>« Illustratif »</p>"))
    assert not BAD_SPACE.search(visible_text("<p>Heure<code>a : b</code></p><script>x ? y : z</script>"))
    # a snippet to copy (the schools' embed code) is code, left as the school will paste it
    assert not BAD_SPACE.search(visible_text('<textarea readonly><iframe title="Après la 3e : x"></textarea>'))


def test_french_typography_rewrites_text_only() -> None:
    html = (
        '<p title="a : b">Où ? <a href="/x?q=1">Lien</a> : « oui »</p>'
        "<pre>x : y</pre><script>a ? b : c</script><code>k ; v</code>"
    )
    assert french_typography(html) == (
        f'<p title="a : b">Où{NNBSP}? <a href="/x?q=1">Lien</a>{NBSP}: «{NBSP}oui{NBSP}»</p>'
        "<pre>x : y</pre><script>a ? b : c</script><code>k ; v</code>"
    )


def test_map_text_keeps_nested_skipped_elements_whole() -> None:
    html = "<pre><code>A</code> B</pre> C <br/> D"
    assert map_text(html, str.lower) == "<pre><code>A</code> B</pre> c <br/> d"
