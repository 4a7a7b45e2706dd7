"""aliases.yaml at the dossier root wins over the automatic clusters; a bad file names its line."""

from __future__ import annotations

from dossier_tui.analysis import EntityType, analyze
from dossier_tui.corpus import load_dossier

def _analyze(root, aliases: str):
    (root / "aliases.yaml").write_text(aliases, encoding="utf-8")
    return analyze(load_dossier(root))

def test_merge_split_rename_retype_ignore(dossier_copy):
    analysis = _analyze(
        dossier_copy,
        "merge:\n"
        "  - [Defence Ministry, Defense Ministry, Belarusian Defense Ministry]\n"
        "split:\n"
        "  - Lavaleuski\n"
        "rename:\n"
        "  Lukashenka: Aliaksandr Lukashenka\n"
        "retype:\n"
        "  Kremlin: GROUP\n"
        "ignore:\n"
        "  - Telegram\n",
    )
    assert analysis.warnings == []
    ministry = analysis.entity("Belarusian Defense Ministry")
    assert ministry.name == "Defence Ministry" and set(ministry.aliases) >= {"Defense Ministry", "Defence Ministry"}
    assert analysis.entity("Lavaleuski").name == "Lavaleuski"
    assert "Lavaleuski" not in analysis.entity("Kavaleuski").aliases
    lukashenko = analysis.entity("Alexander Lukashenko")
    assert lukashenko.name == "Aliaksandr Lukashenka"
    assert all(m.entity == "Aliaksandr Lukashenka" for m in lukashenko.mentions)
    assert any(q.speaker == "Aliaksandr Lukashenka" for q in analysis.quotes)
    assert analysis.entity("Kremlin").type == EntityType.GROUP
    assert analysis.entity("Telegram") is None

def test_malformed_file_is_reported_with_its_line_and_ignored(dossier_copy):
    analysis = _analyze(dossier_copy, "merge:\n  - [Lukashenko, Lukashenka\nignore: [Telegram]\n")
    assert len(analysis.warnings) == 1
    assert "aliases.yaml:3:" in analysis.warnings[0]
    assert analysis.entity("Telegram") is not None  # the whole file was ignored
    assert analysis.entity("Lukashenka").name == "Alexander Lukashenko"


def test_bad_entries_are_reported_one_by_one_and_the_rest_applies(dossier_copy):
    analysis = _analyze(
        dossier_copy,
        "ignore:\n  - Telegram\n  - Nobody At All\nretype:\n  Kremlin: PLANET\nrenamed:\n  a: b\nmerge:\n  - Lukashenko\n",
    )
    lines = sorted(w.split("aliases.yaml:")[1].split(":")[0] for w in analysis.warnings)
    assert lines == ["3", "5", "6", "9"]
    assert analysis.entity("Telegram") is None
    assert analysis.entity("Kremlin").type == EntityType.ORG
