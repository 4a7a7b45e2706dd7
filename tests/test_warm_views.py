"""`list`, `entities` and `quotes` answer from what the last run stored while no file changed:
the same output as the cold path, byte for byte, without loading a file; never stale after an
edit, a new file, a deletion or an aliases.yaml change."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from dossier_tui.cli.main import main
from dossier_tui.pipeline import Workspace

GULEVICH = "000_037e540408ff3126"
COMMANDS = (("list",), ("list", "--json"), ("entities",), ("entities", "--json", "--type", "person"), ("quotes",), ("quotes", "--json"), ("quotes", "--speaker", "lukashenka", "--json"))


def run(capsys, folder, *argv: str) -> tuple[int, str, str]:
    code = main([argv[0], "-d", str(folder), *argv[1:]])
    out, err = capsys.readouterr()
    return code, out, err


def loads_files(folder, *argv: str) -> bool:
    """Whether the command, run in a real process, imported the loader (read the dossier's files)."""
    code = (
        "import sys\nfrom dossier_tui.cli.main import main\n"
        f"main({[argv[0], '-d', str(folder), *argv[1:]]!r})\n"
        "sys.stderr.write(str('dossier_tui.corpus.loader' in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "80"})
    return done.stderr.strip().endswith("True")


def test_warm_output_is_the_cold_output_and_reads_no_file(capsys, dossier_copy, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    cold = {argv: run(capsys, dossier_copy, *argv) for argv in COMMANDS}
    assert Workspace(dossier_copy).warm() is not None
    for argv in COMMANDS:
        assert run(capsys, dossier_copy, *argv) == cold[argv], argv
    assert json.loads(cold[("list", "--json")][1])[0]["paragraphs"]  # the articles whole
    assert not loads_files(dossier_copy, "quotes", "--json")
    assert not loads_files(dossier_copy, "entities")


def test_read_state_is_current_in_a_warm_list(capsys, dossier_copy):
    run(capsys, dossier_copy, "list", "--json")
    assert main(["mark", "-d", str(dossier_copy), "--read", GULEVICH]) == 0
    assert main(["mark", "-d", str(dossier_copy), "--flag", "todo", GULEVICH]) == 0
    capsys.readouterr()
    articles = {a["id"]: a for a in json.loads(run(capsys, dossier_copy, "list", "--json")[1])}
    assert articles[GULEVICH]["read"] and articles[GULEVICH]["flags"] == ["todo"]


@pytest.mark.parametrize("change", ["edit", "touch_edit", "new", "delete", "aliases"])
def test_a_change_is_never_answered_from_the_stored_result(capsys, dossier_copy, change):
    article = dossier_copy / f"{GULEVICH}.txt"
    run(capsys, dossier_copy, "entities", "--json")
    run(capsys, dossier_copy, "list", "--json")
    if change == "edit":
        article.write_text(article.read_text(encoding="utf-8") + "\n\n“We signed it,” said Viktor Zyxvarnik, the deputy minister.\n", encoding="utf-8")
    elif change == "touch_edit":  # same size, same mtime second: only the nanoseconds tell
        text = article.read_text(encoding="utf-8")
        before = article.stat()
        article.write_text(text.replace("Gulevich", "Gulevicz", 1), encoding="utf-8")
        os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns + 1))
    elif change == "new":
        (dossier_copy / "zz_new.txt").write_text("A minister resigns\n\n“We signed it,” said Viktor Zyxvarnik, the deputy minister.\n", encoding="utf-8")
    elif change == "delete":
        article.unlink()
    else:
        (dossier_copy / "aliases.yaml").write_text("rename:\n  Viktor Gulevich: Viktor Zyxvarnik\n", encoding="utf-8")
    entities = json.loads(run(capsys, dossier_copy, "entities", "--json")[1])
    listed = {a["id"]: a for a in json.loads(run(capsys, dossier_copy, "list", "--json")[1])}
    names = {alias for e in entities for alias in [e["name"], *e["aliases"]]}
    text = " ".join(p["text"] for a in listed.values() for p in a["paragraphs"])
    if change == "delete":
        assert GULEVICH not in listed
    elif change == "touch_edit":
        assert "Gulevicz" in text
    else:
        assert "Viktor Zyxvarnik" in names
        assert change == "aliases" or "Zyxvarnik" in text


def test_a_table_is_laid_out_as_rich_lays_it_out(capsys, dossier_copy, monkeypatch):
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from dossier_tui.corpus.normalise import printable

    quotes = json.loads(run(capsys, dossier_copy, "quotes", "--json")[1])
    columns = ("article", "¶", "speaker", "kind", "quote")
    rows = [(q["id"], ",".join(str(s["paragraph"]) for s in q["spans"]), q["speaker"] or "—", q["kind"], q["text"]) for q in quotes]
    for width in (60, 80, 200):
        monkeypatch.setenv("COLUMNS", str(width))
        grid = Table(box=None, pad_edge=False, header_style="bold")
        for name in columns:
            grid.add_column(Text(name), overflow="fold")
        for row in rows:
            grid.add_row(*(Text(printable(cell)) for cell in row))
        console = Console(width=width, file=open(os.devnull, "w"), record=True)
        console.print(grid)
        assert run(capsys, dossier_copy, "quotes")[1] == console.export_text(styles=False), width


@pytest.mark.parametrize("shape", ["md", "csv"])
def test_markdown_folders_and_one_file_exports_are_warm_too(capsys, news_dossier, shape, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    folder = news_dossier(60, shape)
    dossier = next(folder.glob("*.csv")) if shape == "csv" else folder
    commands = (("list",), ("list", "--json"), ("entities", "--json"), ("quotes",))
    cold = {argv: run(capsys, dossier, *argv) for argv in commands}
    assert Workspace(dossier).warm() is not None
    for argv in commands:
        assert run(capsys, dossier, *argv) == cold[argv], argv
    assert not loads_files(dossier, "list", "--json")
