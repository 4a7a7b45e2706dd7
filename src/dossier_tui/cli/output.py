"""Everything the CLI prints goes through here: plain text, never read as Rich markup, made safe
for any terminal (`printable`), any encoding, a closed pipe and a full disk.

Article text is data: `[/bold]` in a title once crashed `dossier list`, `[link=...]` became a
hyperlink and `application[s]` lost its bracket, because strings reached Rich as markup. Here
strings only ever become `Text`, which Rich never parses.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from typing import IO, TYPE_CHECKING, Any

from dossier_tui import json_text
from dossier_tui.corpus.normalise import UNPRINTABLE, printable

if TYPE_CHECKING:  # Rich is imported when a table or styled line is printed, not for JSON
    from rich.console import Console
    from rich.text import Text


Part = str | tuple[str, str]


class OutputError(Exception):
    """Standard output cannot be written (a full disk, a closed terminal): one line, exit 2."""


def configure() -> None:
    """Streams that never raise on a character they cannot encode (PYTHONIOENCODING=ascii, C locale)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def console(stream: IO[str] | None = None) -> Console:
    return _console_class()(file=stream or sys.stdout, soft_wrap=False, markup=False, highlight=False, emoji=False)


@cache
def _console_class() -> type[Console]:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich exits with status 1; a reader that stops early (`| head -1`) is not an error.
            raise BrokenPipeError

    return _Console


def line(*parts: Part) -> None:
    """One line on stdout; each part is text, or (text, Rich style) shown styled on a terminal."""
    show(text(*parts))


def lines(texts: Iterable[str]) -> None:
    _write("".join(printable(text) + "\n" for text in texts))


def document(text: str) -> None:
    """A document written to stdout (an export): its lines kept, each made printable."""
    _write("\n".join(printable(part) for part in text.split("\n")))


def show(renderable: Any, *, soft_wrap: bool = False) -> None:
    """A Rich renderable built from `table`/`line` parts (never from raw strings)."""
    try:
        console().print(renderable, soft_wrap=soft_wrap)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputError(_reason(error)) from None


def table(columns: Sequence[str], rows: Iterable[Sequence[str]], options: dict[str, dict[str, Any]] | None = None) -> None:
    """Print a borderless table of plain cells (`text_table`: Rich's layout, without Rich's cost
    per cell); OPTIONS maps a column to its settings (width, no_wrap, justify). The header is
    bold on a terminal."""
    print_table(*table_text(columns, rows, options))


def table_text(
    columns: Sequence[str], rows: Iterable[Sequence[str]], options: dict[str, dict[str, Any]] | None = None
) -> tuple[list[str], str]:
    """The table laid out in the output's width: its header lines, and the text of its rows."""
    from dossier_tui.cli import text_table

    header = [printable(name) for name in columns]
    settings = {name: (options or {}).get(column, {}) for name, column in zip(header, columns)}
    widths, cells = text_table.layout(header, ([printable(cell) for cell in row] for row in rows), settings, width())
    laid_out = text_table.Rows(header, widths, settings)
    return laid_out.lines(header, header=True), "".join(text + "\n" for row in cells for text in laid_out.lines(row))


def print_table(head: list[str], body: str) -> None:
    """A table laid out by `table_text` (perhaps by an earlier run: see `stored_result.laid_out`)."""
    if _is_terminal():
        for part in head:
            line((part, "bold"))
    else:
        _write("".join(part + "\n" for part in head))
    _write(body)


def _is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def width() -> int:
    """The width to lay text out in: the terminal's (any of the standard streams), $COLUMNS, else
    80, as Rich decides it."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    for descriptor in (0, 1, 2):
        try:
            return os.get_terminal_size(descriptor).columns or 80
        except (OSError, ValueError):
            continue
    return 80


def json_out(data: object) -> None:
    """Strict JSON on stdout, indented; ASCII escapes when stdout cannot encode the rest."""
    if isinstance(data, list):
        json_items([json_text.item(value) for value in data])
    else:
        _json_write(json.dumps(data, ensure_ascii=False, indent=2))


def json_items(items: list[str]) -> None:
    """A JSON list of items rendered by `json_text.item` (a stored table): the same text as
    `json_out` of the values."""
    _json_write(json_text.array(items))


def _json_write(text: str) -> None:
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("_", "-")
    if not encoding.startswith("utf"):
        text = json_text.ascii_escaped(text)
    # json escapes C0 controls itself; C1 and bidi controls (which a terminal would obey) and lone
    # surrogates (which cannot be encoded) it leaves raw: \uXXXX escapes are the same JSON value.
    _write(UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def warn(message: object) -> None:
    _stderr(f"warning: {message}")


def notice(message: object) -> None:
    _stderr(f"notice: {message}")


def error(message: object) -> None:
    _stderr(f"dossier: {message}")


def problem(message: object) -> None:
    """A line of a problem report that carries its own prefix (`file:line: message`)."""
    _stderr(str(message))


def finish() -> None:
    """Flush stdout, so a full disk is reported here and not by the interpreter on exit."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputError(_reason(error)) from None


def discard_stdout() -> None:
    """Point stdout at /dev/null: what is still buffered is dropped, not reported on exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass  # no file descriptor (a test's captured stream): nothing will be flushed to it


def text(*parts: Part) -> Text:
    """Rich Text of PARTS (text, or (text, style)), each made printable, never read as markup."""
    from rich.text import Text

    out = Text()
    for part in parts:
        if isinstance(part, tuple):
            out.append(printable(part[0]), style=part[1])
        else:
            out.append(printable(part))
    return out


def _write(text: str) -> None:
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputError(_reason(error)) from None


def _stderr(message: str) -> None:
    try:
        sys.stderr.write(printable(message) + "\n")
    except OSError:
        pass  # nowhere left to say it


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()
