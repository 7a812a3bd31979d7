"""Every link between the README and the pages of docs/ leads to a file and, after `#`, to one of its headings."""

from __future__ import annotations

import re
from pathlib import Path

from .example_site import REPO

PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
_FENCE_RE = re.compile(r"^```.*?^```$", re.M | re.S)
_LINK_RE = re.compile(r"\]\(([^)\s]+)\)")


def anchor(heading: str) -> str:
    """The anchor GitHub and GitLab give a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.replace("`", "").strip().lower()).replace(" ", "-")


def prose(page: Path) -> str:
    return _FENCE_RE.sub("", page.read_text(encoding="utf-8"))


def anchors(page: Path) -> set[str]:
    return {anchor(h) for h in re.findall(r"^#{1,6} (.+)$", prose(page), re.M)}


def test_anchor_follows_the_hosts_rule() -> None:
    assert anchor("Chaque jour : écrire, vérifier, voir l'aperçu") == "chaque-jour--écrire-vérifier-voir-laperçu"
    assert anchor("Pages (`content/pages/`)") == "pages-contentpages"


def test_every_link_between_the_docs_resolves() -> None:
    broken = []
    for page in PAGES:
        for target in _LINK_RE.findall(prose(page)):
            if re.match(r"^[a-z]+:|^/", target):  # another site, or an address of the built site
                continue
            name, _, fragment = target.partition("#")
            dest = (page.parent / name).resolve() if name else page
            if not dest.exists():
                broken.append(f"{page.name} : « {target} » mène à un fichier absent")
            elif fragment and dest.suffix == ".md" and fragment not in anchors(dest):
                broken.append(f"{page.name} : « {target} » mène à un titre absent de {dest.name}")
    assert broken == []
