"""Read state and flags follow a renamed or moved file by its text digest, as annotations do."""

from __future__ import annotations

import json

from dossier_tui.annotations.dossier_annotations import DossierAnnotations
from dossier_tui.cli.main import main
from dossier_tui.corpus import load_dossier

GULEVICH = "000_037e540408ff3126"


def listed(capsys, folder) -> dict[str, dict]:
    capsys.readouterr()
    assert main(["list", "-d", str(folder), "--json"]) == 0
    return {a["title"]: a for a in json.loads(capsys.readouterr().out)}


def test_read_state_and_flags_follow_a_renamed_file(dossier_copy, capsys):
    d = str(dossier_copy)
    assert main(["mark", "-d", d, GULEVICH, "--read"]) == 0
    assert main(["mark", "-d", d, GULEVICH, "--flag", "key source"]) == 0
    title = next(a["title"] for a in listed(capsys, dossier_copy).values() if a["id"] == GULEVICH)
    (dossier_copy / "moved").mkdir()
    (dossier_copy / f"{GULEVICH}.txt").rename(dossier_copy / "moved" / "gulevich.txt")

    now = listed(capsys, dossier_copy)[title]
    assert now["id"] != GULEVICH and now["read"] and now["flags"] == ["key source"]
    notes = DossierAnnotations(load_dossier(dossier_copy))
    assert notes.is_read(now["id"]) and notes.flags(now["id"]) == {"key source"}
    assert notes.unread(a.id for a in notes.dossier.articles) == len(notes.dossier.articles) - 1

    # Changes under the new id come after those under the old one: the flag is cleared, not kept.
    assert main(["mark", "-d", d, now["id"], "--unflag", "key source"]) == 0
    assert main(["mark", "-d", d, now["id"], "--unread"]) == 0
    again = listed(capsys, dossier_copy)[title]
    assert not again["read"] and again["flags"] == []
