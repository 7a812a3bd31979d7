"""One declaration of where pages live: models, pathway pages and templates' `url_for` agree."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest

from passerelles.aliases import pathway_url
from passerelles.departs import DEPARTS
from passerelles.pathways import pathway_pages
from passerelles.render import make_environment
from passerelles.site import load_site
from passerelles.urls import url_for

from .conftest import BUILD_DATE, SITE_YAML, MakeSite

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_url_for_builds_addresses_from_the_route_table() -> None:
    assert url_for("metier", "infirmier") == "/metiers/infirmier/"
    assert url_for("page", "a-propos") == "/a-propos/"
    assert url_for("evenement") == "/evenements/"
    assert url_for("parcours", "infirmier") == pathway_url("infirmier") == "/parcours/infirmier/"
    with pytest.raises(ValueError, match="point de départ « apres-la-4e » inconnu"):
        url_for("depart", "apres-la-4e")


def test_pages_live_where_url_for_says(make_site: MakeSite) -> None:
    site = load_site(make_site(), BUILD_DATE)
    assert site.metiers and all(m.url == url_for("metier", m.slug) for m in site.metiers)
    assert all(t.url == url_for("temoignage", t.slug) for t in site.temoignages)
    urls = {spec.url for spec in pathway_pages(site)}
    assert {url_for("depart", d.slug) for d in DEPARTS} | {url_for("parcours", m.slug) for m in site.metiers} <= urls


def test_templates_url_for_follows_the_sub_path_and_refuses_an_unknown_start(make_site: MakeSite) -> None:
    root = make_site({"site.yaml": SITE_YAML.replace("https://test.example.org/", "https://test.example.org/cd62/")})
    site = load_site(root, BUILD_DATE)
    env = make_environment(site)
    page = env.from_string("{{ url_for('depart', 'reconversion') }} {% for c in codes('lieux') %}{{ c }},{% endfor %}")
    assert page.render() == "/cd62/parcours/reconversion/ domicile,etablissement,hopital,"
    with pytest.raises((ValueError, jinja2.TemplateError)):
        env.from_string("{{ url_for('depart', 'apres-la-4e') }}").render()


def test_no_template_builds_a_page_address_by_hand() -> None:
    hand_built = re.compile(r"'/(parcours|metiers|temoignages|evenements|formations)/' ~")
    offenders = [str(p) for p in TEMPLATES.rglob("*.html") if hand_built.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
