"""`dossier related` and `dossier compare` on the built-in dossier, as a script would use them."""

from __future__ import annotations

import json

from dossier_tui.cli.main import main
from dossier_tui.corpus import load_dossier

LETTER = "I ask for your decision regarding the acceptance of my resignation"


def letter(seeds_dir, prefix):
    article = next(a for a in load_dossier(seeds_dir).articles if a.id.startswith(prefix))
    return article.id, next(p.index for p in article.paragraphs if LETTER in p.text)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_related_paragraph_json(seeds_dir, capsys):
    article_id, index = letter(seeds_dir, "000")
    target_id, target_index = letter(seeds_dir, "002")
    code, out, _ = run(capsys, "related", article_id, "--paragraph", str(index), "--json", "--limit", "2")
    links = json.loads(out)
    assert code == 0 and 1 <= len(links) <= 2  # the limit holds (the other links of the letter are weak)
    first = links[0]
    assert (first["id"], first["paragraph"], first["kind"]) == (target_id, target_index, "same")
    assert {"score", "text", "title", "source", "shared"} <= first.keys()
    span = first["shared"][0]
    assert "explanatory work" in first["text"][span["start"] : span["end"]]


def test_related_whole_article_lists_paragraphs_with_corroboration(seeds_dir, capsys):
    article_id, index = letter(seeds_dir, "000")
    code, out, _ = run(capsys, "related", article_id, "--json")
    entries = json.loads(out)
    assert code == 0
    by_paragraph = {entry["paragraph"]: entry for entry in entries}
    assert by_paragraph[index]["related"][0]["kind"] == "same"
    assert by_paragraph[index]["corroboration"]["count"] == 1
    assert all(link["id"] != article_id for entry in entries for link in entry["related"])


def test_related_text_output_marks_the_shared_words(seeds_dir, capsys):
    article_id, index = letter(seeds_dir, "002")
    code, out, _ = run(capsys, "related", article_id, "--paragraph", str(index))
    assert code == 0
    assert "same text" in out and "[conducting explanatory work" in out


def test_unknown_article_is_one_line_and_exit_2(capsys):
    code, out, err = run(capsys, "related", "no-such-article")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "no-such-article" in err
    code, _, err = run(capsys, "compare", "no-such-article", "also-missing")
    assert code == 2 and "no-such-article" in err


def test_paragraph_without_links_exits_1(seeds_dir, capsys):
    article = load_dossier(seeds_dir).articles[3]
    furniture = next(p.index for p in article.paragraphs if p.kind != "body")
    code, out, _ = run(capsys, "related", article.id, "--paragraph", str(furniture), "--json")
    assert code == 1 and json.loads(out) == []


def test_compare_json_aligns_the_letter(seeds_dir, capsys):
    id_a, index_a = letter(seeds_dir, "000")
    id_b, index_b = letter(seeds_dir, "002")
    code, out, _ = run(capsys, "compare", id_a, id_b, "--json")
    alignment = json.loads(out)
    assert code == 0 and (alignment["a"], alignment["b"]) == (id_a, id_b)
    shared = [row for row in alignment["rows"] if row["kind"] == "shared"]
    assert [(row["a"]["paragraphs"], row["b"]["paragraphs"]) for row in shared] == [([index_a], [index_b])]
    assert LETTER in shared[0]["a"]["text"] and LETTER in shared[0]["b"]["text"]
