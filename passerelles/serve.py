"""The preview server: rebuilds on every change and never dies.

A failed rebuild keeps the last good site served and shows the errors both in
the terminal and at the top of every page in the browser; livereload reloads
the page after each rebuild.
"""

from __future__ import annotations

import html
import mimetypes
import signal
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .builder import STATIC, build
from .errors import BuildError
from .render import TEMPLATES
from .timeutil import build_date
from .writer import remove_output

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


@dataclass
class Preview:
    """The state of one preview session: where to build, and the last errors."""

    source: Path
    output: Path
    drafts: bool = False
    errors: list[str] = field(default_factory=list)

    def rebuild(self) -> None:
        """Build once; on failure remember and print the errors, keep the last good site."""
        try:
            result = build(self.source, self.output, build_date(), self.drafts)
        except BuildError as exc:
            self.errors = [e.format() for e in exc.errors]
        except Exception as exc:  # never let the preview die, nor fill its log with a traceback
            self.errors = [f"erreur inattendue pendant la construction : {type(exc).__name__} ({exc})"]
        else:
            self.errors = []
            for warning in result.site.warnings:
                print(warning.format(), file=sys.stderr)
            print(f"Site reconstruit ({result.files} fichiers).", file=sys.stderr)
        for line in self.errors:
            print(line, file=sys.stderr)


def overlay(errors: Iterable[str]) -> bytes:
    """The error panel shown on top of every page while the content has errors."""
    items = "".join(f"<li><code>{html.escape(e)}</code></li>" for e in errors)
    return (
        '<div role="alert" class="apercu-erreurs"><h2>La dernière modification '
        "contient des erreurs</h2><p>Le site affiché est la dernière version correcte. Corrigez :</p>"
        f"<ul>{items}</ul></div>"
    ).encode()


def _bad_path(path: str) -> bool:
    """A request path no browser sends for a real page: control characters, NUL, backslashes."""
    return any(ord(c) < 0x20 or c in "\x7f\\" for c in path)


def _host_allowed(host: str, port: int | None) -> bool:
    """Only this machine's names: a page on another site cannot reach the preview by DNS rebinding."""
    name, _, given = host.rpartition(":")
    return name in ("127.0.0.1", "localhost") and (given == str(port) if port else given.isdigit())


def _respond(start_response: StartResponse, status: str, text: str) -> list[bytes]:
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "no-store")])
    return [text.encode()]


def make_app(preview: Preview, port: int | None = None) -> Callable[[dict[str, Any], StartResponse], list[bytes]]:
    """A WSGI app serving the output folder, with the error panel injected in HTML.

    Requests for another host name get 400 (DNS rebinding), malformed paths 400,
    anything outside the folder or missing a real 404; nothing here raises.
    """

    def serve_file(environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        if not _host_allowed(environ.get("HTTP_HOST", ""), port):
            return _respond(start_response, "400 Bad Request", "Hôte refusé : ouvrez l'aperçu sur 127.0.0.1.")
        path = environ.get("PATH_INFO", "/")
        if _bad_path(path):
            return _respond(start_response, "400 Bad Request", "Adresse invalide.")
        root = preview.output.resolve()
        wanted = (root / path.lstrip("/")).resolve()
        status = "200 OK"
        if root not in (wanted, *wanted.parents) or ".." in path.split("/"):
            status, wanted = "404 Not Found", root / "404.html"
        if wanted.is_dir():
            wanted = wanted / "index.html"
        if not wanted.is_file():
            status, wanted = "404 Not Found", root / "404.html"
        body = wanted.read_bytes() if wanted.is_file() else b"<!doctype html><title>404</title><p>Introuvable</p>"
        kind = mimetypes.guess_type(wanted.name)[0] or "application/octet-stream"
        if kind == "text/html" and preview.errors:
            marker = body.find(b">", body.find(b"<body")) + 1
            body = body[:marker] + overlay(preview.errors) + body[marker:]
        charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith(("json", "xml", "svg+xml")) else ""
        start_response(status, [("Content-Type", kind + charset), ("Cache-Control", "no-store")])
        return [body]

    def app(environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        try:
            return serve_file(environ, start_response)
        except (OSError, ValueError) as exc:
            print(f"aperçu : requête refusée ({type(exc).__name__})", file=sys.stderr)
            return _respond(start_response, "400 Bad Request", "Adresse invalide.")

    return app


def serve(source: Path, output: Path, port: int, drafts: bool = False) -> None:
    """Build, then serve on 127.0.0.1 and rebuild on any change of content, templates or static files.

    The preview folder is removed on exit, Ctrl+C or SIGTERM alike.
    """
    from livereload import Server

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    preview = Preview(source, output, drafts)
    try:
        preview.rebuild()
        server = Server(make_app(preview, port))
        ignore = output.resolve()
        for watched in dict.fromkeys(
            [source / "content", source / "site.yaml", source / "templates", source / "static", TEMPLATES, STATIC]
        ):
            if watched.exists() and watched.resolve() != ignore:
                server.watch(str(watched), preview.rebuild)
        print(f"Aperçu sur http://127.0.0.1:{port}/ — Ctrl+C pour arrêter.", file=sys.stderr, flush=True)
        server.serve(port=port, host="127.0.0.1", debug=False, open_url_delay=None)
    except KeyboardInterrupt:
        pass
    finally:
        remove_output(output)
