"""site.yaml's settings do something: the contact is a link, the site's départements lead the events filter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from passerelles.builder import build
from passerelles.config import load_config
from passerelles.errors import BuildError
from passerelles.site import load_site

from .conftest import BASE_FILES, BUILD_DATE, SITE_YAML, MakeSite
from .example_site import REPO


def footer_contact(make_site: MakeSite, tmp_path: Path, contact: str, url: str = "https://test.example.org/") -> str:
    text = SITE_YAML.replace("contact: test@example.org", f"contact: {contact}").replace(
        "url: https://test.example.org/", f"url: {url}"
    )
    out = tmp_path / "out"
    build(make_site({"site.yaml": text}), out, BUILD_DATE, search=False)
    page = BeautifulSoup((out / "metiers" / "infirmier" / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = page.select_one(".site-footer__contact a")
    assert link is not None and link.get_text() == contact
    return str(link["href"])


@pytest.mark.parametrize(
    ("contact", "url", "href"),
    [
        ("test@example.org", "https://test.example.org/", "mailto:test@example.org"),
        ("https://departement.example.fr/nous-ecrire", "https://test.example.org/", None),
        ("/a-propos/", "https://test.example.org/metiers-autonomie/", "/metiers-autonomie/a-propos/"),
    ],
)
def test_the_contact_is_a_link_in_every_footer(
    make_site: MakeSite, tmp_path: Path, contact: str, url: str, href: str | None
) -> None:
    assert footer_contact(make_site, tmp_path, contact, url) == (href or contact)


@pytest.mark.parametrize("contact", ["écrivez-nous", "test@", "mailto test@example.org"])
def test_a_contact_that_is_no_address_is_refused(make_site: MakeSite, contact: str) -> None:
    root = make_site({"site.yaml": SITE_YAML.replace("contact: test@example.org", f"contact: {contact}")})
    config, errors = load_config(root)
    assert config is None and [e.line for e in errors] == [7]
    assert (
        "« contact » doit être un courriel (ex. contact@departement.fr) ou une adresse https://…" in errors[0].message
    )


@pytest.mark.parametrize(("code", "valid"), [("20", False), ("2A", True), ("2B", True), ("19", True), ("21", True)])
def test_corsica_is_2a_and_2b_never_20(make_site: MakeSite, code: str, valid: bool) -> None:
    root = make_site({"site.yaml": SITE_YAML.replace('departements: ["62"]', f'departements: ["{code}"]')})
    config, errors = load_config(root)
    assert (config is not None) is valid, errors
    event = "content/evenements/job-dating-arras.md"
    text = BASE_FILES[event].replace("organisateur:", f'departement: "{code}"\norganisateur:')
    if valid:
        load_site(make_site({event: text}, name=f"ok-{code}"), BUILD_DATE)
        return
    with pytest.raises(BuildError) as caught:
        load_site(make_site({event: text}, name="corse"), BUILD_DATE)
    assert [e.format() for e in caught.value.errors if not e.warning] == [
        f"{event}:11: « departement » doit être un code de département de France, entre guillemets, "
        'ex. "62", "2A" ou "974" (reçu « 20 »)'
    ]


def test_the_events_filter_offers_the_sites_departements_first(example_site: Path) -> None:
    configured = yaml.safe_load((REPO / "site.yaml").read_text(encoding="utf-8"))["departements"]
    html = (example_site / "evenements" / "index.html").read_text(encoding="utf-8")
    offered = [c for c in re.findall(r'name="departement" value="([^"]+)"', html) if c != "en-ligne"]
    own = [c for c in offered if c in configured]
    others = [c for c in offered if c not in configured]
    assert own and offered == own + sorted(others)
    assert own == [c for c in configured if c in own]  # in site.yaml's order
