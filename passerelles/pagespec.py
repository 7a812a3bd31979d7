"""What a page of the output is, before rendering: a URL and how to make it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PageSpec:
    """One output file: a folder URL ending in '/' becomes `<url>index.html`.

    Either `template` (a Jinja template rendered with `context` plus the
    site-wide globals) or `content` (bytes written as they are) is set.
    `sitemap` says whether crawlers should be told about it.
    """

    url: str
    template: str | None = None
    context: Mapping[str, Any] = field(default_factory=dict)
    content: bytes | None = None
    sitemap: bool = True

    @property
    def output_path(self) -> str:
        """The file path relative to the output folder."""
        path = self.url.lstrip("/")
        return path + "index.html" if self.url.endswith("/") else path
