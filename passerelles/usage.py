"""The command line speaks French: argparse's own messages, and the kinds of file `new` creates.

argparse writes its errors in English (« invalid choice », « the following
arguments are required »); an editor who typed `new événement` must read
what went wrong and what to type instead, in French.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from typing import NoReturn

from .errors import suggest
from .urls import KIND_OF_COLLECTION

# Every way of naming a kind of file: accents, plurals and the folder name are accepted.
KINDS = tuple(KIND_OF_COLLECTION.values())
_ALIASES = {
    "métier": "metier",
    "metiers": "metier",
    "métiers": "metier",
    "témoignage": "temoignage",
    "temoignages": "temoignage",
    "témoignages": "temoignage",
    "événement": "evenement",
    "évènement": "evenement",
    "evenements": "evenement",
    "événements": "evenement",
    "pages": "page",
    "formations": "formation",
    "certification": "formation",
}


def kind_of(typed: str) -> str:
    """The kind of file `new` should create, from what was typed; a French ValueError with a suggestion if unknown."""
    word = typed.strip().lower()
    if word in KINDS:
        return word
    if word in _ALIASES:
        return _ALIASES[word]
    close = suggest(word, (*KINDS, *_ALIASES))
    hint = f" ; vouliez-vous dire « {_ALIASES.get(close, close)} » ?" if close else ""
    raise ValueError(f"type « {typed} » inconnu : choisissez {', '.join(KINDS[:-1])} ou {KINDS[-1]}{hint}")


def _choices(text: str) -> list[str]:
    return re.findall(r"'([^']*)'", text)


def _invalid_choice(match: re.Match[str]) -> str:
    typed, options = match.group(2), _choices(match.group(3))
    close = suggest(typed, options)
    hint = f" ; vouliez-vous dire « {close} » ?" if close else ""
    return f"{match.group(1)} « {typed} » inconnue : choisissez {', '.join(options)}{hint}"


_MESSAGES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"^argument (\S+): invalid choice: '([^']*)' \(choose from (.*)\)$"), _invalid_choice),
    (re.compile(r"^the following arguments are required: (.*)$"), r"il manque : \1"),
    (re.compile(r"^unrecognized arguments: (.*)$"), r"options inconnues : \1 (voir « python build.py -h »)"),
    (re.compile(r"^argument (\S+): expected one argument$"), r"« \1 » doit être suivi d'une valeur"),
    (re.compile(r"^argument (\S+): invalid int value: '([^']*)'$"), r"« \1 » attend un nombre entier (reçu « \2 »)"),
    (re.compile(r"^argument (\S+): invalid \S+ value: '([^']*)'$"), r"« \1 » : valeur « \2 » invalide"),
)


def french(message: str) -> str:
    """argparse's English error message, in French (unchanged if unknown)."""
    for pattern, replacement in _MESSAGES:
        match = pattern.match(message)
        if match:
            return match.expand(replacement) if isinstance(replacement, str) else replacement(match)
    return message


class FrenchParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage line, help option and errors are in French."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.add_argument("-h", "--aide", "--help", action="help", help="afficher cette aide et quitter")
        self._positionals.title = "arguments"
        self._optionals.title = "options"

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "utilisation :", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "utilisation :", 1)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {french(message)}\n")
