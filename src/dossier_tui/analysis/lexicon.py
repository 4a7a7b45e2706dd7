"""The word lists the extractor reads from `dossier_tui/data/` (users may extend them)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.rstrip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def titles() -> dict[str, str | None]:
    """Title word -> implied gender ("m", "f") or None."""
    found: dict[str, str | None] = {}
    for line in _lines("titles.txt"):
        word, _, gender = line.partition("\t")
        found[word.strip()] = gender.strip() or None
    return found


@cache
def cue_verbs() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in _lines("cue_verbs.txt"))


@cache
def org_keywords() -> frozenset[str]:
    return frozenset(line.strip() for line in _lines("org_keywords.txt"))


@cache
def organisations() -> frozenset[str]:
    return frozenset(line.strip() for line in _lines("organisations.txt"))


@cache
def non_entities() -> frozenset[str]:
    return frozenset(line.strip() for line in _lines("non_entities.txt"))


@cache
def demonyms() -> dict[str, str]:
    """Form -> group name ("Belarusians" -> "Belarusian")."""
    found: dict[str, str] = {}
    for line in _lines("demonyms.txt"):
        forms = [form.strip() for form in line.split("|")]
        for form in forms:
            found.setdefault(form, forms[0])
    return found


@cache
def first_names() -> dict[str, str | None]:
    """First name -> usual gender ("m", "f") or None."""
    found: dict[str, str | None] = {}
    for line in _lines("first_names.txt"):
        name, _, gender = line.partition("\t")
        found[name.strip()] = gender.strip() or None
    return found


@cache
def extra_places() -> dict[str, str]:
    """Form -> place name, for the regions and parts of countries GeoNames' lists leave out."""
    found: dict[str, str] = {}
    for line in _lines("places.txt"):
        forms = [form.strip() for form in line.split("|")]
        for form in forms:
            found.setdefault(form, forms[0])
    return found


@cache
def place_keywords() -> frozenset[str]:
    return frozenset(line.strip() for line in _lines("place_keywords.txt"))


@cache
def works() -> tuple[frozenset[str], tuple[str, ...]]:
    """Last words of names of laws, events and works ("Act"), and word suffixes ("-care")."""
    lines = [line.strip() for line in _lines("works.txt")]
    return frozenset(w for w in lines if not w.startswith("-")), tuple(w[1:] for w in lines if w.startswith("-"))


def is_work(words: tuple[str, ...] | list[str]) -> bool:
    """The name of a law, event, product or work: "Affordable Care Act", "Obamacare"."""
    last, suffixes = works()
    return bool(words) and (words[-1] in last or len(words[-1]) > 6 and words[-1].casefold().endswith(suffixes))
