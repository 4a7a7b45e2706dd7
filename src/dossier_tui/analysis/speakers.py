"""Who said it: cue verbs before or after a quote, "Name, role, said", colons, "according to",
pronouns resolved to the most recent compatible named subject (preferring the previous quote's
speaker), and uncued quotes that continue an attributed one. Unresolved speakers stay None.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from itertools import islice

from dossier_tui.analysis import lexicon
from dossier_tui.analysis.mentions import WEAK, RawMention
from dossier_tui.analysis.quotes import RawQuote
from dossier_tui.analysis.records import EntityType

_WORD = re.compile(r"[A-Za-z]+")
_SENTENCE_END = re.compile(r"[.!?]+[)\]”’\"']*\s+(?=[^a-z\s])|\n+")
_PERSON_PRONOUNS = {"he": "m", "she": "f"}
_PERSON_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_ORG_PRONOUNS = frozenset({"it", "they"})
# A short quote right after one of these is a phrase being named, not speech ("the “special operation”").
_DETERMINERS = frozenset({"the", "a", "an", "so", "called", "its", "his", "her", "their", "our", "this", "that"})
_TERM_WORDS = 4

# Documents that speak ("the letter said") and the phrases that name their authors.
_DOCUMENT_NOUNS = r"letter|statement|memo|memorandum|email|e-mail|report|complaint|filing|note|petition|lawsuit"
_DOCUMENT = re.compile(rf"\b[Tt]he (?:\w+ )?({_DOCUMENT_NOUNS})\b")
_AUTHORED = re.compile(
    rf"\b(?P<noun>{_DOCUMENT_NOUNS}),? (?:was )?(?:signed|written|sent|penned|issued|filed) by\b"
    rf"|\b(?:wrote|sent|signed|penned|issued|filed) (?:a|an|the) (?:\w+ )?(?P<noun2>{_DOCUMENT_NOUNS})\b")
# How far before a quote its cue may stand (characters): "X said that ... “...”".
_CUE_REACH = 300
_CLAUSE_WORDS = frozenset({"and", "but", "while", "who", "which", "that", "as", "when", "because", "if"})
# "per reported information", "the said letter": a cue word after these is no verb.
_NOT_BEFORE_VERB = frozenset({"per", "the", "a", "an", "as", "his", "her", "their", "its", "widely", "was", "were", "is", "are", "been"})


@cache
def _role_words() -> re.Pattern:
    """Titles after "he " (searched from that literal, which is fast; "T"/"t" before it is checked
    by `_the_roles`)."""
    words = sorted({t.rstrip(".").lower() for t in lexicon.titles() if t.rstrip(".").isalpha() and len(t) > 3},
                   key=len, reverse=True)
    return re.compile(r"he (" + "|".join(map(re.escape, words + [w.capitalize() for w in words])) + r")\b")


def _the_roles(text: str, start: int, end: int):
    """(position, title) of each "the President" between START and END: a title standing for the
    person the article named with it ("The President said")."""
    for m in _role_words().finditer(text, start + 1, end):
        at = m.start() - 1
        if text[at] in "Tt" and (at == 0 or not text[at - 1].isalnum()):
            yield at, m.group(1).lower()


@cache
def _title_words() -> frozenset[str]:
    return frozenset({"the"} | {t.lower().rstrip(".") for t in lexicon.titles()})


@dataclass(slots=True)
class _Paragraph:
    index: int
    text: str
    masked: str  # quotations blanked out, so cues and subjects are looked for outside them
    sentences: list[tuple[int, int]]
    mentions: list[int] = field(default_factory=list)  # indices into the article's mentions, in order
    starts: list[int] = field(default_factory=list)  # their start offsets

    def words(self, start: int, end: int, limit: int | None = None) -> list[tuple[int, int, str]]:
        """(start, end, lower-case word) outside quotations between two offsets."""
        found = islice(_WORD.finditer(self.masked, start, end), limit)
        return [(m.start(), m.end(), m.group().lower()) for m in found]

    def mentions_between(self, start: int, end: int) -> list[int]:
        return self.mentions[bisect_left(self.starts, start):bisect_left(self.starts, end)]


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    pieces, at = [], 0
    for start, end in sorted(spans):
        left, right = max(at, start - 1), min(len(text), end + 1)
        pieces.append(text[at:left])
        blank = "~" * (right - left)
        inner = text[start:end].rstrip(" ,”\"’'")
        if inner.endswith((".", "!", "?", "…")):
            blank = blank[:-1] + "."  # the quote ended its sentence
        pieces.append(blank)
        at = right
    pieces.append(text[at:])
    return "".join(pieces)


def _sentences(masked: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in _SENTENCE_END.finditer(masked):
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(masked)))
    return bounds


def attribute(paragraphs: list[tuple[int, str]], mentions: list[RawMention], quotes: list[RawQuote]) -> None:
    """Fill in speaker (a mention index), cue and kind of each quote, in place."""
    if not quotes:
        return
    last = max(p for q in quotes for p, _, _ in q.spans)
    paragraphs = [(i, t) for i, t in paragraphs if i <= last]
    spans_by_paragraph: dict[int, list[tuple[int, int]]] = {}
    for quote in quotes:
        for p, s, e in quote.spans:
            spans_by_paragraph.setdefault(p, []).append((s, e))
    paras: dict[int, _Paragraph] = {}
    order: list[int] = []
    for index, text in paragraphs:
        masked = _mask(text, spans_by_paragraph.get(index, []))
        paras[index] = _Paragraph(index, text, masked, _sentences(masked))
        order.append(index)
    for n, mention in enumerate(mentions):
        para = paras.get(mention.paragraph)
        if para is not None and para.masked[mention.start] != "~":
            para.mentions.append(n)
            para.starts.append(mention.start)
    _Attributor(paras, order, mentions).run(quotes)


class _Attributor:
    def __init__(self, paras: dict[int, _Paragraph], order: list[int], mentions: list[RawMention]):
        self.paras, self.order, self.mentions = paras, order, mentions
        self.cues = lexicon.cue_verbs()
        self.title_words = _title_words()
        # Untyped one-word names that speak ("Viacorka commented", "says Lavaleuski") are people.
        self.next_to_cue = {n for n, m in enumerate(mentions) if m.type is None and m.paragraph in paras
                            and self._beside_cue(paras[m.paragraph], m)}
        self.recent_people: list[int] = []  # named sentence subjects, most recent last
        self.recent_orgs: list[int] = []
        self.previous: RawQuote | None = None
        self.previous_paragraph = -1
        self._authors: dict[str, int] | None = None  # found when a document first speaks
        self.role_mentions = sorted(((order.index(m.paragraph), m.start), n) for n, m in enumerate(mentions)
                                    if m.role and m.type == EntityType.PERSON and m.paragraph in paras)

    def _document_authors(self) -> dict[str, int]:
        """Who wrote the article's documents: "a letter signed by X" (the name after), "X sent a
        letter to ..." (the sentence's subject)."""
        authors: dict[str, int] = {}
        for index in self.order:
            para = self.paras[index]
            for match in _AUTHORED.finditer(para.text):
                if match.group("noun"):
                    noun, names = match.group("noun"), para.mentions_between(match.end(), match.end() + 60)[:1]
                else:
                    noun = match.group("noun2")
                    start = next((s for s, e in para.sentences if s <= match.start() < e), 0)
                    names = para.mentions_between(start, match.start())
                names = [n for n in names if self._is_person(n) or self.mentions[n].type == EntityType.ORG]
                if names:
                    authors.setdefault(noun.lower(), names[0])
        return authors

    def run(self, quotes: list[RawQuote]) -> None:
        by_start: dict[int, list[RawQuote]] = {}
        for quote in quotes:
            by_start.setdefault(quote.spans[0][0], []).append(quote)
        for position, index in enumerate(self.order):
            para = self.paras[index]
            pending = sorted(by_start.get(index, []), key=lambda q: q.spans[0][1])
            for sentence in para.sentences:
                self._note_subject(para, sentence)
                while pending and pending[0].spans[0][1] < sentence[1]:
                    self._attribute(pending.pop(0), para, sentence, position)
            for quote in pending:
                self._attribute(quote, para, para.sentences[-1], position)
        self._run_on(quotes)

    def _run_on(self, quotes: list[RawQuote]) -> None:
        """A quotation that runs on into the next one without a word between takes its speaker:
        a quote over two paragraphs attributed only at the end of the second (“They have put a
        lot of money into the program. / “There has been a fall ...,” Mr Payne said)."""
        ordered = sorted(quotes, key=lambda q: (self.order.index(q.spans[0][0]), q.spans[0][1]))
        for k in range(len(ordered) - 2, -1, -1):
            quote, following = ordered[k], ordered[k + 1]
            if quote.speaker is not None or quote.kind != "speech" or following.speaker is None:
                continue
            p, _, end = quote.spans[-1]
            q, start, _ = following.spans[0]
            if p == q:
                between = self.paras[p].text[end:start]
            elif self.order.index(q) == self.order.index(p) + 1:
                between = self.paras[p].text[end:] + self.paras[q].text[:start]
            else:
                continue
            if not between.strip(" \n\"“”‘’'"):
                quote.speaker, quote.cue = following.speaker, following.cue

    # -- subjects -----------------------------------------------------------------------------
    def _is_person(self, n: int) -> bool:
        m = self.mentions[n]
        if m.type is None:
            return n in self.next_to_cue
        # an unconfirmed guess ("Central Command") is nobody's name yet
        return m.type == EntityType.PERSON and not m.flags & WEAK

    def _beside_cue(self, para: _Paragraph, m: RawMention) -> bool:
        after = _WORD.search(para.masked, m.end, m.end + 20)
        before = para.masked[max(0, m.start - 15):m.start].split()
        return bool(after and after.group().lower() in self.cues or before and before[-1].lower() in self.cues)

    def _possessive(self, para: _Paragraph, n: int) -> bool:
        end = self.mentions[n].end
        return para.text[end:end + 2] in ("’s", "'s") or para.text[end:end + 1] in "’'"

    def _in_parentheses(self, para: _Paragraph, pos: int, start: int) -> bool:
        before = para.masked[start:pos]
        return before.count("(") > before.count(")")

    def _note_subject(self, para: _Paragraph, sentence: tuple[int, int]) -> None:
        """The first named person (or he/she) of a sentence outside quotes becomes the focus."""
        start, end = sentence
        pronoun = _PERSON_PRONOUN.search(para.masked, start, end)
        first_pronoun = pronoun.start() if pronoun else None
        for n in para.mentions_between(start, end):
            m = self.mentions[n]
            if m.type == EntityType.ORG and self._cue_within(para, m.end, end, 3):
                self.recent_orgs.append(n)
            if first_pronoun is not None and first_pronoun < m.start:
                break
            if self._is_person(n) and not self._in_parentheses(para, m.start, start):
                self.recent_people.append(n)
                return
        # "..., the president seemed to ...": the person last named with that role
        role = next(_the_roles(para.masked, max(0, start - 1), end), None)
        if role is not None and (first_pronoun is None or role[0] < first_pronoun):
            holder = self._role_holder(role[1], para, role[0])
            if holder is not None:
                self.recent_people.append(holder)

    def _role_holder(self, title: str, para: _Paragraph, pos: int) -> int | None:
        """The person last named before POS with TITLE in their role ("President Donald Trump")."""
        here = (self.order.index(para.index), pos)
        found = None
        for key, n in self.role_mentions:
            if key >= here:
                break
            if title in (self.mentions[n].role or "").lower().split():
                found = n
        return found

    def _cue_within(self, para: _Paragraph, pos: int, limit: int, count: int) -> str | None:
        for m in _WORD.finditer(para.masked, pos, limit):
            if m.group().lower() in self.cues:
                return m.group().lower()
            count -= 1
            if count == 0:
                return None
        return None

    # -- attribution --------------------------------------------------------------------------
    def _attribute(self, quote: RawQuote, para: _Paragraph, sentence: tuple[int, int], position: int) -> None:
        _, qstart, _ = quote.spans[0]
        last_p, _, qend = quote.spans[-1]
        found = (self._cue_after(self.paras[last_p], qend) or self._cue_before(para, sentence, qstart)
                 or self._cue_closing_previous_sentence(para, sentence))
        words = len(quote.text.split())
        if found is not None:
            speaker, cue = found
            preceding = [w for _, _, w in para.words(max(0, qstart - 20), qstart - 1)][-1:]
            if words <= _TERM_WORDS and preceding and preceding[0] in _DETERMINERS:
                quote.kind, quote.speaker, quote.cue = "term", None, None
                return
            quote.kind, quote.cue = "speech", cue
            quote.speaker = self._resolve(speaker)
            if speaker is not None and speaker[0] == "document":
                # the document speaks; its author, when the text names one, is shown as the speaker
                quote.cue = f"{speaker[1]} ({cue})"
        elif self.previous is not None and self._continues(quote, para, position):
            quote.kind, quote.cue, quote.speaker = "speech", None, self.previous.speaker
        elif words <= _TERM_WORDS + 2:
            quote.kind = "term"
            return
        else:
            quote.kind = "speech"
        if quote.speaker is not None:
            if self.mentions[quote.speaker].type == EntityType.ORG:
                self.recent_orgs.append(quote.speaker)
            else:
                self.recent_people.append(quote.speaker)
        self.previous, self.previous_paragraph = quote, self.order.index(last_p)

    def _continues(self, quote: RawQuote, para: _Paragraph, position: int) -> bool:
        """An uncued quote that opens the paragraph after an attributed one, or follows one closely
        in the same paragraph, goes on with the same speaker."""
        previous = self.previous
        if previous is None or previous.kind != "speech" or previous.speaker is None:
            return False
        start = quote.spans[0][1]
        if not para.text[:start - 1].strip():
            return position - self.previous_paragraph <= 1
        last_p, _, last_end = previous.spans[-1]
        if last_p != para.index or start - last_end > 400:
            return False
        # Nobody else named in between: "“...,” he said. But he says ... “South Africa can..."
        speaker = self.mentions[previous.speaker].surface.split()[-1]
        return not any(self._is_person(n) and self.mentions[n].surface.split()[-1] != speaker
                       for n in para.mentions_between(last_end, start))

    def _cue_after(self, para: _Paragraph, qend: int):
        """“...,” he said / “...,” said Mr X / ‘...’ says X / “...,” according to X."""
        stop = next((s for s, e in para.sentences if s > qend), len(para.text))
        stop = min(stop, qend + 120)
        tilde = para.masked.find("~", qend + 1, stop)
        if tilde != -1:
            stop = tilde
        window = para.words(qend + 1, stop, 6)
        for k, (s, e, w) in enumerate(window):
            if w == "according" and k + 1 < len(window) and window[k + 1][2] == "to":
                return self._after(para, window[k + 1][1], stop), "according to"
            if w in self.cues:
                speaker = self._last_subject(para, qend, s) or self._after(para, e, stop)
                return speaker, w
            if w in _CLAUSE_WORDS:
                return None  # the cue belongs to another clause ("... and warned")
        return None

    def _cue_before(self, para: _Paragraph, sentence: tuple[int, int], qstart: int):
        """X said that “...” / He explained: “...” / According to X, “...”."""
        start = sentence[0]
        region = para.words(max(start, qstart - _CUE_REACH), qstart)
        for k in range(len(region) - 1, -1, -1):
            s, e, w = region[k]
            if w == "to" and k > 0 and region[k - 1][2] == "according":
                return self._after(para, e, qstart), "according to"
            if w in self.cues and not (k > 0 and region[k - 1][2] in _NOT_BEFORE_VERB):
                return self._first_subject(para, self._clause_start(para, start, s), s), w
        colon = para.masked[:qstart].rstrip("~ \u00a0")
        if colon.endswith(":"):
            speaker = self._last_subject(para, start, len(colon) - 1)
            if speaker is not None:
                return speaker, ":"
        return None

    def _cue_closing_previous_sentence(self, para: _Paragraph, sentence: tuple[int, int]):
        """`..., Ms Almao said. “They seem okay.”`: a sentence ending on its cue introduces the quote
        that opens the next one."""
        if para.masked[sentence[0]:sentence[0] + 1] != "~":
            return None
        previous = [s for s in para.sentences if s[1] <= sentence[0]]
        if not previous:
            return None
        start, end = previous[-1]
        words = para.words(start, end)
        if len(words) < 2 or words[-1][2] not in self.cues or "~" in para.masked[start:end]:
            return None
        return self._last_subject(para, start, words[-1][0]), words[-1][2]

    def _clause_start(self, para: _Paragraph, start: int, cue: int) -> int:
        """Where the cue's own clause begins: after the last ", and" or ";" before it."""
        region = para.masked[start:cue]
        cut = max(region.rfind(", and "), region.rfind(", but "), region.rfind("; "))
        return start + cut + 2 if cut >= 0 else start

    def _first_subject(self, para: _Paragraph, start: int, limit: int):
        """The sentence's subject before a cue: its first named person or he/she, else an
        organisation or it/they nearest the cue."""
        people = [("mention", self.mentions[n].start, n) for n in para.mentions_between(start, limit)
                  if self._is_person(n) and not self._possessive(para, n)
                  and not self._in_parentheses(para, self.mentions[n].start, start)]
        pronouns = [("pronoun", m.start(), m.group().lower()) for m in _PERSON_PRONOUN.finditer(para.masked, start, limit)]
        roles = [("role", at, (title, para, at)) for at, title in _the_roles(para.masked, max(0, start - 1), limit)]
        documents = [("document", m.start(), m.group(1).lower()) for m in _DOCUMENT.finditer(para.masked, start, limit)]
        candidates = sorted(people + pronouns + roles + documents, key=lambda c: c[1])
        if candidates:
            return candidates[0][0], candidates[0][2]
        orgs = [n for n in para.mentions_between(start, limit)
                if self.mentions[n].type == EntityType.ORG and not self._possessive(para, n)]
        if orgs:
            return "mention", orgs[-1]
        it = [w for _, _, w in para.words(start, limit) if w in _ORG_PRONOUNS]
        return ("pronoun", it[-1]) if it else None

    def _last_subject(self, para: _Paragraph, start: int, limit: int):
        """The name or pronoun nearest before a cue or colon (“...,” Ms Thomas tweeted)."""
        names = [n for n in para.mentions_between(start, limit)
                 if self._is_person(n) or self.mentions[n].type == EntityType.ORG]
        pronouns = [(s, w) for s, _, w in para.words(start, limit) if w in _PERSON_PRONOUNS or w in _ORG_PRONOUNS]
        documents = [(m.start(), m.group(1).lower()) for m in _DOCUMENT.finditer(para.masked, start, limit)]
        best_name = names[-1] if names else None
        best_pronoun = pronouns[-1] if pronouns else None
        best_document = documents[-1] if documents else None
        if best_document is not None and (best_name is None or self.mentions[best_name].start < best_document[0]) and (
                best_pronoun is None or best_pronoun[0] < best_document[0]):
            return "document", best_document[1]
        if best_name is not None and (best_pronoun is None or self.mentions[best_name].start > best_pronoun[0]):
            return "mention", best_name
        if best_pronoun is not None:
            return "pronoun", best_pronoun[1]
        return None

    def _after(self, para: _Paragraph, pos: int, limit: int):
        """The name right after a cue ("said Mr Smith", "according to Reuters"), two words at most."""
        following = [w for _, _, w in para.words(pos, limit, 1)]
        for n in para.mentions_between(pos, limit):
            m = self.mentions[n]
            if self._is_person(n) or m.type == EntityType.ORG:
                gap = [w for _, _, w in para.words(pos, m.start)]
                if len(gap) <= 2 and all(w in self.title_words for w in gap):
                    return "mention", n
                return None
        if following and following[0] in _PERSON_PRONOUNS:
            return "pronoun", following[0]
        return None

    def _resolve(self, found) -> int | None:
        if found is None:
            return None
        kind, value = found
        if kind == "mention":
            return value
        if kind == "role":
            # "The President said": the person last named with that role
            title, para, pos = value
            return self._role_holder(title, para, pos)
        if kind == "document":
            if self._authors is None:
                self._authors = self._document_authors()
            return self._authors.get(value)
        if value in _ORG_PRONOUNS:
            return self.recent_orgs[-1] if self.recent_orgs else None
        wanted = _PERSON_PRONOUNS[value]
        # Quote speakers join the named subjects in reading order, so the previous quote's
        # speaker wins unless someone else has been named since.
        for n in reversed(self.recent_people):
            if self._compatible(n, wanted):
                return n
        return None

    def _compatible(self, n: int, wanted: str) -> bool:
        m = self.mentions[n]
        return m.type != EntityType.ORG and m.gender in (None, wanted)
