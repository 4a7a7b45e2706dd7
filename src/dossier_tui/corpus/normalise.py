"""Text from files made safe: `normalise` when it is read, `printable` when it is shown.

`normalise` cleans article text for the reader: NFC, plain spaces, plain newlines, no control or
escape sequences. Curly quotes, dashes and every printable character are kept: only what would
corrupt a terminal or break offsets between tools is changed.

`printable` is the one sanitiser for anything that came from a file (ids and paths, titles,
outlets, urls, aliases, keymap descriptions, warnings naming files) on its way to a terminal, in
the reader and the CLI alike: one character for one, so offsets into the text stay valid.
"""

from __future__ import annotations

import re
import unicodedata

# Terminal escape sequences (CSI "ESC [ ... final", OSC "ESC ] ... BEL/ST", and two-byte ESC x):
# scraped text sometimes carries them, and printed raw they would repaint the reader's screen.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?|\x9b[0-?]*[ -/]*[@-~]")

_ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_LINE_BREAKS = "\u2028\u2029\x85\x0b\x0c"
# Invisible characters that only get in the way of search and offsets (zero-width space, BOM,
# soft hyphen, word joiner). Zero-width (non-)joiners stay: some scripts and emoji need them.
_INVISIBLE = "\u200b\ufeff\u00ad\u2060"

_TABLE: dict[int, str | None] = {}
for _code in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]:
    _TABLE[_code] = None
_TABLE[ord("\n")] = "\n"
_TABLE[ord("\t")] = "\t"
_TABLE.update({ord(c): " " for c in _ODD_SPACES})
_TABLE.update({ord(c): "\n" for c in _LINE_BREAKS})
_TABLE.update({ord(c): None for c in _INVISIBLE})

_NEEDS_TABLE = re.compile("[" + "".join(re.escape(chr(c)) for c in _TABLE if chr(c) not in "\n\t") + "]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


# What could steer a terminal or reorder what it shows: C0 and C1 controls (ESC starts every escape
# sequence, and OSC 52 would write to the clipboard), DEL, bidi embeddings, overrides and isolates
# (U+202E shows text backwards), and lone surrogates (from file names or JSON escapes), which
# cannot be encoded at all. Each becomes one visible U+FFFD.
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# A zero-width joiner fuses emoji into one glyph whose width terminals and Rich disagree on (the
# list's border moved): a non-joiner keeps the characters apart and takes no more room.
_PRINTABLE_TABLE = {ord("\t"): " ", ord("\n"): " ", ord("\u200d"): "\u200c"}


def printable(text: str) -> str:
    """TEXT as it may be shown on a terminal: same length, one line, nothing a terminal obeys."""
    return UNPRINTABLE.sub("\ufffd", text.translate(_PRINTABLE_TABLE))


def strip_escapes(text: str) -> str:
    return _ESCAPES.sub("", text) if "\x1b" in text or "\x9b" in text else text


def normalise(text: str) -> str:
    """NFC, Unix newlines, odd spaces to spaces, control characters and escape sequences removed."""
    text = strip_escapes(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Most text is clean, and a scan is far cheaper than translate (ASCII text has a cheaper one).
    if (_ASCII_CONTROLS if text.isascii() else _NEEDS_TABLE).search(text):
        text = text.translate(_TABLE)
    if not text.isascii() and _SURROGATES.search(text):
        text = _SURROGATES.sub("\ufffd", text)  # lone halves (from JSON escapes) cannot be encoded
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def clean_line(line: str) -> str:
    """One line of already normalised text with runs of spaces and tabs collapsed."""
    if "\t" not in line and "  " not in line:
        return line.strip()
    return " ".join(line.split())
