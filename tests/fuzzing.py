"""Hypothesis strategies for hostile input, shared by every fuzz test (tests/test_fuzz.py).

To fuzz a new reader of user files (the annotation store, a new format): build its input from
`hostile_text()` or `hostile_bytes()`, call it through `one_outcome(...)` with the exception type
that is its documented "one clear error", and give the test `FUZZ` settings.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Bounded so the whole fuzz suite stays within seconds; a hang is caught by pytest-timeout. CI
# (CI=true) draws the same examples every run, so main never turns red by chance; a developer's
# run draws new ones, and what it finds becomes an @example and a fix.
FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=os.environ.get("CI", "").lower() in ("true", "1"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces that broke something once, or look like syntax of one of our formats.
FRAGMENTS = [
    "\x1b]0;title\x07", "\x1b]52;c;aGk=\x1b\\", "\x1b[31m", "\x9b2J", "\x00", "\x07", "\r\n", "\r", "\u2028",
    "\u202e", "\u200d", "\ufeff", "\ud800", "\ufffd", "[/bold]", "[link=http://x]", "[/]", "application[s]",
    "---\n", "...\n", ": ", "- ", "&a ", "*a", "!!python/object:os.system", "!!int ", "!!binary ", "!!timestamp ",
    "date: 2023-02-30\n", "tags: [a]\n", '"\\e"', "'", '"', "{", "}", "[", "]", "(", ")", "<a", "<http:x",
    "](x", "**", "`", "#", "|", ",", ";", "\t", "\n", "\n\n", "9" * 5000, "-1e999", "NaN", "null", "true",
    "AND", "OR", "NOT", "-", "*", "title:", "date:", "date:2023-13-45", "date:2017..2016", "person:", "..",
    "extends: ", "reader:", "global:", "keys:", "description:", "merge:", "rename:", "split:", "ignore:",
]


@st.composite
def nested(draw: Any) -> str:
    """Brackets thousands deep: JSON, YAML flow collections and Markdown links all nest."""
    depth = draw(st.integers(min_value=1, max_value=6000))
    opening, closing = draw(st.sampled_from([("[", "]"), ("{", "}"), ("{a: ", "}"), ("[a](", ")"), ('{"a":', "}")]))
    return opening * depth + draw(st.sampled_from(["", "x", "1"])) + closing * draw(st.integers(0, depth))


def hostile_text(max_parts: int = 30) -> st.SearchStrategy[str]:
    part = st.one_of(st.text(max_size=20), st.sampled_from(FRAGMENTS), nested())
    return st.lists(part, max_size=max_parts).map("".join)


def hostile_bytes(max_parts: int = 30) -> st.SearchStrategy[bytes]:
    encoded = hostile_text(max_parts).flatmap(
        lambda text: st.sampled_from(["utf-8", "utf-16-le", "utf-16", "cp1252", "latin-1"]).map(
            lambda encoding: text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace")
        )
    )
    return st.one_of(encoded, st.binary(max_size=300))


def one_outcome(call: Callable[[], Any], *clear_errors: type[BaseException]) -> Any:
    """CALL's result, or None when it failed with one of CLEAR_ERRORS whose message is one line.

    Any other exception (a traceback for the user) propagates and fails the test.
    """
    try:
        return call()
    except clear_errors as error:
        message = str(getattr(error, "message", None) or error)
        assert message and "\n" not in message.strip(), f"not one clear line: {message!r}"
        return None


def assert_one_line_each(messages: Any) -> None:
    for message in messages:
        text = str(message)
        assert text and "\n" not in text, f"a warning that is not one line: {text!r}"
