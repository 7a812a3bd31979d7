"""The web editor in a browser: /admin/ lists the métiers and saves an edit through decap-server.

Needs Chromium, Node.js and `npm install decap-cms decap-server` (which .ci/run
does); skipped with the reason elsewhere, an error in CI.
"""

from __future__ import annotations

import os
import shutil
import socket
import socketserver
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from PIL import Image

from passerelles.builder import check
from passerelles.serve import Preview, make_app

from .conftest import BUILD_DATE, MakeSite
from .example_site import REPO, chromium_path, require_tool

pytestmark = pytest.mark.browser
DECAP_SERVER = REPO / "node_modules" / "decap-server" / "dist" / "index.js"
CHOICES = {"type", "publics", "lieux", "niveau_acces"}  # select widgets: pick with Enter
NEW_RESUME = "Soigner, surveiller, rassurer : le nouveau résumé écrit dans l'éditeur."


class _ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No log line per request."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def local_backend(make_site: MakeSite) -> Iterator[tuple[Path, int]]:
    """A fixture site and decap-server writing into it, as `npx decap-server` does for an editor."""
    node = shutil.which("node")
    require_tool(node is not None and DECAP_SERVER.is_file(), "decap-server absent (npm install decap-server)")
    assert node is not None
    root, port = make_site(), _free_port()
    env = {**os.environ, "GIT_REPO_DIRECTORY": str(root), "PORT": str(port)}
    process = subprocess.Popen([node, str(DECAP_SERVER)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(300):  # readiness, not a timing assertion: wait until it listens
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            time.sleep(0.1)
        yield root, port
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def editor(local_backend: tuple[Path, int], tmp_path: Path) -> Iterator[tuple[Path, Preview, object]]:
    """The preview server (`build.py serve`) and a browser page whose editor talks to decap-server."""
    executable = chromium_path()
    require_tool(executable is not None, "Chromium absent (apt-get install chromium)")
    assert executable is not None
    root, port = local_backend
    preview = Preview(root, tmp_path / "apercu")
    preview.rebuild()
    assert preview.errors == []
    require_tool((preview.output / "admin" / "decap-cms.js").is_file(), "Decap CMS absent (npm install decap-cms)")
    server = make_server("127.0.0.1", 0, make_app(preview), server_class=_ThreadingWSGIServer, handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    sync_api = pytest.importorskip("playwright.sync_api")
    elsewhere: list[str] = []
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(locale="fr-FR")

            def to_decap_server(route):  # type: ignore[no-untyped-def]
                # The generated config names decap-server's default address; this one runs on a free port.
                url = route.request.url.replace("http://localhost:8081", f"http://127.0.0.1:{port}")
                route.fulfill(response=route.fetch(url=url))

            page.route("http://localhost:8081/**", to_decap_server)
            local = (base, "http://localhost:8081", "data:", "blob:")
            page.on("request", lambda r: None if r.url.startswith(local) else elsewhere.append(r.url))
            page.goto(base + "/admin/#/collections/metiers")
            page.get_by_role("button", name="Se connecter").click()
            yield root, preview, page
            browser.close()
    finally:
        server.shutdown()
    assert elsewhere == []  # the editor loads nothing from a CDN or any other host


def fill(page: Any, values: dict[str, str]) -> None:
    """Type into each field of the editor's form; a list of choices takes the first match."""
    for name, value in values.items():
        page.locator(f"[id^='{name}-field']").fill(value)
        if name in CHOICES:
            page.keyboard.press("Enter")


def new_entry(page: Any, collection: str, values: dict[str, str]) -> None:
    page.get_by_text("Infirmier ou infirmière").first.wait_for(timeout=60_000)
    page.goto(page.url.split("#")[0] + f"#/collections/{collection}/new")
    fill(page, values)


def publish(page: Any) -> None:
    """« Publier » → « Publier maintenant », as an editor does, then wait for the file to be saved."""
    page.get_by_role("button", name="Publier").click()
    page.get_by_text("Publier maintenant").click()
    page.get_by_text("Entrée enregistrée").wait_for(timeout=60_000)


def test_admin_lists_metiers_and_saves_an_edit_that_passes_check(editor: tuple[Path, Preview, Any]) -> None:
    root, preview, page = editor
    page.get_by_text("Infirmier ou infirmière").first.wait_for(timeout=60_000)
    assert page.get_by_text("Aide-soignant ou aide-soignante").count() >= 1
    page.get_by_text("Infirmier ou infirmière").first.click()
    page.locator("[id^='resume-field']").fill(NEW_RESUME)
    publish(page)
    saved = (root / "content" / "metiers" / "infirmier.md").read_text(encoding="utf-8")
    assert NEW_RESUME in saved
    site = check(root, BUILD_DATE)
    assert next(m.resume for m in site.metiers if m.slug == "infirmier") == NEW_RESUME
    preview.rebuild()  # what `serve` does when the file changes
    assert preview.errors == []
    assert "Soigner, surveiller, rassurer" in (preview.output / "metiers" / "infirmier" / "index.html").read_text(
        "utf-8"
    )


def test_a_new_testimonial_with_a_photo_is_published_with_its_resized_image(
    editor: tuple[Path, Preview, Any], tmp_path: Path
) -> None:
    root, preview, page = editor
    photo = tmp_path / "karim-aide-soignant.jpg"
    Image.linear_gradient("L").resize((1000, 750)).convert("RGB").save(photo, "JPEG")
    new_entry(
        page,
        "temoignages",
        {"titre": "Karim, aide-soignant de nuit", "resume": "Karim raconte ses nuits à l'EHPAD.", "prenom": "Karim"},
    )
    page.locator("[id^='metier-field']").fill("Aide-soignant")
    page.get_by_text("Aide-soignant ou aide-soignante", exact=True).last.click()
    page.locator("[id^='date-field']").fill("2026-11-20")
    page.get_by_role("button", name="Choisir une image").click()
    page.locator("input[type=file]").set_input_files(str(photo))
    page.get_by_role("button", name="Choisir les éléments sélectionnés").click()
    page.locator("[id^='image_alt-field']").fill("Karim pousse un chariot de soins dans un couloir")
    publish(page)
    saved = root / "content" / "temoignages" / "karim-aide-soignant-de-nuit.md"
    assert (root / "content" / "images" / "karim-aide-soignant.jpg").is_file()
    text = saved.read_text(encoding="utf-8")
    assert "image: /images/karim-aide-soignant.jpg" in text and "metier: aide-soignant" in text
    site = check(root, BUILD_DATE)
    assert [t.image for t in site.temoignages if t.prenom == "Karim"] == ["/images/karim-aide-soignant.jpg"]
    preview.rebuild()
    assert preview.errors == []
    built = (preview.output / "temoignages" / "karim-aide-soignant-de-nuit" / "index.html").read_text("utf-8")
    assert 'srcset="/images/karim-aide-soignant-480.webp 480w, /images/karim-aide-soignant-800.webp 800w' in built


def test_a_new_event_written_in_the_editor_passes_check(editor: tuple[Path, Preview, Any]) -> None:
    root, _, page = editor
    event = {"titre": "Salon des métiers du soin", "resume": "Rencontrer des soignants et des écoles.", "type": "Salon"}
    event |= {"debut": "2027-05-20", "nom": "Halle des sports", "commune": "Arras", "organisateur": "Département"}
    new_entry(page, "evenements", {**event, "publics": "Collégiens"})
    publish(page)
    site = check(root, BUILD_DATE)
    made = next(e for e in site.evenements if e.slug == "salon-des-metiers-du-soin")
    assert (made.type, made.publics, made.lieu and made.lieu.commune) == ("salon", ("collegiens",), "Arras")
    assert made.gratuit is None  # left alone in the form: unknown, never « Payant »


def test_a_new_metier_written_in_the_editor_passes_check(editor: tuple[Path, Preview, Any]) -> None:
    root, _, page = editor
    metier = {"titre": "Agent ou agente d'accueil en EHPAD", "resume": "Accueillir les familles et les visiteurs."}
    new_entry(
        page, "metiers", {**metier, "lieux": "En établissement", "publics": "Personnes âgées", "niveau_acces": "Sans"}
    )
    # no certification to name: the editor says so with « On peut être embauché sans diplôme »
    page.locator("[id^='embauche_sans_diplome-field']").click()
    publish(page)
    site = check(root, BUILD_DATE)
    made = next(m for m in site.metiers if m.slug == "agent-ou-agente-daccueil-en-ehpad")
    assert (made.lieux, made.publics, made.niveau_acces) == (
        ("etablissement",),
        ("personnes-agees",),
        "sans-diplome",
    )
    assert made.embauche_sans_diplome and made.certifications == ()
    warnings = [w.message for w in site.warnings if w.path.endswith("en-ehpad.md")]
    assert "ce métier n'a aucune passerelle : ajoutez des « evolutions » ici ou dans une autre fiche" in warnings
