"""Conversion time of hostile Markdown bodies at growing sizes: linear work shows as ratios near 2.

Usage: .venv/bin/python bench/hostile.py [--repeat 3] [--only TEXT]

Each family repeats one small unit inside a single block (or across blocks
when its separator is a blank line). Its largest size the limits accept
(body_problems; at most a block of 19,000 characters, or a 95 kB body) is
the 8× point; the family is converted at 1×, 2×, 4× and 8× with the real
pipeline (make_markdown: tables, toc, smarty, French spacing, sanitiser),
and the best of a few runs is printed with the ratio to the previous size.
Linear work shows as ×2 per doubling. Timings are noisy on a busy machine;
the ratios and the per-kB cost at 8× are what matters.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from passerelles.markup import body_problems, make_markdown, render_markdown

# name -> (unit, separator between units); a "\n\n" separator spreads the units over many blocks.
FAMILIES: dict[str, tuple[str, str]] = {
    "texte ordinaire": ("Une phrase : « oui » et l'aide ; un [lien](/metiers/) et *rien*. ", ""),
    "crochets ouverts [": ("a [b ", ""),
    "crochets épars (1 par 2 ko)": ("mot " * 500 + "[ ", ""),
    "crochets imbriqués [[": ("[", ""),
    "liens incomplets [a](b": ("[a](b ", ""),
    "images incomplètes ![a](": ("![a](", ""),
    "astérisques *": ("*a ", ""),
    "soulignés _": ("_a ", ""),
    "emphase imbriquée *_": ("*_a ", ""),
    "accents graves `": ("`a ", ""),
    "chevrons <a": ("<a ", ""),
    "balises fermées <b>": ("<b>x ", ""),
    "esperluettes &": ("&amp ", ""),
    "guillemets \"'": ("\"a' ", ""),
    "accolades {:": ("{: .a} ", ""),
    "antislashs \\": ("\\", ""),
    "adresses <http:": ("<http://a ", ""),
    "tableau (lignes)": ("| a | [b](/c/) |\n", ""),
    "liste (items)": ("- a *b* [c](/d/)\n", ""),
    "citations imbriquées >": ("> ", ""),
    "listes imbriquées": ("- a\n", ""),
    "paragraphes": ("Un paragraphe *court* avec [un lien](/metiers/).", "\n\n"),
    "titres": ("## Titre", "\n\n"),
}


def body(name: str, chars: int) -> str:
    unit, separator = FAMILIES[name]
    if name == "tableau (lignes)":
        return "| a | b |\n|---|---|\n" + unit * max(1, chars // len(unit))
    if name == "listes imbriquées":
        count = max(1, chars // (len(unit) + 4))
        return "".join("  " * (i % 40) + unit for i in range(count))
    count = max(1, chars // (len(unit) + len(separator)))
    return separator.join([unit] * count) + "\n"


def largest_accepted(name: str) -> int:
    """The largest size of a family that body_problems accepts, within one block or one file."""
    chars = 95_000 if FAMILIES[name][1] == "\n\n" else 19_000
    while chars > 64 and body_problems(body(name, chars)):
        chars = chars * 9 // 10
    return chars


def timed(text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        md = make_markdown()
        start = time.perf_counter()
        render_markdown(md, text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", help="families whose name contains this text")
    args = parser.parse_args()
    scales = (1, 2, 4, 8)
    print(f"{'famille':<28}{'8× (car.)':>10}" + "".join(f"{f'{s}×':>17}" for s in scales) + f"{'8×/1×':>7}{'ms/ko':>7}")
    for name in FAMILIES:
        if args.only and args.only not in name:
            continue
        largest = largest_accepted(name)
        times = [timed(body(name, largest * scale // scales[-1]), args.repeat) for scale in scales]
        cells = [
            f"{t * 1000:>9.1f} ms" + (f"(×{t / times[i - 1]:.1f})" if i else "      ") for i, t in enumerate(times)
        ]
        per_kb = times[-1] * 1000 / (len(body(name, largest)) / 1000)
        print(f"{name:<28}{largest:>10}" + "".join(cells) + f"{times[-1] / times[0]:>7.1f}{per_kb:>7.1f}", flush=True)
    print("Linéaire : ×2 par doublement, 8 entre 1× et 8× (machine chargée : chiffres bruités).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
