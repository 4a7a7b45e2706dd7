"""One organisation under the names outlets give it (issue #13: ISIL at Al Jazeera, ISIS and
Islamic State elsewhere were three entities on the 3,824 NewsArticles)."""

from __future__ import annotations

from dossier_tui.analysis import analyze
from dossier_tui.analysis.analyzer import KNOWN_ALIASES
from dossier_tui.analysis.user_aliases import read_aliases
from dossier_tui.corpus import load_dossier

PASSAGES = {
    "aljazeera.txt": "Shrine attack\n\nISIL, also known as the Islamic State of Iraq and the Levant, claimed "
                     "responsibility for the attack as they oppose the culture of grave-worshipping.\n",
    "bbc.txt": "Mosul\n\nIraqi forces say they are pushing into the Old City of Mosul and closing in on a key mosque "
               "despite fierce resistance from Islamic State militants.\n",
    "cnn.txt": "Raqqa\n\nThe US-led coalition said the strikes hit ISIS positions near Raqqa on Tuesday.\n",
}


def test_isil_isis_and_islamic_state_are_one_entity(tmp_path):
    for name, text in PASSAGES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    analysis = analyze(load_dossier(tmp_path))
    found = {analysis.entity(name).name for name in ("ISIL", "ISIS", "Islamic State")}
    assert found == {"Islamic State"}
    assert len(analysis.entity("ISIS").articles) == 3


def test_the_built_in_names_file_reads_without_a_problem():
    aliases, problems = read_aliases(KNOWN_ALIASES)
    assert problems == [] and aliases.merge
