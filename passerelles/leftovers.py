"""Leftovers: what a hurried editor forgets, reported as warnings (errors with `--strict`).

- a copied file: the same title, or the same text, as another file of its
  collection (the copy was meant to be rewritten);
- a value of the `new` skeleton left as it is where a real file would never
  keep it: a testimonial dated 2026-01-01, an event on New Year's Day at
  14:00, the home page of ONISEP or France compétences as « the » source;
- a title too long to read as a heading (more than 120 characters: the
  longest real title, an official diploma name, has 110);
- a probable full name in `prenom` (« Marie Dupont », « Marie DUPONT »):
  testimonials give the first name only. Compound first names pass
  (« Marie-Claire », « Jean Pierre », « Anne Sophie »), and so does an
  initial (« Karim B. »).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from .errors import ContentError
from .scaffold import FOLDERS, skeleton
from .source import KeyPath, SourceFile, parse_front_matter

MAX_TITLE = 120
MIN_COPIED_BODY = 80  # shorter texts (« Texte. ») are alike by chance
# The skeleton values that a finished file never keeps, by collection.
TELLTALES: Mapping[str, tuple[KeyPath, ...]] = {
    "temoignages": (("date",),),
    "evenements": (("debut",), ("fin",)),
    "metiers": (("liens", 0, "url"),),
    "formations": (("sources", 0, "url"),),
}
# Second halves of compound first names written without a hyphen.
FIRST_NAMES = frozenset(
    "anne baptiste charles christophe claire claude emmanuel eve francois francoise henri jacques jean "
    "jeanne joseph laure louis louise luc lucie marc marie michel noel paul philippe pierre rose sophie yves".split()
)
_WORD = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ'’]+(-[A-ZÀ-Ýa-zà-ÿ][a-zà-ÿ'’]+)*$|^[A-ZÀ-Ý]{2,}$")


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold().split())


def _value(data: Any, keys: KeyPath) -> Any:
    for key in keys:
        if isinstance(data, Mapping) and key in data:
            data = data[key]
        elif isinstance(data, list) and isinstance(key, int) and key < len(data):
            data = data[key]
        else:
            return None
    return data


_SKELETON_DATA = {folder: parse_front_matter(skeleton(kind), "")[0] for kind, folder in FOLDERS.items()}


def skeleton_values(source: SourceFile) -> list[ContentError]:
    """Values of the `new` skeleton that a finished file would not keep."""
    problems = []
    for keys in TELLTALES.get(source.collection, ()):
        value, example = _value(source.data, keys), _value(_SKELETON_DATA[source.collection], keys)
        if value is not None and str(value).strip() == str(example):
            problems.append(
                ContentError(
                    source.rel,
                    source.line(*keys),
                    f"« {keys[-1]} » vaut encore « {example} », la valeur d'exemple du modèle : mettez la vraie valeur",
                    warning=True,
                )
            )
    return problems


def full_name(prenom: str) -> bool:
    """True when a `prenom` looks like a first name and a surname."""
    words = prenom.split()
    if len(words) < 2 or not all(_WORD.match(w) for w in words):
        return False
    return any(w.isupper() for w in words) or any(_fold(w) not in FIRST_NAMES for w in words[1:])


def _alone(source: SourceFile) -> list[ContentError]:
    problems = []
    titre = source.data.get("titre")
    if isinstance(titre, str) and len(titre.strip()) > MAX_TITLE:
        problems.append(
            ContentError(
                source.rel,
                source.line("titre"),
                f"titre de {len(titre.strip())} caractères : au-delà de {MAX_TITLE}, il ne se lit plus d'un coup "
                "d'œil ; raccourcissez-le et mettez le reste dans « resume »",
                warning=True,
            )
        )
    prenom = source.data.get("prenom")
    if source.collection == "temoignages" and isinstance(prenom, str) and full_name(prenom):
        problems.append(
            ContentError(
                source.rel,
                source.line("prenom"),
                f"« {prenom} » ressemble à un prénom suivi d'un nom : n'écrivez que le prénom (vie privée)",
                warning=True,
            )
        )
    return problems + skeleton_values(source)


def _copies(sources: list[SourceFile]) -> list[ContentError]:
    """Files of one collection with the same title or the same text: each names the others."""
    problems: list[ContentError] = []
    titles: dict[tuple[str, str], list[SourceFile]] = {}
    bodies: dict[tuple[str, str], list[SourceFile]] = {}
    for source in sources:
        titre = source.data.get("titre")
        if isinstance(titre, str) and titre.strip():
            titles.setdefault((source.collection, _fold(titre)), []).append(source)
        body = _fold(source.body)
        if len(body) >= MIN_COPIED_BODY:
            bodies.setdefault((source.collection, body), []).append(source)
    for groups, what, redo in ((titles, "titre", "changez le titre"), (bodies, "texte", "réécrivez le texte")):
        for group in (g for g in groups.values() if len(g) > 1):
            for source in group:
                others = ", ".join(s.rel for s in group if s is not source)
                first_text_line = source.body_line + source.body.count(
                    "\n", 0, len(source.body) - len(source.body.lstrip())
                )
                problems.append(
                    ContentError(
                        source.rel,
                        source.line("titre") if what == "titre" else first_text_line,
                        f"même {what} que {others} : fichier copié ? {redo} (ou supprimez la copie)",
                        warning=True,
                    )
                )
    return problems


def check(sources: Iterable[SourceFile], drafts: bool = False) -> list[ContentError]:
    """Every leftover of every file; drafts are left alone unless they are built."""
    kept = sorted((s for s in sources if drafts or s.data.get("brouillon") is not True), key=lambda s: s.rel)
    return [problem for source in kept for problem in _alone(source)] + _copies(kept)
