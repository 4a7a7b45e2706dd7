"""A page's title without the site's name, and its author only when it is someone's name.

Pages title themselves "Headline | Site", "Site - Headline", "Headline » Section » Site"; the
headline is what the reader shows. The page's own headline (its <h1>) decides when it is part of
the title; otherwise edge parts that name the site (og:site_name, trafilatura's site name, the
host name) go, with the short section labels between them and the headline.
"""

from __future__ import annotations

import re

from dossier_tui.corpus.furniture import word_count

# Separators between a headline and the site's name: " | ", " - ", " -- ", " » ", " :: ", " · ".
_SEPARATOR = re.compile(r"\s+(?:\||-{1,2}|–|—|»|«|::|·|•|~)\s+|\s*[|»]\s*")
_COLON = re.compile(r":\s+")
_MARKS = "|-–—»«·•~/"
_CLOSERS = re.compile(r"[\"'’”)\]!?.…]*")
_SECTION_WORDS = 3
_NOT_NAME_WORDS = frozenset(
    """ad advertisement author blog by com contributor contributing copyright correspondent desk editor editors
    editorial letters magazine media news newsroom posted push reporter sec staff submitted team updated writer
    wire january february march april may june july august september october november december jan feb mar apr
    jun jul aug sep sept oct nov dec the""".split()
)
_NAME_PARTICLES = frozenset("de del della der di da dos du la le van von bin al el st".split())


def _key(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _site_keys(site_names: list[str]) -> set[str]:
    keys = set()
    for name in site_names:
        for part in _SEPARATOR.split(name):
            host = part.strip().casefold()
            if "." in host and " " not in host:
                labels = [label for label in host.split(".") if label not in ("www", "m", "com", "co", "org", "net", "uk")]
                part = labels[0] if labels else host
            if len(_key(part)) >= 2:
                keys.add(_key(part))
    return keys


def _names_site(part: str, keys: set[str]) -> bool:
    key = _key(part)
    return bool(key) and word_count(part) <= 6 and any(
        key == k or len(k) >= 3 and key.startswith(k) or len(k) >= 4 and (k in key or key in k) for k in keys)


def clean_title(title: str, site_names: list[str], headlines: list[str]) -> str:
    """TITLE without the site's name and sections; the page's headline when the title holds it."""
    title = " ".join(title.split())
    keys = _site_keys(site_names)
    for headline in headlines:
        found = _headline_in(title, headline, keys)
        if found:
            return found
    parts = _SEPARATOR.split(title)
    separators = _SEPARATOR.findall(title)
    if len(parts) == 1:
        # "Headline: Section: Site" ends in the site's name alone after a colon
        colon_parts = _COLON.split(title)
        if len(colon_parts) > 1 and _key(colon_parts[-1]) in keys:
            parts = colon_parts
            separators = _COLON.findall(title)
    if len(parts) == 1:
        return title
    start, end = 0, len(parts)
    if _names_site(parts[-1], keys):
        end -= 1
        while end - start > 1 and word_count(parts[end - 1]) <= _SECTION_WORDS:
            end -= 1
    elif _names_site(parts[0], keys):
        start += 1
        while end - start > 1 and word_count(parts[start]) <= _SECTION_WORDS:
            start += 1
    if (start, end) == (0, len(parts)):
        return title
    kept = parts[start]
    for separator, part in zip(separators[start:end - 1], parts[start + 1:end]):
        kept += separator + part
    return kept.strip() or title


def _headline_in(title: str, headline: str, keys: set[str]) -> str | None:
    """The part of TITLE that is HEADLINE when the rest is set off by a separator (a colon only
    before the site's name: "Brexit talks: what next" keeps its second half)."""
    want = _key(headline)
    chars = [(i, k) for i, c in enumerate(title) for k in c.casefold() if k.isalnum()]
    key = "".join(k for _, k in chars)
    if len(want) < 8 or key == want or want not in key:
        return None
    if key.startswith(want):
        end = chars[len(want) - 1][0] + 1
        closers = _CLOSERS.match(title, end)  # the headline's closing quote or mark (or none)
        end = closers.end() if closers else end
        rest = title[end:].strip()
        if rest and (rest[0] in _MARKS or rest[0] == ":" and _names_site(rest[1:], keys)):
            return title[:end].strip()
    if key.endswith(want):
        start = chars[len(key) - len(want)][0]
        before = title[:start].strip()
        if before and (before[-1] in _MARKS or before[-1] == ":" and _names_site(before[:-1], keys)):
            return title[start:].strip()
    return None


def clean_author(author: str | None, site_names: list[str]) -> str | None:
    """The names in AUTHOR ("Jane Smith; Posted Feb" -> "Jane Smith"), or None when it names no one
    ("Googletag Cmd Push Dfp Ad Pg Author Sec 1", "Submitted", "Glamour Magazine")."""
    if not author:
        return None
    keys = _site_keys(site_names)
    names = []
    for part in re.split(r"\s*[;,]\s*|\s+and\s+", author):
        words = part.split()
        if not 2 <= len(words) <= 4 or any(c.isdigit() for c in part) or _key(part) in keys:
            continue
        if any(w.casefold().strip(".") in _NOT_NAME_WORDS for w in words):
            continue
        # capitalised words, a particle ("de", "van") or a capital inside ("deCasparis", "McAdam")
        if all(not w.islower() or w.casefold() in _NAME_PARTICLES for w in words) and not words[0].islower():
            names.append(part)
    return "; ".join(names) or None
