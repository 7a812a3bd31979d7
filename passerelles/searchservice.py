"""A Pagefind service (`pagefind --service`), given pages while a build goes on.

The service takes numbered requests on its standard input (base64 of JSON,
each followed by a comma) and answers each, in order, on its standard
output; it handles them one at a time. search.py has it read a whole
folder (`add_folder`: Pagefind's own walk, as its command line does), then
give again the pages that changed, which a feeder process (searchfeed.py)
reads and sends while the build goes on; we write to the pipe only once
the feeder has exited, and read the answers at the end, when the index is
written. Answers wait in the service's memory meanwhile (its channels are
unbounded), so neither side blocks the other. Used only where `/proc`
shows which files it still writes (`available`).
"""

from __future__ import annotations

import base64
import contextlib
import importlib
import json
import os
import selectors
import subprocess
import sys
import time
from pathlib import Path

from . import searchfeed

FEEDER = Path(__file__).with_name("searchfeed.py")
TIMEOUT_S = 300
MODEST_NICENESS = 10  # a "modest" Pagefind's priority (Unix niceness, higher is lower): the build or preview goes first


class ServiceError(Exception):
    """The service or its feeder failed, or answered with an error."""


def program() -> list[str]:
    """How to run Pagefind: its program itself, as `python -m pagefind` finds it (the variable
    `PAGEFIND_BINARY_PATH`, then the `pagefind_bin` packages), without starting Python first only to hand
    over to it (0.08 s before every index); `python -m pagefind` when neither is there (its last resort:
    a `pagefind` on the PATH)."""
    chosen = os.environ.get("PAGEFIND_BINARY_PATH")
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        if not chosen:
            with contextlib.suppress(ImportError, OSError):
                chosen = str(importlib.import_module(package).get_executable())
    return [chosen] if chosen else [sys.executable, "-m", "pagefind"]


def available() -> bool:
    """Whether a service's writes can be seen to end (`/proc`, Linux): elsewhere the command line is used."""
    return Path(f"/proc/{os.getpid()}/fd").is_dir()


class PagefindService:
    """One service process with one index; `close` ends it whatever its state."""

    def __init__(self, modest: bool = False) -> None:
        """`modest`: a lower priority, for a service that works while the build renders (the build goes first)."""
        command = [*program(), "--service"]
        try:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as exc:
            raise ServiceError(str(exc)) from exc
        if modest and hasattr(os, "setpriority"):
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, self.process.pid, MODEST_NICENESS)
        self.sent = 0  # requests sent, by us or a feeder: the next one is numbered sent + 1
        self.output: Path | None = None  # where the index is written
        self.feeder: subprocess.Popen[bytes] | None = None
        self._buffer = b""
        self._send(searchfeed.message(1, {"type": "NewIndex", "config": None}))

    def _send(self, data: bytes) -> None:
        self.wait_feeder()
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(data)
            self.process.stdin.flush()
        except OSError as exc:
            raise ServiceError(f"le service Pagefind s'est arrêté ({exc})") from exc
        self.sent += data.count(b",")

    def feed(self, site: Path, pages: list[str], write: Path | None = None) -> None:
        """Start a feeder that adds `pages` (read from `site`), then asks for the index in `write` if given."""
        self.wait_feeder()
        job = {"site": str(site), "pages": pages, "first": self.sent + 1, "write": str(write) if write else None}
        try:
            self.feeder = subprocess.Popen(
                [sys.executable, str(FEEDER)], stdin=subprocess.PIPE, stdout=self.process.stdin
            )
            assert self.feeder.stdin is not None
            self.feeder.stdin.write(json.dumps(job).encode())
            self.feeder.stdin.close()
        except OSError as exc:
            raise ServiceError(str(exc)) from exc
        self.sent += len(pages) + (write is not None)
        self.output = write or self.output

    def wait_feeder(self) -> None:
        if self.feeder is None:
            return
        feeder, self.feeder = self.feeder, None
        try:
            code = feeder.wait(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            feeder.kill()
            raise ServiceError("les pages n'ont pas pu être transmises à Pagefind à temps") from exc
        if code != 0:
            raise ServiceError("les pages n'ont pas pu être transmises à Pagefind")

    def add_folder(self, site: Path) -> None:
        """Every HTML page of `site`, read by Pagefind itself, on every core, in the order it walks the folders."""
        request = {"type": "AddDir", "index_id": searchfeed.INDEX_ID, "path": str(site)}
        self._send(searchfeed.message(self.sent + 1, request))

    def add(self, rel: str, html: str) -> None:
        self._send(searchfeed.add_file(self.sent + 1, rel, html))

    def results(self) -> None:
        """Read every answer; raise ServiceError on the first error (the last answer is the index written)."""
        self.wait_feeder()
        deadline = time.monotonic() + TIMEOUT_S
        for _ in range(self.sent):
            payload = self._answer(deadline).get("payload")
            if not isinstance(payload, dict) or payload.get("type") == "Error":
                detail = payload.get("message") if isinstance(payload, dict) else None
                raise ServiceError(str(detail or "réponse inattendue du service Pagefind").strip())
        if self.output is not None:
            self._writes_done(self.output, deadline)

    def _writes_done(self, output: Path, deadline: float) -> None:
        """Wait until the service holds no file of `output` open.

        Pagefind answers once each file is handed to a background write
        (tokio's files), which may still be running: stopping the service
        then would cut a file short. A write ends by closing its file.
        """
        folder = os.path.join(os.path.realpath(output), "")  # /proc shows real paths
        descriptors = Path(f"/proc/{self.process.pid}/fd")
        while True:
            try:
                open_files = [os.readlink(descriptors / fd) for fd in os.listdir(descriptors)]
            except FileNotFoundError:  # a descriptor closed while listed, or the service gone
                if self.process.poll() is not None:
                    raise ServiceError("le service Pagefind s'est arrêté pendant l'écriture de l'index") from None
                open_files = [folder]  # look again
            except OSError as exc:
                raise ServiceError(f"écritures de Pagefind invisibles ({exc})") from exc
            if not any(path.startswith(folder) for path in open_files):
                return
            if time.monotonic() > deadline:
                raise ServiceError("Pagefind n'a pas fini d'écrire l'index à temps")
            time.sleep(0.002)

    def _answer(self, deadline: float) -> dict[str, object]:
        assert self.process.stdout is not None
        stream = self.process.stdout
        while b"," not in self._buffer:
            with selectors.DefaultSelector() as selector:
                selector.register(stream, selectors.EVENT_READ)
                if not selector.select(max(0.0, deadline - time.monotonic())):
                    raise ServiceError("Pagefind n'a pas répondu à temps")
            more = os.read(stream.fileno(), 1 << 16)
            if not more:
                raise ServiceError("le service Pagefind s'est arrêté")
            self._buffer += more
        raw, _, self._buffer = self._buffer.partition(b",")
        try:
            answer = json.loads(base64.b64decode(raw))
        except ValueError as exc:
            raise ServiceError("réponse illisible du service Pagefind") from exc
        return answer if isinstance(answer, dict) else {}

    def close(self) -> None:
        for process in (self.feeder, self.process):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):  # a pipe the killed service left broken
                    stream.close()
