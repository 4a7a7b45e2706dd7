"""Page furniture: recognise the lines a page carries around its article.

Two kinds of evidence, both general: known phrases and patterns (data/furniture.txt, which users
extend), and the shape of a line (a section label "News | World", a bullet teaser headline, a date
line, a masthead). Where a line sits (above the headline, between paragraphs, after the last one)
is weighed by `article_text`, which calls these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dossier_tui.corpus.dates import parse_date

_DATA = Path(__file__).resolve().parents[1] / "data"
_STRAIGHT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "′": "'"})
_TRAILING = " .!?:;,-–—|•·\"'"
_BULLETS = "•·▪►»◦‣●"
_SEPARATORS = re.compile(r"\s[|·•—–]\s|\s-\s")
_SENTENCE_END = re.compile(r"[.!?…。！？．؟۔।][\"”’')\]」』）]*$")
# Scripts written without spaces between words: Thai, Japanese kana, CJK ideographs.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Characters per word there: about two in Chinese and Japanese, about five in Thai.
_CHARS_PER_WORD = {True: 5, False: 2}
_SMALL_WORDS = frozenset("a an and at by for in of on the to".split())
_BYLINE = re.compile(r"^by\s+(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}(?:\s+and\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})?)(?:\s*[,|·•-].*)?$", re.I)
_NAME_WORD = r"[A-Z](?:[\w&'’-]|\.(?!\s))*"
_REPUBLISHER = re.compile(rf"\b(?P<outlet>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}})\s+(?i:republishe[sd]\s+(?:it\s+|this\s+\w+\s+)?with\s+permission)")

MAX_FURNITURE_WORDS = 80

# Furniture inside running text, where a scraper flattened a page into one block: a row of share
# buttons ("Send Facebook Twitter Google+ Whatsapp ... Permalink http://dw.com/p/2Wx5C") and the
# editors' initials with the agencies a story drew on ("uhe/kd (Reuters, AFP, dpa)").
_SHARE_BUTTON = r"(?:Send|Share|Print|E-?mail|Facebook|Twitter|Google\+|Whats[Aa]pp|Tumblr|[Ll]inked[Ii]n|[Ss]tumble(?:[Uu]pon)?|Digg|[Rr]eddit|Newsvine|Pinterest|Xing)"
_AGENCY = r"(?:Reuters|AFP|AP|dpa|KNA|epd|EFE|ANSA|Interfax|TASS|Xinhua|Kyodo|Yonhap|Lusa|SID)"
_INLINE = re.compile(
    rf"{_SHARE_BUTTON}(?:\s+{_SHARE_BUTTON}){{3,}}(?:\s+Permalink(?:\s+https?://\S+)?)?"
    rf"|\b[a-z]{{2,4}}(?:/[a-z]{{2,4}})+\s+\({_AGENCY}(?:,\s*{_AGENCY})*\)"
)


@dataclass(slots=True, frozen=True)
class Rules:
    lines: frozenset[str]
    starts: tuple[str, ...]
    contains: tuple[str, ...]
    patterns: tuple[re.Pattern, ...]


@cache
def rules() -> Rules:
    return parse_rules((_DATA / "furniture.txt").read_text(encoding="utf-8"))


def parse_rules(text: str) -> Rules:
    found: dict[str, list] = {"line": [], "starts": [], "contains": [], "regex": []}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        how, _, value = line.partition(":")
        value = value.strip()
        if how not in found or not value:
            raise ValueError(f"furniture.txt:{number}: expected 'line|starts|contains|regex: text'")
        if how == "regex":
            found[how].append(re.compile(value))
        else:
            found[how].append(_key(value) if how == "line" else value.translate(_STRAIGHT).casefold())
    return Rules(frozenset(found["line"]), tuple(found["starts"]), tuple(found["contains"]), tuple(found["regex"]))


@cache
def outlet_words() -> frozenset[str]:
    lines = (_DATA / "outlet_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


def _key(line: str) -> str:
    return line.translate(_STRAIGHT).casefold().strip(_TRAILING)


def word_count(text: str) -> int:
    """Words in TEXT, counted up to 100: every rule's threshold is below that. In scripts written
    without spaces (Chinese, Japanese, Thai) words are counted from characters, so a 40-character
    Japanese sentence is prose and "記事保存" (save article) a label."""
    count = len(text.split(None, 100))
    if not text.isascii():
        for run in _UNSPACED.finditer(text[:1000]):
            span = run.group()
            thai = "\u0e00" <= span[0] <= "\u0e7f"
            count += max(1, len(span) // _CHARS_PER_WORD[thai]) - 1
    return min(count, 101)


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def is_headline_like(line: str, max_words: int = 25) -> bool:
    """One line, no sentence punctuation at the end, not too long: a title, label or teaser."""
    return "\n" not in line and not ends_sentence(line) and 0 < word_count(line) <= max_words


def matches_phrase(line: str) -> bool:
    """The line is a known furniture phrase or pattern (data/furniture.txt)."""
    if word_count(line) > MAX_FURNITURE_WORDS:
        return False
    found = rules()
    key = _key(line)
    if key in found.lines:
        return True
    folded = line.translate(_STRAIGHT).casefold().lstrip(_TRAILING)
    if folded.startswith(found.starts) or any(phrase in folded for phrase in found.contains):
        return True
    straight = line.translate(_STRAIGHT).strip()
    return any(pattern.search(straight) for pattern in found.patterns)


def is_section_label(line: str) -> bool:
    """ "Local News | News Today", " | World": short labels joined by bars, no sentence."""
    if "|" not in line or ends_sentence(line):
        return False
    parts = [part.strip() for part in line.split("|") if part.strip()]
    return bool(parts) and all(word_count(part) <= 4 for part in parts) and word_count(line) <= 12


def is_bullet_teaser(line: str) -> bool:
    """ "• Putin arrests his own military chief": a bulleted headline linking elsewhere."""
    stripped = line.lstrip()
    if not stripped or stripped[0] not in _BULLETS:
        return False
    rest = stripped[1:].strip()
    # a headline starts with a capital and ends without a comma; a list item inside text need not
    return rest[:1].isupper() and not rest.endswith((",", ";", ":")) and is_headline_like(rest)


def is_date_line(line: str) -> str | None:
    """The ISO date when the whole line is a date ("Thu. Mar 30th, 2023", "Updated: 5 May 2022")."""
    return parse_date(line) if len(line) <= 60 else None


def date_in_line(line: str) -> str | None:
    """The ISO date of a date line, or of one part of a line like "By Ann Lee · May 5, 2022 · 4 min read"."""
    if len(line) > 160:
        return None
    return is_date_line(line) or next(
        (found for part in _SEPARATORS.split(line) if (found := is_date_line(part.strip()))), None
    )


def masthead(line: str) -> str | None:
    """The outlet's name when LINE looks like a masthead: short Title Case ending in an outlet word."""
    words = line.split()
    if not 1 <= len(words) <= 6 or ends_sentence(line) or any(c.isdigit() for c in line):
        return None
    if not all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words):
        return None
    return line.strip() if words[-1].strip(".,:;").casefold() in outlet_words() else None


def byline(line: str) -> str | None:
    """The author's name when LINE is a byline ("By Jane Smith", "By Jane Smith | Reuters")."""
    match = _BYLINE.match(line.strip())
    return match.group("name") if match and word_count(line) <= 12 else None


def republisher(line: str) -> str | None:
    """ "NV republishes with permission" names the outlet whose page this is."""
    match = _REPUBLISHER.search(line)
    if not match:
        return None
    words = match.group("outlet").split()
    # The name is the capitalised run just before "republishes": drop a leading sentence word.
    while words and words[0].casefold() in ("this", "it", "and", "which"):
        words = words[1:]
    return " ".join(words) or None


def is_line_furniture(line: str) -> bool:
    """Furniture wherever it stands: a known phrase, a label, a bullet teaser or a date line."""
    return matches_phrase(line) or is_section_label(line) or is_bullet_teaser(line) or is_date_line(line) is not None


def inline_furniture(text: str) -> list[tuple[str, bool]]:
    """TEXT cut around the furniture inside it: (piece, is furniture) in order, blank pieces left out."""
    pieces: list[tuple[str, bool]] = []
    last = 0
    for match in _INLINE.finditer(text):
        pieces.append((text[last:match.start()].strip(), False))
        pieces.append((match.group().strip(), True))
        last = match.end()
    pieces.append((text[last:].strip(), False))
    return [(piece, is_furniture) for piece, is_furniture in pieces if piece]


def is_link_list(lines: list[str]) -> bool:
    """Three or more headline-like lines in one block: a list of links to other articles.

    Wrapped prose also has lines without end punctuation, but some of them end in a comma or start
    in lower case; every line of a link list starts a new title.
    """
    if len(lines) < 3:
        return False
    for line in lines:
        first = line.lstrip("\"“‘'([" + _BULLETS).lstrip()[:1]
        if not first or not (first.isupper() or first.isdigit()) or not is_headline_like(line, 20):
            return False
        if line.rstrip().endswith((",", "-", "–", "—", ";")):
            return False
    return True
