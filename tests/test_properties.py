"""Property tests: whatever an editor types, the loader and validator accept or report, never crash,
and accepted content renders to HTML where no user string becomes markup."""

from __future__ import annotations

import json

import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from passerelles.builder import render_site
from passerelles.entries import build_entry
from passerelles.errors import BuildError, ContentError
from passerelles.markup import body_problems, make_markdown, render_markdown
from passerelles.schema import validate
from passerelles.site import load_site
from passerelles.source import SourceFile, parse_front_matter

from .conftest import BUILD_DATE, MakeSite

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KEYS = ["titre", "resume", "alias", "image", "image_alt", "debut", "date", "metier", "lieux", "niveau_acces", "x"]
scalars = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.dates().map(str),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
front = st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=10), values, max_size=8)
MARKUP = st.sampled_from(
    list("<>&\"'[](){}:*_`#|!\\-\n ") + ["<script>", "javascript:", "{: onclick=x }", "&#x61;", "<!--", "</p>"]
)
bodies = st.lists(st.text(max_size=8) | MARKUP, max_size=40).map("".join)


def _load(text: str, collection: str) -> list[ContentError]:
    data, lines, body, body_line, errors = parse_front_matter(text, f"content/{collection}/x.md")
    if errors and not data:
        return errors
    source = SourceFile(None, f"content/{collection}/x.md", collection, "x", data, lines, body, body_line)  # type: ignore[arg-type]
    clean, problems = validate(source)
    if not problems:
        build_entry(source, clean, make_markdown())
    return problems


@SETTINGS
@given(front=front, collection=st.sampled_from(["metiers", "temoignages", "evenements", "pages"]))
def test_any_front_matter_is_accepted_or_reported(front: dict, collection: str) -> None:  # type: ignore[type-arg]
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n\nTexte.\n"
    for problem in _load(text, collection):
        assert isinstance(problem, ContentError) and problem.line >= 1 and problem.message


@SETTINGS
@given(raw=st.text(max_size=200))
def test_any_raw_header_text_is_accepted_or_reported(raw: str) -> None:
    for problem in _load("---\n" + raw + "\n---\n", "pages"):
        assert problem.line >= 1 and problem.message


@SETTINGS
@given(body=bodies)
def test_accepted_bodies_render_without_any_active_markup(body: str) -> None:
    if body_problems(body):
        return
    html, toc = render_markdown(make_markdown(), body)
    soup = BeautifulSoup(str(html) + "".join(str(t["titre"]) for t in toc), "html.parser")
    assert not soup.select("script, style, iframe, form, meta, object, embed, svg, input")
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            assert not name.startswith("on"), element
            text = " ".join(value) if isinstance(value, list) else value
            if name in ("href", "src"):
                assert not text.strip().lower().startswith(("javascript:", "data:", "vbscript:")), element


def _element_count(root, title: str) -> int | None:  # type: ignore[no-untyped-def]
    page = root / "content/pages/a-propos.md"
    page.write_text("---\ntitre: " + json.dumps(title) + "\nresume: " + json.dumps(title) + "\n---\n\nTexte.\n")
    try:
        files = render_site(load_site(root, BUILD_DATE))
    except BuildError:
        return None
    return len(BeautifulSoup(files["a-propos/index.html"], "html.parser").find_all(True))


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(title=st.lists(st.text(max_size=6) | MARKUP, min_size=1, max_size=12).map("".join))
def test_no_front_matter_string_becomes_markup(make_site: MakeSite, title: str) -> None:
    root = make_site(name="prop")
    baseline = _element_count(root, "Titre")
    hostile = _element_count(root, title)
    assert hostile is None or hostile == baseline, title
