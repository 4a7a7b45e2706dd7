"""Hostile files (issue 14, High 3 and Medium): one bad file is one warning, the rest loads, and
every parser finishes in time linear in its input. Each case once stopped the whole dossier or
took minutes; a test here fails by its timeout, not by a measured time."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from dossier_tui.corpus import load_dossier

GOOD = "Good article\n\nThe minister resigned on Tuesday, officials said in a statement.\n"
LAUGHS = "---\n" + "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi")
) + "title: *i\n---\n\nBody text of the page.\n"


def load_with(tmp_path, name: str, content: str | bytes):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    target = tmp_path / name
    target.write_bytes(content) if isinstance(content, bytes) else target.write_text(content, encoding="utf-8")
    dossier = load_dossier(tmp_path)
    assert "good" in {a.id for a in dossier.articles}, "one bad file stopped the others"
    return dossier, [w for w in dossier.warnings if name in str(w)]


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("deep.json", "[" * 6000 + "]" * 6000, None),
        ("deep.jsonl", '{"title": "Fine", "text": "The words of the text are here."}\n{"text": "x", "n": ' + "[" * 6000 + "]" * 6000 + "}\n", 2),
        ("laughs.md", LAUGHS, 3),
        ("fm-nested.md", "---\ntitle: " + "[" * 6000 + "]" * 6000 + "\n---\n\nBody text.\n", 2),
    ],
    ids=["json", "jsonl", "front-matter-aliases", "front-matter-nested"],
)
def test_a_file_nested_thousands_deep_is_one_warning(tmp_path, name, content, line):
    dossier, warnings = load_with(tmp_path, name, content)
    assert len(warnings) == 1, dossier.warnings
    assert warnings[0].line == line


def test_a_5000_digit_integer_does_not_lose_the_record(tmp_path):
    record = {"title": "Big number", "text": "The text of the record is here.", "views": 0}
    text = json.dumps(record).replace('"views": 0', '"views": ' + "9" * 5000)
    dossier, warnings = load_with(tmp_path, "export.json", text)
    assert "Big number" in {a.title for a in dossier.articles} and warnings == []


def test_an_impossible_date_in_front_matter_with_a_list_loads_the_article(tmp_path):
    text = "---\ntitle: February\ndate: 2023-02-30\ntags: [a, b]\n---\n\nThe body of the article.\n"
    dossier, _ = load_with(tmp_path, "feb.md", text)
    article = next(a for a in dossier.articles if a.id == "feb")
    assert article.title == "February" and article.date is None


@pytest.mark.timeout(60)
@pytest.mark.parametrize("pattern", ["[a](x", "![a](x", "[a", "<a", "<http:x", "**a", "`a", "[a](x(y", "[a][x"])
def test_a_megabyte_of_unclosed_markdown_loads_in_linear_time(tmp_path, pattern):
    body = "Some words first. " + pattern * (1_000_000 // len(pattern))
    dossier, _ = load_with(tmp_path, "big.md", "---\ntitle: t\n---\n\n" + body + "\n")
    assert "big" in {a.id for a in dossier.articles}


def test_a_record_over_the_article_limit_is_skipped_and_the_rest_of_the_export_loads(tmp_path):
    lines = [json.dumps({"title": "Huge", "text": "word " * 2_200_000}), json.dumps({"title": "Small", "text": "Fine text."})]
    dossier, warnings = load_with(tmp_path, "export.jsonl", "\n".join(lines) + "\n")
    assert {a.title for a in dossier.articles} >= {"Small"} and "Huge" not in {a.title for a in dossier.articles}
    assert len(warnings) == 1 and warnings[0].line == 1 and "too large" in warnings[0].message


def test_symlinks_outside_the_dossier_are_skipped_unless_asked_for(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret\n\nThe contents of a private file elsewhere.\n", encoding="utf-8")
    folder = tmp_path / "dossier"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "secret.txt").symlink_to(outside / "secret.txt")
    (folder / "elsewhere").symlink_to(outside, target_is_directory=True)
    (folder / "inside.txt").symlink_to(folder / "good.txt")  # inside: the existing rule (one path per file)
    dossier = load_dossier(folder)
    assert {a.id for a in dossier.articles} == {"good"}
    outside_warnings = [w for w in dossier.warnings if "outside the dossier" in w.message]
    assert len(outside_warnings) == 2
    followed = load_dossier(folder, follow_links=True)
    assert {"secret", "elsewhere/secret"} & {a.id for a in followed.articles}
    cli = subprocess.run(
        [sys.executable, "-m", "dossier_tui", "list", "--json", "--follow-links", "-d", str(folder)],
        capture_output=True, text=True, timeout=60, env=os.environ,
    )
    assert {"secret", "elsewhere/secret"} & {a["id"] for a in json.loads(cli.stdout)}


def test_an_empty_dossier_path_is_an_error_not_the_builtin_dossier():
    for args in (["list", "-d", ""], ["search", "-d", "", "belarus"], [""]):
        run = subprocess.run([sys.executable, "-m", "dossier_tui", *args], capture_output=True, text=True, timeout=60)
        assert run.returncode == 2 and run.stdout == "" and "empty dossier path" in run.stderr


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_not_called_binary(tmp_path, encoding):
    text = "Minsk letter\n\nThe general wrote to the ministry, officials in Мінск said on Tuesday.\n"
    dossier, warnings = load_with(tmp_path, "windows.txt", text.encode(encoding))
    article = next(a for a in dossier.articles if a.id == "windows")
    assert any("Мінск" in p.text for p in article.body) and [w.message for w in warnings] == [f"UTF-16 without a byte order mark, read as {encoding}"]


def test_binary_with_zero_bytes_is_still_binary(tmp_path):
    _, warnings = load_with(tmp_path, "blob.txt", bytes(range(256)) * 64)
    assert [w.message for w in warnings] == ["binary file, not text, skipped"]


@pytest.mark.timeout(60)
def test_a_saved_page_of_megabytes_of_table_is_skipped_and_inline_images_do_not_count(tmp_path):
    table = "<table>" + "".join(f"<tr><td>cell {i}</td><td>value {i}</td></tr>" for i in range(150_000)) + "</table>"
    page = "<html><head><title>{}</title></head><body><article><h1>{}</h1><p>{}</p>{}</article></body></html>"
    intro = "The minister resigned on Tuesday, officials said in a long statement to the press. " * 5
    dossier, warnings = load_with(tmp_path, "table.html", page.format("Table", "Table", intro, table))
    assert "table" not in {a.id for a in dossier.articles}
    assert len(warnings) == 1 and "saved page too large" in warnings[0].message
    image = '<img src="data:image/png;base64,' + "QUJD" * 1_500_000 + '">'
    dossier, warnings = load_with(tmp_path, "photo.html", page.format("Photo", "Photo", intro, image))
    assert "photo" in {a.id for a in dossier.articles} and warnings == []


@pytest.mark.timeout(60)
def test_megabytes_of_front_matter_are_one_warning(tmp_path):
    text = "---\ntitle: Big\ntags:\n" + "- a\n" * 1_000_000 + "---\n\nThe body of the article is here.\n"
    dossier, warnings = load_with(tmp_path, "big-fm.md", text)
    assert "big-fm" in {a.id for a in dossier.articles}
    assert len(warnings) == 1 and "front matter over" in warnings[0].message


def test_a_yaml_tag_pyyaml_cannot_build_is_one_warning(tmp_path):
    # An empty `!!int` raised IndexError inside PyYAML (found by tests/test_fuzz.py).
    dossier, warnings = load_with(tmp_path, "tagged.md", "---\ntitle: !!int\ntags: [a]\n---\n\nThe body of the article.\n")
    assert "tagged" in {a.id for a in dossier.articles}
    assert len(warnings) == 1 and "front matter" in warnings[0].message
