"""`related ID` (and `compare`) answer from the stored links and the index's records while nothing
changed: the same output as the cold path, without loading the dossier; links made from other
files (an edit the index has seen but the links have not) are never used."""

from __future__ import annotations

import subprocess
import sys

from dossier_tui.cli.main import main
from dossier_tui.pipeline import Workspace

GULEVICH = "000_037e540408ff3126"
COMMANDS = (("related", GULEVICH), ("related", GULEVICH, "--json"), ("related", GULEVICH, "--paragraph", "2", "--json"))


def run(capsys, folder, *argv: str) -> tuple[int, str, str]:
    code = main([argv[0], "-d", str(folder), *argv[1:]])
    out, err = capsys.readouterr()
    return code, out, err


def cold(folder) -> None:
    Workspace(folder).open_all()


def test_warm_related_is_the_cold_output_without_loading(capsys, dossier_copy):
    other = sorted(p.stem for p in dossier_copy.glob("00*.txt") if p.stem != GULEVICH)[0]
    commands = (*COMMANDS, ("compare", GULEVICH, other, "--json"))
    # No search index yet: these run cold (load, analyse, link) and store the links.
    expected = {argv: run(capsys, dossier_copy, *argv) for argv in commands}
    Workspace(dossier_copy).index()
    warm = Workspace(dossier_copy)
    assert warm.warm_related() is not None and warm.dossier is None and warm.analysis is None
    for argv in commands:
        assert run(capsys, dossier_copy, *argv) == expected[argv], argv
    assert expected[COMMANDS[1]][0] == 0  # there are links to compare
    probe = (
        "import sys\nfrom dossier_tui.cli.main import main\n"
        f"main(['related', '-d', {str(dossier_copy)!r}, {GULEVICH!r}, '--json'])\n"
        "sys.stderr.write(str('dossier_tui.corpus.loader' in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.stderr.strip().endswith("False"), done.stderr


def test_links_older_than_the_index_are_not_used(capsys, dossier_copy):
    cold(dossier_copy)
    article = dossier_copy / f"{GULEVICH}.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\n\nZyxvarnik signed the letter of resignation.\n", encoding="utf-8")
    workspace = Workspace(dossier_copy)
    workspace.index()  # a search brings the index up to date; the links are not relinked
    assert Workspace(dossier_copy).open_warm()
    assert Workspace(dossier_copy).warm_related() is None
    code, out, _ = run(capsys, dossier_copy, "related", GULEVICH, "--json")
    assert code in (0, 1) and Workspace(dossier_copy).warm_related() is not None  # relinked, stored


def test_a_mistyped_id_is_one_line_warm_or_cold(capsys, dossier_copy):
    for _ in range(2):  # cold, then warm
        assert run(capsys, dossier_copy, "related", "no-such-id")[0] == 2
        cold(dossier_copy)
