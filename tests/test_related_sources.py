"""Links across outlets: reproduced text is found however it was re-punctuated, other outlets
rank before the same outlet, and corroboration says who had it first."""

from __future__ import annotations

import pytest

from dossier_tui.corpus import load_dossier
from dossier_tui.related import RelatedIndex

LETTER = "I ask for your decision regarding the acceptance of my resignation"


def body_of(seeds, prefix):
    article = next(a for a in seeds.articles if a.id.startswith(prefix))
    return [p.text for p in article.body]


def write(folder, name, source, date, paragraphs):
    front = f"---\ntitle: {name}\nsource: {source}\ndate: {date}\n---\n\n"
    (folder / f"{name}.md").write_text(front + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


@pytest.fixture
def outlets(seeds_dir, tmp_path):
    """000 from outlet One; 002 from outlet Two, a day earlier; 002 again, later, from One."""
    seeds = load_dossier(seeds_dir)
    folder = tmp_path / "outlets"
    folder.mkdir()
    write(folder, "resigns", "One", "2022-03-08", body_of(seeds, "000"))
    write(folder, "dissent", "Two", "2022-03-07", body_of(seeds, "002"))
    write(folder, "dissent-copy", "One", "2022-03-09", body_of(seeds, "002")[5:9])
    dossier = load_dossier(folder)
    return dossier, RelatedIndex.build(dossier, None, tmp_path / "cache")


def letter(dossier, article_id):
    return next(p.index for p in dossier.get(article_id).paragraphs if LETTER in p.text)


def test_other_outlet_ranks_before_the_same_outlet_with_the_same_text(outlets):
    dossier, related = outlets
    links = related.links("resigns", letter(dossier, "resigns"))
    assert [(l.article_id, l.kind) for l in links[:2]] == [("dissent", "same"), ("dissent-copy", "same")]
    assert links[0].score == pytest.approx(links[1].score)


def test_corroboration_counts_other_outlets_and_names_the_earliest(outlets):
    dossier, related = outlets
    corroboration = related.corroboration("resigns", letter(dossier, "resigns"))
    assert corroboration.sources == ["Two"]
    assert corroboration.first == "dissent"


def test_quote_cluster_dates_and_sources(outlets):
    _, related = outlets
    cluster = next(c for c in related.quote_clusters() if "explanatory work" in c.text)
    assert [m.article_id for m in cluster.members] == ["dissent", "resigns", "dissent-copy"]
    assert cluster.sources == ["Two", "One"] and cluster.first == "dissent"


def test_reproduced_text_survives_quote_marks_ellipses_insertions_and_case(seeds_dir, tmp_path):
    seeds = load_dossier(seeds_dir)
    original = next(p for p in body_of(seeds, "000") if LETTER in p)
    edited = (
        original.replace("“", '"').replace("”", '"').replace("…", "...")
        .replace("did not yield results", "did not yield [the] results")
        .replace("conducting explanatory work", "CONDUCTING EXPLANATORY WORK")
    )
    folder = tmp_path / "edited"
    folder.mkdir()
    write(folder, "original", "One", "2022-03-08", body_of(seeds, "000"))
    write(folder, "edited", "Two", "2022-03-09", [edited])
    dossier = load_dossier(folder)
    related = RelatedIndex.build(dossier, None, tmp_path / "cache")
    paragraph = next(p.index for p in dossier.get("edited").paragraphs if "EXPLANATORY" in p.text)
    link = related.links("edited", paragraph)[0]
    assert (link.article_id, link.kind) == ("original", "same")
    shared = " ".join(link.text[s:e] for s, e in link.shared)
    assert "conducting explanatory work with the commanders" in shared
    assert "acceptance of my resignation" in shared
