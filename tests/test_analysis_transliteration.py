"""Spellings of one name join; different names, and gendered forms, stay apart."""

import pytest

from dossier_tui.analysis.transliteration import first_names_compatible, likely_typo, surnames_match


@pytest.mark.parametrize(
    "a,b",
    [
        ("Lukashenko", "Lukashenka"),
        ("Tikhanovskaya", "Tsikhanouskaya"),
        ("Zelensky", "Zelesnky"),  # adjacent letters swapped
        ("Zelensky", "Zelenskyy"),
        ("Arestovych", "Arestovich"),
        ("Tchaikovsky", "Chaikovsky"),
    ],
)
def test_transliterations_and_typos_of_one_surname_match(a, b):
    assert surnames_match(a, b) and surnames_match(b, a)


@pytest.mark.parametrize(
    "a,b",
    [
        ("Gulevich", "Gurevich"),  # l/r is no transliteration
        ("Ivanov", "Ivanova"),  # gendered endings are two people
        ("Kowalski", "Kowalska"),
        ("Tikhanovsky", "Tikhanovskaya"),
        ("Gulevich", "Khrenin"),
        ("Lee", "Li"),  # short names: exact only
        ("Kavaleuski", "Kalaveuski"),
    ],
)
def test_different_surnames_do_not_match(a, b):
    assert not surnames_match(a, b)


def test_first_names_guard_clusters():
    assert first_names_compatible(["Svetlana"], ["Sviatlana"])
    assert first_names_compatible(["Alexander"], ["Alyaksandr"])
    assert first_names_compatible(["Aleksandr"], ["Alexander"])
    assert first_names_compatible(["Viktor"], ["Victor"])
    assert first_names_compatible(["V."], ["Viktor"])
    assert first_names_compatible([], ["Viktor"])
    assert not first_names_compatible(["Alexander"], ["Alexandra"])
    assert not first_names_compatible(["Viktor"], ["Pavel"])
    assert not first_names_compatible(["Michael"], ["Michelle"])  # one edit, known to be two people


def test_typo_rule_needs_a_long_name_one_letter_off():
    assert likely_typo("Lavaleuski", "Kavaleuski")
    assert not likely_typo("Gurevich", "Gulevich")  # too short to call a typo
    assert not likely_typo("Lavaleuskii", "Kavaleuski")


@pytest.mark.parametrize(
    "a,b",
    # one skeleton, different names: merged by the NewsArticles before spellings were compared too
    [("Currie", "Korea"), ("Currie", "Correa"), ("Hobby", "Hubei"), ("Wylie", "Willy"), ("Diorio", "Daraa"),
     ("Donato", "Deneta"), ("Fey", "Fu"), ("City", "Kate"), ("As", "Eyes"),
     ("Ellison", "Allison"), ("Facility", "Faculty"), ("Giuliani", "Gillian")],
)
def test_a_shared_skeleton_alone_is_not_a_match(a, b):
    from dossier_tui.analysis.transliteration import exact_skeleton

    assert not surnames_match(a, b) and not exact_skeleton(a, b)
