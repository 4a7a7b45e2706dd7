"""Key names as Textual reports them, checked and normalised without importing Textual.

A key is `[modifier+]...base`. Textual names printable punctuation by its Unicode name
(`?` is `question_mark`); we accept either spelling and keep the character, which reads better
in help and docs, and convert back to Textual's name only when handing keys to Textual.
tests/test_keymap_key_names.py checks these tables against `textual.keys`.
"""

from __future__ import annotations

import difflib

# Modifiers in the order Textual writes them (it sorts them alphabetically).
MODIFIERS = ("alt", "ctrl", "hyper", "meta", "shift", "super")

NAMED_KEYS = frozenset(
    {
        "escape", "enter", "tab", "space", "backspace", "delete", "insert",
        "home", "end", "pageup", "pagedown", "up", "down", "left", "right",
        *(f"f{number}" for number in range(1, 25)),
    }
)

# ASCII punctuation -> Textual's key name (textual.keys._character_to_key).
PUNCTUATION = {
    "!": "exclamation_mark", '"': "quotation_mark", "#": "number_sign", "$": "dollar_sign",
    "%": "percent_sign", "&": "ampersand", "'": "apostrophe", "(": "left_parenthesis",
    ")": "right_parenthesis", "*": "asterisk", "+": "plus", ",": "comma", "-": "minus",
    ".": "full_stop", "/": "slash", ":": "colon", ";": "semicolon", "<": "less_than_sign",
    "=": "equals_sign", ">": "greater_than_sign", "?": "question_mark", "@": "at",
    "[": "left_square_bracket", "\\": "backslash", "]": "right_square_bracket",
    "^": "circumflex_accent", "_": "underscore", "`": "grave_accent",
    "{": "left_curly_bracket", "|": "vertical_line", "}": "right_curly_bracket", "~": "tilde",
}
_CHARACTER_OF = {name: character for character, name in PUNCTUATION.items()}

# Names people reach for that Textual spells differently.
_SPELLINGS = {
    "return": "enter", "esc": "escape", "del": "delete", "ins": "insert", "bs": "backspace",
    "pgup": "pageup", "pgdn": "pagedown", "page_up": "pageup", "page_down": "pagedown",
    "control": "ctrl",
}


# Keys a terminal sends as the same bytes as another key; Textual reports only the other one.
_SAME_AS = {"ctrl+i": "tab", "ctrl+m": "enter", "ctrl+[": "escape"}


class KeyNameError(ValueError):
    """A key name Textual would never report; the message says what to write instead."""


def normalize_key(key: str) -> str:
    """The canonical spelling of one key (`ctrl+d`, `G`, `?`, `pagedown`), or KeyNameError."""
    if key == " ":
        return "space"
    if len(key) == 1:
        return _base(key, key)
    if not key:
        raise KeyNameError("empty key")
    if key != key.strip():
        raise KeyNameError(f"key {key!r} has stray spaces")
    if "," in key:
        raise KeyNameError(f"key {key!r} holds a comma: list several keys as [a, b] (the comma key is 'comma')")
    *written, base = _split(key)
    if not base:
        raise KeyNameError(f"key {key!r} ends in '+' without a key")
    modifiers = set()
    for modifier in written:
        modifier = _SPELLINGS.get(modifier.lower(), modifier.lower())
        if modifier not in MODIFIERS:
            raise KeyNameError(f"unknown modifier {modifier!r} in {key!r} (modifiers: {', '.join(MODIFIERS)})")
        modifiers.add(modifier)
    ordered = sorted(modifiers)
    base = _base(base, key)
    if ordered:
        if len(base) == 1 and base.isalpha() and base.isupper():
            raise KeyNameError(f"{key!r}: with a modifier write the letter in lower case ({'+'.join(ordered)}+{base.lower()})")
        if ordered == ["shift"] and len(base) == 1 and base.isalpha():
            raise KeyNameError(f"{key!r}: write the capital letter {base.upper()!r} instead")
    canonical = "+".join([*ordered, base])
    if canonical in _SAME_AS:
        raise KeyNameError(f"{key!r} reaches the app as {_SAME_AS[canonical]!r}: write {_SAME_AS[canonical]!r}")
    return canonical


def _base(base: str, key: str) -> str:
    if len(base) == 1:
        if base.isspace() or not base.isprintable():
            raise KeyNameError(f"key {key!r} is not a printable character")
        return base
    if base in NAMED_KEYS:
        return base
    if base in _CHARACTER_OF:
        return _CHARACTER_OF[base]
    if base.lower() in NAMED_KEYS:
        return base.lower()
    if base.lower() in _SPELLINGS:
        raise KeyNameError(f"unknown key {base!r}: write {_SPELLINGS[base.lower()]!r}")
    close = difflib.get_close_matches(base.lower(), [*NAMED_KEYS, *_CHARACTER_OF], n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise KeyNameError(f"unknown key {base!r}{hint}")


def normalize_sequence(keys: str) -> tuple[str, ...]:
    """`g g` -> ("g", "g"); a single key -> a 1-tuple. Keys in a sequence are separated by spaces."""
    if keys == " ":
        return ("space",)
    parts = keys.split(" ")
    if "" in parts:
        raise KeyNameError(f"{keys!r}: separate the keys of a sequence by single spaces, e.g. 'g g'")
    return tuple(normalize_key(part) for part in parts)


def textual_name(key: str) -> str:
    """The name Textual uses for a canonical key (`?` -> `question_mark`, `ctrl+]` -> `ctrl+right_square_bracket`)."""
    *modifiers, base = _split(key)
    return "+".join([*modifiers, PUNCTUATION.get(base, base)])


def _split(key: str) -> list[str]:
    # `+` is the plus key, and `ctrl++` is ctrl with it.
    if key == "+":
        return [key]
    if key.endswith("++"):
        return [*key[:-2].split("+"), "+"]
    return key.split("+")
