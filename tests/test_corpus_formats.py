"""Every format the loader reads, with fixtures built from the seed articles' own text."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from dossier_tui.corpus import load_dossier
from dossier_tui.corpus.sentences import split_sentences
from dossier_tui.model import Kind


def seed_blocks(seeds_dir: Path, name: str) -> list[str]:
    # As a reader expects them back: non-breaking and repeated spaces read as one space.
    text = next(seeds_dir.glob(f"{name}_*.txt")).read_text(encoding="utf-8")
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


@pytest.fixture
def gulevich(seeds_dir):
    """Seed 000: a headline and three long paragraphs."""
    return seed_blocks(seeds_dir, "000")


@pytest.fixture
def dissent(seeds_dir):
    """Seed 002: a headline and sixteen paragraphs."""
    return seed_blocks(seeds_dir, "002")


def load_one(folder: Path):
    dossier = load_dossier(folder)
    assert len(dossier.articles) == 1, dossier.warnings
    return dossier.articles[0], dossier.warnings


# Markdown -------------------------------------------------------------------------------------


def test_markdown_front_matter_gives_the_fields_and_markup_is_reduced_to_text(tmp_path, gulevich):
    title, first, second, third = gulevich
    (tmp_path / "gulevich.md").write_text(
        "---\n"
        f'title: "{title}"\n'
        "source: Kyiv Post\n"
        "date: 2022-03-07\n"
        "url: https://www.kyivpost.com/belarus/gulevich\n"
        "author: [Ann Example, Bo Sample]\n"
        "tags: [belarus]\n"
        "---\n\n"
        f"# {title}\n\n{first}\n\n**{second[:40]}**{second[40:]}\n\n"
        "- [Belarus denies the resignation letter](https://example.org/denial)\n\n"
        f"{third.replace('Kyiv Post', '[Kyiv Post](https://www.kyivpost.com)')}\n",
        encoding="utf-8",
    )
    article, warnings = load_one(tmp_path)
    assert warnings == []
    assert (article.id, article.title, article.source, article.date, article.url, article.author) == (
        "gulevich", title, "Kyiv Post", "2022-03-07", "https://www.kyivpost.com/belarus/gulevich", "Ann Example, Bo Sample"
    )
    assert [(p.kind, p.text) for p in article.paragraphs] == [
        (Kind.HEADING, title),
        (Kind.BODY, first),
        (Kind.BODY, second),
        (Kind.BOILERPLATE, "• Belarus denies the resignation letter"),  # a lone link: a teaser
        (Kind.BODY, third),
    ]


def test_malformed_front_matter_names_file_and_line_and_the_body_still_loads(tmp_path, gulevich):
    title, first, *_ = gulevich
    path = tmp_path / "broken.md"
    path.write_text(f"---\ntitle: {title}\ndate: [2022-03-07\nsource: Daily Mail\n---\n\n{title}\n\n{first}\n", encoding="utf-8")
    article, warnings = load_one(tmp_path)
    assert [str(w).split(": ")[0] for w in warnings] == [f"{path}:4"]
    assert "front matter" in warnings[0].message
    assert article.title == title and article.paragraphs[1].text == first and article.source is None


def test_unclosed_front_matter_is_reported_at_line_one(tmp_path, gulevich):
    title, first, *_ = gulevich
    (tmp_path / "open.md").write_text(f"---\ntitle: x\n\n{title}\n\n{first}\n", encoding="utf-8")
    article, warnings = load_one(tmp_path)
    assert warnings[0].line == 1 and "closing" in warnings[0].message
    assert article.paragraphs[-1].text == first


# HTML -------------------------------------------------------------------------------------------


def test_html_page_main_text_and_metadata_come_from_the_page(tmp_path, dissent):
    title, *paragraphs = dissent
    teaser = "<p>Read also: Minsk denies the resignation letter</p>"
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs[:3]) + teaser + "\n".join(f"<p>{p}</p>" for p in paragraphs[3:6])
    (tmp_path / "page.html").write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title} | Common Dreams</title>"
        "<meta property='og:site_name' content='Common Dreams'>"
        f"<meta property='og:title' content='{title}'>"
        "<meta property='article:published_time' content='2022-03-12T09:00:00Z'>"
        "<link rel='canonical' href='https://www.commondreams.org/views/2022/03/12/belarus'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/views'>Views</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<aside><h3>Most popular</h3><ul><li><a href='/x'>A different story entirely</a></li></ul></aside>"
        "<footer>© 2022 Common Dreams. All rights reserved.</footer></body></html>",
        encoding="utf-8",
    )
    article, warnings = load_one(tmp_path)
    assert warnings == []
    assert (article.title, article.source, article.date) == (title, "Common Dreams", "2022-03-12")
    assert article.url == "https://www.commondreams.org/views/2022/03/12/belarus"
    assert [p.text for p in article.body] == paragraphs[:6]
    assert [p.text for p in article.paragraphs if p.kind == Kind.BOILERPLATE] == ["Read also: Minsk denies the resignation letter"]
    assert "Home" not in "\n".join(p.text for p in article.paragraphs)


def test_html_page_without_article_text_is_reported(tmp_path):
    (tmp_path / "empty.html").write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    dossier = load_dossier(tmp_path)
    assert dossier.articles == []
    assert [w.message for w in dossier.warnings] == ["no article text found in the page, skipped"]


# Records: JSON Lines, JSON, CSV -----------------------------------------------------------------


def test_jsonl_records_map_common_field_names_and_ids(tmp_path, gulevich, dissent):
    lines = [
        {"id": "g-1", "headline": gulevich[0], "body": "\n\n".join(gulevich[1:]), "link": "https://www.bbc.co.uk/news/world-europe-1", "published": "2022-03-07"},
        {"title": dissent[0], "content": " ".join(dissent[1:6]), "url": "https://fair.org/home/belarus", "outlet": "FAIR"},
    ]
    path = tmp_path / "scrape.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    dossier = load_dossier(tmp_path)
    assert dossier.warnings == []
    first, second = dossier.articles
    assert (first.id, first.title, first.source, first.date) == ("scrape/g-1", gulevich[0], "bbc.co.uk", "2022-03-07")
    assert [p.text for p in first.paragraphs] == gulevich[1:]  # paragraph breaks kept, no flow
    assert not any(p.flow for p in first.paragraphs)
    assert (second.id, second.source) == ("scrape/2", "FAIR")  # no id field: the line number


def test_text_without_breaks_is_cut_into_flow_passages_of_a_few_sentences(tmp_path, dissent):
    run = " ".join(dissent[1:9])  # eight paragraphs of seed 002 flattened, as scrapers export them
    (tmp_path / "flat.json").write_text(json.dumps({"title": dissent[0], "text": run}), encoding="utf-8")
    article, _ = load_one(tmp_path)
    assert article.id == "flat"
    assert len(article.paragraphs) > 3 and all(p.flow and p.kind == Kind.BODY for p in article.paragraphs)
    assert all(3 <= len(split_sentences(p.text)) <= 5 for p in article.paragraphs)
    assert " ".join(p.text for p in article.paragraphs) == run
    # "U.S. intelligence" does not end a sentence
    assert any("refuted by U.S. intelligence, and those troops" in p.text for p in article.paragraphs)


def test_json_array_container_and_nested_fields(tmp_path, gulevich):
    records = {
        "status": "ok",
        "articles": [
            {"article_id": 7, "title": gulevich[0], "description": "A general resigns.", "content": gulevich[1],
             "source": {"id": None, "name": "Daily Mail"}, "author": None, "publishedAt": "2022-03-07T10:00:00Z"},
            {"title": "No text here"},
            {"title": "Another", "text": gulevich[2], "date": "May 5, 2022"},
        ],
    }
    (tmp_path / "newsapi.json").write_text(json.dumps(records), encoding="utf-8")
    dossier = load_dossier(tmp_path)
    ids = [a.id for a in dossier.articles]
    assert ids == ["newsapi/7", "newsapi/2", "newsapi/3"]
    first = dossier.articles[0]
    assert (first.source, first.author, first.date) == ("Daily Mail", None, "2022-03-07")
    assert first.paragraphs[0].text == "A general resigns."  # the description, as a standfirst
    assert dossier.articles[1].paragraphs == []  # a title without text loads, and says so
    assert [w.message for w in dossier.warnings] == ["item 2: no text, loaded with its title only"]
    assert dossier.articles[2].date == "2022-05-05"


def test_csv_export_like_newsarticles(tmp_path, gulevich, dissent):
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["article_id", "publish_date", "article_source_link", "title", "subtitle", "text"])
        writer.writerow(["1", "2017/2/7", "http://www.bbc.co.uk/news/a", gulevich[0], "", " ".join(gulevich[1:])])
        writer.writerow(["2", "2022/3/12", "https://www.commondreams.org/b", dissent[0], "A geographer's view", "\n".join(dissent[1:4])])
    dossier = load_dossier(tmp_path)
    assert dossier.warnings == []
    first, second = dossier.articles
    assert (first.id, first.date, first.source, first.url) == ("export/1", "2017-02-07", "bbc.co.uk", "http://www.bbc.co.uk/news/a")
    assert all(p.flow for p in first.paragraphs)
    assert [p.text for p in second.paragraphs] == ["A geographer's view", *dissent[1:4]]  # one paragraph per line


def test_semicolon_csv_without_id_column_uses_row_numbers(tmp_path, gulevich):
    (tmp_path / "rows.csv").write_text(f"Headline;Body\nOne;{gulevich[2]}\nTwo;{gulevich[3]}\n", encoding="utf-8")
    assert [(a.id, a.title) for a in load_dossier(tmp_path).articles] == [("rows/1", "One"), ("rows/2", "Two")]


# Normalisation, ids, progress ---------------------------------------------------------------------


def test_text_is_cleaned_of_escapes_controls_and_odd_spaces(tmp_path):
    raw = (
        "\ufeff\x1b[1mLukashenko\x1b[0m speaks\r\n\r\n"
        "He said\u00a0it\u2009was \x1b]0;owned\x07“not easy”.\x07\x85 Cafe\u0301 owners\u200b agreed.\x9b31m\r\n"
    )
    (tmp_path / "dirty.txt").write_bytes(raw.encode("utf-8"))
    article, _ = load_one(tmp_path)
    assert article.title == "Lukashenko speaks"
    text = article.paragraphs[1].text
    assert text == "He said it was “not easy”. Café owners agreed."
    assert all(ch in "\n\t" or (ord(ch) >= 32 and not 0x7F <= ord(ch) < 0xA0) for ch in text)


def test_lone_surrogates_from_json_escapes_become_replacement_characters(tmp_path):
    (tmp_path / "odd.jsonl").write_text('{"id": "a\\udce9", "title": "Broken \\ud83d emoji", "text": "Text \\udc80 here."}\n')
    article, _ = load_one(tmp_path)
    assert (article.id, article.title, article.paragraphs[0].text) == ("odd/a\ufffd", "Broken \ufffd emoji", "Text \ufffd here.")
    json.dumps(article.to_json(), ensure_ascii=False).encode("utf-8")


def test_ids_are_relative_paths_and_single_files_load_too(tmp_path, gulevich):
    nested = tmp_path / "2022" / "march"
    nested.mkdir(parents=True)
    (nested / "gulevich.v2.txt").write_text("\n\n".join(gulevich), encoding="utf-8")
    assert [a.id for a in load_dossier(tmp_path).articles] == ["2022/march/gulevich.v2"]
    single = load_dossier(nested / "gulevich.v2.txt")
    assert [a.id for a in single.articles] == ["gulevich.v2"]


def test_progress_reports_each_file(tmp_path, gulevich):
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text("\n\n".join(gulevich), encoding="utf-8")
    calls = []
    load_dossier(tmp_path, on_progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_text_wrapped_at_a_fixed_width_is_joined_back_into_paragraphs(tmp_path, dissent):
    import textwrap

    title, *paragraphs = dissent[:5]
    wrapped = "\n\n".join(textwrap.fill(p, 72) for p in paragraphs)
    (tmp_path / "wrapped.txt").write_text(f"{title}\n\n{wrapped}\n", encoding="utf-8")
    article, _ = load_one(tmp_path)
    assert [p.text for p in article.paragraphs] == [title, *paragraphs]


def test_a_headline_directly_over_its_text_and_one_paragraph_per_line(tmp_path, dissent):
    title, *paragraphs = dissent[:5]
    (tmp_path / "scraped.txt").write_text(f"{title}\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
    article, _ = load_one(tmp_path)
    assert article.title == title
    assert [(p.kind, p.text) for p in article.paragraphs] == [(Kind.HEADING, title), *((Kind.BODY, p) for p in paragraphs)]


@pytest.mark.parametrize(
    "front",
    [
        'title: "Belarus: the army says no"\ndate: 2022-03-07\nurl: https://www.kyivpost.com/a?b=c\nauthor: Ann Example',
        "title: 'It''s Lukashenko''s move'\nsource: Kyiv Post\ndate: May 5, 2022",
        "title: Plain title\nsource:\nauthor: ~",
        "title: Plain title\nsource:\nauthor: Bo Sample",
        "title: Colon: inside\nsource: X",
        "title: Tags follow\ntags: [belarus, army]\nsource: X # a comment",
    ],
)
def test_front_matter_read_without_yaml_matches_yaml(monkeypatch, front):
    from dossier_tui.corpus import markdown_file

    text = f"---\n{front}\n---\n\nBody text of the article.\n"
    quick = markdown_file.split_front_matter(text, "a.md")
    monkeypatch.setattr(markdown_file, "_simple_fields", lambda lines: None)
    with_yaml = markdown_file.split_front_matter(text, "a.md")
    assert quick[1:] == with_yaml[1:]
    from dossier_tui.corpus.dates import parse_date

    for field in ("title", "source", "url", "author"):
        assert getattr(quick[0], field) == (str(v) if (v := getattr(with_yaml[0], field)) is not None else None)
    assert parse_date(quick[0].date) == parse_date(with_yaml[0].date)
