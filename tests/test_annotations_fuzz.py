"""The annotation store and anchoring fed random and hostile content (Hypothesis)."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier_tui.annotations import LABELS, AnnotationStore, AnnotationStoreError, ArticleText, State, place_all
from dossier_tui.annotations.anchoring import make_target, place
from dossier_tui.annotations.editing import new_annotation
from dossier_tui.annotations.records import Annotation
from dossier_tui.model import Article, Dossier, Kind, Paragraph

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
# Any code point but surrogates, control characters and escapes included.
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
PARAGRAPH = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), min_size=1, max_size=200)


def article(texts: list[str], article_id: str = "a") -> Article:
    return Article(article_id, f"{article_id}.txt", "Title", paragraphs=[Paragraph(i, Kind.BODY, t) for i, t in enumerate(texts)])


@FUZZ
@given(note=ANY_TEXT, tags=st.lists(ANY_TEXT, max_size=5), label=st.sampled_from(LABELS), texts=st.lists(PARAGRAPH, min_size=1, max_size=4))
def test_whatever_is_written_reads_back_the_same(tmp_path_factory, note, tags, label, texts):
    folder = tmp_path_factory.mktemp("store")
    doc = article(texts)
    try:
        annotation = new_annotation(doc, 0, note=note, tags=[t[:64] for t in tags], label=label)
    except ValueError:
        return  # an all-blank paragraph selects nothing
    AnnotationStore(folder).put(annotation)
    again = AnnotationStore(folder)
    assert again.problem is None and again.notes == {annotation.id: annotation}
    [placed] = place_all([annotation], Dossier(str(folder), [doc]))
    assert placed.state == State.ANCHORED


@FUZZ
@given(garbage=st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_file_content_is_read_or_reported_never_overwritten(tmp_path_factory, garbage):
    folder = tmp_path_factory.mktemp("store")
    path = folder / "annotations.jsonl"
    path.write_bytes(b'{"format": "dossier-tui annotations", "version": 1}\n' + garbage + b"\n{}\n")
    before = path.read_bytes()
    store = AnnotationStore(folder)  # never raises
    assert store.problem is not None and store.problem.startswith(f"{path}:")
    try:
        store.set_read(["x"])
    except AnnotationStoreError:
        pass
    assert path.read_bytes() == before


@FUZZ
@given(
    texts=st.lists(PARAGRAPH, min_size=1, max_size=4),
    where=st.tuples(st.integers(0, 3), st.integers(0, 200), st.integers(0, 3), st.integers(0, 200)),
    edit=st.tuples(st.integers(0, 3), st.integers(0, 200), st.integers(0, 30), PARAGRAPH),
)
def test_anchoring_after_any_edit_stays_inside_the_text(texts, where, edit):
    doc = article(texts)
    first, start, last, end = where
    first, last = min(first, len(texts) - 1), min(max(first, last), len(texts) - 1)
    try:
        target = make_target(ArticleText(doc), first, min(start, len(texts[first])), last, min(end, len(texts[last])))
    except ValueError:
        return
    number, at, cut, insert = edit
    number = min(number, len(texts) - 1)
    changed = list(texts)
    changed[number] = changed[number][:at] + insert + changed[number][at + cut :]
    edited = ArticleText(article(changed))
    placed = place(Annotation("x", target), edited)
    if placed.state == State.ORPHANED:
        return
    assert (placed.paragraph, placed.start) <= (placed.end_paragraph, placed.end)
    assert 0 <= placed.start <= len(changed[placed.paragraph]) and 0 <= placed.end <= len(changed[placed.end_paragraph])
    if placed.state == State.ANCHORED:
        begin, finish = edited.offset(placed.paragraph, placed.start), edited.offset(placed.end_paragraph, placed.end)
        assert edited.text[begin:finish] == target.quote


def test_seed_dossier_copies_do_not_share_a_store(dossier_copy, tmp_path, seeds_dir):
    other = tmp_path / "other"
    shutil.copytree(dossier_copy, other)
    AnnotationStore(dossier_copy).set_read(["x"])
    assert not AnnotationStore(other).is_read("x")
