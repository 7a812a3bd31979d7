"""The preview server: rebuilds on every change and never dies.

A failed rebuild keeps the last good site served and shows the errors both in
the terminal and at the top of every page in the browser, where warnings
appear too, in a folded panel; livereload reloads the page after each rebuild.

A save is previewed fast: a thread looks at the watched folders every 50 ms
(less often on a big site) and waits for a burst of saves to end (80 ms
after the last one) before rebuilding;
converted bodies, QR codes and compiled templates stay in memory between
rebuilds (the same cache as the command line's), unchanged files are linked
rather than written, and the search index is rebuilt afterwards in the
background, the previous one standing in until then.
"""

from __future__ import annotations

import datetime as dt
import errno
import html
import mimetypes
import os
import shutil
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .builder import STATIC, build, work_cache
from .cache import DiskCache
from .errors import BuildError
from .render import TEMPLATES
from .search import start_pagefind
from .switch import current_target
from .timeutil import build_date
from .writer import NextFolder, remove_output

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


@dataclass
class Preview:
    """The state of one preview session: where to build, and the last errors."""

    source: Path
    output: Path
    drafts: bool = False
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    search: bool = False
    cache: DiskCache | None = None
    date: dt.date | None = None  # the build date; today when None
    next_folder: NextFolder = field(default_factory=NextFolder, repr=False)  # made while the editor types
    _index_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _indexing: threading.Thread | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.cache is None:
            self.cache = work_cache(self.source, lasting=True)

    def rebuild(self) -> None:
        """Build once; on failure remember and print the errors, keep the last good site."""
        try:
            result = build(
                self.source,
                self.output,
                self.date or build_date(),
                self.drafts,
                search=False,
                cache=self.cache or False,
                next_folder=self.next_folder,
            )
        except BuildError as exc:
            self.errors = [e.format() for e in exc.errors if not e.warning]
            self.warnings = [e.format() for e in exc.errors if e.warning]
        except Exception as exc:  # never let the preview die, nor fill its log with a traceback
            self.errors = [f"erreur inattendue pendant la construction : {type(exc).__name__} ({exc})"]
        else:
            self.errors = []
            self.warnings = [w.format() for w in result.site.warnings]
            if self.search:
                self.reuse_index()
                self._indexing = threading.Thread(target=self.refresh_index, daemon=True)
                self._indexing.start()
        for line in self.warnings + self.errors:
            print(line, file=sys.stderr)
        if not self.errors:
            print(f"Site reconstruit ({result.files} fichiers).", file=sys.stderr, flush=True)

    def wait_index(self) -> None:
        """Wait until the search index of the last rebuild is in place (or has failed)."""
        if self._indexing is not None:
            self._indexing.join()

    @property
    def _index(self) -> Path:
        return self.source / ".cache" / "apercu-recherche"

    def reuse_index(self) -> None:
        """Link the last search index into the site just published, until the new one is ready."""
        folder = current_target(self.output.absolute())
        with self._index_lock:
            if folder is not None and self._index.is_dir() and not (folder / "pagefind").exists():
                shutil.copytree(self._index, folder / "pagefind", copy_function=os.link)

    def refresh_index(self) -> None:
        """Run Pagefind on the published site into a side folder, then put it in place if still current."""
        folder = current_target(self.output.absolute())
        if folder is None:
            return
        fresh = self._index.with_name(f"apercu-recherche-{threading.get_ident()}")
        shutil.rmtree(fresh, ignore_errors=True)
        try:
            with self._index_lock:  # the last index is only read while its files are linked
                waiting = start_pagefind(folder, fresh, self._index if self._index.is_dir() else None, modest=True)
            waiting()
            done = True
        except (BuildError, OSError):  # the previous index stays in place; the next save tries again
            done = False
        with self._index_lock:
            if done:
                shutil.rmtree(self._index, ignore_errors=True)
                os.replace(fresh, self._index)
                if current_target(self.output.absolute()) == folder:
                    staging = folder / ".pagefind-nouveau"
                    shutil.copytree(self._index, staging, copy_function=os.link)
                    old = folder / ".pagefind-ancien"
                    if (folder / "pagefind").exists():
                        os.replace(folder / "pagefind", old)
                    os.replace(staging, folder / "pagefind")
                    shutil.rmtree(old, ignore_errors=True)
            shutil.rmtree(fresh, ignore_errors=True)


def overlay(errors: Iterable[str], warnings: Sequence[str] = ()) -> bytes:
    """The panel shown on top of every page: errors in full, warnings folded (they do not block)."""
    panel = ""
    errors = list(errors)
    if errors:
        items = "".join(f"<li><code>{html.escape(e)}</code></li>" for e in errors)
        panel += (
            '<div role="alert" class="apercu-erreurs"><h2>La dernière modification '
            "contient des erreurs</h2><p>Le site affiché est la dernière version correcte. Corrigez :</p>"
            f"<ul>{items}</ul></div>"
        )
    if warnings:
        items = "".join(f"<li><code>{html.escape(w)}</code></li>" for w in warnings)
        count = f"{len(warnings)} avertissement" + ("s" if len(warnings) > 1 else "")
        panel += (
            f'<details class="apercu-avertissements"><summary>{count} : à corriger avant de publier '
            f"(le site est construit)</summary><ul>{items}</ul></details>"
        )
    return panel.encode()


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


# livereload writes its script before every `</head>` of every response, whatever its type: in a script
# (decap-cms.js, the web editor, has three) that breaks the code, so there it is served as `<\/head>`, the
# same text once read (an escaped slash, in JavaScript, JSON and CSS strings alike).
_SCRIPTS = frozenset({"text/javascript", "application/javascript", "application/json", "text/css"})
_TYPES = {".yml": "text/yaml", ".yaml": "text/yaml"}  # the web editor's config.yml


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
        kind = _TYPES.get(wanted.suffix) or mimetypes.guess_type(wanted.name)[0] or "application/octet-stream"
        if kind in _SCRIPTS:
            body = body.replace(b"</head>", b"<\\/head>")
        if kind == "text/html" and (preview.errors or preview.warnings):
            marker = body.find(b">", body.find(b"<body")) + 1
            body = body[:marker] + overlay(preview.errors, preview.warnings) + body[marker:]
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


def port_problem(port: int) -> str | None:
    """Why the preview cannot listen on `port`, in French with the way out; None when it can."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OverflowError:
            return f"le port {port} n'existe pas : choisissez un nombre entre 1024 et 65535, par exemple --port 8001"
        except OSError as exc:
            return port_message(port, exc)
    return None


def port_message(port: int, exc: OSError) -> str:
    other = 8001 if port != 8001 else 8002
    if exc.errno == errno.EADDRINUSE:
        return (
            f"le port {port} est déjà utilisé (un autre aperçu est peut-être ouvert) : arrêtez-le, "
            f"ou choisissez un autre port, par exemple « python build.py serve --port {other} »"
        )
    if exc.errno == errno.EACCES:
        return f"le port {port} est réservé : choisissez un port au-dessus de 1024, par exemple --port {other}"
    return f"impossible d'écouter sur le port {port} ({exc.strerror}) : essayez --port {other}"


def snapshot(paths: Iterable[Path]) -> tuple[int, int, int]:
    """A cheap fingerprint of watched folders: newest change, number of entries, total size."""
    newest = count = size = 0
    for root in paths:
        for current, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in [".", *names]:
                try:
                    info = os.stat(os.path.join(current, name))
                except OSError:
                    continue
                newest, count, size = max(newest, info.st_mtime_ns), count + 1, size + info.st_size
        if root.is_file():
            info = root.stat()
            newest, count, size = max(newest, info.st_mtime_ns), count + 1, size + info.st_size
    return newest, count, size


class Watch:
    """Rebuilds once a burst of changes is over, then tells the browsers to reload.

    `start` and `examine` make it a livereload watcher: `start` runs the thread
    and keeps livereload's callback, which the thread calls (in livereload's
    loop) as soon as a rebuild ends, so that browsers reload at once.
    """

    POLL, QUIET = 0.05, 0.08

    def __init__(self, preview: Preview, paths: Sequence[Path]) -> None:
        self.preview, self.paths = preview, [p for p in paths if p.exists()]
        self.filepath: str | None = None
        self._tasks: dict[str, Any] = {str(p): None for p in self.paths}  # livereload reads these two
        self._changes: list[tuple[str, float]] = []
        self.reloaded = threading.Event()
        self.loop: Any = None
        self.wake: Callable[[], None] | None = None
        self.state = snapshot(self.paths)
        self.pause = self.POLL  # between two looks at the folders (see `settle`)

    def settle(self) -> bool:
        """Wait until nothing changed for QUIET seconds; True if something changed since the last build.

        The newest change's time tells how long the folders have been quiet already: a save seen
        late by the poll is not waited for twice.
        """
        started = time.perf_counter()
        current = snapshot(self.paths)
        self.pause = max(self.POLL, 2 * (time.perf_counter() - started))  # a big site is looked at less often
        if current == self.state:
            return False
        while True:
            quiet = time.time() - current[0] / 1e9
            time.sleep(min(max(self.QUIET - quiet, 0.0), self.QUIET))
            later = snapshot(self.paths)
            if later == current:
                break
            current = later
        self.state = current
        return True

    def run(self) -> None:
        while True:
            if self.settle():
                self.preview.rebuild()
                self.reloaded.set()
                if self.loop is not None and self.wake is not None:
                    self.loop.add_callback(self.wake)
            time.sleep(self.pause)

    # livereload's watcher interface
    def watch(self, *args: Any, **kwargs: Any) -> None:
        return None

    def start(self, callback: Callable[[], None]) -> bool:
        from tornado import ioloop

        self.loop, self.wake = ioloop.IOLoop.current(), callback
        threading.Thread(target=self.run, daemon=True).start()
        return True

    def examine(self) -> tuple[str | None, float | None]:
        if self.reloaded.is_set():
            self.reloaded.clear()
            self.filepath = "__livereload__"
            return self.filepath, None
        return None, None

    def should_ignore(self, filename: str) -> bool:
        return True


def serve(source: Path, output: Path, port: int, drafts: bool = False) -> int:
    """Build, then serve on 127.0.0.1 and rebuild on any change of content, templates or static files.

    Returns 1, saying why in French, when the port cannot be used. The
    preview folder is removed on exit, Ctrl+C or SIGTERM alike.
    """
    from livereload import Server

    problem = port_problem(port)
    if problem:
        print(f"erreur : {problem}.", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    preview = Preview(source, output, drafts, search=True)
    taken = False
    try:
        preview.rebuild()
        ignore = output.resolve()
        watched = [source / "content", source / "site.yaml", source / "templates", source / "static", TEMPLATES, STATIC]
        paths = [p for p in dict.fromkeys(watched) if p.exists() and p.resolve() != ignore]
        server = Server(make_app(preview, port), watcher=Watch(preview, paths))
        print(f"Aperçu sur http://127.0.0.1:{port}/ — Ctrl+C pour arrêter.", file=sys.stderr, flush=True)
        server.serve(port=port, host="127.0.0.1", debug=False, open_url_delay=None)
    except KeyboardInterrupt:  # Ctrl+C: the way the preview is meant to stop
        print("\nAperçu arrêté.", file=sys.stderr)
    except OSError as exc:
        if exc.errno not in (errno.EADDRINUSE, errno.EACCES):
            raise
        taken = True  # another preview took the port while this one built: its folder is not ours to remove
        print(f"erreur : {port_message(port, exc)}.", file=sys.stderr)
    finally:
        if not taken:
            preview.next_folder.wait()  # then removed with the rest
            remove_output(output)
    return 1 if taken else 0
