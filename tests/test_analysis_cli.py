"""`dossier entities` and `dossier quotes` on the built-in dossier."""

from __future__ import annotations

import json

from dossier_tui.cli.main import main


def _json(capsys, *argv) -> tuple[int, list]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else []


def test_entities_json_shape_most_mentioned_first(capsys, seeds_dir):
    code, entities = _json(capsys, "entities", "-d", str(seeds_dir), "--json")
    assert code == 0
    assert set(entities[0]) == {"name", "type", "aliases", "count", "articles", "mentions"}
    assert [e["count"] for e in entities] == sorted((e["count"] for e in entities), reverse=True)
    assert {e["type"] for e in entities} <= {"PERSON", "PLACE", "ORG", "GROUP"}
    gulevich = next(e for e in entities if e["name"] == "Viktor Gulevich")
    assert set(gulevich["mentions"][0]) == {"id", "paragraph", "start", "end"}
    assert len(gulevich["articles"]) == 2 and gulevich["count"] == len(gulevich["mentions"])


def test_entities_type_filter(capsys):
    code, people = _json(capsys, "entities", "--json", "--type", "person")
    assert code == 0 and people and all(e["type"] == "PERSON" for e in people)
    assert "Alexander Lukashenko" in {e["name"] for e in people}


def test_quotes_by_any_spelling_of_a_speaker(capsys):
    code, quotes = _json(capsys, "quotes", "--json", "--speaker", "lukashenka")
    assert code == 0 and quotes
    assert {q["speaker"] for q in quotes} == {"Alexander Lukashenko"}
    assert set(quotes[0]) == {"id", "paragraph", "start", "end", "text", "speaker", "cue", "kind", "spans"}
    code, thomas = _json(capsys, "quotes", "--json", "--speaker", "Ms Thomas")
    assert code == 0 and {q["speaker"] for q in thomas} == {"Rosemary Thomas"} and len(thomas) == 4
    multi = [q for q in _json(capsys, "quotes", "--json", "--speaker", "Kavaleuski")[1] if len(q["spans"]) > 1]
    assert multi and "\n" in multi[0]["text"]


def test_nothing_found_exits_1(capsys):
    assert main(["quotes", "--speaker", "Nobody Anyone"]) == 1
    assert main(["entities", "--json", "--type", "group", "-d", "/dev/null/none"]) == 2


def test_tables_without_json(capsys):
    assert main(["entities", "--type", "place"]) == 0
    assert "Kyiv" in capsys.readouterr().out
    assert main(["quotes"]) == 0
    assert "Franak Viacorka" in capsys.readouterr().out
