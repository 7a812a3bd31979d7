"""Command line: build | check | serve | new, with French help and messages."""

from __future__ import annotations

import argparse
import errno
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import BuildError, ContentError
from .timeutil import build_date
from .usage import FrenchParser, kind_of

REPO = Path(__file__).resolve().parent.parent
_OS_REASONS = {
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.ENOSPC: "disque plein",
    errno.EEXIST: "un fichier porte déjà ce nom",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EROFS: "disque en lecture seule",
    errno.ENOENT: "dossier introuvable",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.EDQUOT: "quota de disque dépassé",
}


def _print_problems(problems: Sequence[ContentError], strict: bool = False) -> int:
    errors = [p for p in problems if not p.warning or strict]
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if errors:
        print(f"\n{len(errors)} erreur(s) : rien n'a été publié, le site précédent est intact.", file=sys.stderr)
        return 1
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = FrenchParser(
        prog="build.py",
        description="Passerelles : le site des métiers de l'autonomie.",
        epilog="Exemple : python build.py build --date 2026-11-23",
    )
    parser._positionals.title = "commandes"
    parser._optionals.title = "options"
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub._optionals.title = "options"
        sub.add_argument(
            "--source",
            type=Path,
            default=REPO,
            metavar="DOSSIER",
            help="dossier qui contient site.yaml et content/ (par défaut : le dépôt)",
        )
        return sub

    for name, text in (
        ("build", "construire le site dans le dossier de sortie"),
        ("check", "vérifier le contenu sans rien écrire"),
    ):
        sub = command(name, text)
        sub.add_argument(
            "--date", metavar="AAAA-MM-JJ", help="date de construction (par défaut : aujourd'hui, ou SOURCE_DATE_EPOCH)"
        )
        sub.add_argument("--drafts", action="store_true", help="inclure les brouillons")
        sub.add_argument("--strict", action="store_true", help="traiter les avertissements comme des erreurs")
        sub.add_argument(
            "--no-cache",
            dest="cache",
            action="store_false",
            help="ne pas lire ni écrire le cache .cache/calculs/ (le résultat est le même, en plus lent)",
        )
        if name == "build":
            sub.add_argument(
                "--output",
                type=Path,
                default=None,
                metavar="DOSSIER",
                help="dossier de sortie (par défaut : site/ dans le dossier source)",
            )
    serve = command("serve", "prévisualiser le site sur http://127.0.0.1, reconstruit à chaque modification")
    serve.add_argument("--port", type=int, default=8000, help="port (par défaut : 8000)")
    serve.add_argument("--drafts", action="store_true", help="inclure les brouillons")
    serve.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="DOSSIER",
        help="dossier de prévisualisation (par défaut : .apercu/ dans le dossier source)",
    )
    new = command("new", "créer une fiche à compléter")
    new.add_argument(
        "kind",
        metavar="TYPE",
        help="metier, temoignage, evenement, formation ou page (accents et pluriel acceptés)",
    )
    new.add_argument("slug", metavar="NOM", help="nom du fichier sans .md, ex. aide-soignant")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; exit code 0 on success, 1 on content errors, 2 on usage errors."""
    args = _parser().parse_args(argv)
    source = args.source.resolve()
    try:
        if args.command == "new":
            from .scaffold import create

            try:
                path = create(source, kind_of(args.kind), args.slug)
            except FileExistsError as exc:
                print(f"erreur : le fichier {exc.filename} existe déjà ; choisissez un autre nom.", file=sys.stderr)
                return 1
            print(
                f"Fiche créée : {path.relative_to(source)} — remplacez les « À COMPLÉTER », puis lancez "
                "« python build.py check »."
            )
            return 0
        if args.command == "serve":
            from .serve import serve

            return serve(source, args.output or source / ".apercu", args.port, args.drafts)
        day = build_date(args.date)
        if args.command == "check":
            from .builder import check

            site = check(source, day, args.drafts, args.cache)
            status = _print_problems(site.warnings, args.strict)
            if not status:
                formations = f", {len(site.formations)} formations" if site.formations else ""
                print(
                    f"Contenu valide : {len(site.metiers)} métiers{formations}, {len(site.temoignages)} témoignages, "
                    f"{len(site.evenements)} événements, {len(site.pages)} pages."
                )
            return status
        from .search import start_early
        from .writer import published_folder

        output = args.output or source / "site"
        early = start_early(published_folder(output.absolute()))  # before the engine is imported: a head start
        from .builder import build

        result = build(source, output, day, args.drafts, strict=args.strict, cache=args.cache, detach=True, early=early)
        _print_problems(result.site.warnings)
        print(
            f"Site construit : {result.files} fichiers dans {args.output or source / 'site'} "
            f"(date de construction : {day.isoformat()})."
        )
        return 0
    except BuildError as exc:
        return _print_problems(exc.errors, getattr(args, "strict", False))
    except ValueError as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        reason = _OS_REASONS.get(exc.errno or 0, exc.strerror)
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"erreur d'écriture : {reason}{where} ; le site précédent est intact.", file=sys.stderr)
        return 1
