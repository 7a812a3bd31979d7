"""The preview server: serves the last good site, shows errors in the page, never dies."""

from __future__ import annotations

import html
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from passerelles import serve as serve_module
from passerelles.serve import Preview, make_app

from .conftest import BASE_FILES, MakeSite


def get(app, path: str, host: str = "127.0.0.1:8000") -> tuple[str, bytes]:
    captured: dict[str, str] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        captured["status"] = status

    body = b"".join(app({"PATH_INFO": path, "HTTP_HOST": host}, start_response))
    return captured["status"], body


def test_preview_shows_errors_over_the_last_good_site(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site()
    preview = Preview(root, tmp_path / "apercu")
    preview.rebuild()
    assert preview.errors == []
    app = make_app(preview)
    status, body = get(app, "/metiers/infirmier/")
    assert status == "200 OK" and "Infirmier ou infirmière".encode() in body

    (root / "content/metiers/infirmier.md").write_text("---\ntitre: Infirmier\n---\n", encoding="utf-8")
    preview.rebuild()
    assert any("content/metiers/infirmier.md:1: champ obligatoire « resume » manquant" in e for e in preview.errors)
    status, body = get(app, "/metiers/infirmier/")
    assert status == "200 OK"
    assert "La dernière modification contient des erreurs".encode() in body
    assert "Infirmier ou infirmière".encode() in body  # the last good page is still there


def test_preview_survives_unexpected_exceptions(make_site: MakeSite, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = make_site()
    (root / "templates").mkdir()
    (root / "templates" / "page.html").write_text("{% extends 'base.html' %}{% block main %}{{ 1 / 0 }}{% endblock %}")
    preview = Preview(root, tmp_path / "apercu")
    preview.rebuild()
    assert preview.errors and preview.errors[0] == (
        "templates/page.html:1: gabarit en erreur pour 3 pages (dont /a-propos/) : calcul ou appel impossible (ZeroDivisionError)"
    )

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("panne")

    monkeypatch.setattr(serve_module, "build", broken)
    preview.rebuild()
    assert preview.errors == ["erreur inattendue pendant la construction : RuntimeError (panne)"]


def test_unknown_path_and_traversal_get_the_404_page(make_site: MakeSite, tmp_path: Path) -> None:
    preview = Preview(make_site(), tmp_path / "apercu")
    preview.rebuild()
    app = make_app(preview)
    assert get(app, "/nulle-part/")[0] == "404 Not Found"
    status, body = get(app, "/../../etc/passwd")
    assert status == "404 Not Found" and b"Page introuvable" in body


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _request(port: int, path: str, host: str | None = None) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host or f"127.0.0.1:{port}")
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_live_server_checks_host_and_paths_and_cleans_up_on_sigterm(make_site: MakeSite, tmp_path: Path) -> None:
    root, port = make_site(), _free_port()
    process = subprocess.Popen(
        [sys.executable, "build.py", "serve", "--source", str(root), "--port", str(port)],
        cwd=Path(__file__).resolve().parent.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(300):  # up to 30 s for the first build
            try:
                if _request(port, "/") == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("le serveur d'aperçu n'a pas démarré")
        assert (root / ".apercu" / "index.html").is_file()
        assert _request(port, "/metiers/infirmier/") == 200
        assert _request(port, "/", host=f"localhost:{port}") == 200
        assert _request(port, "/", host=f"evil.example:{port}") == 400  # DNS rebinding
        assert _request(port, "/", host="127.0.0.1:1") == 400
        assert _request(port, "/%00") == 400
        assert _request(port, "/a%0Ab") == 400
        assert _request(port, "/nulle-part/") == 404
        assert _request(port, "/../../etc/passwd") == 404
        assert _request(port, "/%2e%2e/%2e%2e/etc/passwd") == 404
        with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:  # not a valid request at all
            raw.sendall(b"GET /\x00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert raw.recv(100).startswith(b"HTTP/1.1 4")
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    assert "Traceback" not in err, err
    assert [p.name for p in root.iterdir() if p.name.startswith(".apercu")] == []


def test_preview_shows_warnings_folded_and_the_site_still_builds(make_site: MakeSite, tmp_path: Path) -> None:
    testimonial = "content/temoignages/lea-aide-soignante.md"
    root = make_site({testimonial: BASE_FILES[testimonial].replace("prenom: Léa", "prenom: Léa Martin")})
    preview = Preview(root, tmp_path / "apercu")
    preview.rebuild()
    assert preview.errors == []
    full_name = f"{testimonial}:4: avertissement : « Léa Martin » ressemble à un prénom suivi d'un nom"
    assert any(w.startswith(full_name) for w in preview.warnings)
    status, body = get(make_app(preview), "/metiers/infirmier/")
    assert status == "200 OK" and "Infirmier ou infirmière".encode() in body
    count = len(preview.warnings)
    assert f'<details class="apercu-avertissements"><summary>{count} avertissements'.encode() in body
    assert html.escape(full_name).encode() in body
    assert b'role="alert"' not in body

    (root / testimonial).write_text(BASE_FILES[testimonial], encoding="utf-8")
    preview.rebuild()
    assert len(preview.warnings) == count - 1
    assert "Léa Martin".encode() not in get(make_app(preview), "/metiers/infirmier/")[1]


def test_a_taken_port_is_explained_in_french(make_site: MakeSite, capsys: pytest.CaptureFixture[str]) -> None:
    from passerelles.cli import main

    root = make_site()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert serve_module.port_problem(port) is not None
        assert main(["serve", "--source", str(root), "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"erreur : le port {port} est déjà utilisé" in err
    assert "--port 8001" in err and "None" not in err
    assert not (root / ".apercu").exists()  # nothing was built
    assert serve_module.port_problem(_free_port()) is None


def test_the_watcher_rebuilds_once_a_burst_of_saves_is_over(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site()
    preview = Preview(root, tmp_path / "apercu")
    watch = serve_module.Watch(preview, [root / "content", root / "site.yaml"])
    assert watch.settle() is False  # nothing changed since the watcher started
    page = root / "content/pages/a-propos.md"
    for i in range(3):
        page.write_text(page.read_text(encoding="utf-8") + f"\nAjout {i}.\n", encoding="utf-8")
    (root / "content/pages/mentions-legales.md").unlink()
    assert watch.settle() is True
    assert watch.state == serve_module.snapshot(watch.paths)  # the last save is part of what it waited for
    assert watch.settle() is False
    assert watch.examine() == (None, None)
    watch.reloaded.set()
    assert watch.examine() == ("__livereload__", None) and watch.examine() == (None, None)


def test_the_watcher_waits_only_for_the_quiet_not_yet_elapsed(
    make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save the poll sees late is not waited for a second time; a save just made is."""
    root = make_site()
    earlier = time.time() - 10
    for path in [root / "content", *(root / "content").rglob("*")]:
        os.utime(path, (earlier, earlier))
    watch = serve_module.Watch(Preview(root, tmp_path / "apercu"), [root / "content"])
    slept: list[float] = []
    monkeypatch.setattr(serve_module.time, "sleep", slept.append)
    page = root / "content/pages/a-propos.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nAjout.\n", encoding="utf-8")
    os.utime(page, (earlier + 5, earlier + 5))  # saved 5 s ago
    assert watch.settle() is True and slept == [0.0]
    slept.clear()
    page.write_text(page.read_text(encoding="utf-8") + "\nEncore.\n", encoding="utf-8")  # saved now
    assert watch.settle() is True
    assert len(slept) == 1 and 0 < slept[0] <= watch.QUIET
    assert watch.pause >= watch.POLL


def test_scripts_survive_livereload_which_writes_before_every_head_end(make_site: MakeSite, tmp_path: Path) -> None:
    """The web editor's script holds "</head>" in strings: served as is, livereload would break it."""
    from livereload.server import HEAD_END

    script = 'const page = "<html><head></head><body></body></html>";\n'
    data = '{"modele": "<head></head>"}'
    root = make_site({"static/js/editeur-test.js": script, "static/donnees-test.json": data})
    preview = Preview(root, tmp_path / "apercu")
    preview.rebuild()
    assert preview.errors == []

    def through_livereload(path: str) -> bytes:  # what livereload's WSGI container does to every response body
        return get(make_app(preview), path)[1].replace(HEAD_END, b"<script>reload()</script>" + HEAD_END)

    served = through_livereload("/js/editeur-test.js")
    assert served == script.replace("</head>", "<\\/head>").encode()  # the same string once JavaScript reads it
    assert json.loads(through_livereload("/donnees-test.json")) == json.loads(data)
    page = through_livereload("/metiers/infirmier/")
    assert page.count(b"<script>reload()</script></head>") == 1  # pages still get the reload script


def test_the_web_editors_config_is_served_as_yaml(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site({"static/config-test.yml": "backend:\n  name: test-repo\n"})
    preview = Preview(root, tmp_path / "apercu")
    preview.rebuild()
    headers: dict[str, str] = {}
    body = make_app(preview)(
        {"PATH_INFO": "/config-test.yml", "HTTP_HOST": "127.0.0.1:8000"},
        lambda status, given: headers.update(given),
    )
    assert headers["Content-Type"] == "text/yaml; charset=utf-8"
    assert b"".join(body).startswith(b"backend:")
