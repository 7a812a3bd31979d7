"""The map of all métiers and their bridges, drawn as SVG at build time.

One column per entry level, from « Sans diplôme » on the left to « Bac + 5 »
on the right, so the map reads like a staircase; one box per métier, each a
link to its pathway page; one arrow per bridge. No script, no font, no
external file: the SVG is inlined in /parcours/ and prints as it is. The
same facts are given as a list on the page for screen readers and small
screens; the SVG has a role="group" with a title and a description because
it holds links (a role="img" would hide them from assistive technologies).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from html import escape

from .graph import CareerGraph, Edge
from .labels import NIVEAUX_ACCES, lcfirst
from .schema import NIVEAUX_ACCES as LEVELS

COLUMN = 236  # width of a level's column
BOX = 176  # width of a métier's box
GUTTER = 46  # room on the left of the boxes for the arcs between métiers of one level
EMPTY = 110  # width of a level no métier starts at: its heading keeps the scale readable
TOP = 64  # room for the column headings
GAP = 22  # vertical space between two boxes
LINE = 17  # height of a line of text in a box
PAD = 9  # padding inside a box
CHARS = 23  # characters per line before wrapping a title
INK, LINK, MUTED, TINT = "#1d2433", "#0b5c6b", "#4a5466", "#f2f6f7"  # the site's palette, WCAG AA on white

Box = tuple[float, float, float, float]  # x, y, width, height


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _depths(graph: CareerGraph, column: list[str]) -> dict[str, int]:
    """Within one level, how many bridges of that level lead to each métier (cycles broken once)."""
    inside, done, stack = set(column), set(), []
    forward: dict[str, list[str]] = {slug: [] for slug in column}

    def visit(slug: str) -> None:
        stack.append(slug)
        for edge in graph.successors(slug):
            if edge.target in inside and edge.target not in stack:
                forward[edge.target].append(slug)
                if edge.target not in done:
                    visit(edge.target)
        stack.pop()
        done.add(slug)

    for slug in column:
        if slug not in done:
            visit(slug)
    depth: dict[str, int] = {}

    def measure(slug: str) -> int:
        if slug not in depth:
            depth[slug] = max((measure(p) + 1 for p in forward[slug]), default=0)
        return depth[slug]

    return {slug: measure(slug) for slug in column}


def _columns(graph: CareerGraph) -> list[list[str]]:
    """Métiers by entry level; within a level, those a bridge leads to further down, near their links."""
    columns: list[list[str]] = [[] for _ in LEVELS]
    for slug in sorted(graph.nodes, key=lambda s: (graph.nodes[s].titre.casefold(), s)):
        columns[LEVELS.index(graph.nodes[slug].niveau_acces)].append(slug)
    depths = {slug: d for column in columns for slug, d in _depths(graph, column).items()}
    for _ in range(2):  # two sweeps of the barycentre heuristic: fewer crossing arrows, same result every build
        rank = {slug: i for column in columns for i, slug in enumerate(column)}
        for column in columns:
            column.sort(key=lambda s: (depths[s], _centre(graph, s, rank), rank[s]))
            rank.update({slug: i for i, slug in enumerate(column)})
    return columns


def _centre(graph: CareerGraph, slug: str, rank: dict[str, int]) -> float:
    """The mean row of the métiers linked to this one, or its own row when it has no link."""
    linked = [e.target for e in graph.successors(slug)] + [e.source for e in graph.predecessors(slug)]
    return sum(rank[s] for s in linked) / len(linked) if linked else rank[slug]


def _layout(graph: CareerGraph) -> tuple[list[tuple[float, float]], dict[str, Box], dict[str, list[str]], float]:
    """Each level's column (x, width), each métier's box, its wrapped title, and the drawing's height."""
    columns: list[tuple[float, float]] = []
    boxes: dict[str, Box] = {}
    lines: dict[str, list[str]] = {}
    x, bottom = 0.0, float(TOP)
    for column in _columns(graph):
        columns.append((x, COLUMN if column else EMPTY))
        y = float(TOP)
        for slug in column:
            lines[slug] = textwrap.wrap(graph.nodes[slug].titre, CHARS, break_long_words=False) or [slug]
            height = len(lines[slug]) * LINE + 2 * PAD
            boxes[slug] = (x + GUTTER, y, BOX, height)
            y += height + GAP
        bottom = max(bottom, y)
        x += columns[-1][1]
    return columns, boxes, lines, bottom + GAP


def _arrow(edge: Edge, boxes: dict[str, Box]) -> str:
    """A curve from one box to another: rightwards between levels, around the side within one."""
    sx, sy, sw, sh = boxes[edge.source]
    tx, ty, tw, th = boxes[edge.target]
    y1, y2 = sy + sh / 2, ty + th / 2
    if tx > sx:
        x1, x2 = sx + sw, tx
        bend = (x2 - x1) / 2
        c1, c2 = x1 + bend, x2 - bend
    elif tx < sx:
        x1, x2 = sx, tx + tw
        c1, c2 = x1 - 40, x2 + 40
    else:  # within one level: an arc in the left gutter, wider for métiers further apart
        x1 = x2 = sx
        c1 = c2 = x1 - 10 - (GUTTER - 4) * min(abs(y2 - y1), 600) / 600 * 1.3
    return (
        f'<path d="M{x1:.1f} {y1:.1f} C{c1:.1f} {y1:.1f} {c2:.1f} {y2:.1f} {x2:.1f} {y2:.1f}" '
        f'fill="none" stroke="{MUTED}" stroke-width="1.5" marker-end="url(#carte-fleche)"/>'
    )


def map_svg(graph: CareerGraph, href: Callable[[str], str], title: str, description: str) -> str:
    """The whole map as an inline SVG element; `href` gives the link of a métier's slug."""
    columns, boxes, lines, height = _layout(graph)
    width = round(sum(w for _, w in columns))
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="carte" viewBox="0 0 {width} {height:.0f}" '
            f'width="{width}" height="{height:.0f}" role="group" aria-labelledby="carte-titre carte-desc" '
            f'font-family="system-ui, sans-serif" font-size="13">'
        ),
        f'<title id="carte-titre">{escape(title)}</title>',
        f'<desc id="carte-desc">{escape(description)}</desc>',
        (
            '<defs><marker id="carte-fleche" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="{MUTED}"/></marker></defs>'
        ),
    ]
    for index, (level, (x, column_width)) in enumerate(zip(LEVELS, columns, strict=True)):
        if index % 2 == 0:
            out.append(f'<rect x="{x:.0f}" y="0" width="{column_width:.0f}" height="{height:.0f}" fill="{TINT}"/>')
        out.append(
            f'<text x="{x + column_width / 2:.0f}" y="34" text-anchor="middle" font-weight="700" '
            f'font-size="16" fill="{INK}">{escape(NIVEAUX_ACCES[level])}</text>'
        )
    out.append('<g class="carte__passerelles">')
    out += [_arrow(edge, boxes) for slug in sorted(graph.nodes) for edge in graph.successors(slug)]
    out.append('</g><g class="carte__metiers">')
    for slug in sorted(boxes):
        x, y, w, h = boxes[slug]
        name = graph.nodes[slug].titre
        out.append(
            f'<a href="{_attr(href(slug))}" aria-label="{_attr(name)}">'
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w}" height="{h}" rx="6" fill="#fff" '
            f'stroke="{LINK}" stroke-width="2"/>'
            f'<text x="{x + w / 2:.1f}" y="{y + PAD + LINE - 4:.1f}" text-anchor="middle" fill="{LINK}" '
            f'text-decoration="underline">'
        )
        out += [
            f'<tspan x="{x + w / 2:.1f}" dy="{0 if i == 0 else LINE}">{escape(text)}</tspan>'
            for i, text in enumerate(lines[slug])
        ]
        out.append("</text></a>")
    out.append("</g></svg>")
    return "".join(out)


# The narrow map, for phones: one panel per level, from « Sans diplôme » at the top to « Bac + 5 » at the
# bottom; in each panel one box per métier, a link to its pathway, with the métiers it leads to written
# under its name (« → Infirmier »). No crossing arrows to follow with a finger: it reads top to bottom.
NARROW = 340  # width of the drawing: a 375 px phone shows it at its real size
NARROW_BOX = 316
NARROW_CHARS = 32  # characters per line of a métier's name (bold)
TARGET_CHARS = 42  # characters per line of a bridge
PANEL_TOP = 40  # room for a level's heading
TARGET_LINE = 16


def _narrow_layout(graph: CareerGraph) -> tuple[list[tuple[str, float, float]], dict[str, Box], float]:
    """Each level's panel (level, y, height), each métier's box, and the drawing's height."""
    panels: list[tuple[str, float, float]] = []
    boxes: dict[str, Box] = {}
    y = 0.0
    for level, column in zip(LEVELS, _columns(graph), strict=True):
        if not column:
            continue
        top, y = y, y + PANEL_TOP
        for slug in column:
            height = _narrow_lines(graph, slug)[0] * LINE + _narrow_lines(graph, slug)[1] * TARGET_LINE + 2 * PAD
            boxes[slug] = ((NARROW - NARROW_BOX) / 2, y, NARROW_BOX, height)
            y += height + GAP / 2
        y += GAP / 2
        panels.append((level, top, y - top))
    return panels, boxes, y


def _narrow_lines(graph: CareerGraph, slug: str) -> tuple[int, int]:
    """Lines of a box: its wrapped name, then one wrapped line per bridge."""
    name = textwrap.wrap(graph.nodes[slug].titre, NARROW_CHARS, break_long_words=False) or [slug]
    targets = sum(len(_target_lines(graph, e)) for e in graph.successors(slug))
    return len(name), targets


def _target_lines(graph: CareerGraph, edge: Edge) -> list[str]:
    return textwrap.wrap(f"→ {graph.nodes[edge.target].titre}", TARGET_CHARS, break_long_words=False)


def narrow_map_height(graph: CareerGraph) -> float:
    """The height of the narrow map, in pixels at its natural width (for the embed's frame)."""
    return _narrow_layout(graph)[2]


def narrow_map_svg(graph: CareerGraph, href: Callable[[str], str], title: str, description: str) -> str:
    """The map for narrow screens, as an inline SVG element; `href` gives the link of a métier's slug."""
    panels, boxes, height = _narrow_layout(graph)
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="carte carte--etroite" viewBox="0 0 {NARROW} '
            f'{height:.0f}" width="{NARROW}" height="{height:.0f}" role="group" '
            'aria-labelledby="carte-etroite-titre carte-etroite-desc" font-family="system-ui, sans-serif" '
            'font-size="14">'
        ),
        f'<title id="carte-etroite-titre">{escape(title)}</title>',
        f'<desc id="carte-etroite-desc">{escape(description)}</desc>',
    ]
    for index, (level, top, panel_height) in enumerate(panels):
        if index % 2 == 0:
            out.append(f'<rect x="0" y="{top:.0f}" width="{NARROW}" height="{panel_height:.0f}" fill="{TINT}"/>')
        out.append(
            f'<text x="{(NARROW - NARROW_BOX) / 2:.0f}" y="{top + 27:.0f}" font-weight="700" font-size="16" '
            f'fill="{INK}">Pour commencer : {escape(lcfirst(NIVEAUX_ACCES[level]))}</text>'
        )
    for slug in sorted(boxes):
        x, y, w, h = boxes[slug]
        name = textwrap.wrap(graph.nodes[slug].titre, NARROW_CHARS, break_long_words=False) or [slug]
        out.append(
            f'<a href="{_attr(href(slug))}" aria-label="{_attr(graph.nodes[slug].titre)}">'
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w}" height="{h}" rx="6" fill="#fff" '
            f'stroke="{LINK}" stroke-width="2"/>'
            f'<text x="{x + PAD + 2:.1f}" y="{y + PAD + LINE - 5:.1f}" fill="{LINK}" font-weight="600" '
            'text-decoration="underline">'
        )
        out += [
            f'<tspan x="{x + PAD + 2:.1f}" dy="{0 if i == 0 else LINE}">{escape(text)}</tspan>'
            for i, text in enumerate(name)
        ]
        out.append("</text>")
        lines = [line for edge in graph.successors(slug) for line in _target_lines(graph, edge)]
        if lines:
            top = y + PAD + len(name) * LINE + 8
            out.append(f'<text x="{x + PAD + 2:.1f}" y="{top:.1f}" font-size="13" fill="{MUTED}">')
            out += [
                f'<tspan x="{x + PAD + (2 if text.startswith("→") else 16):.1f}" dy="{0 if i == 0 else TARGET_LINE}">'
                f"{escape(text)}</tspan>"
                for i, text in enumerate(lines)
            ]
            out.append("</text>")
        out.append("</a>")
    out.append("</svg>")
    return "".join(out)
