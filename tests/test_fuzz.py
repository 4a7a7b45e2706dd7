"""Property tests: random and adversarial input to everything that reads what users and other
people wrote. The only outcomes are a result or one clear error: never a traceback, never a hang
(issue 14, "Fuzzing that stays in the suite"). Strategies and the contract live in tests/fuzzing.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from dossier_tui.corpus import FORMATS
from dossier_tui.corpus.loader import parse_article_file
from tests.fuzzing import FUZZ, assert_one_line_each, hostile_bytes, hostile_text, one_outcome

pytestmark = pytest.mark.timeout(180)

SUFFIXES = sorted(FORMATS)
UNSAFE = ("\x1b", "\x9b", "\x00", "\x07")


def wrapped(suffix: str, text: str) -> str:
    """TEXT in the shape the format expects, so the fuzzing gets past the first check."""
    if suffix in (".md", ".markdown"):
        return "---\n" + text + "\n---\n\n" + text
    if suffix in (".json",):
        return '[{"title": "' + text + '", "text": ' + text + "}]"
    if suffix in (".jsonl", ".ndjson"):
        return '{"text": "' + text + '"}\n' + text
    if suffix in (".csv", ".tsv"):
        return "title,text,date\n" + text + "," + text + "\n"
    if suffix in (".html", ".htm", ".xhtml"):
        return "<html><head><title>" + text + "</title></head><body><p>" + text + "</p></body></html>"
    return text


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(suffix=st.sampled_from(SUFFIXES), data=hostile_bytes(), shaped=st.booleans(), text=hostile_text())
def test_every_loader_gives_articles_and_one_line_warnings(scratch, suffix, data, shaped, text):
    if shaped:
        data = wrapped(suffix, text).encode("utf-8", errors="surrogatepass")
    articles, warnings = parse_article_file(data, scratch / f"file{suffix}", scratch)
    assert_one_line_each(warnings)
    for article in articles:
        shown = [article.id, article.title or "", article.source or "", *(p.text for p in article.paragraphs)]
        assert not any(bad in part for part in shown[1:] for bad in UNSAFE)


@pytest.fixture(scope="module")
def engines(seeds_workspace):
    from dossier_tui.index import ScanSearch

    return seeds_workspace.search_index, ScanSearch(seeds_workspace.dossier, seeds_workspace.analysis)


@FUZZ
@given(query=hostile_text(max_parts=60))
def test_any_query_is_answered_by_the_index_and_the_scan(engines, query):
    from dossier_tui.index.query_parser import parse

    parsed = parse(query)
    assert parsed.notice is None or "\n" not in parsed.notice
    for engine in engines:
        result = engine.search(query, 20)
        assert result.total >= len(result.hits)


@pytest.fixture(scope="module")
def seeds_copy(tmp_path_factory, seeds_dir_module):
    target = tmp_path_factory.mktemp("aliases") / "dossier"
    shutil.copytree(seeds_dir_module, target)
    return target


@pytest.fixture(scope="module")
def seeds_dir_module():
    from dossier_tui.locations import builtin_dossier

    return builtin_dossier()


@FUZZ
@given(text=hostile_text())
def test_any_aliases_yaml_gives_an_analysis_and_one_line_warnings(seeds_copy, text):
    from dossier_tui.analysis.user_aliases import read_aliases

    (seeds_copy / "aliases.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    aliases, warnings = read_aliases(seeds_copy)
    assert_one_line_each(warnings)
    names = [name for _, names in aliases.merge for name in names] + [n for _, n in aliases.split + aliases.ignore]
    assert not any(bad in name for name in names for bad in UNSAFE)


@FUZZ
@given(text=hostile_text(), structured=st.booleans())
def test_any_aliases_yaml_applies_without_a_traceback(seeds_copy, text, structured):
    from dossier_tui.analysis import analyze
    from dossier_tui.corpus import load_dossier

    if structured:  # valid sections with hostile names, to get past the YAML parser
        text = f"merge:\n  - [{text!r}, Lukashenka]\nrename:\n  {text!r}: {text!r}\nsplit: [{text!r}]\nignore: [{text!r}]\n"
    (seeds_copy / "aliases.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    analysis = analyze(load_dossier(seeds_copy))
    assert_one_line_each(analysis.warnings)


@FUZZ
@given(text=hostile_text(), structured=st.booleans())
def test_any_keymap_file_loads_or_is_reported_line_by_line(tmp_path_factory, text, structured):
    from dossier_tui.keymap import KeymapError, load_keymap

    if structured:
        text = f"reader:\n  copy: {{keys: [{text!r}], description: {text!r}}}\n  next_hit: {text!r}\n"
    path = Path(tmp_path_factory.mktemp("keymap")) / "keymap.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        keymap = load_keymap(str(path))
    except KeymapError as error:
        assert_one_line_each(error.problems)
        return
    for binding in keymap.bindings():
        assert not any(bad in binding.description for bad in UNSAFE)


@FUZZ
@given(text=hostile_text())
@example(text="!!int")  # an IndexError inside PyYAML, found by this test
@example(text="a: !!float ''\nb: !!int 99999999999999999999999999999999" + "9" * 5000)
def test_the_bounded_yaml_reader_has_one_error_type(text):
    from dossier_tui.safe_yaml import YamlProblem, compose, load

    one_outcome(lambda: load(text), YamlProblem)
    one_outcome(lambda: compose(text), YamlProblem)
