"""Métier fiches say the essentials first: « En bref », one « Se former », sections that fold, short sentences."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from passerelles.fiche import split_body, training_facts
from passerelles.site import load_site

from .example_site import EXAMPLE_DATE, REPO
from .htmlcheck import page

BODY = """<p>Intro.</p>
<h2 id="missions">Missions</h2>
<p>Premier paragraphe.</p>
<p>Deuxième.</p>
<ul>
<li>un point</li>
</ul>
<h2 id="une-journee-type">Une journée type</h2>
<p>Seul paragraphe.</p>
<h2 id="se-former">Se former</h2>
<p>Le diplôme.</p>
<h3 id="apres">Après</h3>
<p>La suite.</p>
"""

# Plain-language guidance asks for 15 to 20 words a sentence; 20 on average and 35 at most is
# where every fiche stands once its longest sentences (up to 60 words) were cut. Tighten as fiches improve.
AVERAGE, LONGEST = 20, 35


def test_split_body_keeps_the_first_paragraph_in_view_and_puts_se_former_apart() -> None:
    body = split_body(BODY)
    assert body.intro == "<p>Intro.</p>"
    assert [s.titre for s in body.sections] == ["Missions", "Une journée type"]
    missions = body.sections[0]
    assert missions.heading == '<h2 id="missions">Missions</h2>'
    assert missions.lead == "<p>Premier paragraphe.</p>"
    assert missions.rest.startswith("<p>Deuxième.</p>") and "<li>un point</li>" in missions.rest
    assert body.sections[1].rest == ""
    assert body.training is not None and body.training.id == "se-former"
    assert body.training.lead == "<p>Le diplôme.</p>" and '<h3 id="apres">' in body.training.rest


def test_training_facts_take_the_formation_that_gives_an_age_and_degrade_gracefully() -> None:
    bac_pro = SimpleNamespace(titre="Bac pro ASSP", duree="3 ans après la 3e", conditions=None)
    deas = SimpleNamespace(titre="DEAS", duree="Environ 1 an (1 540 heures)", conditions="Sans diplôme dès 17 ans")
    assert training_facts([bac_pro, deas]) == {"duree": "Environ 1 an", "diplome": "DEAS", "age": "17"}
    old_style = SimpleNamespace(diplome="DEAS", duree="1 an", prerequis="Au moins 17 ans")
    assert training_facts([old_style]) == {"duree": "1 an", "diplome": "DEAS", "age": "17"}
    assert training_facts([bac_pro]) == {"duree": "3 ans après la 3e", "diplome": "Bac pro ASSP", "age": ""}
    assert training_facts([{"titre": "ADVF", "duree": "durée variable"}])["duree"] == "Durée variable"  # type: ignore[index]
    as_row = {"titre": "DEAS", "duree": "12 mois", "conditions": "Avoir 17 ans au moins."}
    assert training_facts([as_row]) == {"duree": "12 mois", "diplome": "DEAS", "age": "17"}
    assert training_facts([]) is None
    assert training_facts([SimpleNamespace(titre="Sans durée")]) is None


def test_a_fiche_has_one_se_former_and_folding_sections_with_real_headings(example_site: Path) -> None:
    soup = page(example_site, "/metiers/aide-soignant/")
    headings = [h.get_text(" ", strip=True) for h in soup.select("main h2")]
    assert headings.count("Se former") == 1
    assert soup.find(id="se-former") is not None  # old links to the body's section still land
    assert "Le DEAS est de niveau 4" in soup.select_one("#fiche-se-former").parent.get_text()
    for section in soup.select("section.fold"):
        h2 = section.find("h2", recursive=False)
        assert h2 is not None and h2.get("id"), section
        assert section.find("p", recursive=False) is not None  # the essentials stay in view
        details = section.find("details", recursive=False)
        if details is not None:
            assert not details.has_attr("open")  # folded on a phone; fiche.js opens them on a wide screen
            assert h2.get_text() in details.summary.get_text()
    brief = {dt.get_text(strip=True): dt.find_next("dd").get_text(" ", strip=True) for dt in soup.select(".facts dt")}
    assert brief["Ce que vous faites"].startswith("L’aide-soignant aide les personnes malades ou âgées")
    assert re.fullmatch(
        r"[A-Z0-9].*, dès 17\u00a0ans \(Diplôme d’État d’aide-soignant \(DEAS\), détails ?\)", brief["Formation"]
    )
    assert {"Pour commencer", "Où", "Avec qui", "Salaire de début", "Recrutement"} <= set(brief)


def words_per_sentence(text: str) -> list[int]:
    text = re.sub(r"\s+", " ", text).strip()
    sentences = re.split(r"(?<=[.!?…])\s+(?=[A-ZÀ-ÖØ-Þ0-9«])", text)
    return [len(re.findall(r"[\w’'-]+", s)) for s in sentences if s.strip()]


def test_key_blocks_of_every_fiche_are_short_sentences(example_site: Path) -> None:
    """« En bref » and the first paragraph of each section: what a hurried reader reads."""
    offenders = []
    for metier in load_site(REPO, EXAMPLE_DATE).metiers:
        soup = page(example_site, metier.url)
        for small in soup.select(".facts small"):
            small.decompose()  # sources and links, not prose
        # The ROME line is a reference for professionals (and its « why none » comes from front matter).
        rows = [(dt.get_text(strip=True), dt.find_next("dd")) for dt in soup.select(".facts dt")]
        blocks = [dd.get_text(" ", strip=True) for label, dd in rows if label != "Code ROME"]
        blocks += [p.get_text(" ", strip=True) for p in soup.select("section.fold > p:first-of-type")]
        blocks += [
            p.get_text(" ", strip=True)
            for p in soup.select("section[aria-labelledby=fiche-se-former] > .prose > p:first-child")
        ]
        counts = [n for block in blocks for n in words_per_sentence(block)]
        assert counts, metier.url
        average = sum(counts) / len(counts)
        if average > AVERAGE or max(counts) > LONGEST:
            offenders.append(f"{metier.url}: {average:.1f} mots par phrase en moyenne, {max(counts)} au plus")
    assert offenders == []


# A `resume` is read in every list, in « En bref » and in search results: one breath, not a paragraph.
RESUME_SENTENCE, RESUME_TOTAL = 25, 35


def test_every_resume_is_short_sentences_and_short_overall() -> None:
    """Every summary (métiers' both, certifications, pages, testimonials, events): ≤ 25 words a sentence, ≤ 35 in all."""
    site = load_site(REPO, EXAMPLE_DATE)
    summaries = [(m.url, m.resume) for m in site.metiers]
    summaries += [(m.url + " (FALC)", m.resume_falc) for m in site.metiers if m.resume_falc]
    summaries += [(e.url, e.resume) for e in (*site.formations, *site.pages, *site.temoignages, *site.evenements)]
    assert len(summaries) > 80
    offenders = []
    for url, text in summaries:
        counts = words_per_sentence(text)
        if max(counts) > RESUME_SENTENCE or sum(counts) > RESUME_TOTAL:
            offenders.append(f"{url}: {counts} mots par phrase, {sum(counts)} en tout")
    assert offenders == []


def test_words_per_sentence_counts_what_a_reader_reads() -> None:
    assert words_per_sentence("L'AES aide. Diplôme d'État en 3 ans, grade licence.") == [2, 7]
    assert words_per_sentence("Objectif : créer du lien.") == [4]
