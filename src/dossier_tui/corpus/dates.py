"""Dates as pages and exports write them, read into ISO 8601 (YYYY-MM-DD).

A small parser of the common forms rather than a general one: a date line must be recognised
exactly, or a sentence would be taken for a date.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_tz

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
            ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
            ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s+)?"
_LEAD = r"(?:(?:published|updated|last updated|posted|first published|date)(?:\s+on)?:?\s+)?"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[a-z]{2,4}|\s*[+-]\d{2}:?\d{2}|z)?)?"

_FORMS = [
    # 2023-03-30, 2023-03-30T10:00:00Z
    re.compile(rf"{_LEAD}{_YEAR}-(?P<m>\d{{1,2}})-{_DAY}(?:[t ]\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:z|[+-]\d{{2}}:?\d{{2}})?)?"),
    # 2017/2/7 (exports write year first)
    re.compile(rf"{_LEAD}{_YEAR}/(?P<m>\d{{1,2}})/{_DAY}{_TIME}"),
    # Thu. Mar 30th, 2023 / March 30, 2023 / May 5 2022
    re.compile(rf"{_LEAD}{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}"),
    # Thursday 30 March 2023 / 30 Mar. 2023
    re.compile(rf"{_LEAD}{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}{_TIME}"),
    # 30.03.2023 (day first, as in Europe)
    re.compile(rf"{_LEAD}{_DAY}\.(?P<m>\d{{1,2}})\.{_YEAR}{_TIME}"),
]


def parse_date(value: object) -> str | None:
    """An ISO date from a string (or date/datetime) holding a date and nothing else, else None."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_timestamp(value)
    if not isinstance(value, str):
        return None
    text = value.strip().rstrip(".").strip()
    if not text or len(text) > 60:
        return None
    lowered = text.lower()
    for form in _FORMS:
        match = form.fullmatch(lowered)
        if match:
            return _build(match)
    if lowered.isdigit() and len(lowered) in (10, 13):
        return _from_timestamp(int(lowered[:10]))
    parts = parsedate_tz(text)  # RFC 2822, as feeds write it: "Thu, 30 Mar 2023 10:00:00 +0000"
    if parts and parts[0] > 1900 and text[:1].isalpha():
        return _safe_date(parts[0], parts[1], parts[2])
    return None


def _build(match: re.Match) -> str | None:
    fields = match.groupdict()
    month = _MONTHS.get(fields["month"].rstrip(".")) if fields.get("month") else int(fields["m"])
    return _safe_date(int(fields["year"]), month or 0, int(fields["day"]))


def _safe_date(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_timestamp(seconds: float) -> str | None:
    # Only plausible Unix times (1990..2100): other numbers are not dates.
    if 631_152_000 <= seconds <= 4_102_444_800:
        return datetime.fromtimestamp(seconds, tz=timezone.utc).date().isoformat()
    return None
