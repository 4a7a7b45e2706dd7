"""The related index is a cache: built once, reread when nothing changed, and relinked only for
the articles that changed."""

from __future__ import annotations

import shutil

import pytest

from dossier_tui.corpus import load_dossier
from dossier_tui.related import RelatedIndex
from dossier_tui.related.passages import article_passages

LETTER = "I ask for your decision regarding the acceptance of my resignation"


@pytest.fixture
def folder(seeds_dir, tmp_path):
    target = tmp_path / "dossier"
    shutil.copytree(seeds_dir, target)
    return target


def build(folder, cache):
    dossier = load_dossier(folder)
    return dossier, RelatedIndex.build(dossier, None, cache)


def letter_paragraph(dossier, prefix):
    article = next(a for a in dossier.articles if a.id.startswith(prefix))
    return article.id, next(p.index for p in article.paragraphs if LETTER in p.text)


def test_reopening_an_unchanged_dossier_links_nothing(folder, tmp_path):
    dossier, first = build(folder, tmp_path / "cache")
    assert first.recomputed == sum(len(article_passages(a)) for a in dossier.articles)
    _, again = build(folder, tmp_path / "cache")
    assert again.recomputed == 0
    letter = letter_paragraph(dossier, "000")
    assert [(l.article_id, l.paragraph, l.kind) for l in again.links(*letter)] == [
        (l.article_id, l.paragraph, l.kind) for l in first.links(*letter)
    ]


def test_changing_one_article_relinks_only_its_passages(folder, tmp_path):
    dossier, _ = build(folder, tmp_path / "cache")
    letter_000 = letter_paragraph(dossier, "000")
    letter_text = next(p.text for p in dossier.get(letter_000[0]).paragraphs if p.index == letter_000[1])
    changed = next(folder.glob("001_*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\n" + letter_text + "\n", encoding="utf-8")

    dossier, related = build(folder, tmp_path / "cache")
    article_001 = next(a for a in dossier.articles if a.id.startswith("001"))
    assert related.recomputed == len(article_passages(article_001))
    # The unchanged 000 now links to the letter in 001, as it would after a full build.
    targets = {(l.article_id, l.kind) for l in related.links(*letter_000)}
    assert (article_001.id, "same") in targets

    fresh = RelatedIndex.build(dossier, None, tmp_path / "fresh-cache")
    assert {(l.article_id, l.paragraph, l.kind) for l in related.links(*letter_000)} == {
        (l.article_id, l.paragraph, l.kind) for l in fresh.links(*letter_000)
    }


def test_deleting_an_article_removes_links_into_it(folder, tmp_path):
    build(folder, tmp_path / "cache")
    next(folder.glob("002_*.txt")).unlink()
    dossier, related = build(folder, tmp_path / "cache")
    assert related.recomputed == 0
    letter_000 = letter_paragraph(dossier, "000")
    assert all(not l.article_id.startswith("002") for l in related.links(*letter_000, limit=50))
    for article in dossier.articles:
        for paragraph in article.paragraphs:
            assert all(not l.article_id.startswith("002") for l in related.links(article.id, paragraph.index, 50))


def test_a_damaged_cache_is_rebuilt_with_a_notice(folder, tmp_path):
    dossier, first = build(folder, tmp_path / "cache")
    (tmp_path / "cache" / "links.pickle").write_bytes(b"\x80\x05 not a pickle")
    _, again = build(folder, tmp_path / "cache")
    assert again.notice and "rebuilding" in again.notice
    assert again.recomputed == first.recomputed
    letter = letter_paragraph(dossier, "000")
    assert again.links(*letter)[0].kind == "same"


def test_deleting_copies_of_a_widely_carried_text_keeps_the_index_consistent(seeds_dir, tmp_path):
    """More copies than a passage keeps links for: removal must still find every link to them."""
    folder = tmp_path / "wire"
    folder.mkdir()
    letter_000 = next(seeds_dir.glob("000_*.txt")).read_text(encoding="utf-8")
    for n in range(25):
        (folder / f"copy{n:02d}.txt").write_text(letter_000, encoding="utf-8")
    build(folder, tmp_path / "cache")
    for n in range(0, 25, 2):
        (folder / f"copy{n:02d}.txt").unlink()
    dossier, related = build(folder, tmp_path / "cache")
    assert related.recomputed == 0
    kept = {a.id for a in dossier.articles}
    for article in dossier.articles:
        for paragraph in article.paragraphs:
            for link in related.links(article.id, paragraph.index, 50):
                assert link.article_id in kept and link.article_id != article.id
    assert related.links(*letter_paragraph(dossier, "copy01"))[0].kind == "same"
