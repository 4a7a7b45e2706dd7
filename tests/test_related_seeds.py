"""Related passages on the built-in dossier: the links a reader of the seeds must see."""

from __future__ import annotations

import pytest

from dossier_tui.corpus import load_dossier
from dossier_tui.pipeline import Workspace
from dossier_tui.related import RelatedIndex


def paragraph_with(dossier, prefix: str, text: str) -> tuple[str, int]:
    """(article id, paragraph index) of the paragraph of article `prefix...` containing `text`."""
    article = next(a for a in dossier.articles if a.id.startswith(prefix))
    return article.id, next(p.index for p in article.paragraphs if text in p.text)


@pytest.fixture(params=["words only", "with analysis"])
def seeds(request, seeds_dir, tmp_path):
    if request.param == "words only":
        dossier, analysis = load_dossier(seeds_dir), None
    else:
        workspace = Workspace(seeds_dir)
        dossier, analysis = workspace.load(), workspace.analyze()
    return dossier, RelatedIndex.build(dossier, analysis, tmp_path / "related")


LETTER = "I ask for your decision regarding the acceptance of my resignation"


def test_gulevich_letter_links_000_and_002_first_as_same_text(seeds):
    dossier, related = seeds
    letter_000 = paragraph_with(dossier, "000", LETTER)
    letter_002 = paragraph_with(dossier, "002", LETTER)
    for source, target in ((letter_000, letter_002), (letter_002, letter_000)):
        first = related.links(*source)[0]
        assert (first.article_id, first.paragraph) == target
        assert first.kind == "same"


def test_shared_ranges_cover_the_letter_on_both_sides(seeds):
    dossier, related = seeds
    article_id, index = paragraph_with(dossier, "000", LETTER)
    own_text = next(p.text for p in dossier.get(article_id).paragraphs if p.index == index)
    link = related.links(article_id, index)[0]
    shared = " ".join(link.text[s:e] for s, e in link.shared)
    own = " ".join(own_text[s:e] for s, e in link.own_shared)
    for words in ("explanatory work with the commanders of military units", "acceptance of my resignation"):
        assert words in shared and words in own
    # The 002 introduction to the letter is not part of what the two share.
    assert "Viktor Khrenin" not in shared


def test_2020_protest_paragraph_of_002_has_004_in_its_top_3(seeds):
    dossier, related = seeds
    links = related.links(*paragraph_with(dossier, "002", "pro-democracy protests rocked the regime"), limit=3)
    assert any(link.article_id.startswith("004") for link in links)


def test_territory_paragraph_of_003_has_000_or_004_in_its_top_3(seeds):
    dossier, related = seeds
    links = related.links(*paragraph_with(dossier, "003", "allowed the Russian military to use its territory"), limit=3)
    assert any(link.article_id[:3] in ("000", "004") for link in links)


def test_no_link_points_into_its_own_article_or_at_furniture(seeds):
    dossier, related = seeds
    count = 0
    for article in dossier.articles:
        for paragraph in article.paragraphs:
            for link in related.links(article.id, paragraph.index, limit=50):
                count += 1
                assert link.article_id != article.id
                target = next(p for p in dossier.get(link.article_id).paragraphs if p.index == link.paragraph)
                assert target.kind == "body" and paragraph.kind == "body"
                assert link.text == target.text and link.shared and link.own_shared
                assert all(0 <= s < e <= len(target.text) for s, e in link.shared)
                assert all(0 <= s < e <= len(paragraph.text) for s, e in link.own_shared)
    assert count > 20


def test_corroboration_of_the_letter_names_the_other_source(seeds):
    dossier, related = seeds
    article_id, index = paragraph_with(dossier, "000", LETTER)
    corroboration = related.corroboration(article_id, index)
    assert len(corroboration.sources) == 1
    # No seed article carrying the letter is dated, so none can be said to be first.
    assert corroboration.first is None
    lone = paragraph_with(dossier, "003", "allowed the Russian military to use its territory")
    assert related.corroboration(*lone).sources == []


def test_the_letter_is_one_quote_cluster_across_000_and_002(seeds):
    dossier, related = seeds
    clusters = [c for c in related.quote_clusters() if "explanatory work" in c.text]
    assert len(clusters) == 1
    assert sorted(m.article_id[:3] for m in clusters[0].members) == ["000", "002"]
    assert not clusters[0].conflict


def test_compare_000_and_002_finds_the_letter_shared_and_the_rest_apart(seeds):
    dossier, related = seeds
    id_a, letter_a = paragraph_with(dossier, "000", LETTER)
    id_b, letter_b = paragraph_with(dossier, "002", LETTER)
    alignment = related.compare(id_a, id_b)
    shared = [row for row in alignment.rows if row.kind == "shared"]
    assert [(row.a_paragraphs, row.b_paragraphs) for row in shared] == [([letter_a], [letter_b])]
    kinds = {row.kind for row in alignment.rows}
    assert {"only_a", "only_b"} <= kinds
    # 002's letter paragraph is long (two windows): it is one row, not shared and "only in B".
    assert [row.kind for row in alignment.rows if letter_b in row.b_paragraphs] == ["shared"]
    b_body = {p.index for p in dossier.get(id_b).body}
    covered = {p for row in alignment.rows for p in row.b_paragraphs}
    assert covered == b_body


def test_same_text_paragraphs_agree_with_the_links(seeds):
    dossier, related = seeds
    for article in dossier.articles:
        with_same = [p.index for p in article.body if any(l.kind == "same" for l in related.links(article.id, p.index, 50))]
        assert related.same_text_paragraphs(article.id) == with_same
    assert related.same_text_paragraphs(paragraph_with(dossier, "000", LETTER)[0]) == [paragraph_with(dossier, "000", LETTER)[1]]
