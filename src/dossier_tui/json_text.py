"""JSON text exactly as `json.dumps(value, indent=2)` writes it, built from the items of a list
rendered one at a time: a stored table keeps its items rendered and prints them without encoding
again (the indenting encoder is pure Python: 0.6 s for the entities of 3,824 articles).

Items are rendered with `ensure_ascii=False`; `ascii_escaped` turns the joined text into what
`ensure_ascii=True` would have written (only string contents can hold non-ASCII characters).
"""

from __future__ import annotations

import json
import re

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def item(value: object) -> str:
    """VALUE as an element of a top-level list: its lines indented one level."""
    return "  " + json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")


def merged(rendered: str, extra: dict) -> str:
    """The rendered item of a non-empty object with EXTRA's keys added at its end (`dict | extra`)."""
    if not extra:
        return rendered
    return rendered[: -len("\n  }")] + ",\n" + item(extra)[len("  {\n"):]


def array(items: list[str]) -> str:
    return "[\n" + ",\n".join(items) + "\n]" if items else "[]"


def ascii_escaped(text: str) -> str:
    return _NON_ASCII.sub(_escape, text)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 | (code >> 10):04x}\\u{0xDC00 | (code & 0x3FF):04x}"
