"""Jinja's error messages in French, for whoever edits a template.

Jinja says « Encountered unknown tag 'endfo' » or « 'x' is undefined »;
the person who changed `templates/base.html` reads what is wrong, in French,
with the tag or filter that was probably meant. Unknown messages are kept
as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .errors import suggest

_TOKENS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "end of template": "la fin du gabarit",
    "name": "un nom",
}


def _token(name: str) -> str:
    return _TOKENS.get(name, name)


def _tags(listed: str) -> str:
    return " ou ".join(f"« {{% {tag} %}} »" for tag in re.findall(r"'(\w+)'", listed))


def _unknown_tag(match: re.Match[str], names: Iterable[str]) -> str:
    text = f"balise « {match.group(1)} » inconnue"
    if match.group(2):
        return f"{text} : à cet endroit, {_tags(match.group(2))} est attendu"
    return text


def _unknown_name(match: re.Match[str], names: Iterable[str]) -> str:
    kind = "filtre" if match.group(1) == "filter" else "test"
    close = suggest(match.group(2), names) if kind == "filtre" else None
    return f"{kind} « {match.group(2)} » inconnu" + (f" ; vouliez-vous dire « {close} » ?" if close else "")


Translate = Callable[[re.Match[str], Iterable[str]], str]
_SYNTAX: tuple[tuple[re.Pattern[str], Translate], ...] = (
    (
        re.compile(r"^Encountered unknown tag '(\w+)'\.(?: Jinja was looking for the following tags: (.*?)\.)?"),
        _unknown_tag,
    ),
    (
        re.compile(r"^Unexpected end of template\..*The innermost block that needs to be closed is '(\w+)'"),
        lambda m, _: f"le bloc « {m.group(1)} » n'est pas refermé : il manque « {{% end{m.group(1)} %}} »",
    ),
    (
        re.compile(r"^unexpected end of template, expected '(.+)'\.$"),
        lambda m, _: f"le gabarit s'arrête trop tôt : « {_token(m.group(1))} » est attendu",
    ),
    (
        re.compile(r"^expected token '(.+)', got '(.+)'$"),
        lambda m, _: f"« {_token(m.group(1))} » est attendu, « {_token(m.group(2))} » est écrit",
    ),
    (
        re.compile(r"^Expected an expression, got '(.+)'$"),
        lambda m, _: f"une valeur est attendue avant « {_token(m.group(1))} »",
    ),
    (re.compile(r"^unexpected '(.+)'$"), lambda m, _: f"« {m.group(1)} » inattendu"),
    (re.compile(r"^tag name expected$"), lambda m, _: "nom de balise attendu après « {% »"),
    (re.compile(r"^No (filter|test) named '(.+?)'"), _unknown_name),
    (re.compile(r"^'(.+)' is undefined$"), lambda m, _: f"« {m.group(1)} » n'existe pas"),
    (
        re.compile(r"^'(.+?)(?: object)?' has no attribute '(.+)'$"),
        lambda m, _: f"« {m.group(2)} » n'existe pas dans {m.group(1)}",
    ),
)


def french(message: str, filters: Iterable[str] = ()) -> str:
    """A Jinja error message in French; `filters` are the known filter names, for a suggestion."""
    for pattern, translate in _SYNTAX:
        match = pattern.match(message)
        if match:
            return translate(match, filters)
    return message
