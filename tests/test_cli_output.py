"""What the CLI prints, whatever the files hold and wherever stdout goes (issue 14, High 1 and 4).

Real `dossier` processes on a copy of the seeds with hostile names and titles: nothing a file
holds may steer the terminal or be read as Rich markup, and a full disk, a closed pipe or an
ASCII terminal gives one line (or nothing), never a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

# Sets the window title / writes the clipboard when printed raw; U+202E shows text reversed.
EVIL_NAME = "evil\x1b]0;PWNED\x07\u202eod\x1b]52;c;aGk=\x1b\\"
MARKUP_TITLE = "[/bold] Letters [link=http://evil.example]click[/link] on application[s] by [his] son"


def dossier(*args: str, env: dict[str, str] | None = None, **kwargs):
    kwargs.setdefault("capture_output", True)
    return subprocess.run(
        [sys.executable, "-m", "dossier_tui", *args],
        text=True, timeout=120, env={**os.environ, "COLUMNS": "200", **(env or {})}, **kwargs,
    )


@pytest.fixture
def hostile(dossier_copy):
    first = sorted(dossier_copy.glob("000_*.txt"))[0]
    shutil.copy(first, dossier_copy / f"{EVIL_NAME}.txt")  # the same text: it is related to 000
    (dossier_copy / "markup.md").write_text(
        f'---\ntitle: "{MARKUP_TITLE}"\nsource: "[bold]Outlet\\u200d\\U0001F469\\u200d\\U0001F467"\n---\n\n'
        f'“Our application[s] were [his] idea [/bold] and [/],” said Viktor Cooper, the ministry spokesman.\n',
        encoding="utf-8",
    )
    (dossier_copy / f"{EVIL_NAME}.bin").write_bytes(b"x")  # a warning that names it
    return dossier_copy


def assert_inert(text: str, unsafe_chars: str = "\x1b\x07\u202e\x9b\u200d") -> None:
    for unsafe in unsafe_chars:
        assert unsafe not in text, f"{unsafe!r} reached the terminal"


def test_ids_titles_and_warnings_are_printed_inert_in_every_command(hostile):
    evil_id = f"{EVIL_NAME}"
    runs = [
        dossier("list", "-d", str(hostile)),
        dossier("search", "-d", str(hostile), "resignation"),
        dossier("related", "-d", str(hostile), evil_id),
        dossier("compare", "-d", str(hostile), evil_id, sorted(hostile.glob("000_*.txt"))[0].stem),
        dossier("quotes", "-d", str(hostile)),
        dossier("entities", "-d", str(hostile)),
    ]
    for run in runs:
        assert run.returncode == 0, run.stderr
        assert "Traceback" not in run.stderr
        assert_inert(run.stdout)
        assert_inert(run.stderr)
    listing = runs[0].stdout
    assert "evil\ufffd]0;PWNED\ufffd\ufffdod" in listing  # shown, visibly marked, not obeyed
    assert "warning: " in runs[0].stderr and "evil\ufffd]0;PWNED" in runs[0].stderr


def test_markup_in_titles_and_quotes_is_printed_as_written(hostile):
    listing = dossier("list", "-d", str(hostile))
    assert listing.returncode == 0, listing.stderr
    assert MARKUP_TITLE in listing.stdout
    quotes = dossier("quotes", "-d", str(hostile))
    assert quotes.returncode == 0, quotes.stderr
    assert "application[s] were [his] idea [/bold] and [/]" in " ".join(quotes.stdout.split())
    found = dossier("search", "-d", str(hostile), "application")
    assert MARKUP_TITLE in found.stdout


def test_no_hyperlink_or_style_comes_from_file_content_on_a_terminal(hostile):
    # Rich writes styles (and would write OSC 8 hyperlinks) when it believes stdout is a terminal.
    run = dossier("list", "-d", str(hostile), env={"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"})
    assert run.returncode == 0, run.stderr
    assert "\x1b]8;" not in run.stdout
    assert "[link=http://evil.example]click[/link]" in run.stdout


def test_a_zero_width_joiner_does_not_shift_the_list_columns(hostile):
    from rich.cells import cell_len

    rows = dossier("list", "-d", str(hostile)).stdout.splitlines()
    date_column = {cell_len(row.rstrip()) - cell_len(row.rstrip()[-10:]) for row in rows[1:] if row.rstrip()[-10:-6].isdigit()}
    assert len(date_column) == 1
    assert len({cell_len(row) for row in rows}) == 1  # every row the same width


def test_json_keeps_strings_whole_and_escapes_what_a_terminal_obeys(hostile):
    run = dossier("list", "-d", str(hostile), "--json")
    assert_inert(run.stdout, "\x1b\x07\u202e\x9b")  # a joiner is data here, not layout
    ids = {article["id"] for article in json.loads(run.stdout)}
    assert EVIL_NAME in ids  # the data itself is unchanged


def test_ascii_stdout_prints_without_a_traceback(hostile):
    for args in (("list",), ("quotes",), ("list", "--json")):
        run = dossier(*args, "-d", str(hostile), env={"PYTHONIOENCODING": "ascii"})
        assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    run = dossier("list", "--json", "-d", str(hostile), env={"PYTHONIOENCODING": "ascii"})
    assert any(article["title"] == MARKUP_TITLE for article in json.loads(run.stdout))


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_a_full_disk_is_one_line_and_exit_2(seeds_dir):
    where = ("-d", str(seeds_dir))
    for args in (("list", *where), ("list", "--json", *where), ("search", "belarus", *where), ("keys",)):
        with open("/dev/full", "w") as full:
            run = dossier(*args, stdout=full, stderr=subprocess.PIPE, capture_output=False)
        assert run.returncode == 2, (args, run.stderr)
        assert run.stderr.count("\n") == 1 and run.stderr.startswith("dossier: cannot write the output"), run.stderr


def test_a_reader_that_stops_early_is_not_an_error(seeds_dir):
    for args in (("search", "-d", str(seeds_dir), "belarus"), ("list", "-d", str(seeds_dir)), ("quotes", "-d", str(seeds_dir))):
        process = subprocess.Popen(
            [sys.executable, "-m", "dossier_tui", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        process.stdout.close()  # like `| head -1` that has already exited
        stderr = process.stderr.read()
        assert process.wait(timeout=120) == 0, stderr
        assert stderr == ""
