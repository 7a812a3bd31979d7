"""The Content-Security-Policy of the site, and the `_headers` file that carries it to the host.

Every page gets the same strict policy as a `<meta http-equiv>` (for any
host) and, through `_headers` (Netlify, Cloudflare Pages), as real HTTP
headers, which can also say who may frame a page: nobody but the site itself,
except the `/parcours/<métier>/embed/` pages that schools put in an iframe.

Scripts and styles come only from the site's own files: no inline script, no
style attribute. Pagefind UI's stylesheet draws its icons as `data:` images,
hence `img-src 'self' data:`. Pagefind compiles its WebAssembly index in a
Web Worker: under the meta policy alone the worker is unrestricted, but once
the policy is a real HTTP header the worker needs exactly `'wasm-unsafe-eval'`
(not `'unsafe-eval'`, which would allow eval()); a browser test checks both.
"""

from __future__ import annotations

from collections.abc import Iterable

from .config import SiteConfig

EMBED_SUFFIX = "/embed/"


def policy(config: SiteConfig) -> str:
    """The policy of every page; elements allowed in site.yaml (`html_autorise`) widen it only as needed."""
    directives = [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",  # Pagefind UI's stylesheet draws its icons as data: SVG
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    if "iframe" in config.html_autorise:
        directives.append("frame-src 'self' https:")
    if {"video", "audio"} & set(config.html_autorise):
        directives.append("media-src 'self' https:")
    return "; ".join(directives)


def headers_file(config: SiteConfig, html_urls: Iterable[str]) -> bytes:
    """`_headers`: the policy and safe defaults for all files, and who may frame each HTML page."""
    lines = [
        "# Produit par Passerelles : en-têtes HTTP pour Netlify et Cloudflare Pages.",
        "# Pour nginx ou Apache, voir docs/securite.md.",
        "/*",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: strict-origin-when-cross-origin",
        "",
    ]
    # Page by page, not "/*": the web editor under /admin/ (Decap CMS injects its own styles) keeps its own rules.
    for url in sorted(html_urls):
        lines += [url, f"  Content-Security-Policy: {policy(config)}"]
        if not url.endswith(EMBED_SUFFIX):  # schools may put the embeds in an <iframe>, nothing else
            lines += ["  Content-Security-Policy: frame-ancestors 'self'", "  X-Frame-Options: SAMEORIGIN"]
        lines.append("")
    return "\n".join(lines).encode()
