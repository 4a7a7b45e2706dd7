"""The built-in dossier loads as a reader would judge it: real headlines, furniture set aside,
every real paragraph kept as body. Expected kinds were written by reading each seed."""

from __future__ import annotations

import pytest

from dossier_tui.corpus import dossier_files, load_dossier, load_file
from dossier_tui.model import Kind

H, B, X, C = Kind.HEADING, Kind.BODY, Kind.BOILERPLATE, Kind.CAPTION

# (kind, how the paragraph starts) for every paragraph of every seed, in order.
EXPECTED = {
    "000_037e540408ff3126": [
        (H, "Belarus Major General Resigns Instead Of Following Putin Orders"),
        (B, "A top military leader in Belarus"),
        (B, "In a statement addressed to Belarus’s defense minister"),
        (B, "Although there could obviously be no truth"),
    ],
    "001_4b140442f7eb92c8": [
        (H, "Belarus commanders reject Putin and refuse to participate in Ukraine invasion"),
        (B, "Vladimir Putin’s bid to make Ukraine"),
        (B, "But even in Russia’s closest ally"),
        (B, "According to a report issued on Telegram"),
        (B, "Belarusians opposed to hardline"),
        (B, "One of them, who gave his name as Gerard"),
        (B, "“Lukashenko’s regime took everything from me,”"),
        (B, "He’s now training as part of the Kastus Kalinouski Battalion"),
        (X, "• Putin arrests his own military chief"),
        (B, "Belarus was used as a springboard"),
        (B, "But the war is unpopular"),
        (B, "Rosemary Thomas, a former British ambassador"),
        (X, "• Putin's 'nuclear plan'"),
        (B, "“Belarusian territory had [the] highest level"),
        (B, "She added: “Ordinary Belarusians"),
        (B, "There have been widespread reports of desertions"),
        (B, "Victor Andrusiv, an adviser"),
        (B, "“He didn’t see the point of war,”"),
        (B, "Many of these deserters"),
        (X, "Source: Read Full Article"),
    ],
    "002_e4a5ddeb4f614bb8": [
        (H, "Belarus Military Dissent Could be a Key to Peace in Ukraine"),
        (B, "One key to ending the war"),
        (B, "First a little background."),
        (B, "One of Tikhanovskaya’s senior advisers"),
        (B, "Viacorka commented,"),
        (B, "He continued,"),
        (B, "According to Viacorka,"),
        (B, "Viacorka concluded,"),
        (B, "In a dramatic development"),
        (B, "Viacorka’s interview was"),
        (B, "The article added that"),
        (B, "So the road to peace"),
        (B, "With all of Russia’s attention"),
        (B, "If such a revolution in Belarus"),
        (B, "As a geographer, I can speculate"),
        (B, "In that case, Belarus, Ukraine"),
        # The author's own bio closes the piece: his words, so body.
        (B, "Zoltán Grossman is a Member of the Faculty"),
    ],
    "003_ecac462b4844b263": [
        (X, "Thu. Mar 30th, 2023"),
        (X, "The Real News Network"),
        (H, "Lukashenko won’t help Putin for fear his military would ‘switch sides’"),
        (X, "4 min read"),
        # The title of the video under the headline (it even misspells Kavaleuski): a caption.
        (C, "Ukraine: Lukashenko’s priority is to ‘preserve power’ says Lavaleuski"),
        (X, "We use your sign-up to provide content"),
        (B, "On Monday, Belarusian President Alexander Lukashenko announced"),
        (B, "Speaking to a meeting of his Security Council"),
        (B, "It is a hint:"),
        (B, "Lukashenko’s rhetoric is increasingly similar"),
        (B, "Around that time, reports suggested"),
        (B, "But while many fear Belarus’ entering"),
        (B, "Among those who believe this"),
        (B, "Speaking to, he said"),
        (B, "He explained: “The fact that it has not happened"),
        (B, "“The losses among the Belarusian military"),
        (X, "JUST IN: Woman ‘shunned by her family’"),
        (B, "“That’s why the decision"),
        (B, "Belarus has, however, allowed"),
        (B, "There are currently Russian troops"),
        (B, "Even Mr Kavaleuski"),
        (X, "Lukashenko ‘helped Putin’s invasion plans’, exiled Belarus politician [FEATURE]"),
        (B, "He said: “The developments we see in Belarus"),
        (B, "“We see the amassment of Russian troops"),
        (B, "On Tuesday, February 21"),
        (B, "The country’s Defence Ministry said"),
        (B, "It went on to note"),
        (B, "Crucially, however"),
        (B, "Ukrainian Armed Forces have been carrying out"),
        (B, "Pavel Slunkin, who formerly worked"),
        (B, "“Is Belarus preparing for an invasion or not?"),
        (B, "“Why no?"),
        (B, "“And while they are showing"),
        (B, "Mr Slunkin went on to add"),
        (B, "He said Putin could be using Belarus"),
        (B, "Adding that Belarus may be grabbing headlines"),
        (X, "Source: Read Full Article"),
    ],
    "004_2046b0676354d8cc": [
        (X, "Skip to content"),
        (H, "Putin’s invasion of Ukraine doesn’t go as planned"),
        (X, "| Local News"),
        (X, "Local News | News Today"),
        (C, "Russian dictator Vladimir Putin and his friend, Belarusian dictator Alyaksandr Lukashenka"),
        (B, "Speaking to The Associated Press on May 5"),
        (B, "During his interview, Lukashenko repeatedly called"),
        (B, "The Minsk strongman’s efforts"),
        (B, "Lukashenka is widely seen as a junior partner"),
        (B, "This reluctance is partly due"),
        (B, "The unpopularity of Putin’s war"),
        (B, "Lukashenka’s thinly veiled criticism"),
        (X, "Read also: Putin has become a problem."),
        (B, "This support reflected Lukashenka’s growing reliance"),
        (B, "In exchange for support from the Minsk regime"),
        (B, "Opponents of authoritarian rule in Belarus"),
        (X, "Read also: Soviet identity is gone forever"),
        (B, "Regardless of Lukashenka’s personal motivations"),
        (X, "This story was first published by the Atlantic Council. NV republishes with permission."),
        (X, "Top Stories Today Headlines"),
        (X, "Not all news on the site expresses the point of view of the site"),
    ],
}


@pytest.fixture(scope="module")
def seeds():
    from dossier_tui.locations import builtin_dossier

    return load_dossier(builtin_dossier())


def test_the_five_seeds_load_without_warnings(seeds):
    assert sorted(a.id for a in seeds.articles) == sorted(EXPECTED)
    assert seeds.warnings == []


def test_titles_are_the_real_headlines(seeds):
    titles = {a.id: a.title for a in seeds.articles}
    assert titles == {article_id: expected[[k for k, _ in expected].index(H)][1] for article_id, expected in EXPECTED.items()}


@pytest.mark.parametrize("article_id", sorted(EXPECTED))
def test_every_paragraph_has_its_kind(seeds, article_id):
    article = seeds.get(article_id)
    got = [(p.index, p.kind, p.text) for p in article.paragraphs]
    assert [index for index, _, _ in got] == list(range(len(got)))
    assert len(got) == len(EXPECTED[article_id]), [text[:40] for _, _, text in got]
    for (index, kind, text), (want_kind, start) in zip(got, EXPECTED[article_id]):
        assert text.startswith(start), f"paragraph {index}: {text[:60]!r}"
        assert kind == want_kind, f"paragraph {index} {text[:60]!r}: {kind} != {want_kind}"


def test_the_teaser_link_list_is_one_boilerplate_block(seeds):
    block = seeds.get("003_ecac462b4844b263").paragraphs[21]
    assert block.text.splitlines() == [
        "Lukashenko ‘helped Putin’s invasion plans’, exiled Belarus politician [FEATURE]",
        "Putin lashes out at Church of England over gender-neutral God [REPORT]",
        "German girl claims she’s found ‘evidence’ she is Madeleine McCann [ANALYSIS]",
    ]


def test_page_hints_give_date_and_outlet_but_nothing_is_invented(seeds):
    meta = {a.id: (a.source, a.date) for a in seeds.articles}
    assert meta["003_ecac462b4844b263"] == ("The Real News Network", "2023-03-30")  # masthead, date line
    assert meta["004_2046b0676354d8cc"] == ("NV", None)  # "NV republishes with permission"
    for plain in ("000_037e540408ff3126", "001_4b140442f7eb92c8", "002_e4a5ddeb4f614bb8"):
        assert meta[plain] == (None, None)


def test_text_is_normalised_and_curly_quotes_kept(seeds):
    text = "\n".join(p.text for a in seeds.articles for p in a.paragraphs)
    assert "\u00a0" not in text  # seed 002 has non-breaking spaces
    assert "daily Israel Hayom (3-7-22)" in text
    assert "“" in text and "’" in text
    assert "  " not in text and "\r" not in text


def test_loading_is_deterministic(seeds, seeds_dir):
    again = load_dossier(seeds_dir)
    assert [(a.id, a.digest) for a in again.articles] == [(a.id, a.digest) for a in seeds.articles]
    assert len({a.digest for a in seeds.articles}) == 5


def test_dossier_files_and_load_file_are_what_load_dossier_loops_over(seeds_dir, seeds):
    files = dossier_files(seeds_dir)
    assert [f.name for f in files] == sorted(f"{article_id}.txt" for article_id in EXPECTED)
    articles, warnings = load_file(files[3], seeds_dir)
    assert warnings == [] and [a.to_json() for a in articles] == [seeds.get(files[3].stem).to_json()]
