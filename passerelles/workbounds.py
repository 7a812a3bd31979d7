"""Work Python-Markdown would do on a block, counted in one cheap pass before converting it.

Link patterns: every `[` makes the link, image and reference patterns read
forward to its matching `]` (to the end of the block when there is none),
and every `(` right after a `]` makes them read to its matching `)`. On
ordinary text the total is about the length of the link texts; a block of
unclosed `[` makes it grow with the square of the block. Counting it before
conversion lets the loader refuse such a block with a French message
instead of spending seconds on it.

Nested quotes: each `>` level re-reads the rest of the block, so a line of
thousands of `> ` costs their number times the block; real text never
quotes more than a few levels deep.
"""

from __future__ import annotations

import re

SCAN_PER_CHAR = 4  # an ordinary paragraph scans less than its own length (link texts only)
SCAN_SLACK = 500  # a few stray `[` in a short paragraph are fine
MAX_QUOTE_DEPTH = 10
_DEEP_QUOTE = re.compile(rf"^(?:[ \t]*>){{{MAX_QUOTE_DEPTH + 1}}}", re.MULTILINE)


def _scanned(block: str, opening: str, closing: str, only_after: str | None = None) -> int:
    """Characters read from each opener (optionally only those right after `only_after`) to its closer."""
    total = 0
    stack: list[tuple[int, bool]] = []
    for position, char in enumerate(block):
        if char == opening:
            stack.append((position, only_after is None or (position > 0 and block[position - 1] == only_after)))
        elif char == closing and stack:
            start, counted = stack.pop()
            if counted:
                total += position - start
    return total + sum(len(block) - start for start, counted in stack if counted)


def bracket_scan(block: str) -> int:
    """Characters the link patterns read in this block: from each `[` and each `](` to where they close."""
    if "[" not in block:
        return 0
    return _scanned(block, "[", "]") + _scanned(block, "(", ")", only_after="]")


def too_much_scanning(block: str) -> bool:
    """Whether converting this block would read it many times over (unclosed brackets or parentheses)."""
    return bracket_scan(block) > SCAN_PER_CHAR * len(block) + SCAN_SLACK


def too_deep_quote(block: str) -> bool:
    """Whether a line of this block opens more than `MAX_QUOTE_DEPTH` nested quotes (`> > > …`)."""
    return ">" in block and _DEEP_QUOTE.search(block) is not None
