"""The preview server: serves the last good site, shows errors in the page, never dies."""

from __future__ import annotations

from pathlib import Path

from passerelles.serve import Preview, make_app

from .conftest import MakeSite


def get(app, path: str) -> tuple[str, bytes]:
    captured: dict[str, str] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        captured["status"] = status

    body = b"".join(app({"PATH_INFO": path}, start_response))
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


def test_preview_survives_unexpected_exceptions(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site()
    (root / "templates").mkdir()
    (root / "templates" / "page.html").write_text("{% extends 'base.html' %}{% block main %}{{ 1 / 0 }}{% endblock %}")
    preview = Preview(root, tmp_path / "apercu")
    preview.rebuild()
    assert preview.errors and "erreur inattendue" in preview.errors[0]


def test_unknown_path_and_traversal_get_the_404_page(make_site: MakeSite, tmp_path: Path) -> None:
    preview = Preview(make_site(), tmp_path / "apercu")
    preview.rebuild()
    app = make_app(preview)
    assert get(app, "/nulle-part/")[0] == "404 Not Found"
    status, body = get(app, "/../../etc/passwd")
    assert status == "200 OK" and b"Page introuvable" in body
