"""Facts a family can rely on: sourced pay, dated checks, invented content kept inside the site."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from passerelles.builder import build, render_site
from passerelles.cli import main
from passerelles.errors import BuildError
from passerelles.labels import euros, salaire_fr
from passerelles.models import Salaire
from passerelles.site import load_site

from .conftest import BASE_FILES, BUILD_DATE, SITE_YAML, MakeSite
from .example_site import EXAMPLE_DATE, REPO

AS = "content/metiers/aide-soignant.md"
EV = "content/evenements/job-dating-arras.md"
PAST = "content/evenements/salon-2025.md"
DEMO = {"site.yaml": SITE_YAML + "demonstration: true\n"}
PAY = """\
salaire:
  debut_brut_mensuel: 1801.80
  debut_brut_mensuel_max: 1900
  comprend: hors primes
  employeur: branche-aide-a-domicile
  source: Géroscopie
  url: https://www.geroscopie.fr/bad
  annee: 2025
salaires:
  - debut_brut_horaire: 12,51
    comprend: minimum de la convention
    employeur: particulier-employeur
    source: FGTA-FO
    url: https://fgtafo.fr/grille
    annee: 2025
  - debut_brut_mensuel: 1700
    employeur: fonction-publique-hospitaliere
    source: CGOS
    url: https://crh.cgos.info/grille-2023
    annee: 2023
"""


def with_front(rel: str, extra: str, base: str | None = None) -> dict[str, str | None]:
    """The file with extra front-matter lines added just before its closing ---."""
    text = base if base is not None else BASE_FILES[rel]
    head, sep, body = text.partition("\n---\n")
    return {rel: head + "\n" + extra.rstrip("\n") + sep + body}


def messages(make_site: MakeSite, overrides: dict[str, str | None]) -> list[str]:
    with pytest.raises(BuildError) as caught:
        load_site(make_site(overrides), BUILD_DATE)
    return [e.format() for e in caught.value.errors if not e.warning]


INLINE = "« formations » décrit les formations dans la fiche"  # the fixture's old-style trainings (issue 7)


def warnings(make_site: MakeSite, overrides: dict[str, str | None], day: dt.date = BUILD_DATE) -> list[str]:
    return [w.format() for w in load_site(make_site(overrides), day).warnings if INLINE not in w.message]


# --- the salary model -------------------------------------------------------------------------


def test_salary_range_hourly_rate_and_employers_are_modelled(make_site: MakeSite) -> None:
    site = load_site(make_site(with_front(AS, PAY)), BUILD_DATE)
    metier = site.metier("aide-soignant")
    assert metier.salaire == Salaire(
        debut_brut_mensuel=1801.80,
        debut_brut_mensuel_max=1900,
        comprend="hors primes",
        employeur="branche-aide-a-domicile",
        source="Géroscopie",
        url="https://www.geroscopie.fr/bad",
        annee=2025,
    )
    assert [s.employeur for s in metier.tous_salaires] == [
        "branche-aide-a-domicile",
        "particulier-employeur",
        "fonction-publique-hospitaliere",
    ]
    assert metier.salaires[0].debut_brut_horaire == 12.51  # a French decimal comma is read


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        pytest.param(
            "salaire:\n  debut_brut_mensuel: 1900\n  debut_brut_mensuel_max: 1800\n  source: X\n  annee: 2025",
            f"{AS}:15: « salaire » : le haut de la fourchette (1800) est plus petit que le bas (1900)",
            id="range-upside-down",
        ),
        pytest.param(
            "salaire:\n  debut_brut_mensuel_max: 1800\n  source: X\n  annee: 2025",
            f"{AS}:15: « salaire » : « debut_brut_mensuel_max » demande aussi « debut_brut_mensuel » "
            "(le bas de la fourchette)",
            id="range-without-low",
        ),
        pytest.param(
            "salaire:\n  debut_brut_horaire: 12.5",
            f"{AS}:15: « salaire » : un chiffre doit avoir sa source et son année (source, annee manquant)",
            id="hourly-without-source",
        ),
        pytest.param(
            "salaires:\n  - debut_brut_mensuel: 1800\n    employeur: ccn-66\n    source: X\n    annee: 2025",
            f"{AS}:16: champ obligatoire « url » manquant dans « salaires »",
            id="employer-figure-without-url",
        ),
        pytest.param(
            "salaires:\n  - debut_brut_mensuel: 1800\n    source: X\n    url: https://x.org/\n    annee: 2025",
            f"{AS}:16: champ obligatoire « employeur » manquant dans « salaires »",
            id="employer-figure-without-employer",
        ),
        pytest.param(
            "salaires:\n  - debut_brut_mensuel: 1800\n    employeur: ccn66\n    source: X\n"
            "    url: https://x.org/\n    annee: 2025",
            f"{AS}:17: valeur « ccn66 » inconnue pour « employeur » (valeurs permises : "
            "fonction-publique-hospitaliere, fonction-publique-territoriale, ccn-51, ccn-66, "
            "branche-aide-a-domicile, particulier-employeur, tous-employeurs, autre) — vouliez-vous dire « ccn-66 » ?",
            id="unknown-employer",
        ),
        pytest.param(
            "salaire:\n  debut_brut_horaire: douze\n  source: X\n  annee: 2025",
            f"{AS}:16: « debut_brut_horaire » doit être un nombre (ex. 12.51) (reçu « douze »)",
            id="hourly-not-a-number",
        ),
        pytest.param(
            "salaire:\n  debut_brut_mensuel: 1800\n  source: X\n  annee: 2025\nsalaire_absent: Pas de grille.",
            f"{AS}:19: « salaire_absent » explique pourquoi il n'y a pas de salaire : retirez-le, "
            "la fiche donne un chiffre",
            id="reason-and-figure",
        ),
        pytest.param(
            "code_rome: J1501\ncode_rome_absent: Pas de fiche.",
            f"{AS}:16: « code_rome_absent » explique pourquoi il n'y a pas de code ROME : retirez-le, "
            "la fiche en donne un",
            id="rome-reason-and-code",
        ),
        pytest.param(
            "verifie_le: 23/11/2026",
            f"{AS}:15: « verifie_le » : date « 23/11/2026 » à écrire dans l'ordre année-mois-jour, avec des tirets "
            "(AAAA-MM-JJ) — vouliez-vous dire « 2026-11-23 » ?",
            id="check-date-format",
        ),
    ],
)
def test_salary_and_fact_rules_have_exact_french_messages(make_site: MakeSite, extra: str, expected: str) -> None:
    base = BASE_FILES[AS].replace("verifie_le: 2026-06-01\n", "")
    assert messages(make_site, with_front(AS, extra, base)) == [expected]


# --- facts that do not rot --------------------------------------------------------------------


def test_check_warns_about_fiches_never_checked_or_checked_too_long_ago(make_site: MakeSite) -> None:
    never = BASE_FILES[AS].replace("verifie_le: 2026-06-01\n", "")
    old = BASE_FILES["content/metiers/infirmier.md"].replace("verifie_le: 2026-06-01", "verifie_le: 2025-11-22")
    assert warnings(make_site, {AS: never, "content/metiers/infirmier.md": old}) == [
        f"{AS}:1: avertissement : date de vérification manquante : vérifiez les faits de la fiche puis ajoutez "
        "« verifie_le: AAAA-MM-JJ »",
        "content/metiers/infirmier.md:12: avertissement : faits vérifiés le 22 novembre 2025, il y a plus de "
        "12 mois : revérifiez-les puis mettez à jour « verifie_le »",
    ]
    exactly_a_year = BASE_FILES["content/metiers/infirmier.md"].replace("2026-06-01", "2025-11-23")
    assert warnings(make_site, {"content/metiers/infirmier.md": exactly_a_year}) == []


def test_check_warns_about_salaries_older_than_last_year(make_site: MakeSite) -> None:
    assert warnings(make_site, with_front(AS, PAY)) == [
        f"{AS}:35: avertissement : salaire de 2023, antérieur à 2025 : cherchez un chiffre récent et sa source "
        "(la fiche le présente comme un chiffre ancien)"
    ]
    # The same figures a year later: 2025 is now old too, main salary included.
    later = warnings(make_site, with_front(AS, PAY), dt.date(2027, 3, 1))
    assert [w.split(": avertissement")[0] for w in later if "salaire de" in w] == [f"{AS}:23", f"{AS}:30", f"{AS}:35"]


def test_check_command_prints_the_warnings_and_strict_fails(
    make_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_site(with_front(AS, PAY))
    assert main(["check", "--source", str(root), "--date", "2026-11-23"]) == 0
    assert "salaire de 2023, antérieur à 2025" in capsys.readouterr().err
    assert main(["check", "--source", str(root), "--date", "2026-11-23", "--strict"]) == 1


# --- invented content stays inside the site ---------------------------------------------------


def test_a_real_site_refuses_illustrative_content_one_error_per_file(
    make_site: MakeSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    overrides = {
        **with_front(EV, "illustratif: true"),
        **with_front("content/temoignages/lea-aide-soignante.md", "illustratif: true"),
    }
    expected = [
        "content/evenements/job-dating-arras.md:14: contenu illustratif (inventé pour la démonstration) sur un "
        "site réel (« demonstration: false » dans site.yaml) : remplacez-le par du contenu vérifié puis retirez "
        "« illustratif », ou supprimez le fichier",
        "content/temoignages/lea-aide-soignante.md:13: contenu illustratif (inventé pour la démonstration) sur un "
        "site réel (« demonstration: false » dans site.yaml) : remplacez-le par du contenu vérifié puis retirez "
        "« illustratif », ou supprimez le fichier",
    ]
    assert messages(make_site, overrides) == expected
    root = make_site(overrides, name="cli")
    assert main(["check", "--source", str(root), "--date", "2026-11-23"]) == 1
    assert [line for line in capsys.readouterr().err.splitlines() if INLINE not in line][:2] == expected
    out = tmp_path / "out"
    with pytest.raises(BuildError):
        build(root, out, BUILD_DATE, search=False)
    assert not out.exists()
    # The same content on a demonstration site builds.
    build(make_site({**overrides, **DEMO}, name="demo"), out, BUILD_DATE, search=False)
    assert (out / "index.html").is_file()


@pytest.fixture
def illustrative_files(make_site: MakeSite) -> dict[str, bytes]:
    overrides = {
        **DEMO,
        **with_front(EV, "illustratif: true"),
        **with_front(PAST, "illustratif: true"),
        "content/evenements/info-collective.md": BASE_FILES[EV]
        .replace("titre: Job dating à Arras", "titre: Réunion sur les métiers du domicile")
        .replace("type: job-dating", "type: information-collective"),
    }
    return render_site(load_site(make_site(overrides), BUILD_DATE))


def test_illustrative_events_get_no_schema_org_markup_and_are_not_indexed(illustrative_files: dict[str, bytes]) -> None:
    assert b"application/ld+json" not in illustrative_files["evenements/job-dating-arras/index.html"]
    assert b"application/ld+json" not in illustrative_files["evenements/salon-2025/index.html"]
    real = illustrative_files["evenements/info-collective/index.html"].decode()
    assert '<script type="application/ld+json">' in real and '"@type": "Event"' in real
    assert (
        '<meta name="robots" content="noindex">'
        in illustrative_files["evenements/job-dating-arras/index.html"].decode()
    )
    assert '<meta name="robots" content="noindex">' not in real
    sitemap = illustrative_files["sitemap.xml"].decode()
    assert "/evenements/info-collective/" in sitemap and "/evenements/job-dating-arras/" not in sitemap


def test_illustrative_events_say_example_in_calendars_and_the_feed(illustrative_files: dict[str, bytes]) -> None:
    single = illustrative_files["evenements/job-dating-arras/evenement.ics"].decode()
    assert "SUMMARY:Exemple : Job dating à Arras" in single
    agenda = illustrative_files["evenements/agenda.ics"].decode().replace("\r\n ", "")
    summaries = sorted(line for line in agenda.splitlines() if line.startswith("SUMMARY:"))
    # The type is not repeated when the title already starts with it.
    assert summaries == [
        "SUMMARY:Exemple : Job dating à Arras",
        "SUMMARY:Information collective : Réunion sur les métiers du domicile",
    ]
    feed = illustrative_files["flux.xml"].decode()
    assert "<title>Exemple : Job dating à Arras</title>" in feed
    assert "<title>Réunion sur les métiers du domicile</title>" in feed
    assert (
        "changé de vie</title>" in feed and "Exemple : J&#x27;ai" not in feed and "Exemple : J'ai" not in feed
    )  # a real testimonial keeps its title


def test_events_lists_explain_the_badge_and_past_examples_did_not_happen(
    illustrative_files: dict[str, bytes], make_site: MakeSite
) -> None:
    upcoming = illustrative_files["evenements/index.html"].decode()
    assert "Les événements marqués «&nbsp;Illustratif&nbsp;» sont des exemples d’événements inventés" in upcoming
    archive = illustrative_files["evenements/archives/index.html"].decode()
    assert "sont des exemples d’événements inventés pour la démonstration&nbsp;: ils n’ont pas eu lieu." in archive
    past = illustrative_files["evenements/salon-2025/index.html"].decode()
    assert "Exemple d’événement, inventé" in past and "il n’a pas eu lieu." in past
    assert "Cet événement est terminé." not in past
    plain = render_site(load_site(make_site(), BUILD_DATE))
    assert "Illustratif" not in plain["evenements/index.html"].decode()
    assert "Cet événement est terminé." in plain["evenements/salon-2025/index.html"].decode()


# --- what the métier page and the open data show ----------------------------------------------


def test_metier_page_shows_pay_by_employer_with_sources_and_the_check_date(make_site: MakeSite) -> None:
    files = render_site(load_site(make_site(with_front(AS, PAY)), BUILD_DATE))
    html = files["metiers/aide-soignant/index.html"].decode()
    assert "de 1\u202f801,80\u00a0€ à 1\u202f900\u00a0€ brut par mois" in html
    assert (
        "Particulier employeur (embauche directe par la personne aidée, CESU)&nbsp;: <strong>12,51\u00a0€ brut de l’heure</strong>"
        in html
    )
    assert '<a href="https://fgtafo.fr/grille">FGTA-FO</a>, 2025' in html
    assert "<strong>Chiffre ancien (2023)&nbsp;: il a sans doute changé depuis.</strong>" in html
    assert "Le salaire brut est le montant avant les cotisations sociales" in html
    assert 'Informations vérifiées le <time datetime="2026-06-01">1er juin 2026</time>.' in html
    other = files["metiers/infirmier/index.html"].decode()
    assert "Aucun chiffre de salaire sourcé n’est encore disponible pour ce métier." in other
    data = json.loads(files["donnees/metiers.json"])
    record = next(m for m in data["metiers"] if m["titre"].startswith("Aide-soignant"))
    assert record["verifie_le"] == "2026-06-01"
    assert record["salaire"]["employeur"] == "branche-aide-a-domicile"
    assert [s["url"] for s in record["salaires"]] == ["https://fgtafo.fr/grille", "https://crh.cgos.info/grille-2023"]
    schema = json.loads(files["donnees/schemas/metiers.json"])
    assert schema["properties"]["salaires"]["items"]["required"] == ["employeur", "source", "url", "annee"]


def test_metier_page_says_why_there_is_no_figure_and_no_rome_code(make_site: MakeSite) -> None:
    extra = "salaire_absent: Pas encore de grille publiée.\ncode_rome_absent: c'est une fonction, pas un métier."
    files = render_site(load_site(make_site(with_front(AS, extra)), BUILD_DATE))
    html = files["metiers/aide-soignant/index.html"].decode()
    assert (
        "Aucun chiffre de salaire sourcé n’est encore disponible pour ce métier. Pas encore de grille publiée." in html
    )
    assert "<dt>Code ROME</dt><dd>Aucun&nbsp;: c’est une fonction, pas un métier.</dd>" in html


def test_amounts_are_written_the_french_way() -> None:
    assert euros(1823.03) == "1\u202f823,03\u00a0€"
    assert euros(1900) == "1\u202f900\u00a0€"
    pay = Salaire(source="x", annee=2025, debut_brut_mensuel=1800, debut_brut_horaire=12.51)
    assert salaire_fr(pay) == "1\u202f800\u00a0€ brut par mois (12,51\u00a0€ brut de l’heure)"


# --- the example site -------------------------------------------------------------------------


def test_every_example_metier_has_a_sourced_salary_or_says_why_not_and_a_rome_code_or_why_not() -> None:
    site = load_site(REPO, EXAMPLE_DATE)
    for metier in site.metiers:
        if metier.tous_salaires:
            for pay in metier.tous_salaires:
                assert pay.source and pay.url and pay.annee >= EXAMPLE_DATE.year - 1, metier.slug
        else:
            assert metier.salaire_absent, metier.slug
        assert metier.code_rome or metier.code_rome_absent, metier.slug
        assert metier.verifie_le is not None and metier.verifie_le <= EXAMPLE_DATE, metier.slug


def test_every_upcoming_example_event_is_flagged_illustrative() -> None:
    site = load_site(REPO, EXAMPLE_DATE)
    assert len(site.upcoming) == 9
    assert all(e.illustratif for e in site.upcoming)
