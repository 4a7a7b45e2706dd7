"""Skeleton keys for names written in several transliterations.

Raw edit distance cannot tell Tikhanovskaya/Tsikhanouskaya (one person) from Gulevich/Gurevich
(two), so names are first folded to a skeleton that erases what transliteration systems
disagree on (ASCII folding, ou->ov, kh->h, ts->t, w->v, j->y, c->k, x->ks, doubled letters,
vowel groups) and then allowed at most one plausible edit: an adjacent swap, a similar-letter
substitution or a dropped vowel. Gendered endings are kept apart (Ivanov/Ivanova,
Kowalski/Kowalska). The skeleton erases vowels, so it is only a candidate test: the spellings
themselves must also be close (Currie/Korea, Hobby/Hubei, Diorio/Daraa share a skeleton, not a
name).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_RULES = (
    ("shch", "sh"), ("tch", "ch"), ("kh", "h"), ("ts", "t"), ("tz", "t"), ("ou", "ov"), ("w", "v"),
    ("x", "ks"), ("ck", "k"), ("ph", "f"), ("q", "k"), ("c", "k"), ("j", "y"), ("ie", "i"),
)
_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLES = re.compile(r"(.)\1+")
_SIMILAR = {frozenset(pair) for pair in ("sz", "vf", "gh", "dt", "bp", "ae", "ei", "ou", "iy")}
_FEMININE = re.compile(r"(?:a|aya|aia)$")
_MASCULINE = re.compile(r"(?:[iy]|ii|iy|yi|[bcdfghklmnprstvwz])$")


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Lower-case ASCII letters only: "Zoltán" -> "zoltan", "Al-Jazeera" -> "aljazeera"."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return "".join(c for c in ascii_ if c.isalpha())


@lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    key = fold(name)
    for old, new in _RULES:
        key = key.replace(old, new)
    key = _DOUBLES.sub(r"\1", key)
    return _VOWELS.sub("a", key)


def _gendered_apart(a: str, b: str) -> bool:
    """One form has a feminine ending where the other has a masculine one (Ivanov/Ivanova)."""
    fa, fb = fold(a), fold(b)
    return bool(_FEMININE.search(fa) and _MASCULINE.search(fb) or _FEMININE.search(fb) and _MASCULINE.search(fa))


def _one_plausible_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 5 or a[0] != b[0]:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return frozenset((a[diff[0]], b[diff[0]])) in _SIMILAR
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            i = diff[0]
            return a[i] == b[i + 1] and a[i + 1] == b[i]
        return False
    short, long_ = sorted((a, b), key=len)
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1:] == short:
            return long_[i] == "a"  # a dropped vowel group ("Aleksandr"/"Alexander")
    return False


def _edits(a: str, b: str) -> int:
    """Letters inserted, deleted, changed or swapped with a neighbour to turn a into b."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], previous2[j - 2] + 1)
        previous2, previous = previous, row
    return previous[-1]


def _spellings_close(a: str, b: str) -> bool:
    """Few letters apart as written: one edit, two in names of 10 letters or more
    (Tsikhanouskaya/Tikhanovskaya; not Facility/Faculty), whatever the skeletons say."""
    fa, fb = fold(a), fold(b)
    if len(fa) == len(fb) and fa[0] != fb[0]:
        return False  # the first letter is a name's steadiest (Ellison/Allison); Yevdokimov/Evdokimov adds one
    return _edits(fa, fb) <= 1 + max(len(fa), len(fb)) // 10


@lru_cache(maxsize=1 << 20)
def surnames_match(a: str, b: str) -> bool:
    """Two spellings of one surname (Lukashenko/Lukashenka, Zelensky/Zelesnky)."""
    if a == b:
        return True
    if _gendered_apart(a, b):
        return False
    if _short(a, b):
        return fold(a) == fold(b)  # short names collide too easily once folded
    return _one_plausible_edit(skeleton(a), skeleton(b)) and _spellings_close(a, b)


@lru_cache(maxsize=1 << 20)
def exact_skeleton(a: str, b: str) -> bool:
    """The same skeleton with no edit: safe to join even when both forms are frequent."""
    if _short(a, b):
        return fold(a) == fold(b)
    return skeleton(a) == skeleton(b) and not _gendered_apart(a, b) and _spellings_close(a, b)


def _short(a: str, b: str) -> bool:
    return len(fold(a)) <= 4 or len(fold(b)) <= 4


def first_names_compatible(a: list[str], b: list[str]) -> bool:
    """Given names that may belong to one person: absent, an initial, or the same name spelled
    differently (Svetlana/Sviatlana, Alexander/Aleksandr/Alyaksandr, Viktor/Victor)."""
    if not a or not b:
        return True
    x, y = a[0].rstrip("."), b[0].rstrip(".")
    if len(x) == 1 or len(y) == 1:
        return x[0].lower() == y[0].lower()
    if fold(x) == fold(y):
        return True
    if _gendered_apart(x, y) or _known_genders_differ(x, y):
        return False
    return _one_plausible_edit(skeleton(x), skeleton(y))


def _known_genders_differ(x: str, y: str) -> bool:
    """Michael and Michelle: one edit apart, two people."""
    from dossier_tui.analysis.lexicon import first_names

    gx, gy = first_names().get(x), first_names().get(y)
    return gx is not None and gy is not None and gx != gy


def likely_typo(rare: str, common: str) -> bool:
    """A long name one letter away from another ("Lavaleuski" for "Kavaleuski"): only used
    when the rare form occurs once, in an article where the common one occurs too."""
    a, b = fold(rare), fold(common)
    if len(a) < 9 or len(a) != len(b):
        return False
    return sum(x != y for x, y in zip(a, b)) == 1
