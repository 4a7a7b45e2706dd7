"""The `dossier` command: `dossier [PATH]` opens the reader, `dossier VERB ...` runs a script-friendly view."""

from __future__ import annotations

import argparse
import importlib
import sys
import warnings
from typing import NoReturn

from dossier_tui import __version__
from dossier_tui.cli import output
from dossier_tui.model import DossierError

# verb -> module in dossier_tui.cli; each module has add_arguments(parser) and run(args) -> int.
COMMANDS = {
    "list": "list_cmd",
    "search": "search_cmd",
    "keys": "keys_cmd",
    "entities": "entities_cmd",
    "quotes": "quotes_cmd",
    "related": "related_cmd",
    "compare": "compare_cmd",
    "notes": "notes_cmd",
    "note": "note_cmd",
    "mark": "mark_cmd",
    "export": "export_cmd",
    "grant": "access_cmd",
    "revoke": "access_cmd",
    "publish": "publish_cmd",
    "dossiers": "dossiers_cmd",
}

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2, no usage dump
        output.error(message)
        raise SystemExit(EXIT_USAGE)


def _build_parser(verb: str | None = None) -> _Parser:
    """The parser of every command, or of VERB's alone (its module is then the only one imported:
    a warm command does not pay for the others' imports)."""
    parser = _Parser(
        prog="dossier",
        description="A terminal reader for research dossiers.",
        epilog="dossier [PATH] [--no-mouse] [--keymap NAME|PATH] [--theme NAME] opens the reader "
        "(dossier PATH --help for its options).",
    )
    parser.add_argument("--version", action="version", version=f"dossier-tui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, module_name in COMMANDS.items():
        if verb is not None and name != verb:
            continue
        module = importlib.import_module(f"dossier_tui.cli.{module_name}")
        command = sub.add_parser(name, help=(module.__doc__ or name).strip().splitlines()[0])
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def _build_reader_parser() -> _Parser:
    parser = _Parser(prog="dossier", description="Open the reader on a dossier (default: the built-in one).")
    from dossier_tui.cli import reader_cmd
    from dossier_tui.cli.common import dossier_path

    parser.add_argument("path", nargs="?", type=dossier_path, help="a dossier folder or one article file")

    reader_cmd.add_arguments(parser)
    return parser


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A library's warning as one line of ours, not its file, line and source."""
    output.error(f"warning: {message}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    warnings.showwarning = _one_line_warning
    output.configure()
    try:
        code = _run(argv)
        output.finish()
        return code
    except DossierError as error:
        output.error(error)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader of a pipe stopped early (`| head`): not an error
        output.discard_stdout()
        return EXIT_OK
    except output.OutputError as error:
        output.discard_stdout()
        output.error(f"cannot write the output: {error}")
        return EXIT_USAGE
    except Exception as error:
        # A database failure that no command translated (backends.postgres.failures) is still one line.
        if not type(error).__module__.startswith("psycopg"):
            raise
        from dossier_tui.backends.postgres.failures import explain

        output.error(explain(error))
        return EXIT_USAGE


def _is_excluded_word(word: str) -> bool:
    return word.startswith("-") and not word.startswith("--") and len(word) > 1


def _run(argv: list[str]) -> int:
    if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version")):
        args, extra = _build_parser(argv[0] if argv[0] in COMMANDS else None).parse_known_args(argv)
        # `search belarus -minsk`: a word excluded with "-" is part of the query, not an option.
        if extra and hasattr(args, "query") and all(_is_excluded_word(word) for word in extra):
            args.query = [*args.query, *extra]
        elif extra:
            _Parser().error(f"unrecognized arguments: {' '.join(extra)}")
        return args.run(args)
    from dossier_tui.cli import reader_cmd

    return reader_cmd.run(_build_reader_parser().parse_args(argv))
