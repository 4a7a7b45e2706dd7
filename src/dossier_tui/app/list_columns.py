"""How the article list spends its width: a table when there is room, stacked rows when not.

Pure layout (no Textual), unit-tested. The title takes what the other columns leave; the outlet is
a fraction of the width between a minimum and a maximum; a column that would squeeze the title
below its minimum is dropped (the counts). When title, outlet and date do not fit as a table, each row stacks its
title over an `outlet · date · counts` line; on very few rows, a row is its title only.
"""

from __future__ import annotations

from dataclasses import dataclass

GUTTER = 2  # cursor bar and open-article mark
GAP = 2
DATE = 10  # ISO dates: 2017-02-07
COUNT = 6  # "quotes", "shared"
TITLE_MIN = 24
OUTLET_MIN, OUTLET_MAX, OUTLET_SHARE = 10, 22, 0.16
STACK_MIN_HEIGHT = 6  # rows on screen below which a row is one line (title only) rather than stacked


@dataclass(slots=True, frozen=True)
class Columns:
    mode: str  # "table" (one line a row), "stacked" (title over details) or "compact" (title only)
    title: int
    outlet: int = 0
    date: int = 0
    counts: int = 0  # width of each of the two count columns, 0 when not shown

    @property
    def lines(self) -> int:
        return 2 if self.mode == "stacked" else 1


def layout(width: int, height: int = 100) -> Columns:
    """Columns for a list `width` cells wide and `height` rows tall."""
    room = width - GUTTER
    outlet = max(OUTLET_MIN, min(OUTLET_MAX, int(room * OUTLET_SHARE)))
    for counts in (COUNT, 0):
        used = outlet + GAP + DATE + GAP + (2 * (counts + GAP) if counts else 0)
        # The counts only when the title keeps 40% of the row: titles are what the eye scans.
        if room - used >= (max(TITLE_MIN, room * 2 // 5) if counts else TITLE_MIN):
            return Columns("table", room - used, outlet, DATE, counts)
    if height >= STACK_MIN_HEIGHT and room >= 16:
        return Columns("stacked", room)
    return Columns("compact", max(1, room))
