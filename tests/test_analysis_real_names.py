"""Issue #13's examples on real text: short quotations from the NewsArticles and Lee stories,
read by the extractor, the dossier-wide clusters and the speaker rules."""

from __future__ import annotations

import hashlib

import pytest

from dossier_tui.analysis import analyze
from dossier_tui.analysis.mentions import extract_mentions
from dossier_tui.model import Article, Dossier, Kind, Paragraph


def _names(text: str) -> dict[str, tuple[str, str | None]]:
    return {m.surface: (str(m.type), m.role) for m in extract_mentions([(0, text)])}


def _analysis(tmp_path, *texts: str):
    articles = [
        Article(str(n), str(n), str(n), paragraphs=[Paragraph(0, Kind.BODY, text)],
                digest=hashlib.sha1(text.encode()).hexdigest())
        for n, text in enumerate(texts)
    ]
    return analyze(Dossier(str(tmp_path), articles))


@pytest.mark.parametrize(
    ("text", "name", "junk"),
    [
        ("The elephant in the room at COP22 was the question, Does Trump fear losing these advantages?",
         "Trump", "Does Trump"),
        ("Should Trump make good on his campaign slogan of scrapping the hard-won Iran deal, it will matter.",
         "Trump", "Should Trump"),
        ("Japanese Prime Minister Shinzo Abe is set to meet with President Donald Trump Friday, becoming the second",
         "Donald Trump", "Donald Trump Friday"),
        ("They did indeed shake hands: Sergei Lavrov (left) and Rex Tillerson While trying to establish a good",
         "Rex Tillerson", "Rex Tillerson While"),
        ("he was in London to meet British leader Theresa May The far-right Jewish Home party paid tribute",
         "Theresa May", "Theresa May The"),
        ("1. The enigma: James Comey Comey's \"October Surprise\" is viewed by many Democrats as hurting Clinton",
         "James Comey", "James Comey Comey"),
        ("Richard Painter, who advised former President George W. Bush on ethics, said the language in the law",
         "George W. Bush", "Bush"),
    ],
)
def test_names_lose_edge_words_openers_weekdays_and_repeats(text, name, junk):
    names = _names(text)
    assert names[name][0] in ("PERSON", "None")  # a surname alone: the dossier's clusters type it
    assert junk not in names


def test_titles_are_roles_not_organisations():
    names = _names("Earlier in the hearing, Rep. Bennie Thompson, D-Miss., asked Kelly whether the order was legal.")
    assert names["Bennie Thompson"] == ("PERSON", "Rep.")
    assert "Rep" not in names
    names = _names("Hungary's Minister of Foreign Affairs and Trade Peter Szijjarto said on Monday.")
    assert names["Peter Szijjarto"] == ("PERSON", "Minister of Foreign Affairs and Trade")
    assert "Affairs" not in names and "Trade" not in names and "Trade Peter Szijjarto" not in names
    names = _names("Prosecutor Timothy Langdale told the jury how the defendant threw the child into the back of his car.")
    assert names["Timothy Langdale"] == ("PERSON", "Prosecutor")


def test_laws_buildings_and_companies_are_not_people():
    names = _names("refundable tax credits might allow \"Hor Obamacare to be rebuilt back into statute.\"")
    assert not any(type_ == "PERSON" for type_, _ in names.values())
    names = _names("the largest banks of the United States, including Jared Kushner, the head of Kushner Companies.")
    assert names["Kushner Companies"][0] == "ORG" and names["Jared Kushner"][0] == "PERSON"
    names = _names("Zhou Weihai / For China Daily Xi's book sets distribution record")
    assert not any(type_ == "PERSON" for type_, _ in names.values())  # not "Daily Xi"
    names = _names("Does Trump believe Obama wiretapped or spied on him more broadly at Trump Tower or anywhere else?")
    assert names["Trump Tower"][0] == "PLACE"


def test_headlines_in_capitals_are_not_entities():
    names = _names("Trump's first 100 day's with ABC's RICK KLEIN and SHUSHANNAH WALSHE Day No. 67 THE BIG STORY: "
                   "President Trump is coming off of a week where he lost both credibility and control.")
    assert "THE BIG STORY" not in names and "STORY" not in names
    assert not _names("TRUMP SAYS SESSIONS SHOULD NOT HAVE RECUSED HIMSELF")


def test_a_surname_alone_joins_the_name_that_holds_most_of_its_mentions(tmp_path):
    donald = "President Donald Trump signed the order at the White House on Monday."
    ivanka = "Ivanka Trump, the president's daughter, attended the meeting in New York."
    analysis = _analysis(tmp_path, *[donald] * 8, ivanka, "Critics said Trump's order would face legal challenges.")
    people = {e.name: e for e in analysis.entities if e.type == "PERSON"}
    assert "Trump" not in people
    assert people["Donald Trump"].count == 9 and people["Ivanka Trump"].count == 1
    # really ambiguous: one mention each, the surname alone stays apart
    analysis = _analysis(tmp_path / "even", "Barack Obama spoke in Chicago on Tuesday.",
                         "Michelle Obama spoke in Chicago on Tuesday.", "\"The speech was long,\" Obama said.")
    assert "Obama" in {e.name for e in analysis.entities if e.type == "PERSON"}


def test_spelling_variants_are_one_person_and_aliases_are_forms_of_the_name(tmp_path):
    analysis = _analysis(
        tmp_path,
        "North Korean state media said leader Kim Jong Un was at the site to observe the launch.",
        "The North's leader Kim Jong-un \"expressed great satisfaction over the possession of another weapon\".",
        "The launch prompted an urgent UN Security Council meeting. The UN condemned it.",
    )
    kim = [e for e in analysis.entities if "Kim" in e.name]
    assert len(kim) == 1 and kim[0].name == "Kim Jong Un"
    assert set(kim[0].aliases) == {"Kim Jong Un", "Kim Jong-un"}


def test_an_acronym_joins_the_name_it_stands_for_only_when_the_text_spells_it_out(tmp_path):
    analysis = _analysis(
        tmp_path,
        "Leaders of the European Union (EU) met in Brussels on Friday.",
        "The EU said the sanctions would stay in place.",
        "AFP reported the talks. The Australian Federal Police were not involved.",
    )
    names = {e.name: e for e in analysis.entities}
    assert set(names["European Union"].aliases) == {"European Union", "EU"}
    assert "AFP" in names


def test_speakers_of_quotes_over_two_paragraphs_and_after_a_named_subject(tmp_path):
    payne = ("Professor David Payne said the figures were encouraging. \"They have put a lot of money into the "
             "program. \"There has been a fall and while you can't discern a trend from that, the figures are "
             "going in the right way, right direction,\" Mr Payne said.")
    walker = ("Martin Walker was sitting on his back deck when the storm struck \"It sounded like a freight train "
              "was about to hit our house. \"You could hear it coming with such ferocity,\" he said.")
    analysis = _analysis(tmp_path, payne, walker)
    assert [q.speaker for q in analysis.quotes_in("0")] == ["David Payne", "David Payne"]
    assert [q.speaker for q in analysis.quotes_in("1")] == ["Martin Walker", "Martin Walker"]


def test_a_phrase_in_reported_speech_and_a_document_have_speakers(tmp_path):
    musharraf = ("Pakistan's President Pervez Musharraf says he is ready to meet India's leaders. The President said "
                 "he had received the \"support of all political parties\".")
    letter = ("The American Medical Association, which bills itself as the largest organization of doctors in the "
              "nation, sent a letter to the two committees, detailing its critique of the bill. \"While we agree "
              "that there are problems with the ACA that must be addressed, we cannot support the AHCA as "
              "drafted,\" the letter stated.")
    analysis = _analysis(tmp_path, musharraf, letter)
    assert [(q.text, q.speaker) for q in analysis.quotes_in("0")] == [
        ("support of all political parties", "Pervez Musharraf")]
    [quote] = analysis.quotes_in("1")
    assert quote.speaker == "American Medical Association" and quote.cue == "letter (stated)"


def test_a_title_alone_is_nobody(tmp_path):
    analysis = _analysis(tmp_path, "\"We need it now,\" Sen said.", "Sen. John McCain said the plan was wrong.")
    assert "Sen" not in {e.name for e in analysis.entities}


def test_the_president_who_speaks_at_central_command_is_not_central_command(tmp_path):
    text = ("President Donald Trump told the troops the press did not report the attacks, a White House spokesperson "
            "said. During his brief remarks at the headquarters of the U.S. Central Command, the president seemed to "
            "make reference to his executive order banning immigration. \"We need strong programs,\" he said.")
    analysis = _analysis(tmp_path, text)
    assert [q.speaker for q in analysis.quotes_in("0")] == ["Donald Trump"]
    assert {e.name: e.type for e in analysis.entities}["U.S. Central Command"] == "ORG"
