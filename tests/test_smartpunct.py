"""The French smart punctuation gives exactly what Python-Markdown's smarty gave."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.extensions.smarty import SmartyExtension

from passerelles.markup import make_markdown, render_markdown
from passerelles.source import discover, parse_front_matter

REPO = Path(__file__).resolve().parent.parent

SAMPLES = [
    'Elle dit "bonjour" et s\'en va.',
    "L'aide-soignant(e) d'un EHPAD, l'été '80s et 'entre guillemets simples'.",
    '"Citation en début" de paragraphe.',
    "\"'Imbriqué' dans une citation,\" dit-il.",
    "'\"Imbriqué\" dans des simples,' dit-elle.",
    "Un tiret -- et un cadratin --- puis --- encore ----; des points... et ....",
    'Du `code "non touché" ... -- \'ici\'` puis "après".',
    '```\nbloc "de code" ... -- l\'avant\n```\n\nEt "après".',
    '    indenté "code" -- ...\n\nSuite.',
    'Un [lien "cité"](/metiers/) puis "[un lien](/a/)" et "*emphase*" ou *"emphase"*.',
    '**"Gras"** et "**gras**", _l\'italique_ et l\'**appui**.',
    'Titre avec attributs {: #ancre .classe }\n\n## Une "journée" type\n\nTexte.',
    '## L\'accès "direct"\n\nTexte... fin.',
    "Un échappé \\\"pas une citation\\\" et \\'pas plus\\'.",
    '<span>"html" brut</span> puis "texte".',
    '<div>\n"bloc" html\n</div>\n\nEt "après".',
    "- « déjà typographié » ; d'accord ?\n- \"point\" : oui !\n- 'un' -- 'deux'",
    '| A | "B" |\n|---|---|\n| l\'un | ... |',
    'Entre parenthèses ("ici") et crochets ["là"], 1990\'s, 12" et 5\'.',
    '"\n"',
    "''",
    '"" vide',
    'Adresse <https://exemple.fr/?a="b"> et courriel <contact@exemple.fr>.',
    '![Une "image"](/img.png) et l\'image.',
    'Fin de ligne avec deux espaces  \nnouvelle "ligne".',
    "C'est l'« autre » façon -- « ici » ?",
]


def _smarty_markdown() -> markdown.Markdown:
    """The former converter: smarty's inline patterns instead of the tree pass."""
    md = make_markdown()
    md.treeprocessors.deregister("smart_punctuation")
    SmartyExtension(
        substitutions={
            "left-double-quote": "&laquo;&nbsp;",
            "right-double-quote": "&nbsp;&raquo;",
            "left-angle-quote": "&laquo;&nbsp;",
            "right-angle-quote": "&nbsp;&raquo;",
        }
    ).extendMarkdown(md)
    return md


def _bodies() -> list[str]:
    bodies = []
    for _, path in discover(REPO):
        if path.suffix == ".md":
            bodies.append(parse_front_matter(path.read_text(encoding="utf-8"), path.name)[2])
    return bodies


def test_the_reference_still_uses_smarty() -> None:
    assert "smarty" in _smarty_markdown().treeprocessors
    assert "smart_punctuation" in make_markdown().treeprocessors


@pytest.mark.parametrize("sample", SAMPLES)
def test_tricky_samples_match_smarty(sample: str) -> None:
    assert render_markdown(make_markdown(), sample) == render_markdown(_smarty_markdown(), sample)


def test_every_example_body_matches_smarty() -> None:
    bodies = _bodies()
    assert len(bodies) > 50
    new, old = make_markdown(), _smarty_markdown()
    for body in bodies:
        assert render_markdown(new, body) == render_markdown(old, body)


def test_quotes_become_guillemets_outside_code() -> None:
    html, _ = render_markdown(make_markdown(), 'Il dit "oui" à l\'`"code"`...')
    assert html == '<p>Il dit «&nbsp;oui&nbsp;» à l’<code>"code"</code>…</p>'


# Texts made of what the rules look at: quotes, dashes, dots, word characters, spaces, an `s`, digits.
PIECES = [*"'\"-.  as19\n(«", "--", "...", "'s", "&nbsp;", "l'", "80s"]
PUNCTUATED = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PUNCTUATED)
def test_any_mix_of_quotes_dashes_and_dots_matches_smarty(text: str) -> None:
    """Rules are skipped when a text lacks what they need (smartpunct._RULES): never a different result."""
    assert render_markdown(make_markdown(), text) == render_markdown(_smarty_markdown(), text)
