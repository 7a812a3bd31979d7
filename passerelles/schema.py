"""The content model, declared once.

The same declarations drive validation (with French messages and
suggestions), the JSON Schema published with the open data, and the field
reference of the editors' guide, so the three never drift apart.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from .datefix import explain, rewrite
from .errors import ContentError, suggest
from .illustrations import NAMES as ILLUSTRATIONS
from .scaffold import PLACEHOLDER
from .source import SLUG_RE, KeyPath, SourceFile
from .timeutil import parse_when

Report = Callable[[KeyPath, str, "str | None"], None]


@dataclass(frozen=True)
class Field:
    """One front-matter key: its type, constraints and editor documentation."""

    name: str
    kind: str  # text, bool, int, number, date, when, enum, slug, url, list, mapping
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    pattern: str | None = None
    pattern_hint: str = ""
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    item: Field | None = None
    fields: tuple[Field, ...] = ()
    non_empty: bool = False
    default: Any = None


def text(name: str, doc: str, **kw: Any) -> Field:
    return Field(name, "text", doc, **kw)


def flag(name: str, doc: str) -> Field:
    return Field(name, "bool", doc, default=False)


def enum(name: str, doc: str, choices: tuple[str, ...], **kw: Any) -> Field:
    return Field(name, "enum", doc, choices=choices, **kw)


def list_of(name: str, doc: str, item: Field, **kw: Any) -> Field:
    return Field(name, "list", doc, item=item, default=(), **kw)


def mapping(name: str, doc: str, *fields: Field, **kw: Any) -> Field:
    return Field(name, "mapping", doc, fields=fields, **kw)


LIEUX = ("domicile", "etablissement", "hopital")
PUBLICS_METIER = ("personnes-agees", "personnes-handicapees")
NIVEAUX_ACCES = ("sans-diplome", "cap", "bac", "bac+2", "bac+3", "bac+5")
VOIES = ("formation-initiale", "apprentissage", "formation-continue", "vae")
TYPES_EVENEMENT = (
    "job-dating",
    "salon",
    "forum",
    "atelier",
    "portes-ouvertes",
    "information-collective",
    "visite",
    "conference",
    "concours",
    "autre",
)
PUBLICS_EVENEMENT = (
    "collegiens",
    "lyceens",
    "etudiants",
    "demandeurs-emploi",
    "salaries",
    "familles",
    "enseignants",
    "employeurs",
    "tous",
)
PRECISIONS_DATE = ("jour", "mois", "annee")
EMPLOYEURS = (
    "fonction-publique-hospitaliere",
    "fonction-publique-territoriale",
    "ccn-51",
    "ccn-66",
    "branche-aide-a-domicile",
    "particulier-employeur",
    "tous-employeurs",
    "autre",
)
DEPARTEMENT_RE = r"^(0[1-9]|1[0-9]|2[1-9]|[3-8][0-9]|9[0-5]|2A|2B|97[1-6])$"  # no 20: Corsica is 2A and 2B
URL_RE = r"^https?://[^\s/$.?#][^\s]*$"


def year(name: str, doc: str, required: bool = False) -> Field:
    return Field(name, "int", doc, required=required, minimum=1900, maximum=2100)


_LINK = mapping(
    "lien",
    "un lien",
    text("titre", "texte du lien", required=True),
    Field("url", "url", "adresse http(s)", required=True),
)
_SOURCE_YEAR = (
    text("source", "d'où vient le chiffre (organisme, document)"),
    year("annee", "année du chiffre"),
)


def _salary(name: str, doc: str, required_source: bool = False) -> Field:
    """A starting salary: a figure or a range, what it includes, for which employer, from which source."""
    return mapping(
        name,
        doc,
        Field("debut_brut_mensuel", "number", "salaire brut mensuel de début, en euros", minimum=0),
        Field("debut_brut_mensuel_max", "number", "haut de la fourchette, si le chiffre est une fourchette", minimum=0),
        Field("debut_brut_horaire", "number", "salaire brut de l'heure, en euros (ex. 12.51)", minimum=0),
        text("comprend", "ce que comprend le chiffre, ex. « hors primes », « minimum de la grille »"),
        enum("employeur", "employeur ou convention collective concernés", EMPLOYEURS, required=required_source),
        text("source", "d'où vient le chiffre (organisme, document)", required=required_source),
        Field("url", "url", "adresse de la source", required=required_source),
        year("annee", "année du chiffre", required=required_source),
    )


COMMON: tuple[Field, ...] = (
    text("titre", "titre de la page", required=True),
    text("resume", "résumé : cartes, description pour les moteurs, flux", required=True, max_length=200),
    flag("brouillon", "brouillon : non publié sauf avec --drafts"),
    list_of(
        "alias",
        "anciennes adresses qui redirigent ici (ex. /metiers/ancien-nom/)",
        Field(
            "alias",
            "text",
            "adresse",
            pattern=r"^/([a-z0-9_-][a-z0-9._-]*/)+$",
            pattern_hint="une adresse du site qui commence et finit par « / », sans segment « . » ni « .. », "
            "ex. /metiers/ancien-nom/",
        ),
    ),
    text(
        "image",
        "photo rangée dans content/images/, écrite /images/nom.jpg (JPEG, PNG ou WebP)",
        pattern=r"^(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+$",
        pattern_hint="un chemin qui commence par « / », sans segment « . » ni « .. », ex. /images/aide-soignant.jpg",
    ),
    text("image_alt", "texte de remplacement de l'image ; \"\" si l'image est décorative"),
    flag("illustratif", "contenu illustratif (fictif ou exemple), signalé comme tel sur le site"),
)

METIER: tuple[Field, ...] = COMMON + (
    list_of(
        "autres_appellations",
        "autres noms et l'autre forme de genre, utilisés par la recherche",
        text("appellation", "un nom"),
    ),
    text(
        "code_rome",
        "code ROME",
        pattern=r"^[A-N][0-9]{4}$",
        pattern_hint="une lettre de A à N puis 4 chiffres, ex. J1501",
    ),
    text("code_rome_absent", "pourquoi aucun code ROME n'est donné (affiché sur la fiche)"),
    list_of("lieux", "lieux d'exercice", enum("lieux", "un lieu", LIEUX), required=True, non_empty=True),
    list_of(
        "publics", "publics accompagnés", enum("publics", "un public", PUBLICS_METIER), required=True, non_empty=True
    ),
    enum("niveau_acces", "plus bas niveau d'entrée dans le métier", NIVEAUX_ACCES, required=True),
    list_of(
        "formations",
        "ancienne forme, remplacée par « certifications » : diplômes décrits dans la fiche",
        mapping(
            "formation",
            "une formation",
            text("diplome", "nom du diplôme ou du titre", required=True),
            Field(
                "niveau",
                "int",
                "niveau du cadre national des certifications (3 = CAP … 8 = doctorat)",
                required=True,
                minimum=3,
                maximum=8,
            ),
            text("duree", "durée, ex. « 12 mois »", required=True),
            list_of("voies", "voies d'accès", enum("voies", "une voie", VOIES), required=True, non_empty=True),
            text("prerequis", "conditions d'entrée"),
            text(
                "rncp", "numéro RNCP", pattern=r"^RNCP[0-9]+$", pattern_hint="« RNCP » suivi de chiffres, ex. RNCP35830"
            ),
            text("ou", "où se former (IFAS, lycée professionnel, CFA…)"),
        ),
    ),
    list_of(
        "certifications",
        "diplômes et titres qui mènent au métier (noms des fichiers de content/formations/, sans .md) ; "
        "remplace « formations »",
        Field("certifications", "slug", "une certification"),
    ),
    flag("embauche_sans_diplome", "on peut être embauché sans diplôme ; les certifications sont alors conseillées"),
    mapping(
        "experience_requise",
        "expérience demandée avant d'être embauché (par les textes ou, en général, par les employeurs)",
        Field("mois", "int", "durée d'expérience, en mois", required=True, minimum=1, maximum=600),
        list_of(
            "metiers",
            "dans un de ces métiers (noms des fiches)",
            Field("metiers", "slug", "un métier"),
            non_empty=True,
            required=True,
        ),
    ),
    list_of(
        "evolutions",
        "passerelles vers d'autres métiers",
        mapping(
            "evolution",
            "une passerelle",
            Field("metier", "slug", "métier d'arrivée (nom de son fichier sans .md)", required=True),
            text("comment", "comment y arriver (formation, durée, allègements)", required=True),
        ),
    ),
    _salary("salaire", "salaire de début de carrière (le chiffre principal)"),
    list_of(
        "salaires",
        "autres salaires de début, un par employeur ou convention quand ils diffèrent",
        _salary("salaire", "un salaire de début", required_source=True),
    ),
    text(
        "salaire_absent",
        "pourquoi aucun salaire sourcé n'est donné (affiché sur la fiche à la place du chiffre)",
    ),
    mapping(
        "tension",
        "indicateur de tension du recrutement",
        Field("projets_recrutement", "int", "nombre de projets de recrutement", minimum=0),
        Field("difficiles_pct", "int", "part des recrutements jugés difficiles, en %", minimum=0, maximum=100),
        *_SOURCE_YEAR,
    ),
    list_of("qualites", "qualités personnelles utiles", text("qualite", "une qualité")),
    list_of("liens", "liens vers des références externes (ONISEP, France Travail)", _LINK),
    list_of("sources", "sources des faits de la fiche", replace(_LINK, name="source")),
    text("resume_falc", "le résumé en « Facile à lire et à comprendre »"),
    Field("verifie_le", "date", "date de la dernière vérification des faits de la fiche (AAAA-MM-JJ)"),
    enum(
        "illustration",
        "pictogramme de la fiche (liste dans le guide) ; sans lui, choisi d'après le code ROME et les lieux",
        ILLUSTRATIONS,
    ),
)

_MONTHS = "nombre entier de mois"
FORMATION: tuple[Field, ...] = COMMON + (
    text("sigle", "sigle ou nom court (DEAS, bac pro ASSP…)"),
    Field(
        "niveau", "int", "niveau du cadre national des certifications (3 = CAP … 8 = doctorat)", minimum=3, maximum=8
    ),
    text("rncp", "numéro RNCP", pattern=r"^RNCP[0-9]+$", pattern_hint="« RNCP » suivi de chiffres, ex. RNCP35830"),
    flag("bac", "ce diplôme est un baccalauréat (il ouvre les études après le bac)"),
    Field("duree_mois_min", "int", "durée la plus courte, en mois (" + _MONTHS + ")", minimum=0, maximum=120),
    Field("duree_mois_max", "int", "durée la plus longue, en mois (" + _MONTHS + ")", minimum=0, maximum=120),
    flag("duree_variable", "durée fixée par chaque organisme, inconnue : à dire plutôt qu'inventer"),
    Field("heures", "int", "nombre d'heures de formation (cours et stages)", minimum=1),
    list_of("voies", "voies d'accès", enum("voies", "une voie", VOIES), required=True, non_empty=True),
    list_of(
        "conditions",
        "conditions d'entrée : une voie d'entrée par élément, il suffit d'en remplir une",
        mapping(
            "condition",
            "une voie d'entrée",
            list_of("voies", "voies concernées (toutes si absent)", enum("voies", "une voie", VOIES)),
            Field("age_min", "int", "âge minimum à l'entrée, en années", minimum=14, maximum=99),
            mapping(
                "diplome_requis",
                "diplôme demandé : un des éléments suffit",
                Field("niveau", "int", "un diplôme de ce niveau ou plus (3 = CAP … 8)", minimum=3, maximum=8),
                flag("bac", "le baccalauréat"),
                list_of(
                    "certifications",
                    "une de ces certifications (noms des fichiers de content/formations/)",
                    Field("certifications", "slug", "une certification"),
                ),
            ),
            mapping(
                "experience",
                "expérience professionnelle demandée",
                Field("mois", "int", "durée d'expérience, en mois", minimum=0, maximum=600),
                list_of(
                    "metiers",
                    "dans un de ces métiers (noms des fiches) ; tout emploi salarié compte si absent",
                    Field("metiers", "slug", "un métier"),
                ),
                flag("en_poste", "il faut être en poste dans un de ces métiers pendant la formation"),
            ),
            text("selection", "comment on est choisi (dossier, entretien, Parcoursup…)"),
        ),
    ),
    list_of(
        "allegements",
        "formations raccourcies pour les titulaires d'une autre certification",
        mapping(
            "allegement",
            "un allègement",
            Field("depuis", "slug", "la certification déjà obtenue (nom du fichier)", required=True),
            text("effet", "ce qui est allégé, en une phrase", required=True),
            Field("duree_mois_min", "int", "durée la plus courte avec l'allègement, en mois", minimum=0, maximum=120),
            Field("duree_mois_max", "int", "durée la plus longue avec l'allègement, en mois", minimum=0, maximum=120),
        ),
    ),
    text("ou", "où se former (IFAS, IFSI, lycée professionnel, IRTS…)"),
    list_of("sources", "sources des faits de la formation", replace(_LINK, name="source")),
)

TEMOIGNAGE: tuple[Field, ...] = COMMON + (
    text("prenom", "prénom seul (vie privée)", required=True),
    Field("metier", "slug", "métier de la personne (nom du fichier de la fiche sans .md)", required=True),
    Field("date", "date", "date de publication (AAAA-MM-JJ)", required=True),
    flag("ambassadeur", "membre d'un réseau d'ambassadeurs"),
    text("structure", "employeur"),
    text("territoire", "lieu affiché (ex. « Arras »)"),
    text(
        "departement",
        "code INSEE du département",
        pattern=DEPARTEMENT_RE,
        pattern_hint="un code de département : 01 à 95, 2A, 2B ou 971 à 976",
    ),
    text("citation", "courte citation mise en avant"),
    list_of(
        "parcours",
        "étapes du parcours, dans l'ordre",
        mapping(
            "etape",
            "une étape",
            year("annee", "année", required=True),
            text("etape", "ce qui s'est passé", required=True),
        ),
    ),
)

EVENEMENT: tuple[Field, ...] = COMMON + (
    enum("type", "type d'événement", TYPES_EVENEMENT, required=True),
    Field("debut", "when", "début : date (journée entière) ou date et heure (heure de Paris)", required=True),
    Field("fin", "when", "fin : date ou date et heure, pas avant le début"),
    enum(
        "precision_date",
        "précision de la date si seuls le mois ou l'année sont connus",
        PRECISIONS_DATE,
        default="jour",
    ),
    mapping(
        "lieu",
        "lieu (obligatoire sauf en ligne)",
        text("nom", "nom du lieu", required=True),
        text("adresse", "adresse"),
        text(
            "code_postal",
            "code postal",
            pattern=r"^[0-9]{5}$",
            pattern_hint='5 chiffres, entre guillemets, ex. "62000"',
        ),
        text("commune", "commune", required=True),
    ),
    flag("en_ligne", "événement en visioconférence"),
    text(
        "departement",
        "code INSEE du département (déduit du code postal si absent)",
        pattern=DEPARTEMENT_RE,
        pattern_hint="un code de département : 01 à 95, 2A, 2B ou 971 à 976",
    ),
    text("organisateur", "organisateur", required=True),
    list_of("publics", "publics visés", enum("publics", "un public", PUBLICS_EVENEMENT), required=True, non_empty=True),
    list_of("metiers", "métiers présentés (noms des fichiers des fiches)", Field("metiers", "slug", "un métier")),
    Field("inscription", "url", "adresse d'inscription http(s)"),
    Field("gratuit", "bool", "gratuit"),
    text("contact", "contact"),
    text("accessibilite", "accessibilité : fauteuil roulant, LSF, etc."),
)

PAGE: tuple[Field, ...] = COMMON

SCHEMAS: Mapping[str, tuple[Field, ...]] = {
    "metiers": METIER,
    "temoignages": TEMOIGNAGE,
    "evenements": EVENEMENT,
    "pages": PAGE,
    "formations": FORMATION,
}

_KIND_WORDS = {
    "text": "un texte",
    "bool": "vrai ou faux (true / false)",
    "int": "un nombre entier",
    "number": "un nombre (ex. 12.51)",
    "date": "une date AAAA-MM-JJ",
    "when": 'une date AAAA-MM-JJ ou une date et une heure "AAAA-MM-JJTHH:MM"',
    "enum": "une des valeurs permises",
    "slug": "un nom de fiche",
    "url": "une adresse http(s)",
    "list": "une liste (une valeur par ligne, précédée de « - »)",
    "mapping": "un groupe de champs « clé: valeur »",
}
_TRUE, _FALSE = ("oui", "vrai", "yes"), ("non", "faux", "no")


def _coerce(spec: Field, value: Any, path: KeyPath, report: Report) -> Any:
    """Check one scalar value against its field; return the clean value or None."""
    label = f"« {spec.name} »"
    kind = spec.kind
    if kind == "bool":
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in _TRUE + _FALSE:
            return word in _TRUE
        report(path, f"{label} doit valoir true ou false (reçu « {value} »)", None)
        return None
    if kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            report(path, f"{label} doit être {_KIND_WORDS['int']} (reçu « {value} »)", None)
            return None
        if (spec.minimum is not None and number < spec.minimum) or (spec.maximum is not None and number > spec.maximum):
            report(path, f"{label} doit être compris entre {spec.minimum} et {spec.maximum} (reçu {number})", None)
            return None
        return number
    if kind == "number":
        return _number(spec, value, path, report)
    if kind == "date":
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return _in_years(value, label, path, report)
        try:
            return _in_years(dt.date.fromisoformat(str(value).strip()), label, path, report)
        except ValueError:
            report(path, f"{label} : {explain(value)}", rewrite(value))
            return None
    if kind == "when":
        try:
            when, problem = parse_when(value)
        except (OverflowError, ValueError):  # a time zone shift past year 1 or 9999
            when, problem = None, f"date hors des années {YEARS[0]} à {YEARS[1]}"
        if problem:
            report(path, f"{label} : {problem}", rewrite(value, timed=True))
            return None
        return _in_years(when, label, path, report) if when is not None else None
    if isinstance(value, (dict, list)):
        report(path, f"{label} doit être {_KIND_WORDS[kind]}, pas une liste ni un groupe", None)
        return None
    if isinstance(value, (dt.date, bool, float)) and kind in ("text", "slug", "url", "enum"):
        report(path, f"{label} doit être {_KIND_WORDS[kind]} ; mettez la valeur entre guillemets", None)
        return None
    clean = str(value).strip()
    if PLACEHOLDER in clean:
        report(path, f"{label} : remplacez « {PLACEHOLDER} » par le vrai contenu", None)
        return None
    if kind == "enum":
        if clean not in spec.choices:
            permitted = ", ".join(spec.choices)
            report(
                path,
                f"valeur « {clean} » inconnue pour {label} (valeurs permises : {permitted})",
                suggest(clean, spec.choices),
            )
            return None
        return clean
    if kind == "slug":  # checked against the existing files, with a suggestion, by errors.unknown_reference
        return clean
    if kind == "url" and not re.match(URL_RE, clean):
        report(path, f"{label} doit être une adresse complète commençant par https:// (reçu « {clean} »)", None)
        return None
    if spec.required and not clean and kind == "text":
        report(path, f"{label} ne peut pas être vide", None)
        return None
    if spec.max_length is not None and len(clean) > spec.max_length:
        report(path, f"{label} fait {len(clean)} caractères, {spec.max_length} au plus", None)
        return None
    if spec.pattern and not re.match(spec.pattern, clean):
        report(path, f"{label} doit être {spec.pattern_hint} (reçu « {clean} »)", None)
        return None
    return clean


def _number(spec: Field, value: Any, path: KeyPath, report: Report) -> float | int | None:
    """A decimal number; a French decimal comma ("12,51") is accepted."""
    label = f"« {spec.name} »"
    number: float | int
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = value
    else:
        try:
            number = float(str(value).strip().replace(",", "."))
        except ValueError:
            report(path, f"{label} doit être {_KIND_WORDS['number']} (reçu « {value} »)", None)
            return None
    if spec.minimum is not None and number < spec.minimum:
        report(path, f"{label} doit être au moins {spec.minimum} (reçu {number})", None)
        return None
    return number


YEARS = (1900, 2100)  # far enough for any event or testimonial; keeps date arithmetic (feeds, calendars) in range


def _in_years(when: Any, label: str, path: KeyPath, report: Report) -> Any:
    """A date or date-time whose year the site can compute with, or None after a French report."""
    if YEARS[0] <= when.year <= YEARS[1]:
        return when
    report(path, f"{label} : date hors des années {YEARS[0]} à {YEARS[1]} (reçu {when.year})", None)
    return None


def _check(spec: Field, value: Any, path: KeyPath, report: Report) -> Any:
    """Check a value of any kind, recursing into lists and mappings."""
    if spec.kind == "list":
        if not isinstance(value, list):
            report(path, f"« {spec.name} » doit être {_KIND_WORDS['list']}", None)
            return spec.default
        if spec.non_empty and not value:
            report(path, f"« {spec.name} » ne peut pas être vide", None)
        assert spec.item is not None
        items = [_check(spec.item, item, path + (i,), report) for i, item in enumerate(value)]
        return tuple(item for item in items if item is not None)
    if spec.kind == "mapping":
        if not isinstance(value, dict):
            report(path, f"« {spec.name} » doit être {_KIND_WORDS['mapping']}", None)
            return None
        return check_fields(spec.fields, value, path, report)
    if value is None:
        if spec.required:
            report(path, f"« {spec.name} » ne peut pas être vide", None)
        return spec.default
    return _coerce(spec, value, path, report)


def check_fields(fields: tuple[Field, ...], data: Mapping[str, Any], path: KeyPath, report: Report) -> dict[str, Any]:
    """Validate a mapping against its fields: unknown, missing and bad values."""
    known = {f.name: f for f in fields}
    for key in data:
        if key not in known:
            report(path + (key,), f"champ « {key} » inconnu", suggest(key, known))
    clean: dict[str, Any] = {}
    for spec in fields:
        if spec.name not in data:
            if spec.required:
                where = f" dans « {path[-2] if isinstance(path[-1], int) else path[-1]} »" if path else ""
                report(path, f"champ obligatoire « {spec.name} » manquant{where}", None)
            clean[spec.name] = spec.default
            continue
        clean[spec.name] = _check(spec, data[spec.name], path + (spec.name,), report)
    return clean


def validate(source: SourceFile) -> tuple[dict[str, Any], list[ContentError]]:
    """Check a file's front matter against its collection's schema."""
    errors: list[ContentError] = []

    def report(path: KeyPath, message: str, suggestion: str | None) -> None:
        errors.append(ContentError(source.rel, source.line(*path), message, suggestion))

    clean = check_fields(SCHEMAS[source.collection], source.data, (), report)
    return clean, errors


def json_schema(collection: str) -> dict[str, Any]:
    """The JSON Schema of one collection's front matter, for partners and editors' tools."""

    def convert(spec: Field) -> dict[str, Any]:
        out: dict[str, Any] = {"description": spec.doc}
        if spec.kind in ("text", "slug", "url"):
            out["type"] = "string"
            if spec.pattern or spec.kind != "text":
                out["pattern"] = spec.pattern or (SLUG_RE.pattern if spec.kind == "slug" else URL_RE)
            if spec.max_length:
                out["maxLength"] = spec.max_length
        elif spec.kind == "enum":
            out.update(type="string", enum=list(spec.choices))
        elif spec.kind == "bool":
            out["type"] = "boolean"
        elif spec.kind in ("int", "number"):
            out["type"] = "integer" if spec.kind == "int" else "number"
            if spec.minimum is not None:
                out["minimum"] = spec.minimum
            if spec.maximum is not None:
                out["maximum"] = spec.maximum
        elif spec.kind == "date":
            out.update(type="string", format="date")
        elif spec.kind == "when":
            out["anyOf"] = [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}]
        elif spec.kind == "list":
            assert spec.item is not None
            out.update(type="array", items=convert(spec.item))
            if spec.non_empty:
                out["minItems"] = 1
        elif spec.kind == "mapping":
            out.update(object_schema(spec.fields))
        return out

    def object_schema(fields: tuple[Field, ...]) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {f.name: convert(f) for f in fields},
            "required": [f.name for f in fields if f.required],
            "additionalProperties": False,
        }

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": collection,
        **object_schema(SCHEMAS[collection]),
    }


def field_reference(collection: str) -> str:
    """The Markdown table of a collection's fields, for the editors' guide."""
    rows = ["| champ | obligatoire | type | rôle |", "|---|---|---|---|"]

    def add(spec: Field, prefix: str) -> None:
        kind = _KIND_WORDS[spec.kind]
        if spec.kind == "enum":
            kind = "une valeur parmi : " + ", ".join(f"`{c}`" for c in spec.choices)
        if spec.kind == "list" and spec.item is not None and spec.item.kind == "enum":
            kind = "liste de : " + ", ".join(f"`{c}`" for c in spec.item.choices)
        rows.append(f"| `{prefix}{spec.name}` | {'oui' if spec.required else 'non'} | {kind} | {spec.doc} |")
        children = spec.fields or (spec.item.fields if spec.item else ())
        for child in children:
            add(child, f"{prefix}{spec.name}{'[]' if spec.kind == 'list' else ''}.")

    for spec in SCHEMAS[collection]:
        add(spec, "")
    return "\n".join(rows)
