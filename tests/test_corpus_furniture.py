"""Furniture rules generalise: a page in another outlet's style, written here, not in the seeds."""

from __future__ import annotations

import pytest

from dossier_tui.corpus import load_dossier
from dossier_tui.corpus.dates import parse_date
from dossier_tui.corpus.furniture import is_line_furniture, parse_rules
from dossier_tui.corpus.sentences import split_passages, split_sentences
from dossier_tui.model import Kind

H, B, X, C = Kind.HEADING, Kind.BODY, Kind.BOILERPLATE, Kind.CAPTION

# A regional paper's page as a browser's "save as text" gives it: menu, section label, date,
# masthead, headline, byline, reading time, photo caption, teaser, crosshead, link list, notices.
COURIER_PAGE = """Menu
Search
Politics | Statehouse

Wednesday, October 4, 2023

The Harbor Courier

Council votes to close Eastside library branch after budget shortfall

By Dana Whitfield

6 min read

Residents pack a council meeting about the Eastside library on Tuesday night

The city council voted 5-2 on Tuesday to close the Eastside branch library at the end of the year, citing a $3.1 million gap in next year's budget.

Library supporters, many of whom had waited three hours to speak, said the branch is the only place in the neighborhood with free internet access. “This is where my kids do their homework,” said Angela Ruiz, a mother of three.

RELATED: City unveils plan to sell downtown parking garages

Council member Frank Osei said the decision was painful but unavoidable. “We looked at every other option,” he said. “There is no money left to move around.”

What happens next

By the end of the year, the branch's 40,000 books will be moved to the central library, officials said. Staff will be offered jobs at other branches.

Osei declined to comment further.

More from the Courier
▪ Schools chief resigns after audit
▪ High school football scores for Week 6
▪ Eastside bakery marks 50 years

Sign up for our morning newsletter to get the day’s top stories in your inbox.

© 2023 The Harbor Courier. All rights reserved.
"""

COURIER_KINDS = [
    (X, "Menu\nSearch\nPolitics | Statehouse"),
    (X, "Wednesday, October 4, 2023"),
    (X, "The Harbor Courier"),
    (H, "Council votes to close Eastside library branch after budget shortfall"),
    (X, "By Dana Whitfield"),
    (X, "6 min read"),
    (C, "Residents pack a council meeting about the Eastside library on Tuesday night"),
    (B, "The city council voted 5-2"),
    (B, "Library supporters, many of whom"),
    (X, "RELATED: City unveils plan"),
    (B, "Council member Frank Osei said"),
    (H, "What happens next"),
    (B, "By the end of the year"),
    (B, "Osei declined to comment further."),  # short, but a sentence: the article's last line
    (X, "More from the Courier\n▪ Schools chief resigns after audit\n▪ High school football scores for Week 6\n▪ Eastside bakery marks 50 years"),
    (X, "Sign up for our morning newsletter"),
    (X, "© 2023 The Harbor Courier. All rights reserved."),
]


@pytest.fixture
def courier(tmp_path):
    (tmp_path / "courier.txt").write_text(COURIER_PAGE, encoding="utf-8")
    return load_dossier(tmp_path).articles[0]


def test_a_page_in_another_style_is_classified_paragraph_by_paragraph(courier):
    got = [(p.kind, p.text) for p in courier.paragraphs]
    assert len(got) == len(COURIER_KINDS), [t[:30] for _, t in got]
    for index, ((kind, text), (want_kind, start)) in enumerate(zip(got, COURIER_KINDS)):
        assert text.startswith(start), f"paragraph {index}: {text!r}"
        assert kind == want_kind, f"paragraph {index} {text[:50]!r}: {kind} != {want_kind}"


def test_the_page_gives_title_date_outlet_and_author(courier):
    assert courier.title == "Council votes to close Eastside library branch after budget shortfall"
    assert (courier.date, courier.source, courier.author) == ("2023-10-04", "The Harbor Courier", "Dana Whitfield")


def test_a_byline_with_date_and_reading_time_gives_author_and_date(tmp_path, seeds_dir):
    body = next(seeds_dir.glob("002_*.txt")).read_text(encoding="utf-8").split("\n\n")[1:3]
    page = "Belarus and the war\n\nBy Ann Lee · May 5, 2022 · 4 min read\n\n" + "\n\n".join(body)
    (tmp_path / "byline.txt").write_text(page, encoding="utf-8")
    article = load_dossier(tmp_path).articles[0]
    assert (article.title, article.author, article.date) == ("Belarus and the war", "Ann Lee", "2022-05-05")
    assert [p.kind for p in article.paragraphs] == [H, X, B, B]


def test_a_question_is_a_headline_when_text_follows(tmp_path, seeds_dir):
    body = next(seeds_dir.glob("002_*.txt")).read_text(encoding="utf-8").split("\n\n")[1:3]
    (tmp_path / "q.txt").write_text("Could Belarus’s army refuse to fight for Putin?\n\n" + "\n\n".join(body), encoding="utf-8")
    article = load_dossier(tmp_path).articles[0]
    assert article.title == "Could Belarus’s army refuse to fight for Putin?"
    assert [p.kind for p in article.paragraphs] == [H, B, B]


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "Also read: Ukraine's grain deal explained",
        "WATCH: Firefighters battle blaze in the hills",
        "3 minute read",
        "Reading time: 5 min",
        "Inflation eases for a third month [VIDEO]",
        "• Scientists find water on a distant moon",
        "Sport | Football | Premier League",
        "Updated: 12 June 2024",
        "Posted on 2024-06-12",
        "(Reporting by Jane Doe; Editing by John Roe)",
        "This article was originally published by The Conversation.",
        "The views expressed in this commentary are solely those of the writer.",
        "This site uses cookies to improve your experience. By continuing you accept them.",
        "Follow us on Twitter and Facebook",
        "Published 3 hours ago",
        "Image copyright Getty Images",
    ],
)
def test_furniture_lines_of_other_outlets_are_recognised(line):
    assert is_line_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "The council said it would read the full report before voting.",
        "Sources said the minister had resigned.",
        "By the end of the year, the branch will be closed.",
        "• The army will leave the city by Friday.",
        "He shared the news with his family on Tuesday.",
        "March 2023 was the wettest month on record, the agency said.",
        "Top stories in the Russian press on Tuesday",
    ],
)
def test_article_sentences_that_look_alike_are_not_furniture(line):
    assert not is_line_furniture(line)


def test_phrase_rules_are_data_and_malformed_rules_name_their_line():
    rules = parse_rules("# comment\nline: Trending now\nstarts: From the archive:\nregex: ^\\d+ photos$\n")
    assert "trending now" in rules.lines and rules.starts == ("from the archive:",)
    with pytest.raises(ValueError, match="furniture.txt:2"):
        parse_rules("line: ok\nsomething else\n")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Thu. Mar 30th, 2023", "2023-03-30"),
        ("May 5, 2022", "2022-05-05"),
        ("2017/2/7", "2017-02-07"),
        ("2024-06-12T08:30:00+00:00", "2024-06-12"),
        ("Thursday 30 March 2023", "2023-03-30"),
        ("30.03.2023", "2023-03-30"),
        ("Thu, 30 Mar 2023 10:00:00 +0000", "2023-03-30"),
        ("Published: March 30, 2023 10:45 am EST", "2023-03-30"),
        ("Feb 30, 2023", None),
        ("He arrived on May 5, 2022", None),
        ("4 min read", None),
    ],
)
def test_dates_are_read_only_when_the_text_is_a_date(text, iso):
    assert parse_date(text) == iso


def test_sentences_do_not_end_at_titles_initials_or_acronyms():
    text = (
        "Sen. Elizabeth Warren, D-Mass., spoke first. Mr. Pence met John F. Kennedy Jr. in the U.S. "
        "capital on Jan. 28 at 10 a.m. local time. “It is hard,” she said. Was it? Yes."
    )
    assert split_sentences(text) == [
        "Sen. Elizabeth Warren, D-Mass., spoke first.",
        "Mr. Pence met John F. Kennedy Jr. in the U.S. capital on Jan. 28 at 10 a.m. local time.",
        "“It is hard,” she said.",
        "Was it?",
        "Yes.",
    ]


def test_passages_hold_three_to_five_sentences():
    text = " ".join(f"This is sentence number {n} of the story." for n in range(1, 15))
    passages = split_passages(text)
    assert [len(split_sentences(p)) for p in passages] == [4, 4, 3, 3]
    assert " ".join(passages) == text


# A DW story as the NewsArticles scrape has it: one block, the share buttons and the editors'
# initials with their agencies inside the running text.
DW_FLAT = (
    "Ferry crash\n\nAfter he was stabilized at a hospital, the alleged attacker initially refused to answer questions "
    "by police. Send Facebook Twitter Google+ Whatsapp Tumblr linkedin stumble Digg reddit Newsvine Permalink "
    "http://dw.com/p/2Wx5C The man is believed to have entered France on a flight from Dubai eight days before the "
    "attack. He reportedly had a valid tourist visa. mb/rt (AFP, dpa, Reuters)\n"
)


def test_share_buttons_and_agency_credits_inside_running_text_are_furniture(tmp_path):
    (tmp_path / "dw.txt").write_text(DW_FLAT, encoding="utf-8")
    article = load_dossier(tmp_path).articles[0]
    body = " ".join(p.text for p in article.body)
    set_aside = [p.text for p in article.paragraphs if p.kind == Kind.BOILERPLATE]
    assert "refused to answer questions by police." in body and "valid tourist visa." in body
    assert "Facebook" not in body and "Permalink" not in body and "(AFP" not in body
    assert any(text.startswith("Send Facebook Twitter") and text.endswith("2Wx5C") for text in set_aside)
    assert "mb/rt (AFP, dpa, Reuters)" in set_aside
