"""The example content: it validates, every link resolves, every métier is connected, HTML is valid."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from passerelles.schema import TYPES_EVENEMENT
from passerelles.site import load_site

from .example_site import EXAMPLE_DATE, REPO, require_tool
from .htmlcheck import broken_links, page

REQUIRED_METIERS = {
    "aide-a-domicile",
    "assistant-de-vie-aux-familles",
    "accompagnant-educatif-et-social",
    "aide-soignant",
    "agent-de-service-hospitalier",
    "infirmier",
    "assistant-de-soins-en-gerontologie",
    "technicien-intervention-sociale-et-familiale",
    "moniteur-educateur",
    "educateur-specialise",
    "ergotherapeute",
    "psychomotricien",
    "animateur-social",
    "maitresse-de-maison",
    "responsable-de-secteur",
    "infirmier-coordinateur",
    "directeur-d-etablissement-medico-social",
    "masseur-kinesitherapeute",
    "accueillant-familial",
    "mandataire-judiciaire-a-la-protection-des-majeurs",
    "conseiller-en-economie-sociale-et-familiale",
    "psychologue",
}


def test_example_content_is_valid_without_warnings() -> None:
    site = load_site(REPO, EXAMPLE_DATE)
    assert site.warnings == ()
    assert REQUIRED_METIERS <= {m.slug for m in site.metiers}
    assert {p.slug for p in site.pages} >= {"accessibilite", "mentions-legales", "a-propos"}


def test_example_career_graph_is_connected() -> None:
    site = load_site(REPO, EXAMPLE_DATE)
    neighbours = {slug: set() for slug in site.graph.nodes}
    for slug in site.graph.nodes:
        for edge in site.graph.successors(slug):
            neighbours[edge.source].add(edge.target)
            neighbours[edge.target].add(edge.source)
    seen, todo = set(), ["aide-soignant"]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(neighbours[current] - seen)
    assert seen == set(site.graph.nodes)


def test_example_content_spread(example_site: Path) -> None:
    site = load_site(REPO, EXAMPLE_DATE)
    assert len(site.temoignages) >= 12 and len({t.metier for t in site.temoignages}) >= 10
    assert sum(1 for t in site.temoignages if t.parcours) * 2 >= len(site.temoignages)
    assert len(site.evenements) >= 12
    assert {e.type for e in site.evenements} == set(TYPES_EVENEMENT)  # every type of event
    assert len({e.departement for e in site.evenements if e.departement}) >= 4
    assert len([e for e in site.upcoming if e.illustratif]) >= 4


def test_example_site_has_no_broken_link(example_site: Path) -> None:
    assert broken_links(example_site) == []


def test_example_home_page(example_site: Path) -> None:
    soup = page(example_site, "/")
    links = {a["href"] for a in soup.select("main a")}
    assert {
        "/parcours/apres-la-3e/",
        "/parcours/apres-le-bac/",
        "/parcours/sans-diplome/",
        "/parcours/reconversion/",
    } <= links
    assert len(soup.select(".card--metier")) == 6
    assert 1 <= len(soup.select(".card--event")) <= 3
    assert soup.select_one(".demo-banner") is not None


def test_example_html_is_valid(example_site: Path) -> None:
    jar = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
    require_tool(
        jar.is_file() and shutil.which("java") is not None, "validateur Nu absent (npm i --no-save vnu-jar, et Java)"
    )
    result = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--skip-non-html", str(example_site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-5000:]
