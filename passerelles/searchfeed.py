"""Hands pages to a Pagefind service: run as a script, its output piped into `pagefind --service`.

A process of its own (searchservice.py starts it), so that reading and
encoding a few thousand pages costs the build no time and no thread: its
job, read as JSON from standard input, names the site folder, the pages in
the order Pagefind must see them, the first message number and, optionally,
the folder to write the index into once they are all added. Only the
standard library: it starts in a few milliseconds.
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path
from typing import Any, BinaryIO

INDEX_ID = 0  # the only index of its service


def message(number: int, payload: dict[str, Any]) -> bytes:
    """One request of Pagefind's service protocol: base64 of the JSON, then a comma."""
    return base64.b64encode(json.dumps({"message_id": number, "payload": payload}).encode()) + b","


def add_file(number: int, rel: str, html: str) -> bytes:
    request = {"type": "AddFile", "index_id": INDEX_ID, "file_path": rel, "url": None, "file_contents": html}
    return message(number, request)


def write_files(number: int, output: str) -> bytes:
    return message(number, {"type": "WriteFiles", "index_id": INDEX_ID, "output_path": output})


def feed(job: dict[str, Any], out: BinaryIO) -> None:
    site, number = Path(job["site"]), int(job["first"])
    for rel in job["pages"]:
        out.write(add_file(number, rel, (site / rel).read_text(encoding="utf-8")))
        number += 1
    if job.get("write"):
        out.write(write_files(number, job["write"]))
    out.flush()


if __name__ == "__main__":
    feed(json.load(sys.stdin), sys.stdout.buffer)
