"""Open the reader: `dossier [PATH] [--no-mouse] [--keymap NAME|PATH] [--theme NAME]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from dossier_tui.model import DossierError

# Themes that use the terminal's own 16 ANSI colours (right for 16-colour terminals and tmux).
ANSI_THEMES = ("ansi-dark", "ansi-light")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-mouse", action="store_true", help="leave the mouse to the terminal (select, paste)")
    parser.add_argument("--keymap", metavar="NAME|PATH", help="keymap preset (default, vim, emacs) or YAML file")
    parser.add_argument("--follow-links", action="store_true", help="also read symlinks that point outside the dossier")
    parser.add_argument(
        "--theme", metavar="NAME", help=f"colour theme, e.g. {', '.join(ANSI_THEMES)} for 16-colour terminals"
    )


def run(args: argparse.Namespace) -> int:
    if args.path is not None and not Path(args.path).exists():
        raise DossierError(f"{args.path}: no such file or folder")
    from dossier_tui.app import DossierApp

    app = DossierApp(args.path, keymap=args.keymap, mouse=not args.no_mouse, follow_links=args.follow_links)
    if args.theme:
        if args.theme not in app.available_themes:
            raise DossierError(f"unknown theme {args.theme!r}; try one of: {', '.join(sorted(app.available_themes))}")
        app.theme = args.theme
    app.run(mouse=app.mouse)
    return app.return_code or 0
