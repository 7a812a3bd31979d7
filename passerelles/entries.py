"""From a validated file to its model: fields filled by name, then the rules that span several fields.

`fill` copies every validated key into the model field of the same name
(the schema and the models name the same fields: tests/test_models.py), so
a new optional field needs no mapping code. Only what is computed or checked
across fields is written here: a figure and its source, an event's end after
its start, a duration that is variable… Rules that span several files live
in `site.py`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from markdown import Markdown

from .bodies import render_body
from .errors import ContentError
from .markup import body_problems
from .models import (
    RESERVED_SLUGS,
    Allegement,
    Certification,
    Condition,
    DiplomeRequis,
    Entry,
    Etape,
    Evenement,
    Evolution,
    Experience,
    Figure,
    Formation,
    Lieu,
    Link,
    Metier,
    Page,
    Salaire,
    Temoignage,
    departement_from_postcode,
)
from .schema import COMMON, PLACEHOLDER
from .source import SourceFile
from .timeutil import paris_date, sort_key

T = TypeVar("T")
Report = Callable[[int, str], None]


def fill(model: type[T], data: Mapping[str, Any] | None, **computed: Any) -> T:
    """A model from validated data: each field from the key of the same name, unless computed by the caller.

    A key left empty (None) keeps the model's default.
    """
    names = {f.name for f in dataclasses.fields(model) if f.init}  # type: ignore[arg-type]
    values = {k: v for k, v in (data or {}).items() if k in names and v is not None}
    return model(**(values | computed))


def _all(model: type[T], items: Iterable[Mapping[str, Any] | None], *required: str) -> tuple[T, ...]:
    """The models of a list of groups, leaving out those a required key is missing from (already reported)."""
    return tuple(fill(model, i) for i in items if i and all(i.get(k) not in (None, "") for k in required))


def _figure(
    data: Mapping[str, Any] | None, keys: tuple[str, ...], name: str, line: int, report: Report
) -> Figure | None:
    if not data:
        return None
    values = {k: data[k] for k in keys if data.get(k) is not None}
    if not values:
        return None
    missing = [k for k in ("source", "annee") if not data.get(k)]
    if missing:
        report(line, f"« {name} » : un chiffre doit avoir sa source et son année ({', '.join(missing)} manquant)")
        return None
    return Figure(values=values, source=data["source"], annee=data["annee"])


_PAY_FIGURES = ("debut_brut_mensuel", "debut_brut_mensuel_max", "debut_brut_horaire")


def _salaire(data: Mapping[str, Any] | None, line: int, report: Report) -> Salaire | None:
    """A salary with its source and year, or None (and a report) when a rule is broken."""
    if not data or all(data.get(k) is None for k in _PAY_FIGURES):
        return None
    missing = [k for k in ("source", "annee") if not data.get(k)]
    if missing:
        report(line, f"« salaire » : un chiffre doit avoir sa source et son année ({', '.join(missing)} manquant)")
        return None
    low, high = data.get("debut_brut_mensuel"), data.get("debut_brut_mensuel_max")
    if high is not None and low is None:
        report(
            line,
            "« salaire » : « debut_brut_mensuel_max » demande aussi « debut_brut_mensuel » (le bas de la fourchette)",
        )
        return None
    if low is not None and high is not None and high < low:
        report(line, f"« salaire » : le haut de la fourchette ({high}) est plus petit que le bas ({low})")
        return None
    return fill(Salaire, data)


def _metier_pay(d: Mapping[str, Any], src: SourceFile, report: Report) -> dict[str, Any]:
    """The salary fields of a métier: the main one, the others, or why there is none."""
    main = _salaire(d["salaire"], src.line("salaire"), report)
    others = tuple(
        s for i, item in enumerate(d["salaires"]) if (s := _salaire(item, src.line("salaires", i), report)) is not None
    )
    if d["salaire_absent"] and (main or others):
        report(
            src.line("salaire_absent"),
            "« salaire_absent » explique pourquoi il n'y a pas de salaire : retirez-le, la fiche donne un chiffre",
        )
    if d["code_rome_absent"] and d["code_rome"]:
        report(
            src.line("code_rome_absent"),
            "« code_rome_absent » explique pourquoi il n'y a pas de code ROME : retirez-le, la fiche en donne un",
        )
    return {"salaire": main, "salaires": others, "salaire_absent": d["salaire_absent"]}


def _links(items: tuple[Mapping[str, Any], ...]) -> tuple[Link, ...]:
    return _all(Link, items, "titre", "url")


def _metier(common: dict[str, Any], d: Mapping[str, Any], src: SourceFile, report: Report) -> Metier:
    if not d["certifications"] and not d["embauche_sans_diplome"]:
        if "formations" not in src.data:
            report(1, "champ obligatoire « certifications » manquant (ou « formations », l'ancienne forme)")
        elif not d["formations"] and d["niveau_acces"] not in (None, "sans-diplome"):
            report(src.line("formations"), "« formations » ne peut être vide que si « niveau_acces » vaut sans-diplome")
    targets = [e["metier"] for e in d["evolutions"] if e and e.get("metier")]
    for index, target in enumerate(targets):
        if target in targets[:index]:
            report(src.line("evolutions", index), f"passerelle vers « {target} » écrite deux fois")
    experience = d["experience_requise"]
    return fill(
        Metier,
        d,
        **common,
        formations=_all(Formation, d["formations"], "diplome", "niveau", "duree"),
        experience_requise=fill(Experience, experience) if experience and experience["mois"] is not None else None,
        evolutions=_all(Evolution, d["evolutions"], "metier", "comment"),
        **_metier_pay(d, src, report),
        tension=_figure(
            d["tension"], ("projets_recrutement", "difficiles_pct"), "tension", src.line("tension"), report
        ),
        liens=_links(d["liens"]),
        sources=_links(d["sources"]),
    )


def _temoignage(common: dict[str, Any], d: Mapping[str, Any], src: SourceFile, report: Report) -> Temoignage:
    steps = _all(Etape, d["parcours"], "annee", "etape")
    for index in range(1, len(steps)):
        if steps[index].annee < steps[index - 1].annee:
            report(
                src.line("parcours", index),
                f"étapes du parcours dans le désordre : {steps[index].annee} "
                f"vient après {steps[index - 1].annee} ; rangez-les de la plus ancienne à la plus récente",
            )
    return fill(
        Temoignage,
        d,
        **common,
        prenom=d["prenom"] or "",
        metier=d["metier"] or "",
        date=d["date"] or dt.date.min,
        parcours=steps,
    )


def _evenement(common: dict[str, Any], d: Mapping[str, Any], src: SourceFile, report: Report) -> Evenement:
    debut, fin = d["debut"], d["fin"]
    if debut is not None and fin is not None:
        if isinstance(debut, dt.datetime) != isinstance(fin, dt.datetime):
            if paris_date(fin) < paris_date(debut):
                report(src.line("fin"), "« fin » est avant « debut »")
        elif sort_key(fin) < sort_key(debut):
            report(src.line("fin"), "« fin » est avant « debut »")
    lieu = fill(Lieu, d["lieu"]) if d["lieu"] and d["lieu"]["nom"] and d["lieu"]["commune"] else None
    if d["lieu"] is None and not d["en_ligne"] and "lieu" not in src.data:
        report(1, "champ obligatoire « lieu » manquant (ou indiquez « en_ligne: true »)")
    departement = d["departement"]
    if departement is None and lieu is not None and lieu.code_postal:
        departement = departement_from_postcode(lieu.code_postal)
    return fill(
        Evenement,
        d,
        **common,
        type=d["type"] or "autre",
        debut=debut or dt.date.min,
        lieu=lieu,
        departement=departement,
        organisateur=d["organisateur"] or "",
    )


def _condition(c: Mapping[str, Any]) -> Condition:
    diplome, experience = c["diplome_requis"], c["experience"]
    return fill(
        Condition,
        c,
        diplome_requis=fill(DiplomeRequis, diplome) if diplome else None,
        experience=fill(Experience, experience) if experience else None,
    )


def _certification(common: dict[str, Any], d: Mapping[str, Any], src: SourceFile, report: Report) -> Certification:
    low, high = d["duree_mois_min"], d["duree_mois_max"]
    if d["duree_variable"]:
        low, high = low or 0, None
    elif low is None and high is None:
        report(
            1,
            "durée manquante : indiquez « duree_mois_min » et « duree_mois_max » "
            "(ou « duree_variable: true » si chaque organisme la fixe)",
        )
        low, high = 0, None
    elif low is None or high is None:
        missing = "duree_mois_min" if low is None else "duree_mois_max"
        report(src.line("duree_mois_max" if low is None else "duree_mois_min"), f"« {missing} » manquant")
        low, high = low or high or 0, None
    elif high < low:
        report(src.line("duree_mois_max"), f"« duree_mois_max » ({high}) est plus petit que « duree_mois_min » ({low})")
    allegements = []
    for index, a in enumerate(d["allegements"]):
        if not a or not a["depuis"] or not a["effet"]:
            continue
        if (a["duree_mois_min"] is None) != (a["duree_mois_max"] is None):
            report(
                src.line("allegements", index), "allègement : donnez « duree_mois_min » et « duree_mois_max », ou aucun"
            )
        allegements.append(fill(Allegement, a))
    return fill(
        Certification,
        d,
        **common,
        duree_mois_min=low,
        duree_mois_max=high,
        conditions=tuple(_condition(c) for c in d["conditions"] if c),
        allegements=tuple(allegements),
        sources=_links(d["sources"]),
    )


_BUILDERS = {"metiers": _metier, "temoignages": _temoignage, "evenements": _evenement, "formations": _certification}


def build_entry(src: SourceFile, clean: Mapping[str, Any], md: Markdown) -> tuple[Entry, list[ContentError]]:
    """The model of one validated file, with the rules that span its fields."""
    errors: list[ContentError] = []

    def report(line: int, message: str) -> None:
        errors.append(ContentError(src.rel, line, message))

    if src.slug in RESERVED_SLUGS[src.collection]:
        report(1, f"le nom « {src.slug} » est réservé à une page du site ; renommez le fichier")
    if clean["image"] and clean["image_alt"] is None:
        report(
            src.line("image"),
            '« image_alt » est obligatoire avec « image » (écrivez image_alt: "" seulement si l\'image est décorative)',
        )
    if PLACEHOLDER in src.body:
        offset = src.body[: src.body.index(PLACEHOLDER)].count("\n")
        report(src.body_line + offset, f"texte : remplacez « {PLACEHOLDER} » par le vrai contenu")
    too_big = body_problems(src.body)
    for offset, message in too_big:
        report(src.body_line + offset, message)
    body, toc = render_body(md, "" if too_big else src.body)
    common: dict[str, Any] = {f.name: clean[f.name] for f in COMMON if clean[f.name] is not None}
    common.update(
        collection=src.collection,
        slug=src.slug,
        source=src.rel,
        titre=clean["titre"] or src.slug,
        resume=clean["resume"] or "",
        image_alt=clean["image_alt"],  # None (not given) and "" (decorative) differ
        body=body,
        toc=tuple(toc),
    )
    builder = _BUILDERS.get(src.collection)
    entry = builder(common, clean, src, report) if builder else fill(Page, clean, **common)
    return entry, errors
