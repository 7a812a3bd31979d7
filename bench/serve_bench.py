"""Time from a file save to the new page served by `build.py serve` (over HTTP), on a copy of a site.

    python bench/serve_bench.py [--source DOSSIER | --files N] [--repetitions 3]

Copies the source (content, static, templates, site.yaml) to a temporary
folder, or writes there the benchmark's synthetic site of N content files
(bench/synthetic.py: 2,000 for a national edition's size), starts the
preview server on a free port, waits for its first build, then for each
kind of edit saves a file and polls the page every 10 ms until it shows
the change. Prints one line per measure and a JSON
summary (median seconds per kind). Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(port: int, path: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
        return connection.getresponse().read()
    finally:
        connection.close()


def wait_for(port: int, path: str, needle: bytes, limit: float = 60.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        with contextlib.suppress(OSError):  # the preview is rebuilding: ask again
            if needle in fetch(port, path):
                return time.perf_counter() - start
        time.sleep(0.01)
    raise TimeoutError(f"{path} n'a pas montré la modification en {limit} s")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=REPO)
    parser.add_argument("--files", type=int, help="le site synthétique du banc d'essai, de N fichiers de contenu")
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="serve-bench-") as scratch:
        source = Path(scratch) / "source"
        source.mkdir()
        if args.files:
            from synthetic import generate  # bench/, this script's folder

            generate(source, args.files)
        else:
            for name in ("content", "static", "templates"):
                if (args.source / name).is_dir():
                    shutil.copytree(args.source / name, source / name)
            shutil.copy(args.source / "site.yaml", source / "site.yaml")
        temoignage = sorted((source / "content" / "temoignages").glob("*.md"))[0]
        metier = sorted((source / "content" / "metiers").glob("*.md"))[0]
        port = free_port()
        started = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "build.py", "serve", "--source", str(source), "--port", str(port)],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        results: dict[str, list[float]] = {"temoignage": [], "metier": []}
        try:
            first = wait_for(port, "/", b"<html")
            total = time.perf_counter() - started
            print(f"premier aperçu : {total:.2f} s (attente du serveur : {first:.2f} s)")
            time.sleep(1.0)
            for round_ in range(args.repetitions):
                for kind, path, url in (
                    ("temoignage", temoignage, f"/temoignages/{temoignage.stem}/"),
                    ("metier", metier, f"/metiers/{metier.stem}/"),
                ):
                    needle = f"Mesure{kind}{round_}x"
                    append(path, f"\n{needle}\n")
                    seconds = wait_for(port, url, needle.encode())
                    results[kind].append(seconds)
                    print(f"{kind} {round_ + 1} : enregistré → servi en {seconds:.2f} s")
                    time.sleep(1.5)  # let the background search index finish, as an editor would
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    print(json.dumps({kind: round(statistics.median(values), 3) for kind, values in results.items()}))


if __name__ == "__main__":
    main()
