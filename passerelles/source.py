"""Read content files: discover them, split the front matter, keep line numbers.

YAML goes through libyaml (CSafeLoader) with the implicit types narrowed to
what editors mean: `01` and `62000` stay codes rather than octal or numbers
with leading zeros lost, `14:30` is not a base-60 integer, and only
`true`/`false` are booleans (`oui`/`non` are accepted later by the schema);
dates are left as text for the schema to parse.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from .errors import SLUG_SHAPE, ContentError
from .paths import REFUSED_LINK, inside
from .placement import content_files, misplaced

COLLECTIONS = ("metiers", "temoignages", "evenements", "pages", "formations")
SLUG_RE = SLUG_SHAPE

KeyPath = tuple[str | int, ...]
MAX_FILE_BYTES = 100_000  # a long métier page is 20 kB; more is a mistake or an attack
MAX_FRONT_MATTER = 64_000
# Invisible characters that HTML, XML (the feed) and JSON readers refuse or misread; tab and newlines are fine.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


# Booleans and integers are narrowed below; timestamps stay text, so that the
# schema parses dates itself and reports an impossible one at its line.
_RETYPED = ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp")


class YamlLoader(yaml.CSafeLoader):
    """libyaml's safe loader with YAML 1.2-like booleans and integers."""


YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _RETYPED]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}
YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
YamlLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))

_TAB = "tabulation interdite dans l'en-tête : remplacez-la par des espaces (touche Espace, pas Tab)"
_YAML_HINTS = (
    ("mapping values are not allowed", "un « : » inattendu ; mettez la valeur entière entre guillemets doubles"),
    ("found a tab character", _TAB),
    (
        "could not find expected ':'",
        "il manque « : » après une clé, ou une valeur sur plusieurs lignes doit être entre guillemets",
    ),
    ("found undefined alias", "« * » en début de valeur : mettez la valeur entre guillemets"),
    ("expected <block end>", "indentation incohérente : alignez les clés d'un même niveau"),
    ("found unexpected end of stream", "guillemet non refermé"),
    ("did not find expected key", "indentation incohérente ou guillemet non refermé"),
    (
        "did not find expected '-' indicator",
        "élément de liste mal aligné : chaque élément commence par « - » au même niveau",
    ),
    (
        "found unknown escape character",
        "barre oblique inverse dans des guillemets doubles : utilisez des guillemets simples",
    ),
)


@dataclass(frozen=True)
class SourceFile:
    """One content file split into front matter (with key lines) and body."""

    path: Path
    rel: str
    collection: str
    slug: str
    data: Mapping[str, Any]
    lines: Mapping[KeyPath, int] = field(repr=False)
    body: str = ""
    body_line: int = 1

    def line(self, *keys: str | int) -> int:
        """The file line of a key path, or of its nearest known parent."""
        path: KeyPath = tuple(keys)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


def slugify(text: str) -> str:
    """A URL slug from any French text: accents folded, words joined by '-'."""
    text = re.sub(r"['\u2019]|&rsquo;|&#8217;", " ", text)  # « d'accès » → « d accès », not « dacces »
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def discover(root: Path) -> Iterator[tuple[str, Path]]:
    """Every file of every collection, in a stable order (see `placement` for what is skipped)."""
    for collection in COLLECTIONS:
        folder = root / "content" / collection
        if folder.is_dir():
            yield from ((collection, path) for path in content_files(folder))


def line_map(node: yaml.Node, first_line: int) -> tuple[dict[KeyPath, int], list[tuple[int, str]]]:
    """Map each key path to its file line, and list duplicate keys."""
    lines: dict[KeyPath, int] = {}
    duplicates: list[tuple[int, str]] = []

    def walk(current: yaml.Node, path: KeyPath) -> None:
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in current.value:
                key = str(key_node.value)
                line = key_node.start_mark.line + first_line
                if key in seen:
                    duplicates.append((line, key))
                seen.add(key)
                lines.setdefault(path + (key,), line)
                walk(value_node, path + (key,))
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                lines[path + (index,)] = item.start_mark.line + first_line
                walk(item, path + (index,))

    walk(node, ())
    return lines, duplicates


MAX_YAML_NODES = 5_000
MAX_YAML_DEPTH = 20
MAX_DIGITS = 30


def _bounded(loader: YamlLoader, rel: str) -> ContentError | None:
    """Walk libyaml's event stream once, refusing what could make the rest of the work explode.

    Aliases (`*x`) are refused outright: a 300-byte « billion laughs » would
    otherwise expand to gigabytes in every later walk. Depth and node count are
    bounded, and so are integers (Python refuses to print one of 5,000 digits).
    """
    depth = nodes = 0
    while loader.check_event():
        event: Any = loader.get_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            return ContentError(
                rel, line, "« * » en début de valeur : mettez la valeur entre guillemets (les alias YAML sont refusés)"
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                return ContentError(rel, line, f"trop de niveaux imbriqués : {MAX_YAML_DEPTH} au plus")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            nodes += 1
            if nodes > MAX_YAML_NODES:
                return ContentError(rel, line, f"en-tête trop long : {MAX_YAML_NODES} valeurs au plus")
        if isinstance(event, yaml.ScalarEvent) and event.implicit[0] and len(event.value) > MAX_DIGITS:
            if event.value.lstrip("+-").isdigit():
                return ContentError(rel, line, f"nombre trop long : {MAX_DIGITS} chiffres au plus")
    return None


def _yaml_hint(problem: str, text: str, line: int) -> str:
    """A French hint for libyaml's problem; a tab on the faulty line is named, whatever libyaml says."""
    rows = text.split("\n")
    if "cannot start any token" in problem and line < len(rows):
        if "\t" in rows[line]:
            return _TAB
        start = rows[line].split(":", 1)[-1].lstrip(" -")[:1]
        if start in ("@", "`", "%"):
            return f"une valeur ne peut pas commencer par « {start} » : mettez-la entre guillemets doubles"
    return next((h for needle, h in _YAML_HINTS if needle in problem), "YAML illisible")


def load_yaml(text: str, rel: str) -> tuple[Any, dict[KeyPath, int], list[tuple[int, str]], ContentError | None]:
    """Parse YAML with libyaml, keeping each key's line; a syntax error becomes a French message.

    A first pass over the events bounds the work (see `_bounded`); only then
    is the document composed and constructed, still by libyaml.
    """
    loader = YamlLoader(text)
    try:
        limit = _bounded(loader, rel)
        if limit:
            return None, {}, [], limit
        loader.dispose()
        loader = YamlLoader(text)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = str(exc.problem or exc.context or "")
        line = mark.line + 1 if mark else 1
        if "maximum nesting depth" in problem:  # PyYAML ≥ 6.0.4 stops deep nesting while scanning, before `_bounded`
            return None, {}, [], ContentError(rel, line, f"trop de niveaux imbriqués : {MAX_YAML_DEPTH} au plus")
        hint = _yaml_hint(problem, text, mark.line if mark else 0)
        return None, {}, [], ContentError(rel, line, f"erreur de syntaxe YAML : {hint}")
    except yaml.YAMLError:
        return None, {}, [], ContentError(rel, 1, "erreur de syntaxe YAML : contenu illisible")
    finally:
        loader.dispose()
    if node is None:
        return {}, {}, [], None
    lines, duplicates = line_map(node, 1)
    return data, lines, duplicates, None


def parse_front_matter(text: str, rel: str) -> tuple[dict[str, Any], dict[KeyPath, int], str, int, list[ContentError]]:
    """Split and parse one file's text; pure, so it is tested from strings."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        message = "le fichier doit commencer par un en-tête YAML encadré par deux lignes « --- »"
        return {}, {}, text, 1, [ContentError(rel, 1, message)]
    try:
        raw, body = handler.split(text)
    except ValueError:
        message = "en-tête YAML non refermé : ajoutez une ligne « --- » après le dernier champ"
        return {}, {}, "", 1, [ContentError(rel, 1, message)]
    body_line = 2 + raw.count("\n")
    if len(raw) > MAX_FRONT_MATTER:
        return {}, {}, "", 1, [ContentError(rel, 1, f"en-tête YAML trop long : {MAX_FRONT_MATTER // 1000} ko au plus")]
    # `raw` starts right after the opening '---', so its line 0 is file line 1.
    data, lines, duplicates, problem = load_yaml(raw, rel)
    if problem:
        return {}, {}, body, body_line, [problem]
    if not isinstance(data, dict):
        message = "l'en-tête doit être une liste de champs « clé: valeur »"
        return {}, {}, body, body_line, [ContentError(rel, 2, message)]
    errors = [ContentError(rel, line, f"champ « {key} » écrit deux fois") for line, key in duplicates]
    return {str(k): v for k, v in data.items()}, lines, body, body_line, errors


def read_text(path: Path, rel: str, limit: int = MAX_FILE_BYTES) -> tuple[str | None, ContentError | None]:
    """A file's UTF-8 text, read no further than `limit` bytes; any problem is a French message."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        reason = "c'est un dossier" if path.is_dir() else (exc.strerror or "illisible").lower()
        return None, ContentError(rel, 1, f"fichier illisible : {reason}")
    if len(raw) > limit:
        return None, ContentError(rel, 1, f"fichier trop gros : {limit // 1000} ko au plus")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, ContentError(rel, line, "le fichier n'est pas enregistré en UTF-8")
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        code = f"U+{ord(control.group()):04X}"
        return None, ContentError(
            rel, line, f"caractère de contrôle invisible ({code}) : supprimez-le ou retapez la ligne"
        )
    return text, None


def read_source(root: Path, collection: str, path: Path) -> tuple[SourceFile | None, list[ContentError]]:
    """Read one file from disk; report an unusable name or encoding."""
    rel = path.relative_to(root).as_posix()
    errors: list[ContentError] = []
    wrong_place = misplaced(root, collection, path, slugify(path.stem) or "page")
    if wrong_place:
        return None, [wrong_place]
    if not inside(root, path):
        return None, [ContentError(rel, 1, REFUSED_LINK)]
    slug = path.stem
    if not SLUG_RE.match(slug):
        fixed = slugify(slug) or "page"
        errors.append(
            ContentError(
                rel, 1, "nom de fichier invalide : minuscules sans accents, chiffres et tirets seulement", f"{fixed}.md"
            )
        )
    text, problem = read_text(path, rel)
    if text is None:
        return None, errors + ([problem] if problem else [])
    data, lines, body, body_line, parse_errors = parse_front_matter(text, rel)
    errors.extend(parse_errors)
    if parse_errors and not data:
        return None, errors
    return SourceFile(path, rel, collection, slug, data, lines, body, body_line), errors
