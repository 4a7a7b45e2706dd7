"""Annotations found again after the annotated file is edited, renamed or cut, through the CLI."""

from __future__ import annotations

import json

import pytest

from dossier_tui.annotations import Annotation, ArticleText, State, make_target, place_all
from dossier_tui.corpus import load_dossier
from tests.cli_run import cli

ARTICLE = "000_037e540408ff3126"
FILE = f"{ARTICLE}.txt"
QUOTE = "conducting explanatory work with the commanders of military units did not yield results"
PARAGRAPH = 2



def add(capsys, folder, *extra, quote=QUOTE, paragraph=PARAGRAPH, article=ARTICLE):
    argv = ["note", "add", "-d", str(folder), article, "--paragraph", str(paragraph), "--json", *extra]
    if quote is not None:
        argv += ["--quote", quote]
    code, out, err = cli(capsys, *argv)
    assert code == 0, err
    return json.loads(out)


def notes(capsys, folder) -> dict[str, dict]:
    code, out, err = cli(capsys, "notes", "-d", str(folder), "--json")
    assert code in (0, 1), err
    return {n["id"]: n for n in json.loads(out)}


def passage(folder, note) -> str:
    article = load_dossier(folder).get(note["article"])
    assert note["paragraph"] == note["end_paragraph"]
    return article.paragraphs[note["paragraph"]].text[note["start"] : note["end"]]


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_new_note_points_at_its_quote(dossier_copy, capsys):
    note = add(capsys, dossier_copy, "--note", "the letter", "--tag", "letter")
    assert (note["state"], note["paragraph"]) == ("anchored", PARAGRAPH)
    assert passage(dossier_copy, note) == QUOTE
    assert notes(capsys, dossier_copy)[note["id"]] == note


def test_paragraph_inserted_above(dossier_copy, capsys):
    note = add(capsys, dossier_copy)
    edit(dossier_copy / FILE, "In a statement addressed", "An editor's note added later.\n\nIn a statement addressed")
    moved = notes(capsys, dossier_copy)[note["id"]]
    assert (moved["state"], moved["paragraph"], moved["start"], moved["end"]) == ("anchored", PARAGRAPH + 1, note["start"], note["end"])
    assert passage(dossier_copy, moved) == QUOTE


def test_word_changed_next_to_the_quote(dossier_copy, capsys):
    note = add(capsys, dossier_copy)
    edit(dossier_copy / FILE, "he added that “conducting", "he then added that “conducting")
    found = notes(capsys, dossier_copy)[note["id"]]
    assert (found["state"], found["paragraph"], found["start"]) == ("anchored", PARAGRAPH, note["start"] + len("then "))
    assert passage(dossier_copy, found) == QUOTE


def test_word_changed_inside_the_quote(dossier_copy, capsys):
    note = add(capsys, dossier_copy)
    edit(dossier_copy / FILE, "did not yield results.", "did not bring any results.")
    found = notes(capsys, dossier_copy)[note["id"]]
    assert (found["state"], found["paragraph"], found["start"]) == ("moved", PARAGRAPH, note["start"])
    assert passage(dossier_copy, found) == QUOTE.replace("yield", "bring any")
    assert found["quote"] == QUOTE  # what the user quoted is kept as it was


def test_file_renamed_and_moved(dossier_copy, capsys):
    note = add(capsys, dossier_copy)
    (dossier_copy / "moved").mkdir()
    (dossier_copy / FILE).rename(dossier_copy / "moved" / "gulevich.txt")
    found = notes(capsys, dossier_copy)[note["id"]]
    assert (found["article"], found["state"], found["paragraph"], found["start"]) == ("moved/gulevich", "anchored", PARAGRAPH, note["start"])
    code, out, _ = cli(capsys, "notes", "-d", str(dossier_copy), "--article", "moved/gulevich", "--json")
    assert code == 0 and [n["id"] for n in json.loads(out)] == [note["id"]]


def test_file_renamed_and_edited_follows_by_quote(dossier_copy, capsys):
    note = add(capsys, dossier_copy)
    path = dossier_copy / FILE
    path.write_text(path.read_text(encoding="utf-8").replace("top military leader", "senior military leader"), encoding="utf-8")
    path.rename(dossier_copy / "gulevich.txt")
    found = notes(capsys, dossier_copy)[note["id"]]
    assert (found["article"], found["state"]) == ("gulevich", "anchored")
    assert passage(dossier_copy, found) == QUOTE


def test_quoted_sentence_deleted(dossier_copy, capsys):
    note = add(capsys, dossier_copy, "--note", "keep me")
    edit(dossier_copy / FILE, QUOTE + ". ", "")
    lost = notes(capsys, dossier_copy)[note["id"]]
    assert lost["state"] == "orphaned"
    assert (lost["paragraph"], lost["start"], lost["end"]) == (None, None, None)
    assert (lost["quote"], lost["note"], lost["article"]) == (QUOTE, "keep me", ARTICLE)
    code, out, _ = cli(capsys, "note", "attach", "-d", str(dossier_copy), note["id"], ARTICLE, "--paragraph", "2", "--quote", "I have the courage", "--json")
    attached = json.loads(out)
    assert code == 0 and (attached["state"], attached["note"], attached["quote"]) == ("anchored", "keep me", "I have the courage")
    assert notes(capsys, dossier_copy)[note["id"]]["state"] == "anchored"
    code, out, _ = cli(capsys, "note", "rm", "-d", str(dossier_copy), note["id"][:6])
    assert code == 0 and notes(capsys, dossier_copy) == {}


def test_whole_paragraph_follows_an_edit(dossier_copy, capsys):
    note = add(capsys, dossier_copy, quote=None, paragraph=1)
    original = load_dossier(dossier_copy).get(ARTICLE).paragraphs[1].text
    assert (note["start"], note["end"]) == (0, len(original))
    edit(dossier_copy / FILE, "top military leader", "senior military leader")
    found = notes(capsys, dossier_copy)[note["id"]]
    assert (found["state"], found["paragraph"], found["start"]) == ("moved", 1, 0)
    assert passage(dossier_copy, found) == original.replace("top military", "senior military")


def test_repeated_quote_keeps_the_occurrence_with_its_context(dossier_copy, capsys):
    # "Belarus" is everywhere: the note on the one in paragraph 2 stays there after an edit above.
    note = add(capsys, dossier_copy, quote="addressed to Belarus’s defense minister")
    edit(dossier_copy / FILE, "A top military leader in Belarus", "In Belarus’s defense minister circles, a top military leader in Belarus")
    found = notes(capsys, dossier_copy)[note["id"]]
    assert (found["state"], found["paragraph"], found["start"]) == ("anchored", PARAGRAPH, note["start"])


def test_range_over_two_paragraphs_survives_an_insert_above(dossier_copy):
    dossier = load_dossier(dossier_copy)
    text = ArticleText(dossier.get(ARTICLE))
    target = make_target(text, 1, 20, 2, 40)
    assert "\n\n" in target.quote
    annotation = Annotation("x1", target)
    edit(dossier_copy / FILE, "A top military leader", "A paragraph above.\n\nA top military leader")
    [placed] = place_all([annotation], load_dossier(dossier_copy))
    assert (placed.state, placed.paragraph, placed.start, placed.end_paragraph, placed.end) == (State.ANCHORED, 2, 20, 3, 40)


@pytest.mark.parametrize("article", ["no/such/article"])
def test_note_on_unknown_article_or_missing_quote_is_a_usage_error(dossier_copy, capsys, article):
    code, _, err = cli(capsys, "note", "add", "-d", str(dossier_copy), article, "--paragraph", "1")
    assert code == 2 and "no article" in err
    code, _, err = cli(capsys, "note", "add", "-d", str(dossier_copy), ARTICLE, "--paragraph", "1", "--quote", "not in it at all")
    assert code == 2 and "quote not found in paragraph 1" in err
    code, _, err = cli(capsys, "note", "add", "-d", str(dossier_copy), ARTICLE, "--paragraph", "99")
    assert code == 2 and "no paragraph 99" in err
    assert not (dossier_copy / "annotations.jsonl").exists()
