"""Smart punctuation in the French way, as Python-Markdown's `smarty` did it, faster.

`smarty` runs a second inline processor over the whole tree, twenty patterns
through the generic pattern machinery: it made a body's conversion 2.6 times
slower. This tree processor applies the same regular expressions, in the same
order, to the same texts (every element's text that is not atomic, as code is,
and every tail), and replaces each match the same way: by a stash placeholder,
so that later patterns see the same thing smarty's saw, the table of contents
reads the same text and the final HTML is byte for byte what smarty gave
(tests/test_smartpunct.py compares both). Straight double quotes become
« guillemets », apostrophes ’, `--` and `---` dashes, `...` an ellipsis.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from markdown import util
from markdown.treeprocessors import Treeprocessor

# smarty's constants (markdown/extensions/smarty.py, Python-Markdown 3.x).
_PUNCT = r"""[!"#\$\%'()*+,-.\/:;<=>?\@\[\\\]\^_`{|}~]"""
_CLOSE = r"[^\ \t\r\n\[\{\(\-\u0002\u0003]"
_OPENING_BASE = r"(\s|&nbsp;|--|–|—|&[mn]dash;|&#8211;|&#8212;)"

LSQUO, RSQUO = "&lsquo;", "&rsquo;"
LDQUO, RDQUO = "&laquo;&nbsp;", "&nbsp;&raquo;"

# (pattern, replacement parts: a group number or a literal stored in the stash, what the pattern cannot
# match without), in smarty's order. A replacement (a stash placeholder) never brings a quote, `--` or
# `...`, so a rule whose needs are not all in a text before the first rule can never match it: skipped.
D, S, Q, E = "--", "'", '"', "..."
_RULES: Sequence[tuple[str, tuple[int | str, ...], frozenset[str]]] = (
    (r"(?<!-)---(?!-)", ("&mdash;",), frozenset({D})),
    (r"(?<!-)--(?!-)", ("&ndash;",), frozenset({D})),
    (rf"^'(?={_PUNCT}\B)", (RSQUO,), frozenset({S})),
    (rf'^"(?={_PUNCT}\B)', (RDQUO,), frozenset({Q})),
    (r""""'(?=\w)""", (LDQUO + LSQUO,), frozenset({S, Q})),
    (r"""'"(?=\w)""", (LSQUO + LDQUO,), frozenset({S, Q})),
    (rf"(?<={_CLOSE})'\"", (RSQUO + RDQUO,), frozenset({S, Q})),
    (rf"(?<={_CLOSE})\"'", (RDQUO + RSQUO,), frozenset({S, Q})),
    (r"(?<!\w)'(?=\d{2}s)", (RSQUO,), frozenset({S})),
    (rf"{_OPENING_BASE}'(?=\w)", (1, LSQUO), frozenset({S})),
    (rf"(?<={_CLOSE})'(?!\s|s\b|\d)", (RSQUO,), frozenset({S})),
    (r"'(\s|s\b)", (RSQUO, 1), frozenset({S})),
    (r"'", (LSQUO,), frozenset({S})),
    (rf'{_OPENING_BASE}"(?=\w)', (1, LDQUO), frozenset({Q})),
    (r'"(?=\s)', (RDQUO,), frozenset({Q})),
    (rf'(?<={_CLOSE})"', (RDQUO,), frozenset({Q})),
    (r'"', (LDQUO,), frozenset({Q})),
    (r"(?<!\.)\.{3}(?!\.)", ("&hellip;",), frozenset({E})),
)
_COMPILED = [(re.compile(pattern, re.DOTALL), parts, needs) for pattern, parts, needs in _RULES]


class SmartPunctuation(Treeprocessor):
    """Registered at smarty's priority (6): after inline parsing, before the table of contents."""

    def educate(self, text: str) -> str:
        """One text with smarty's substitutions; literals go to the raw-HTML stash as smarty's did."""
        present = {needed for needed in (D, S, Q, E) if needed in text}
        if not present:
            return text
        stashed: list[str] = []
        for regex, parts, needs in _COMPILED:
            if not needs <= present:
                continue
            start = 0
            while (found := regex.search(text, start)) is not None:
                result = "".join(
                    found.group(part) if isinstance(part, int) else self.md.htmlStash.store(part) for part in parts
                )
                placeholder = util.INLINE_PLACEHOLDER % f"{len(stashed):04d}"
                stashed.append(result)
                text = text[: found.start()] + placeholder + text[found.end() :]
                start = found.start() + len(placeholder)
        return util.INLINE_PLACEHOLDER_RE.sub(lambda m: stashed[int(m.group(1))], text)

    def run(self, root: ET.Element) -> None:
        for parent in root.iter():
            for child in parent:
                if child.text and not isinstance(child.text, util.AtomicString):
                    child.text = self.educate(child.text)
                if child.tail:
                    child.tail = self.educate(child.tail)
