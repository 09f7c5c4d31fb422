"""Publication dates in the many ways corpora write them, to ISO ``YYYY-MM-DD``.

Unknown or ambiguous values give None: a missing date is better than a wrong one. A
date-time keeps the calendar date as written (no time-zone conversion); a Unix timestamp
(seconds or milliseconds) is read in UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_tz

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T[\d:.]+Z?)?")
_NUMERIC = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d])")
_WORD = r"([A-Za-z]{3,9})\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
# "December 23, 2021", "Dec. 23 2021", "Thursday, December 23, 2021"
_MDY = re.compile(rf"(?:[A-Za-z]+,?\s+)?{_WORD}\s+{_DAY},?\s+(\d{{4}})\b")
# "23 December 2021", "Thu, 23 Dec 2021 10:00:00 +0000", "23-Dec-2021"
_DMY = re.compile(rf"(?:[A-Za-z]+,?\s+)?{_DAY}[\s-]+{_WORD},?[\s-]+(\d{{4}})\b")
_TIMESTAMP = re.compile(r"-?\d+(?:\.\d+)?")

_MIN_YEAR, _MAX_YEAR = 1800, 2200


def parse_date(value: object) -> str | None:
    """The ISO date ``YYYY-MM-DD`` that ``value`` denotes, or None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return _from_timestamp(float(value))
    if isinstance(value, date):  # datetime too
        return _iso(value.year, value.month, value.day)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 80:
        return None
    if _TIMESTAMP.fullmatch(text):
        if len(text) == 8 and text.isdigit():
            compact = _COMPACT.fullmatch(text)
            found = compact and _iso(*compact.groups())
            if found:
                return found
        return _from_timestamp(float(text))
    return _from_text(text)


def _from_text(text: str) -> str | None:
    match = _YMD.match(text) or _COMPACT.fullmatch(text)
    if match:
        return _iso(*match.groups())
    match = _NUMERIC.match(text)
    if match:
        first, _, second, year = match.groups()
        a, b = int(first), int(second)
        if len(year) == 2:
            year = ("20" if int(year) < 70 else "19") + year
        if a > 12 >= b:
            return _iso(year, b, a)
        if b > 12 >= a:
            return _iso(year, a, b)
        if a == b:
            return _iso(year, a, b)
        return None  # 03/04/2021: day-first or month-first cannot be told apart
    match = _MDY.match(text)
    if match and match.group(1).lower() in _MONTHS:
        name, day, year = match.groups()
        return _iso(year, _MONTHS[name.lower()], day)
    match = _DMY.match(text)
    if match and match.group(2).lower() in _MONTHS:
        day, name, year = match.groups()
        return _iso(year, _MONTHS[name.lower()], day)
    parsed = parsedate_tz(text)
    if parsed and parsed[0]:
        return _iso(parsed[0], parsed[1], parsed[2])
    return None


def _from_timestamp(seconds: float) -> str | None:
    if abs(seconds) >= 1e11:  # milliseconds
        seconds /= 1000.0
    try:
        moment = datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    if not _MIN_YEAR <= moment.year <= _MAX_YEAR or seconds < 1e8:
        # Small numbers (< 1973) are far more likely years, counts or ids than timestamps.
        return None
    return moment.strftime("%Y-%m-%d")


def _iso(year: object, month: object, day: object) -> str | None:
    try:
        found = date(int(str(year)), int(str(month)), int(str(day)))
    except ValueError:
        return None
    if not _MIN_YEAR <= found.year <= _MAX_YEAR:
        return None
    return found.isoformat()


_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def date_in_name(path: str) -> str | None:
    """A ``YYYY-MM-DD`` date written in a file's name (not its folders), or None."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    match = _NAME_DATE.search(name)
    return _iso(*match.groups()) if match else None
