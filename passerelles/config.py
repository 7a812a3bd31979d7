"""site.yaml: the site's own settings, checked like content, frozen."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ContentError
from .markup import OPT_IN
from .paths import REFUSED_LINK, inside
from .schema import Field, Vocabulary, check_fields, departement, enum, flag, list_of, mapping, text
from .source import MAX_FRONT_MATTER, KeyPath, load_yaml, read_text

# Stricter than content links: the site URL is pasted into every page, feed and calendar.
SITE_URL_RE = r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?$"

EMAIL_RE = r"^[^@\s<>\"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"
CONTACT_RE = EMAIL_RE[:-1] + r"|^https?://[^\s<>\"]+$|^/[^\s<>\"]*$"

RGAA_STATUS = Vocabulary(
    {
        "non-conforme": "non conforme",
        "partiellement-conforme": "partiellement conforme",
        "totalement-conforme": "totalement conforme",
    }
)

CONFIG_FIELDS = (
    text("titre", "nom du site", required=True),
    text("description", "phrase qui présente le site", required=True, max_length=300),
    Field(
        "url",
        "url",
        "adresse absolue du site publié, ex. https://metiers-autonomie.example.fr/",
        required=True,
        pattern=SITE_URL_RE,
        pattern_hint="une adresse https:// sans espace, guillemet, paramètre ni ancre",
    ),
    text("organisation", "qui publie (département, région, réseau)", required=True),
    text("territoire", "territoire couvert, ex. « Pas-de-Calais »", required=True),
    list_of(
        "departements",
        "codes des départements couverts",
        departement("departements", "un code"),
        required=True,
        non_empty=True,
    ),
    text(
        "contact",
        "adresse de contact, en lien en bas de chaque page : un courriel ou l'adresse d'une page",
        required=True,
        pattern=CONTACT_RE,
        pattern_hint="un courriel (ex. contact@departement.fr) ou une adresse https://…",
    ),
    flag("demonstration", "site de démonstration : un bandeau signale le contenu illustratif"),
    enum(
        "conformite_rgaa",
        "état de conformité RGAA affiché en bas de page (« non-conforme » tant qu'aucun audit n'a été fait)",
        RGAA_STATUS,
        default="non-conforme",
    ),
    mapping(
        "editeur",
        "où l'éditeur en ligne (/admin/) enregistre : le dépôt Git du site (sans ce champ : cet ordinateur seulement)",
        Field("hebergeur", "enum", "github ou gitlab", required=True, choices=("github", "gitlab")),
        text("depot", "le dépôt, ex. departement-62/passerelles", required=True),
        text("branche", "la branche publiée (par défaut : main)"),
        Field("adresse", "url", "serveur d'authentification (GitHub) ou adresse d'un GitLab auto-hébergé"),
        text("app_id", "identifiant de l'application OAuth (GitLab)"),
    ),
    list_of(
        "html_autorise",
        "éléments HTML bruts permis en plus dans les textes (ex. [iframe]) : à réserver aux contenus relus",
        enum("html_autorise", "un élément", tuple(OPT_IN)),
    ),
)


@dataclass(frozen=True)
class SiteConfig:
    titre: str
    description: str
    url: str
    organisation: str
    territoire: str
    departements: tuple[str, ...]
    contact: str
    demonstration: bool = False
    conformite_rgaa: str = "non-conforme"
    editeur: Mapping[str, Any] | None = None
    html_autorise: tuple[str, ...] = ()

    @property
    def conformite_label(self) -> str:
        """The RGAA status as the footer must show it."""
        return RGAA_STATUS[self.conformite_rgaa]

    @property
    def contact_href(self) -> str:
        """The contact as a link: `mailto:` for an address, the page itself otherwise (a site path is kept as is)."""
        return f"mailto:{self.contact}" if re.match(EMAIL_RE, self.contact) else self.contact

    def absolute(self, path: str) -> str:
        """An absolute URL for a site path, for feeds, sitemaps and QR codes."""
        return self.url.rstrip("/") + path


def load_config(root: Path) -> tuple[SiteConfig | None, list[ContentError]]:
    """Read and check site.yaml; every problem is reported, never a traceback."""
    path = root / "site.yaml"
    if not path.exists() and not path.is_symlink():
        return None, [ContentError("site.yaml", 1, f"fichier site.yaml introuvable dans {root}")]
    if not inside(root, path):
        return None, [ContentError("site.yaml", 1, REFUSED_LINK)]
    raw, unreadable = read_text(path, "site.yaml", MAX_FRONT_MATTER)
    if raw is None:
        return None, [unreadable] if unreadable else []
    data, lines, _, problem = load_yaml(raw, "site.yaml")
    if problem:
        return None, [problem]
    if not isinstance(data, dict):
        return None, [ContentError("site.yaml", 1, "site.yaml doit contenir des champs « clé: valeur »")]
    errors: list[ContentError] = []

    def report(keys: KeyPath, message: str, suggestion: str | None) -> None:
        while keys and keys not in lines:
            keys = keys[:-1]
        errors.append(ContentError("site.yaml", lines.get(keys, 1), message, suggestion))

    clean = check_fields(CONFIG_FIELDS, data, (), report)
    if errors:
        return None, errors
    clean["url"] = clean["url"].rstrip("/") + "/"
    warnings = [
        ContentError(
            "site.yaml",
            lines.get(("html_autorise",), 1),
            f"HTML brut permis dans les textes ({', '.join(clean['html_autorise'])}) : "
            "relisez chaque contenu qui s'en sert avant de publier",
            warning=True,
        )
        for _ in clean["html_autorise"][:1]
    ]
    return SiteConfig(**clean), warnings
