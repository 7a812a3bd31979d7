"""The policy is on every page and in _headers; embeds stay embeddable, nothing else is framed."""

from __future__ import annotations

from html import unescape

from bs4 import BeautifulSoup

from passerelles.builder import render_site
from passerelles.site import load_site

from .conftest import BUILD_DATE, SITE_YAML, MakeSite


def test_every_html_page_carries_the_policy_and_no_inline_code(make_site: MakeSite) -> None:
    files = render_site(load_site(make_site(), BUILD_DATE))
    pages = {path: data.decode() for path, data in files.items() if path.endswith(".html")}
    assert len(pages) > 10
    for path, html in pages.items():
        if path.startswith("admin/"):
            continue  # the web editor's page: Decap CMS injects inline styles; editors only, never indexed
        assert (
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'wasm-unsafe-eval';"
            in unescape(html)
        ), path
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.select("style, [style]"), path
        assert all(
            s.get("src") or s.get("type") in ("application/ld+json", "application/json") for s in soup.select("script")
        ), path


def test_headers_file_frames_only_the_embeds(make_site: MakeSite) -> None:
    files = render_site(load_site(make_site(), BUILD_DATE))
    headers = files["_headers"].decode()
    assert headers.startswith("# Produit par Passerelles")
    assert "/*\n  X-Content-Type-Options: nosniff" in headers
    assert "/admin/" not in headers  # the web editor (Decap CMS) injects its own styles: no strict policy there
    for url in ("/metiers/aide-soignant/", "/parcours/aide-soignant/"):
        assert f"{url}\n  Content-Security-Policy: default-src 'self'" in headers
        block = headers.split(f"{url}\n", 1)[1].split("\n\n", 1)[0]
        assert "Content-Security-Policy: frame-ancestors 'self'" in block
    embed = headers.split("/parcours/aide-soignant/embed/\n", 1)[1].split("\n\n", 1)[0]
    assert "default-src 'self'" in embed and "frame-ancestors" not in embed


def test_opted_in_frames_widen_the_policy_only_then(make_site: MakeSite) -> None:
    files = render_site(load_site(make_site({"site.yaml": SITE_YAML + "html_autorise: [iframe]\n"}), BUILD_DATE))
    assert "frame-src 'self' https:" in unescape(files["index.html"].decode())
    assert "frame-src" not in render_site(load_site(make_site(name="plain"), BUILD_DATE))["index.html"].decode()
