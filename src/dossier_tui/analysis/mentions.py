"""Rule-based mention extraction from one article's paragraphs: runs of capitalised words,
titles set apart from names, then a type from gazetteers, keywords and name shapes.

Mentions of one word that nothing in the article types ("Gulevich" before or after "Viktor
Gulevich" does) stay untyped; the dossier-wide alias clustering decides them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from dossier_tui.analysis import gazetteer, lexicon
from dossier_tui.analysis.records import EntityType
from dossier_tui.analysis.transliteration import surnames_match

# A run of capitalised words, with the lower-case connectors names may contain
# ("Armed Forces of Belarus", "Church of England"); connectors are checked afterwards.
_RUN = re.compile(
    r"(?<![\w’'\-])(?![a-z])[^\W\d_][\w’'\-]*(?:\.(?=[A-Z]\.))?(?:[A-Z]\.)*"
    r"(?:(?: (?:of the|of|for|de|da|del|der|van|von|bin|al) | )"
    # a middle initial ("George W. Bush"; not "World War I. The")
    r"(?:[B-HJ-Z]\.(?= [A-Z][a-z])|(?![a-z])[^\W\d_][\w’'\-]*(?:[A-Z]\.)*))*"
)
_TOKEN = re.compile(r"\S+")
_LOWER_WORD = re.compile(r"(?<![\w’'\-])[a-z]{4,}(?![\w\-])")
_POSSESSIVE = ("’s", "'s", "’S", "'S")
_CONNECTORS = frozenset({"of", "the", "for", "de", "da", "del", "der", "van", "von", "bin", "al"})
# Connectors only join when the name before them is one that takes a complement.
_TAKES_COMPLEMENT = frozenset({"Battle", "Republic", "Kingdom", "Gulf", "Sea", "Bay", "Isle", "Province", "City"})
# "named Misha", "his name as Gerard": a lone unknown word after these is a person.
_NAMING = re.compile(r"(?:\bnamed|\bname as)\s+$")
_PERSON_AFTER = re.compile(r"(?:’s|'s)?(?:,? (?:said|says|told|added)\b|, (?:a|an|the|who|whose)\b|, \d+,)")
_PERSON_BEFORE = re.compile(
    r"\b(?:[Ss]pokes(?:man|woman|person)|[Mm]inister|[Pp]resident|[Ll]eader|[Cc]hief|[Dd]irector|[Hh]ead|[Cc]hairman|"
    r"[Ss]ecretary|[Aa]mbassador|[Oo]fficial|[Ee]xecutive|[Mm]ayor|[Gg]overnor|[Pp]rofessor|[Aa]gent|[Cc]orrespondent),? $")
_LONG_WORD = re.compile(r"\b[^\W\d_]{4,}")
_ROLE_CONNECTORS = frozenset({"of", "for", "and", "the", "on"})
# A place followed by one of these is an event, not an organisation ("Ukraine War").
_EVENTS = frozenset({"War", "Accords", "Accord", "Crisis", "Summit", "Agreement", "Treaty", "Conflict",
                     "Invasion", "Cup", "Games", "Olympics", "Election", "Revolution", "Protests", "Talks"})
_SENTENCE_START = frozenset(".!?:;“\"‘'«(•\n—")
# Digits, or a lower-case word after a hyphen ("-rich", "-accused", "-led", "-and"; not Kim
# Jong-un's "-un" or Kim Jong-nam's "-nam").
_NOT_NAME = re.compile(r"\d|-[a-z]{4,}|-(?:and|or|the|led|was|has|had|for|are|its|own|in|on|of|to)\b")
# A word in capitals before a colon is a label ("TARGET: two police officers", "UPDATE:").
_CAPITALS_LABEL = re.compile(r"[A-Z]{4,}:")
_FEMALE_SURNAME = re.compile(r"(?:ova|eva|ina|aya|ska|skaia)$")

_TYPES = {str(t): t for t in EntityType}
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
        return cls(p, s, e, surface, _TYPES.get(type_), role or None, gender or None, key or None, flags)


def extract_mentions(paragraphs: list[tuple[int, str]]) -> list[RawMention]:
    """Mentions in (paragraph index, text) pairs, in reading order."""
    found: list[RawMention] = []
    skip = _skipped_runs()
    for index, text in paragraphs:
        title_case = _title_case(text)
        capitals = None  # decided at the first run in capitals, which most paragraphs lack
        for run in _RUN.finditer(text):
            words = run.group()
            if words in skip:
                continue
            start = run.start()
            if words.isupper() and not _known_capitals(words):
                if capitals is None:
                    capitals = _capitals(text)
                if capitals or _CAPITALS_LABEL.match(text, start):
                    continue  # a headline or label in capitals: its words say nothing about names
            for s, e, type_, role_span, gender, key, flags in _classify_run(
                words, _sentence_initial(text, start), title_case
            ):
                s += start
                e += start
                if type_ is None and not flags and " " not in words:
                    # A lone unknown word: a person after "named", no name after "the".
                    before = text[max(0, s - 12):s]
                    if _NAMING.search(before):
                        type_ = EntityType.PERSON
                    elif before.lower().endswith("the "):
                        flags = WEAK
                role = text[start + role_span[0]:start + role_span[1]] if role_span else None
                found.append(RawMention(index, s, e, text[s:e], type_, role, gender, key, flags))
        found.extend(_lower_case_places(index, text))
    found.sort(key=lambda m: (m.paragraph, m.start))
    found = _roles_before(found, dict(paragraphs))
    _confirm_guesses(found, dict(paragraphs))
    _type_single_words(found)
    return found


@cache
def _skipped_runs() -> frozenset[str]:
    """Most runs are one common word ("The", "He", "But"): they are skipped before any other work."""
    return lexicon.non_entities() - lexicon.titles().keys()


def _roles_before(found: list[RawMention], texts: dict[int, str]) -> list[RawMention]:
    """A role phrase that runs over several capitalised runs before a name is the person's role,
    and its words are not names: "Minister of Foreign Affairs and Trade Peter Szijjarto" (the
    last word of the role, "Trade", first read as part of the name), "Rep. Bennie Thompson"."""
    dropped: set[int] = set()
    for n, m in enumerate(found):
        if m.type != EntityType.PERSON or m.role is not None or " " not in m.surface:
            continue
        text = texts[m.paragraph]
        start = m.start
        words = m.surface.split()
        if len(words) == 3 and words[0] not in lexicon.first_names() and words[1] in lexicon.first_names():
            start += len(words[0]) + 1  # perhaps the role's last word: confirmed below
        role_start = _role_start(text, start)
        if role_start is None:
            continue
        if start != m.start:
            m.start, m.surface = start, text[start:m.end]
            m.flags &= ~WEAK
        m.role = text[role_start:start].strip()
        for k in range(n - 1, -1, -1):
            other = found[k]
            if other.paragraph != m.paragraph or other.end <= role_start:
                break
            if other.type is None:
                dropped.add(k)
    return [m for k, m in enumerate(found) if k not in dropped] if dropped else found


def _role_start(text: str, start: int) -> int | None:
    """Where the role phrase ending at START begins: its first title, with capitalised words and
    connectors between it and the name ("Minister of Foreign Affairs and Trade ")."""
    if start < 2 or text[start - 1] != " ":
        return None
    titles, found, at = lexicon.titles(), None, start - 1
    for _ in range(12):
        begin = text.rfind(" ", 0, at) + 1
        word = text[begin:at]
        if not word or not (word[0].isupper() or word in _ROLE_CONNECTORS):
            break
        if word in titles:
            found = begin
        if begin == 0:
            break
        at = begin - 1
    return found


def _confirm_guesses(found: list[RawMention], texts: dict[int, str]) -> None:
    """An unknown pair of capitalised words is a person when the text treats it as one:
    "Ian Fok, a spokesman", "Lambert Mende said", "spokesman, Anuar Zhainakov"."""
    for m in found:
        if m.type == EntityType.PERSON and m.flags & WEAK:
            text = texts[m.paragraph]
            if _PERSON_AFTER.match(text, m.end) or _PERSON_BEFORE.search(text[max(0, m.start - 30):m.start]):
                m.flags &= ~WEAK


def _lower_case_places(index: int, text: str) -> list[RawMention]:
    lower = gazetteer.lower_case_places()
    if gazetteer.lower_case_tokens().isdisjoint(text.split()):
        return []
    return [
        RawMention(index, m.start(), m.end(), m.group(), EntityType.PLACE, key=lower[m.group()])
        for m in _LOWER_WORD.finditer(text)
        if m.group() in lower
    ]


def _tokens(run: str) -> list[list]:
    """[[word, start, end], ...] of a run, offsets relative to it."""
    return [[t.group(), t.start(), t.end()] for t in _TOKEN.finditer(run)]


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
        if word.endswith("-") and word.strip("-"):
            # a dash glued to the word ends the name: "Edward Snowden- Al Jazeera", "Germany--"
            stripped = word.rstrip("-")
            tokens[i] = [stripped, tokens[i][1], tokens[i][1] + len(stripped)]
            current.append(tokens[i])
            segments.append(current)
            current = []
        elif word.endswith(("’", "'")) and len(word) > 2:
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


def _capitals(text: str) -> bool:
    """A headline set in capitals ("TRUMP SAYS SESSIONS SHOULD ..."): most of its letters are."""
    sample = text[:300]
    upper, lower = sum(map(str.isupper, sample)), sum(map(str.islower, sample))
    return upper >= 12 and upper >= 0.7 * (upper + lower)


def _known_capitals(words: str) -> bool:
    """A place or organisation the lists know, written in capitals ("MOSCOW", "NATO")."""
    name = words.title()
    return (name in gazetteer.places() or words in lexicon.organisations() or name in lexicon.organisations()
            or words in gazetteer.places())


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_START


def _title_case(text: str) -> bool:
    """Headline style, where every word is capitalised and capitals say nothing about names."""
    if len(text) > 300:
        return False
    words = _LONG_WORD.findall(text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


@lru_cache(maxsize=100_000)
def _classify_run(run: str, initial: bool, title_case: bool) -> tuple:
    """(start, end, type, role span, gender, key, flags) of the names in a run, offsets relative
    to it. Cached: runs recur."""
    found = []
    for tokens in _segments(_tokens(run)):
        words = tuple(t[0] for t in tokens)
        first = initial and tokens[0][1] == 0
        for i, j, type_, role_from, gender, key, flags in _classify_words(words, first, title_case):
            role = (tokens[role_from][1], tokens[i - 1][2]) if role_from is not None else None
            found.append((tokens[i][1], tokens[j - 1][2], type_, role, gender, key, flags))
    return tuple(found)


Found = tuple[int, int, EntityType | None, int | None, str | None, str | None, int]


@lru_cache(maxsize=100_000)
def _classify_words(words: tuple[str, ...], initial: bool, title_case: bool) -> tuple[Found, ...]:
    """(start, end, type, role start, gender, key, flags) of the names in a run of capitalised
    words, as word indices. Pure and cached: the same runs recur across a dossier."""
    if not title_case:
        return tuple(_classify(words, 0, len(words), initial))
    # Only known names count in a headline: the longest known name at each word, else the word
    # alone, left for the dossier-wide clusters to confirm.
    known = (gazetteer.places(), lexicon.demonyms(), lexicon.organisations())
    found: list[Found] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 4), i, -1):  # the one-word case always matches
            name = " ".join(words[i:j])
            person = j - i == 2 and words[i] in lexicon.first_names()
            if j - i == 1 or person or any(name in table for table in known):
                for f in _classify(words, i, j, initial and i == 0):
                    found.append(f if f[2] is not None else f[:6] + (f[6] | WEAK,))
                i = j
                break
    return tuple(found)


def _classify(words: tuple[str, ...], i: int, j: int, initial: bool) -> list[Found]:
    non_entities, titles = lexicon.non_entities(), lexicon.titles()
    places, demonyms = gazetteer.places(), lexicon.demonyms()
    organisations, org_keywords = lexicon.organisations(), lexicon.org_keywords()
    # Leading furniture and sentence openers ("Although", "Speaking", "The") are not names.
    while i < j and words[i] in non_entities and words[i] not in titles:
        i += 1
    if i == j or all(w in non_entities for w in words[i:j]):
        return []
    # Nor is a short common word after a name, where a headline runs on ("John McCain As"), nor
    # a weekday or opener after a full name ("Donald Trump Friday", "Rex Tillerson While"), nor a
    # repeated word ("James Comey Comey").
    while j - i > 1 and len(words[j - 1]) <= 2 and words[j - 1] in non_entities:
        j -= 1
    while (j - i > 2 and words[j - 1] in non_entities and words[j - 1] not in titles
           and words[j - 2] not in lexicon.first_names()):  # "Theresa May" keeps her name
        j -= 1
    while j - i > 1 and words[j - 1] == words[j - 2]:
        j -= 1
    part = words[i:j]
    if lexicon.is_work(part) and part[0] not in places and part[0] not in demonyms:
        return []  # a law, event or work ("Affordable Care Act", "Obamacare"), not a name
    name = " ".join(part)
    if initial and len(part) > 1 and not _known(part[0]) and (part[1] in demonyms or part[1] in places):
        return _classify(words, i + 1, j, False)  # "Exiled Belarusian", "Ordinary Belarusians"
    if name in organisations or any(" ".join(part[:k]) in organisations for k in (2, 3) if k < len(part)):
        return [(i, j, EntityType.ORG, None, None, None, 0)]  # "Al Jazeera English"

    person = _titled_person(words, i, j)
    if person is not None:
        return person
    # A role with no name after an organisation: "Foreign Ministry Spokesman".
    while j - i > 1 and words[j - 1] in titles and any(w in org_keywords for w in words[i:j - 1]):
        j -= 1
    part = words[i:j]
    name = " ".join(part)
    if all(w in titles for w in part):
        return []  # a bare role ("Defense Minister") names no one
    if any(w in org_keywords for w in part[1:]) or (len(part) > 2 and part[0] in org_keywords and part[1] in _CONNECTORS):
        return [(i, j, EntityType.ORG, None, None, None, 0)]
    if name in places:
        return [(i, j, EntityType.PLACE, None, None, places[name], 0)]
    if name in demonyms:
        return [(i, j, EntityType.GROUP, None, None, demonyms[name], 0)]
    if len(part) > 1 and any(w in lexicon.place_keywords() for w in part):
        return [(i, j, EntityType.PLACE, None, None, name, 0)]
    if len(part) > 1 and _acronym(part[0]) and part[0] not in places:
        return [(i, j, EntityType.ORG, None, None, None, 0)]  # "RIA Novosti"

    lead = i  # nationalities and places before a name: "Belarusian Lukashenka", "Israel Hayom"
    while lead < j - 1 and (words[lead] in demonyms or words[lead] in places):
        lead += 1
    if lead > i:
        first = " ".join(words[i:lead])
        rest = words[lead]
        if (first in places and j - lead == 1 and rest not in lexicon.first_names() and rest not in _EVENTS
                and rest not in places and rest not in demonyms):
            return [(i, j, EntityType.ORG, None, None, None, 0)]  # "Israel Hayom": a place's newspaper
        head = _lead(words, i, lead)
        return head if rest in _EVENTS else head + _classify(words, lead, j, False)

    if j - i == 1:
        word = part[0]
        if word.isupper() and word.title() in places:
            return [(i, j, EntityType.PLACE, None, None, places[word.title()], 0)]  # datelines: "ASTANA"
        if word in organisations or _acronym(word):
            return [(i, j, EntityType.ORG, None, None, None, 0)]
        if not word[0].isupper() or not any(c.islower() for c in word) and len(word) > 6:
            return []
        return [(i, j, None, None, None, None, WEAK if initial else 0)]
    if len(part) > 1 and part[0] not in lexicon.first_names() and (initial and part[0].endswith("ing") or _NOT_NAME.search(part[0])):
        # A sentence-opening verb, a hyphenated adjective or a link's code starts no name:
        # "Accepting UnionPay", "Coal-rich Shanxi", "IYYfW5lMOT William".
        return _classify(words, i + 1, j, False)
    if any(_NOT_NAME.search(w) for w in part[1:]):
        return []  # "Antonio Guterres-accused-South": a headline's compound, no one's name
    if len(part) > 2 and part[-1] in gazetteer.countries() and part[0] in lexicon.first_names():
        # A country ends no one's name: "Laura Kuenssberg Scotland" is a person and a place
        # ("Royal Caribbean" is neither).
        return _classify(words, i, j - 1, initial) + [(j - 1, j, EntityType.PLACE, None, None, places.get(part[-1], part[-1]), 0)]
    if len(part) <= 4 and all(w[0].isupper() and (not w.isupper() or _initial(w)) for w in part) and not _initial(part[-1]):
        if part[0] in lexicon.first_names():
            return [_person(words, i, j, None, None)]
        if len(part) <= 3:
            # An unknown pair of capitalised words: a person only if the article confirms it.
            guess = _person(words, i, j, None, None)
            return [guess[:6] + (WEAK,)]
    return []


def _titled_person(words: tuple[str, ...], i: int, j: int) -> list[Found] | None:
    """A name after its title, whatever precedes the title: "Major General Viktor Gulevich",
    "Coroner Dr Shirley Radcliffe", "Democratic National Committee Chairman Tom Perez"."""
    titles, org_keywords = lexicon.titles(), lexicon.org_keywords()
    k = next((k for k in range(j - 2, i - 1, -1) if _title(words[k]) and not _title(words[k + 1])), None)
    if k is None:
        return None
    name = words[k + 1:j]
    if len(name) > 4 or any(w in titles or w in org_keywords or not w[0].isupper() or _NOT_NAME.search(w) for w in name):
        return None
    if all(w in lexicon.demonyms() or w in gazetteer.places() for w in name):
        return _classify(words, k + 1, j, False)  # "Former Syrian": a role and a nationality
    start = k
    while start > i and _title(words[start - 1]):
        start -= 1
    gender = next((titles.get(w) for w in words[start:k + 1] if titles.get(w)), None)
    found: list[Found] = []
    before = words[i:start]
    if before:
        if len(before) > 1 and any(w in org_keywords for w in before) or " ".join(before) in lexicon.organisations():
            found.append((i, start, EntityType.ORG, None, None, None, 0))
        elif all(w in lexicon.demonyms() or w in gazetteer.places() for w in before):
            found += _lead(words, i, start)
    found.append(_person(words, k + 1, j, i, gender))
    return found


def _title(word: str) -> bool:
    """A title, hyphenated ones too ("Lieutenant-General")."""
    titles = lexicon.titles()
    return word in titles or "-" in word and all(part in titles for part in word.split("-"))


def _lead(words: tuple[str, ...], i: int, j: int) -> list[Found]:
    """Nationalities and places standing before a name, each as its own mention."""
    places, demonyms = gazetteer.places(), lexicon.demonyms()
    name = " ".join(words[i:j])
    if name in places:
        return [(i, j, EntityType.PLACE, None, None, places[name], 0)]
    found: list[Found] = []
    for n in range(i, j):
        if words[n] in demonyms:
            found.append((n, n + 1, EntityType.GROUP, None, None, demonyms[words[n]], 0))
        elif words[n] in places:
            found.append((n, n + 1, EntityType.PLACE, None, None, places[words[n]], 0))
    return found


def _initial(word: str) -> bool:
    return len(word) == 2 and word[1] == "." and word[0].isupper()


def _acronym(word: str) -> bool:
    letters = word.replace(".", "")
    if not (letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 6) or word in lexicon.non_entities():
        return False
    # a word in capitals, not an acronym: "REP", "READ", "MAY"
    name = letters.capitalize()
    return not (name in lexicon.non_entities() or name in lexicon.titles() or f"{name}." in lexicon.titles()
                or len(letters) > 3 and name in lexicon.first_names())


def _known(word: str) -> bool:
    return (word in lexicon.first_names() or word in lexicon.titles() or word in lexicon.demonyms()
            or word in gazetteer.places() or word in lexicon.organisations())


def _person(words: tuple[str, ...], i: int, j: int, role_from: int | None, gender: str | None) -> Found:
    if gender is None and j - i > 1:
        gender = lexicon.first_names().get(words[i])
    if gender is None and _FEMALE_SURNAME.search(words[j - 1]):
        gender = "f"
    return (i, j, EntityType.PERSON, role_from, gender, None, 0)


def _type_single_words(found: list[RawMention]) -> None:
    """Type one-word mentions from the article's own full names ("Gulevich" -> the person
    "Viktor Gulevich"), and its places and organisations."""
    surnames: dict[str, RawMention] = {}
    for m in found:
        if m.type == EntityType.PERSON and " " in m.surface and not m.flags & WEAK:
            surnames[m.surface.rsplit(" ", 1)[1]] = m
    typed = {m.surface: m for m in found if m.type is not None and " " not in m.surface}
    matches: dict[str, RawMention | None] = {}
    for mention in found:
        if " " in mention.surface or mention.type not in (None, EntityType.PERSON, EntityType.PLACE):
            continue
        if mention.type == EntityType.PLACE:
            person = surnames.get(mention.surface)
            if person is not None and person.surface.split()[0] in lexicon.first_names():
                # "Jackson tried to stop the attack" after "James Harris Jackson"; not "China"
                # after a run such as "Google Greater China"
                mention.type, mention.key, mention.gender = EntityType.PERSON, None, surnames[mention.surface].gender
            continue
        same = typed.get(mention.surface)
        if mention.type is None and same is not None:
            mention.type, mention.key, mention.gender = same.type, same.key, same.gender
            mention.flags &= ~WEAK
            continue
        word = mention.surface
        if word not in matches:
            matches[word] = surnames.get(word) or next(
                (p for surname, p in surnames.items() if surname[0] == word[0] and surnames_match(word, surname)), None)
        person = matches[word]
        if person is not None:
            mention.type = EntityType.PERSON
            mention.gender = mention.gender or person.gender
            mention.flags &= ~WEAK
