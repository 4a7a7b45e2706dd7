"""`dossier notes`, `note add|rm`, `mark`, `export` and `list --json` as scripts use them."""

from __future__ import annotations

import csv
import io
import json
import os
from html.parser import HTMLParser

import pytest

from dossier_tui.cli.main import main
from tests.cli_run import cli

GULEVICH = "000_037e540408ff3126"
QUOTE = "conducting explanatory work with the commanders of military units did not yield results"



@pytest.fixture
def annotated(dossier_copy, capsys):
    """The seeds with three annotations: a quote with a Markdown note and two tags, a whole
    paragraph, and one whose passage is then cut from the file (orphaned)."""
    d = str(dossier_copy)
    cli(capsys, "note", "add", "-d", d, GULEVICH, "--paragraph", "2", "--quote", QUOTE, "--note", "The **letter** <script>x</script>", "--tag", "letter", "--tag", "army", "--label", "evidence")
    cli(capsys, "note", "add", "-d", d, GULEVICH, "--paragraph", "1", "--tag", "army")
    cli(capsys, "note", "add", "-d", d, GULEVICH, "--paragraph", "3", "--quote", "Oleksiy Arestovych, a Ukrainian presidential adviser", "--note", "who?")
    path = dossier_copy / f"{GULEVICH}.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Oleksiy Arestovych, a Ukrainian presidential adviser, indicated", "He indicated"), encoding="utf-8")
    return dossier_copy


def test_notes_json_fields_and_filters(annotated, capsys):
    code, out, _ = cli(capsys, "notes", "-d", str(annotated), "--json")
    found = json.loads(out)
    assert code == 0 and len(found) == 3
    assert set(found[0]) >= {"id", "article", "paragraph", "start", "end", "quote", "note", "tags", "label", "state", "created", "updated"}
    assert [n["state"] for n in found] == ["anchored", "anchored", "orphaned"]
    _, out, _ = cli(capsys, "notes", "-d", str(annotated), "--tag", "letter", "--json")
    assert [n["quote"] for n in json.loads(out)] == [QUOTE]
    code, out, _ = cli(capsys, "notes", "-d", str(annotated), "--article", "nothing-here", "--json")
    assert code == 1 and json.loads(out) == []


def test_notes_plain_output_is_safe_text(annotated, capsys):
    code, out, _ = cli(capsys, "note", "add", "-d", str(annotated), GULEVICH, "--paragraph", "1", "--note", "bell \x07 and \x1b[31mred")
    code, out, _ = cli(capsys, "notes", "-d", str(annotated))
    assert code == 0 and "#letter #army" in out and "orphaned" in out
    assert "\x1b" not in out and "\x07" not in out


def test_mark_and_list_json(annotated, capsys):
    d = str(annotated)
    assert cli(capsys, "mark", "-d", d, GULEVICH, "--read")[0] == 0
    assert cli(capsys, "mark", "-d", d, GULEVICH, "--flag", "key source")[0] == 0
    code, out, _ = cli(capsys, "mark", "-d", d, GULEVICH, "--flag", "dubious", "--json")
    assert json.loads(out) == {"id": GULEVICH, "read": True, "flags": ["dubious", "key source"]}
    cli(capsys, "mark", "-d", d, GULEVICH, "--unflag", "dubious")
    _, out, _ = cli(capsys, "list", "-d", d, "--json")
    rows = {row["id"]: row for row in json.loads(out)}
    assert (rows[GULEVICH]["read"], rows[GULEVICH]["flags"]) == (True, ["key source"])
    assert all(row["read"] is False and row["flags"] == [] for key, row in rows.items() if key != GULEVICH)
    assert cli(capsys, "mark", "-d", d, "nope", "--read")[0] == 2
    with pytest.raises(SystemExit) as exit_:
        main(["mark", "-d", d, GULEVICH])  # nothing to do: argparse's usage error
    assert exit_.value.code == 2


def test_export_markdown_has_citations(annotated, capsys):
    code, out, _ = cli(capsys, "export", "-d", str(annotated), "--format", "md")
    assert code == 0
    assert out.startswith("# Annotations: dossier")
    assert "## Belarus Major General Resigns Instead Of Following Putin Orders" in out
    assert f"> {QUOTE}" in out and "The **letter**" in out
    assert "— “Belarus Major General Resigns Instead Of Following Putin Orders”, ¶2" in out
    assert "passage not found in the current text" in out


def test_export_by_tag_lists_a_note_under_each_of_its_tags(annotated, capsys):
    _, out, _ = cli(capsys, "export", "-d", str(annotated), "--format", "json", "--group", "tag")
    groups = {g["key"]: g["annotations"] for g in json.loads(out)["groups"]}
    assert list(groups) == ["army", "letter", "(no tag)"]
    assert len(groups["army"]) == 2 and groups["letter"][0]["quote"] == QUOTE
    citation = groups["letter"][0]["citation"]
    assert citation["title"].startswith("Belarus Major General") and citation["paragraph"] == "2"


def test_export_jsonld_is_a_web_annotation_collection(annotated, capsys):
    _, out, _ = cli(capsys, "export", "-d", str(annotated), "--format", "jsonld")
    data = json.loads(out)
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == 3
    items = data["first"]["items"]
    assert all(item["type"] == "Annotation" and item["id"].startswith("urn:") for item in items)
    letter = next(i for i in items if any(b.get("value") == "letter" for b in i["body"]))
    assert letter["motivation"] == "commenting"
    assert {"type": "TextualBody", "value": "army", "purpose": "tagging"} in letter["body"]
    quote, position = letter["target"]["selector"]
    assert (quote["type"], quote["exact"], position["type"]) == ("TextQuoteSelector", QUOTE, "TextPositionSelector")
    assert position["end"] - position["start"] == len(QUOTE)


def test_export_csv_reads_back_with_the_csv_module(annotated, capsys):
    cli(capsys, "note", "add", "-d", str(annotated), GULEVICH, "--paragraph", "1", "--note", 'line one\nline "two", with comma')
    _, out, _ = cli(capsys, "export", "-d", str(annotated), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert len(rows) == 4
    letter = next(r for r in rows if r["quote"] == QUOTE)
    assert (letter["tags"], letter["paragraph"], letter["label"], letter["state"]) == ("letter; army", "2", "evidence", "anchored")
    assert any(r["note"] == 'line one\nline "two", with comma' for r in rows)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_export_html_is_one_safe_page(annotated, capsys, tmp_path):
    target = tmp_path / "report.html"
    code, _, err = cli(capsys, "export", "-d", str(annotated), "--format", "html", "-o", str(target))
    assert code == 0 and "3 annotations written" in err
    page = target.read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(page)
    assert "script" not in parser.tags and "link" not in parser.tags  # self-contained, and the note's <script> is text
    assert "strong" in parser.tags  # the note's Markdown is rendered
    text = "".join(parser.text)
    assert QUOTE in text and "<script>x</script>" in text


def test_export_replaces_a_file_atomically_and_reports_unwritable_paths(annotated, capsys, tmp_path):
    target = tmp_path / "report.md"
    target.write_text("old report", encoding="utf-8")
    inode = os.stat(target).st_ino
    assert cli(capsys, "export", "-d", str(annotated), "--format", "md", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# Annotations") and os.stat(target).st_ino != inode
    code, out, err = cli(capsys, "export", "-d", str(annotated), "--format", "md", "-o", str(tmp_path / "missing" / "r.md"))
    assert code == 2 and err.count("\n") == 1 and "cannot write" in err
    assert cli(capsys, "export", "-d", str(annotated), "--format", "md", "--tag", "nothing")[0] == 1
