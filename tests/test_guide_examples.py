"""The guide's complete examples pass `check --strict` on the example site, so they never drift.

Every fenced block of docs/ preceded by `<!-- exemple complet : content/… -->`
is written at that path in a copy of the example site, with a small photo for
each `/images/…` it names, and the real loader checks them all at once.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
from PIL import Image

from passerelles import cms
from passerelles.builder import check
from passerelles.config import load_config
from passerelles.errors import BuildError

from .example_site import EXAMPLE_DATE, REPO

DOCS = REPO / "docs"
EXAMPLE_RE = re.compile(r"^<!-- exemple complet : (content/\S+\.md) -->\n```markdown\n(.*?)^```$", re.M | re.S)
IMAGE_RE = re.compile(r"^image: (/images/\S+)$", re.M)


def examples() -> dict[str, str]:
    """Each complete example of docs/*.md, by the path it is written at."""
    found: dict[str, str] = {}
    for page in sorted(DOCS.glob("*.md")):
        for path, text in EXAMPLE_RE.findall(page.read_text(encoding="utf-8")):
            assert path not in found, f"{page.name} : deux exemples pour {path}"
            found[path] = text
    return found


def site_with(tmp_path: Path, files: dict[str, str], photos: bool = True) -> Path:
    """A copy of the example site's content with `files` added (and their photos, unless told not to)."""
    root = tmp_path / "site"
    root.mkdir()
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    shutil.copytree(REPO / "content", root / "content")
    for rel, text in files.items():
        target = root / rel
        assert not target.exists(), f"{rel} existe déjà dans le site d'exemple : changez le nom de l'exemple"
        target.write_text(text, encoding="utf-8")
        for url in IMAGE_RE.findall(text) if photos else ():
            photo = root / "content" / url.lstrip("/")
            photo.parent.mkdir(parents=True, exist_ok=True)
            Image.linear_gradient("L").resize((1000, 750)).convert("RGB").save(photo, "JPEG")
    return root


def problems(root: Path) -> list[str]:
    """Every error and warning `check` reports, formatted as the editor reads them."""
    try:
        site = check(root, EXAMPLE_DATE)
    except BuildError as exc:
        return [e.format() for e in exc.errors]
    return [w.format() for w in site.warnings]


def test_the_guide_has_the_promised_examples() -> None:
    found = examples()
    folders = {path.split("/")[1] for path in found}
    assert folders == {"metiers", "temoignages", "evenements", "pages"}
    texts = "\n".join(found.values())
    assert "type: conference" in texts and "en_ligne: true" in texts  # the webinar
    assert any(IMAGE_RE.search(t) and "temoignages/" in p for p, t in found.items())  # a testimonial with a photo
    assert "precision_date: mois" in texts


def test_every_complete_example_passes_strict_check(tmp_path: Path) -> None:
    found = examples()
    root = site_with(tmp_path, found)
    assert problems(root) == []  # no error and no warning: `check --strict` passes
    site = check(root, EXAMPLE_DATE)
    published = {e.source for e in site.entries}
    assert set(found) <= published


def test_the_webinar_example_is_an_online_conference(tmp_path: Path) -> None:
    found = {p: t for p, t in examples().items() if "webinaire" in p}
    assert len(found) == 1
    site = check(site_with(tmp_path, found), EXAMPLE_DATE)
    (webinar,) = [e for e in site.evenements if "webinaire" in e.slug and e.slug in next(iter(found))]
    assert (webinar.type, webinar.en_ligne, webinar.lieu) == ("conference", True, None)


@pytest.mark.parametrize("broken", ["photo", "link"])
def test_an_example_with_a_missing_photo_or_a_broken_link_cannot_be_published(tmp_path: Path, broken: str) -> None:
    """What the guide promises: a missing image or a wrong address is an error, at its line, with the fix."""
    path, text = next((p, t) for p, t in examples().items() if IMAGE_RE.search(t))
    if broken == "link":
        text = text.replace("\n---\n", "\n---\n\nLire la fiche [aide à domicile](/metiers/aide-domicile/).\n", 1)
    root = site_with(tmp_path, {path: text}, photos=broken != "photo")
    found = problems(root)
    assert len(found) == 1 and found[0].startswith(f"{path}:")
    if broken == "photo":
        assert "/images/" in found[0]
    else:
        assert "/metiers/aide-domicile/" in found[0] and "« /metiers/aide-a-domicile/ »" in found[0]


def test_the_editor_settings_of_the_guide_are_valid_site_yaml(tmp_path: Path) -> None:
    """Each `editeur:` block of docs/ is accepted by site.yaml's rules and gives the Git host it names."""
    blocks = []
    for page in sorted(DOCS.glob("*.md")):
        blocks += re.findall(r"^ *```yaml\n( *editeur:\n.*?)^ *```$", page.read_text(encoding="utf-8"), re.M | re.S)
    assert len(blocks) >= 3  # the general form, GitHub with its OAuth server, GitLab with its application
    hosts = set()
    for block in blocks:
        (tmp_path / "site.yaml").write_text(
            (REPO / "site.yaml").read_text(encoding="utf-8") + textwrap.dedent(block), encoding="utf-8"
        )
        config, errors = load_config(tmp_path)
        assert errors == [] and config is not None, block
        backend = cms.backend(config)
        hosts.add(backend["name"])
        assert backend["repo"] == "departement-62/passerelles"
    assert hosts == {"github", "gitlab"}
