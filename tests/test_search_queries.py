"""Query semantics on the seeds, answered the same way by the index and by the scan fallback."""

from __future__ import annotations

import pytest

from dossier_tui.corpus import load_dossier
from dossier_tui.index import DossierIndex, ScanSearch
from dossier_tui.index.query_parser import And, DateRange, Not, Or, Phrase, Word, parse

A000, A001, A002, A003, A004 = (
    "000_037e540408ff3126", "001_4b140442f7eb92c8", "002_e4a5ddeb4f614bb8",
    "003_ecac462b4844b263", "004_2046b0676354d8cc",
)


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    from dossier_tui.locations import builtin_dossier

    # Module-scoped, so not the per-test monkeypatch: the cache dir is restored after the module.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        dossier = load_dossier(builtin_dossier())
        index = DossierIndex.open(dossier.root)
        index.update(dossier)
        yield dossier, index, ScanSearch(dossier)


def ids(result):
    return {hit.article_id for hit in result.hits}


def test_typing_semantics():
    assert parse("trump adm").root == And((Word("trump"), Word("adm", prefix=True)))
    assert parse("trump adm ").root == And((Word("trump"), Word("adm")))
    assert parse("trump ad").root == And((Word("trump"), Word("ad", short=True)))
    assert parse("courage to assume ").root == And((Word("courage"), Word("assume")))  # stop word dropped
    assert parse("territory of").root == Word("territory")  # a stop word being typed narrows nothing
    assert parse("of").root == Word("of", short=True)  # ...unless it is all there is
    assert parse('"north korea" -missile ').root == And((Phrase(("north", "korea")), Not(Word("missile"))))
    assert parse("trump OR obama administration ").root == And((Or((Word("trump"), Word("obama"))), Word("administration")))
    assert parse("person:Gulev").root == Word("gulev", "person", prefix=True)
    assert parse("Note: Minsk ").root == And((Word("note"), Word("minsk")))  # not a field


def test_date_filters():
    assert parse("date:2017-02..2017-03").root == DateRange("2017-02", "2017-03")
    march = parse("date:2017-03").root
    assert march.contains("2017-03-31") and not march.contains("2017-04-01")
    after = parse("date:>2017-03-01").root
    assert not after.contains("2017-03-01") and after.contains("2017-03-02") and not after.contains(None)
    before = parse("date:<2017-03").root
    assert before.contains("2017-02-28") and not before.contains("2017-03-01")


@pytest.mark.parametrize("query", ['"open', "AND belarus", "belarus OR", "*sky", "date:yesterday belarus"])
def test_malformed_queries_fall_back_to_plain_words_with_a_notice(query):
    parsed = parse(query)
    assert parsed.notice
    assert "searched for the words" in parsed.notice


CASES = [
    ("Gulevich", {A000, A002}),
    ("Gulev", {A000, A002}),
    ('"letter of resignation"', {A002}),
    ("resign ", {A000, A002}),  # stemmed: Resigns, resignation, resignations
    ("Gulevich -Khrenin ", {A000}),
    ("Gulevich NOT Khrenin ", {A000}),
    ("-Kyiv ", set()),
    ("Kavaleuski OR Gulevich ", {A000, A002, A003}),
    ("Kavaleuski OR Gulevich battalion ", {A000}),
    ("staging -Minsk ", {A000}),
    ("date:2023", {A003}),
    ("date:2023-03-01..2023-04 Lukashenko", {A003}),
    ('source:"real news"', {A003}),
    ("source:nv", {A004}),
    ("title:Lukashenko ", {A003}),
]


@pytest.mark.parametrize("query,expected", CASES)
def test_index_and_scan_find_the_same_articles(engines, query, expected):
    _, index, scan = engines
    assert ids(index.search(query)) == expected
    assert ids(scan.search(query)) == expected


@pytest.mark.parametrize("query", ["Gulevich", '"letter of resignation"', "resign "])
def test_highlights_mark_exactly_the_matched_words(engines, query):
    dossier, index, scan = engines
    for engine in (index, scan):
        for hit in engine.search(query).hits:
            texts = {p.index: p.text for p in dossier.get(hit.article_id).paragraphs}
            marked = {texts[h.paragraph][h.start : h.end].lower() for h in hit.highlights}
            assert marked, hit.article_id
            assert marked <= {"gulevich", "letter", "resignation", "resignations", "resigns", "resign", "resigned"}


def test_best_passages_come_first(engines):
    _, index, _ = engines
    hit = next(h for h in index.search("Gulevich resignation ").hits if h.article_id == A002)
    first = hit.highlights[0].paragraph
    # The first paragraph listed holds both words; later ones may hold only one.
    words = {h for h in hit.highlights if h.paragraph == first}
    assert len(words) >= 2


def test_results_are_cached_per_generation(engines):
    _, index, _ = engines
    assert index.search("Gulevich") is index.search("Gulevich")


def test_a_query_of_stop_words_finds_nothing_quietly(engines):
    _, index, scan = engines
    for engine in (index, scan):
        result = engine.search("the of ")
        assert result.hits == [] and result.notice is None


def test_a_stop_word_being_typed_keeps_the_list_as_it_was(engines):
    dossier, index, scan = engines
    for engine in (index, scan):
        assert ids(engine.search("territory of")) == ids(engine.search("territory")) != set()
