"""The clustering rules on their own: first names, frequency, surname-only mentions."""

from __future__ import annotations

from dossier_tui.analysis.alias_clusters import build_clusters
from dossier_tui.analysis.mentions import RawMention
from dossier_tui.analysis.records import EntityType


def _article(*names: str) -> list[RawMention]:
    found, at = [], 0
    for name in names:
        found.append(RawMention(0, at, at + len(name), name, EntityType.PERSON))
        at += len(name) + 1
    return found


def _groups(articles) -> list[set[str]]:
    clusters = build_clusters(articles, set())
    return sorted(({articles[a][i].surface for a, i in c.refs} for c in clusters if c.type == EntityType.PERSON), key=min)


def test_a_rare_misspelling_joins_but_two_frequent_spellings_stay_two_people():
    rare = [_article("Volodymyr Zelensky", "Volodymyr Zelensky", "Volodymyr Zelensky"), _article("Volodymyr Zelesnky")]
    assert {"Volodymyr Zelensky", "Volodymyr Zelesnky"} in _groups(rare)
    frequent = [_article("Volodymyr Zelensky")] * 3 + [_article("Volodymyr Zelesnky")] * 3
    assert {"Volodymyr Zelensky"} in _groups(frequent) and {"Volodymyr Zelesnky"} in _groups(frequent)


def test_first_names_keep_namesakes_apart_and_surnames_follow_their_article():
    articles = [_article("Viktor Gulevich", "Gulevich"), _article("Ivan Gulevich", "Gulevich"), _article("Gulevich")]
    groups = _groups(articles)
    assert {"Viktor Gulevich", "Gulevich"} in groups and {"Ivan Gulevich", "Gulevich"} in groups
    # Alone in the third article, "Gulevich" could be either: it joins neither full name.
    assert {"Gulevich"} in groups and len(groups) == 3


def test_a_surname_alone_joins_the_only_full_name_in_the_dossier():
    groups = _groups([_article("Sviatlana Tsikhanouskaya"), _article("Tikhanovskaya")])
    assert groups == [{"Sviatlana Tsikhanouskaya", "Tikhanovskaya"}]
