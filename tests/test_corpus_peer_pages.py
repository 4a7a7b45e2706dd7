"""Real news pages from peer projects' test suites (../shared/peer-html, see its README): the
rules that lost their text, titles, authors, and library warnings, pinned on the pages themselves."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dossier_tui.corpus.loader import load_file
from dossier_tui.model import Kind

PEER_HTML = Path(__file__).resolve().parents[1].parent / "shared" / "peer-html"


@pytest.fixture(scope="module")
def page():
    if not PEER_HTML.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{PEER_HTML} is missing: CI must have shared/ beside the clone")
        pytest.skip(f"{PEER_HTML} is missing")

    def load(name: str):
        path = PEER_HTML / "pages" / f"{name}.html"
        articles, warnings = load_file(path, path.parent)
        assert articles, warnings
        return articles[0]

    return load


def _kind_of(article, start: str) -> Kind:
    found = [p for p in article.paragraphs if p.text.startswith(start)]
    assert found, f"no paragraph starts with {start!r}"
    return found[0].kind


def test_a_paragraph_wrapped_over_source_lines_is_one_paragraph(page):
    # The page's text sits in <p> elements broken over many source lines: once 12 fragments.
    article = page("np4-article_with_divs")
    first = next(p for p in article.paragraphs if p.text.startswith("Photos"))
    assert first.kind == Kind.BODY
    assert first.text.startswith("Photos which were released online and are making the rounds on social media, show Nigerian actress")
    assert first.text.endswith("looking absolutely stunning in new make-up photos.")


def test_dates_after_the_last_sentence_stay_text(page):
    # A committee's meeting dates, unpunctuated lines at the end of the page, are its content.
    article = page("np3-wnet.org1")
    assert _kind_of(article, "Tuesday, September 24, 2013 at 2:30 PM") == Kind.BODY


def test_a_quotation_and_a_list_are_never_headings(page):
    article = page("np4-article_with_br")
    assert _kind_of(article, '"I was the CIA director.') == Kind.BODY
    assert _kind_of(article, "— Mike Pompeo, College Station, TX, April 15, 2019") == Kind.BODY
    # bulleted items inside the text, in lower case and ending in commas, are not teaser links
    article = page("np3-gulflive.com1")
    assert _kind_of(article, "• identify an ancestor living at the time of the Revolutionary War,") == Kind.BODY


def test_a_japanese_sign_in_wall_is_furniture_and_the_article_is_not(page):
    article = page("np4-japanese_article")
    assert _kind_of(article, "６月12日の歴史的な米朝首脳会談を巡って") == Kind.BODY
    for notice in ("記事保存", "＞ ログイン", "ご利用には会員登録が必要です", "電子版トップ", "アカウント一覧"):
        assert _kind_of(article, notice) == Kind.BOILERPLATE, notice


def test_a_thai_pages_links_and_donation_lines_are_furniture(page):
    article = page("np4-thai_article")
    assert _kind_of(article, "เรื่องที่เกี่ยวข้อง") == Kind.BOILERPLATE
    assert _kind_of(article, "โอนเงิน PayPal") == Kind.BOILERPLATE
    assert _kind_of(article, "ภูชนะ (นามแฝง) เป็นคนใกล้ชิดของนายสุรชัย") == Kind.BODY


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("np4-cnn_002", "Takeaways from Donald Trump’s contentious testimony in his civil fraud trial"),
        ("np4-spanish_article", "Anticorrupción decidirá en Madrid si recurre la imputación de la Infanta"),
        ("np4-yna_co_kr", "N. Korea slams S. Korea for joint military drill, warns of consequences"),
        ("np3-gq.com1", "How To Pack Everything for Your 3-Day Weekend Trip"),
        ("np3-wired.com1", "How Butterflies Get Their Shine"),
        ("np4-chinese_article_002", "短缺药品保供稳价 全力保障临床用药需求"),
        ("np4-article_with_divs", "Nollywood Actress, Kate Henshaw Is Looking Stunning In New Photos"),
        ("np3-ok.co.uk1", "Sean Penn 'proposes to Charlize Theron'"),
    ],
)
def test_titles_lose_the_site_name_and_entities(page, name, title):
    assert page(name).title == title


@pytest.mark.parametrize(
    ("name", "headline"),
    [
        ("np4-yna_co_kr", "N. Korea slams S. Korea for joint military drill, warns of consequences"),
        ("np3-wnet.org1", "WNET Audit Committee Meetings"),
    ],
)
def test_the_headline_is_shown_once(page, name, headline):
    from dossier_tui.app.reader_lines import layout_blocks

    article = page(name)
    shown = [article.paragraphs[b.paragraph].text for b in layout_blocks(article, show_furniture=False) if b.kind == "text"]
    assert article.title == headline  # in the header
    assert headline not in shown


@pytest.mark.parametrize(
    ("name", "author"),
    [
        ("np3-adoption.com1", None),  # "Googletag Cmd Push Dfp Ad Pg Author Sec 1"
        ("np3-backstage.com2", "C Ryanne Laratonda"),  # "; Posted Feb"
        ("np3-thedebrief.co.uk1", "Lena deCasparis"),  # "; Contributing Writer"
        ("np3-glamour.com1", None),  # "Glamour Magazine"
        ("np3-fool.com1", None),  # "Motley Fool Staff"
    ],
)
def test_authors_are_names(page, name, author):
    assert page(name).author == author


def test_library_warnings_never_reach_the_terminal(page, tmp_path):
    # htmldate asks dateutil about "EST" on this page: UnknownTimezoneWarning was printed.
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(PEER_HTML / "pages" / "np3-theglobeandmail.com1.html", folder)
    done = subprocess.run(
        [sys.executable, "-m", "dossier_tui", "list", "-d", str(folder)],
        capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONWARNINGS": "default"},
    )
    assert done.returncode == 0, done.stderr
    assert "np3-theglobeandmail.com1" in done.stdout
    assert done.stderr == ""
