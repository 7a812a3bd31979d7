"""QR codes of page addresses, as inline SVG, made at build time with segno.

A teacher prints a pathway page; a pupil scans the code to open it on a
phone. The error-correction level is fixed (M: a code still reads with a
fold or a smudge) and segno's automatic "boost" is off, so that the same
address always gives the same drawing: builds stay reproducible.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from types import ModuleType

from .cache import DiskCache
from .parallel import fork_map

ERROR_LEVEL = "m"
SIZE_PX = 148  # displayed size on screen; print.css sets the printed size
PARALLEL_FROM = 32  # codes to make from which forking pays (about 5 ms each)


def _is_svg(value: object) -> bool:
    return isinstance(value, str) and value.startswith("<svg ")


def prepare(codes: Sequence[tuple[str, str]], cache: DiskCache | None) -> None:
    """Make on every core the codes (address, title) that `cache` does not hold yet, and keep them there.

    A cold build of a site with 120 métiers has 125 codes to make (0.6 s on one core); `qr_svg` then finds them.
    """
    if cache is None:
        return
    missing = [(url, title) for url, title in codes if not _is_svg(cache.get(cache.key("qr", url, title)))]
    if missing:
        _segno()
    for (url, title), svg in zip(missing, fork_map(_made, missing, min_items=PARALLEL_FROM), strict=True):
        cache.put(cache.key("qr", url, title), svg)


def _segno() -> ModuleType:
    """segno, imported only when a code must be made (0.02 s; a build finds its codes in its cache): before
    forking, so that the copies share it."""
    import segno

    return segno


def _made(code: tuple[str, str]) -> str:
    return qr_svg(*code)


def qr_svg(url: str, title: str, cache: DiskCache | None = None) -> str:
    """An inline `<svg>` (no XML declaration) that encodes the absolute `url`, named by `title`.

    Encoding is most of a pathway page's rendering: `cache` keeps the drawings between builds.
    """
    if cache is not None:
        svg: str = cache.remember(cache.key("qr", url, title), lambda: qr_svg(url, title), _is_svg)
        return svg
    code = _segno().make(url, error=ERROR_LEVEL, boost_error=False, micro=False)
    buffer = io.BytesIO()
    code.save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        nl=False,
        omitsize=True,
        title=title,
        svgclass="qr",
        lineclass=None,
        dark="#000",
        light="#fff",
        border=4,
    )
    svg = buffer.getvalue().decode("utf-8")
    return re.sub(r"^<svg ", f'<svg role="img" width="{SIZE_PX}" height="{SIZE_PX}" ', svg, count=1)
