"""Rule-based mention extraction from one article's paragraphs: runs of capitalised words,
titles set apart from names, then a type from gazetteers, keywords and name shapes.

Mentions of one word that nothing in the article types ("Gulevich" before or after "Viktor
Gulevich" does) stay untyped; the dossier-wide alias clustering decides them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier_tui.analysis import gazetteer, lexicon
from dossier_tui.analysis.records import EntityType
from dossier_tui.analysis.transliteration import surnames_match

# A run of capitalised words, with the lower-case connectors names may contain
# ("Armed Forces of Belarus", "Church of England"); connectors are checked afterwards.
_RUN = re.compile(
    r"(?<![\w’'\-])(?![a-z])[^\W\d_][\w’'\-]*(?:\.(?=[A-Z]\.))?(?:[A-Z]\.)*"
    r"(?:(?: (?:of the|of|for|de|da|del|der|van|von|bin|al) | )(?![a-z])[^\W\d_][\w’'\-]*(?:[A-Z]\.)*)*"
)
_TOKEN = re.compile(r"\S+")
_LOWER_WORD = re.compile(r"(?<![\w’'\-])[a-z]{4,}(?![\w\-])")
_POSSESSIVE = ("’s", "'s", "’S", "'S")
_CONNECTORS = frozenset({"of", "the", "for", "de", "da", "del", "der", "van", "von", "bin", "al"})
# Connectors only join when the name before them is one that takes a complement.
_TAKES_COMPLEMENT = frozenset({"Battle", "Republic", "Kingdom", "Gulf", "Sea", "Bay", "Isle", "Province", "City"})
# "named Misha", "his name as Gerard": a lone unknown word after these is a person.
_NAMING = re.compile(r"(?:\bnamed|\bname as|\bnamed as)\s+$")
_LONG_WORD = re.compile(r"\b[^\W\d_]{4,}")
# A place followed by one of these is an event, not an organisation ("Ukraine War").
_EVENTS = frozenset({"War", "Accords", "Accord", "Crisis", "Summit", "Agreement", "Treaty", "Conflict",
                     "Invasion", "Cup", "Games", "Olympics", "Election", "Revolution", "Protests", "Talks"})
_SENTENCE_START = frozenset(".!?:;“\"‘'«(•\n—")
_FEMALE_SURNAME = re.compile(r"(?:ova|eva|ina|aya|ska|skaia)$")

WEAK = 1  # sentence-initial single word that nothing in the article confirms


@dataclass(slots=True)
class RawMention:
    """One mention as the per-article extractor saw it (what the cache stores)."""

    paragraph: int
    start: int
    end: int
    surface: str
    type: EntityType | None
    role: str | None = None
    gender: str | None = None
    key: str | None = None  # gazetteer or demonym name for places and groups ("Kiev" -> "Kyiv")
    flags: int = 0

    def to_row(self) -> list:
        return [self.paragraph, self.start, self.end, self.surface, self.type or "", self.role or "",
                self.gender or "", self.key or "", self.flags]

    @classmethod
    def from_row(cls, row: list) -> RawMention:
        p, s, e, surface, type_, role, gender, key, flags = row
        return cls(p, s, e, surface, EntityType(type_) if type_ else None, role or None, gender or None,
                   key or None, flags)


def extract_mentions(paragraphs: list[tuple[int, str]]) -> list[RawMention]:
    """Mentions in (paragraph index, text) pairs, in reading order."""
    found: list[RawMention] = []
    for index, text in paragraphs:
        title_case = _title_case(text)
        for run in _RUN.finditer(text):
            found.extend(_classify_run(index, text, run.start(), run.group(), title_case))
        found.extend(_lower_case_places(index, text))
    found.sort(key=lambda m: (m.paragraph, m.start))
    _type_single_words(found)
    return found


def _lower_case_places(index: int, text: str) -> list[RawMention]:
    lower = gazetteer.lower_case_places()
    words = set(_LOWER_WORD.findall(text))
    if not words & lower.keys():
        return []
    return [
        RawMention(index, m.start(), m.end(), m.group(), EntityType.PLACE, key=lower[m.group()])
        for m in _LOWER_WORD.finditer(text)
        if m.group() in lower
    ]


def _tokens(run_start: int, run: str) -> list[list]:
    """[[word, start, end], ...] with possessive endings marked as segment breaks."""
    return [[t.group(), run_start + t.start(), run_start + t.end()] for t in _TOKEN.finditer(run)]


def _segments(tokens: list[list]) -> list[list[list]]:
    """Split a run where a possessive ends a name ("Ukraine’s President ...") or a connector
    joins two names that do not belong together ("Belarus of ...")."""
    segments: list[list[list]] = []
    current: list[list] = []
    i = 0
    while i < len(tokens):
        word = tokens[i][0]
        if word in _CONNECTORS:
            previous = current[-1][0] if current else ""
            if previous in lexicon.org_keywords() or previous in _TAKES_COMPLEMENT:
                current.append(tokens[i])
            else:
                if current:
                    segments.append(current)
                current = []
            i += 1
            continue
        if word.endswith(("’", "'")) and len(word) > 2:
            # a closing quote or the possessive of a plural ("Union’", "Belarus’")
            tokens[i] = [word[:-1], tokens[i][1], tokens[i][2] - 1]
            current.append(tokens[i])
            segments.append(current)
            current = []
        elif word.endswith(_POSSESSIVE):
            tokens[i] = [word[:-2], tokens[i][1], tokens[i][2] - 2]
            current.append(tokens[i])
            segments.append(current)
            current = []
        else:
            current.append(tokens[i])
        i += 1
    if current:
        segments.append(current)
    # A trailing connector ("Ministry of") is not part of the name.
    for segment in segments:
        while segment and segment[-1][0] in _CONNECTORS:
            segment.pop()
    return [s for s in segments if s]


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_START


def _title_case(text: str) -> bool:
    """Headline style, where every word is capitalised and capitals say nothing about names."""
    words = _LONG_WORD.findall(text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _classify_run(index: int, text: str, run_start: int, run: str, title_case: bool) -> list[RawMention]:
    found: list[RawMention] = []
    for segment in _segments(_tokens(run_start, run)):
        if title_case:
            found.extend(_classify_title_case(index, text, segment))
        else:
            found.extend(_classify_segment(index, text, segment))
    return found


def _classify_title_case(index: int, text: str, tokens: list[list]) -> list[RawMention]:
    """Only known names count in a headline: the longest known name at each word, else the
    word alone (left for the dossier-wide clusters to confirm)."""
    known = (gazetteer.places(), lexicon.demonyms(), lexicon.organisations())
    found: list[RawMention] = []
    i = 0
    while i < len(tokens):
        for j in range(min(len(tokens), i + 4), i, -1):  # the one-word case always matches
            words = [t[0] for t in tokens[i:j]]
            name = " ".join(words)
            person = j - i == 2 and words[0] in lexicon.first_names()
            if j - i == 1 or person or any(name in table for table in known):
                for mention in _classify_segment(index, text, tokens[i:j]):
                    if mention.type is None:
                        mention.flags |= WEAK
                    found.append(mention)
                i = j
                break
    return found


def _mention(index: int, text: str, tokens: list[list], type_, **extra) -> RawMention:
    start, end = tokens[0][1], tokens[-1][2]
    return RawMention(index, start, end, text[start:end], type_, **extra)


def _classify_segment(index: int, text: str, tokens: list[list]) -> list[RawMention]:
    non_entities = lexicon.non_entities()
    titles = lexicon.titles()
    initial = _sentence_initial(text, tokens[0][1])
    # Leading furniture and sentence openers ("Although", "Speaking", "The") are not names.
    while tokens and tokens[0][0] in non_entities and tokens[0][0] not in titles:
        tokens = tokens[1:]
    if not tokens or all(t[0] in non_entities for t in tokens):
        return []
    words = [t[0] for t in tokens]
    name = " ".join(words)
    places = gazetteer.places()
    demonyms = lexicon.demonyms()
    if initial and len(words) > 1 and not _known(words[0]) and _known(words[1]):
        return _classify_segment(index, text, tokens[1:])

    if name in lexicon.organisations() or any(w in lexicon.org_keywords() for w in words[1:]):
        return [_mention(index, text, tokens, EntityType.ORG)]
    if name in places:
        return [_mention(index, text, tokens, EntityType.PLACE, key=places[name])]
    if name in demonyms:
        return [_mention(index, text, tokens, EntityType.GROUP, key=demonyms[name])]
    if len(words) > 1 and any(w in lexicon.place_keywords() for w in words):
        return [_mention(index, text, tokens, EntityType.PLACE, key=name)]

    # [nationality or place] [title words] name: "Belarusian President Alexander Lukashenko".
    lead = 0
    while lead < len(words) - 1 and (words[lead] in demonyms or words[lead] in places):
        lead += 1
    cut = lead
    gender = None
    while cut < len(words) and words[cut] in titles:
        gender = titles[words[cut]] or gender
        cut += 1
    if cut > lead:
        if cut == len(words):
            return []  # a bare role ("Defense Minister") names no one
        role = text[tokens[0][1]:tokens[cut - 1][2]]
        return [_person(index, text, tokens[cut:], role, gender)]
    if lead:
        head, rest = tokens[:lead], tokens[lead:]
        first = " ".join(words[:lead])
        if (first in places and len(rest) <= 2 and rest[-1][0] not in lexicon.first_names()
                and rest[-1][0] not in _EVENTS):
            # "Israel Hayom", "Kyiv Post": a place name followed by an unknown word is a title of a paper
            return [_mention(index, text, tokens, EntityType.ORG)]
        found = _classify_segment(index, text, head) if first not in places else [
            _mention(index, text, head, EntityType.PLACE, key=places[first])
        ]
        if rest[0][0] in _EVENTS:
            return found
        return found + _classify_segment(index, text, rest)

    if words[0] in lexicon.organisations() and len(words) == 1:
        return [_mention(index, text, tokens, EntityType.ORG)]
    if len(words) == 1:
        word = words[0]
        letters = word.replace(".", "")
        if letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 6:
            return [_mention(index, text, tokens, EntityType.ORG)]
        if not word[0].isupper() or not any(c.islower() for c in word) and len(word) > 6:
            return []
        if word in lexicon.first_names() and not initial:
            return [_person(index, text, tokens, None, None)]
        if _NAMING.search(text, 0, tokens[0][1]):
            return [_person(index, text, tokens, None, None)]
        after_the = text[max(0, tokens[0][1] - 4):tokens[0][1]].lower() == "the "
        return [_mention(index, text, tokens, None, flags=WEAK if initial or after_the else 0)]
    if len(words) <= 4 and all(w[0].isupper() and not w.isupper() for w in words):
        if words[0] in lexicon.first_names():
            return [_person(index, text, tokens, None, None)]
        if len(words) <= 3:
            guess = _person(index, text, tokens, None, None)
            guess.flags |= WEAK
            return [guess]
    return []


def _known(word: str) -> bool:
    return (word in lexicon.first_names() or word in lexicon.titles() or word in lexicon.demonyms()
            or word in gazetteer.places() or word in lexicon.organisations())


def _person(index: int, text: str, tokens: list[list], role: str | None, gender: str | None) -> RawMention:
    words = [t[0] for t in tokens]
    if gender is None and len(words) > 1:
        gender = lexicon.first_names().get(words[0])
    if gender is None and _FEMALE_SURNAME.search(words[-1]):
        gender = "f"
    return _mention(index, text, tokens, EntityType.PERSON, role=role, gender=gender)


def _type_single_words(found: list[RawMention]) -> None:
    """Type one-word mentions from the article's own full names ("Gulevich" -> the person
    "Viktor Gulevich"), and its places and organisations."""
    full_people = [m for m in found if m.type == EntityType.PERSON and " " in m.surface]
    typed = {m.surface: m for m in found if m.type is not None}
    for mention in found:
        if mention.type is not None and not (mention.type == EntityType.PERSON and " " not in mention.surface):
            continue
        same = typed.get(mention.surface)
        if mention.type is None and same is not None and same is not mention:
            mention.type, mention.key, mention.gender = same.type, same.key, same.gender
            mention.flags &= ~WEAK
            continue
        for person in reversed(full_people):
            if surnames_match(mention.surface, person.surface.split()[-1]):
                mention.type = EntityType.PERSON
                mention.gender = mention.gender or person.gender
                mention.flags &= ~WEAK
                break
