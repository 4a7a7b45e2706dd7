"""Bytes -> text: UTF-8 when it is, else the encoding charset-normalizer detects (with a warning)."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_SNIFF_BYTES = 8192
_DETECT_BYTES = 1 << 20  # detection on the first MB: enough to tell, fast on big files


@dataclass(slots=True, frozen=True)
class Decoded:
    text: str | None  # None: not text at all
    problem: str | None = None  # why it is not text, or how it was read when not UTF-8


def decode(data: bytes) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding))
            except UnicodeDecodeError as error:
                return Decoded(None, f"broken {encoding} text ({error.reason} at byte {error.start})")
    if b"\x00" in data[:_SNIFF_BYTES]:
        return _utf16_without_bom(data) or Decoded(None, "binary file, not text")
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        bad_byte = error.start
    from charset_normalizer import from_bytes

    matches = from_bytes(data[:_DETECT_BYTES])
    best = matches.best()
    # Short texts fit several legacy code pages equally well; among equals, Windows-1252 is by far
    # the likeliest for Western text (and its superset of Latin-1 decodes what the others would).
    # The detector also gives up on text strewn with control characters (a pasted terminal
    # capture): Windows-1252 still reads its words, and the controls are stripped later.
    encoding = "cp1252"
    if best is not None:
        tied = [m for m in matches if m.chaos == best.chaos and m.coherence == best.coherence]
        if not any("cp1252" in m.could_be_from_charset for m in tied):
            encoding = best.encoding
    text = data.decode(encoding, errors="replace")
    if _mostly_controls(text):
        return Decoded(None, "binary file, not text")
    return Decoded(text, f"not valid UTF-8 (byte {bad_byte}), read as {encoding}")


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text saved without a byte order mark (Windows tools do): the zero bytes of its Latin
    letters fall on one side of every pair. Anything else with zero bytes stays binary."""
    sample = data[:_SNIFF_BYTES]
    pairs = len(sample) // 2
    if len(data) % 2 or not pairs:
        return None
    zeros_even, zeros_odd = sample[0::2].count(0), sample[1::2].count(0)
    for zeros, other, encoding in ((zeros_odd, zeros_even, "utf-16-le"), (zeros_even, zeros_odd, "utf-16-be")):
        if zeros > pairs * 0.3 and other < pairs * 0.02:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            if _mostly_controls(text):
                return None
            return Decoded(text, f"UTF-16 without a byte order mark, read as {encoding}")
    return None


def _mostly_controls(text: str) -> bool:
    # Escape sequences are markup a terminal capture is entitled to; only what is left counts.
    from dossier_tui.corpus.normalise import strip_escapes

    sample = strip_escapes(text[:_SNIFF_BYTES])
    odd = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or c == "\ufffd")
    return odd > len(sample) * 0.05
