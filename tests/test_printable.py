"""The one sanitiser for text from files on its way to a terminal (corpus.normalise.printable)."""

from __future__ import annotations

from rich.cells import cell_len

from dossier_tui.corpus.normalise import printable


def test_nothing_a_terminal_obeys_survives_and_offsets_stay_valid():
    raw = "a\x1b]52;c;aGk=\x07b\x9b31mc\u202ed\u2066e\ud800f\tg\nh\x7f"
    shown = printable(raw)
    assert len(shown) == len(raw)
    assert shown == "a\ufffd]52;c;aGk=\ufffdb\ufffd31mc\ufffdd\ufffde\ufffdf g h\ufffd"
    shown.encode("utf-8")  # a lone surrogate could not have been written


def test_joined_emoji_take_the_width_rich_gives_them():
    family = "\U0001F469\u200d\U0001F467"
    assert len(printable(family)) == len(family)
    assert "\u200d" not in printable(family) and cell_len(printable(family)) == 4


def test_ordinary_text_is_untouched():
    text = "Lukashenko’s “brotherhood” — 30 March, Минск, 北京, עברית"
    assert printable(text) == text
