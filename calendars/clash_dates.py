"""Reading the dates people type and spreadsheets save: ISO (2026-03-20), numeric day-first
or month-first (20/03/2026, 03/20/2026, 20.03.26), and written (20 March 2026, March 20, 2026,
Fri 20-Mar-26), each with an optional weekday in front and time after.

A numeric date whose day and month are both 12 or less can be read either way. The order is
never guessed: one date that can only be read one way (13/01/2026, or a weekday that fits only
one reading) settles it for the whole input, and otherwise the planner is asked
(`choose_order`). dateutil's parser guesses instead (dayfirst is a preference, not a rule), so
the few forms we accept are matched here.
"""

import datetime
import re

from calendars.clash_sessions import SessionError

DAY_FIRST = "dmy"
MONTH_FIRST = "mdy"
ORDER_NAMES = {DAY_FIRST: "day/month/year", MONTH_FIRST: "month/day/year"}

DATE_FORMAT_HINT = (
    "Use a date such as 2026-03-20 (year-month-day), 20/03/2026 (day/month/year) or 20 March 2026."
)

MONTHS = {
    name: number
    for number, names in enumerate(
        [
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
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

_WEEKDAY_PREFIX = re.compile(r"^([a-z]+)\.?,?\s+", re.IGNORECASE)
_TIME_SUFFIX = re.compile(
    r"(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?(?:Z|[+-]\d{2}:?\d{2})?)$",
    re.IGNORECASE,
)
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})$")
_WORDS = re.compile(r"[\s,\-/.]+")
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$", re.IGNORECASE)


def _full_year(text):
    """Four-digit years as given; two-digit ones in the calendar's years (26 is 2026, 80 1980)."""
    year = int(text)
    if len(text) == 2:
        return 2000 + year if year <= 75 else 1900 + year
    return year


def _split(text):
    """(the date part, the weekday number written before it or None)."""
    text = _TIME_SUFFIX.sub("", text.strip()).strip()
    weekday = None
    match = _WEEKDAY_PREFIX.match(text)
    if match and match.group(1).lower() in WEEKDAYS:
        weekday = WEEKDAYS[match.group(1).lower()]
        text = text[match.end() :]
    return text.strip(), weekday


def _date_or_none(year, month, day):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _readings(text):
    """Every date `text` could be, by order: {DAY_FIRST: date, ...}; one key `None` when the
    order does not matter; empty when it is not a date."""
    text, weekday = _split(text)
    match = _ISO.match(text)
    if match:
        found = {None: _date_or_none(*map(int, match.groups()))}
    elif match := _NUMERIC.match(text):
        first, _, second, year = match.groups()
        year = _full_year(year)
        day_first = _date_or_none(year, int(second), int(first))
        month_first = _date_or_none(year, int(first), int(second))
        if int(first) == int(second):
            found = {None: day_first}
        else:
            found = {DAY_FIRST: day_first, MONTH_FIRST: month_first}
    else:
        found = {None: _written(text)}
    found = {order: day for order, day in found.items() if day is not None}
    if weekday is not None and len(found) > 1:
        fitting = {order: day for order, day in found.items() if day.weekday() == weekday}
        if fitting:
            found = fitting
    return found, weekday


def _written(text):
    words = [word for word in _WORDS.split(text.lower()) if word]
    if len(words) != 3:
        return None
    if words[0] in MONTHS:
        month, day, year = words
    elif words[1] in MONTHS:
        day, month, year = words
    else:
        return None
    day = _ORDINAL.match(day)
    if not day or not year.isdigit() or len(year) not in (2, 4):
        return None
    return _date_or_none(_full_year(year), MONTHS[month], int(day.group(1)))


def looks_like_date(text):
    return bool(_readings(text)[0])


def choose_order(texts, given=""):
    """The order to read numeric dates in: (order, "") or, when it cannot be told, (None, an
    example that could be either). `given` is the planner's answer, if they gave one."""
    if given in ORDER_NAMES:
        return given, ""
    forced = {DAY_FIRST: 0, MONTH_FIRST: 0}
    example = ""
    for text in texts:
        found, _ = _readings(text)
        if len(found) == 1:
            order = next(iter(found))
            if order is not None:
                forced[order] += 1
        elif len(found) > 1 and not example:
            example = text.strip()
    if forced[DAY_FIRST] or forced[MONTH_FIRST]:
        return (MONTH_FIRST if forced[MONTH_FIRST] > forced[DAY_FIRST] else DAY_FIRST), ""
    if example:
        return None, example
    return DAY_FIRST, ""


def parse_date(text, order=DAY_FIRST):
    """The date `text` is, reading numeric dates in `order`. Raises SessionError."""
    found, weekday = _readings(text)
    day = found.get(None) or found.get(order)
    shown = text.strip()
    if day is None:
        if found:  # a date only in the other order
            raise SessionError(
                f"'{shown}' is not a date when read as {ORDER_NAMES[order]}, the order used "
                "for the other dates. Write every date the same way."
            )
        raise SessionError(f"'{shown}' is not a date. {DATE_FORMAT_HINT}")
    if weekday is not None and day.weekday() != weekday:
        raise SessionError(
            f"'{shown}': {day:%-d %B %Y} is a {WEEKDAY_NAMES[day.weekday()]}, not a "
            f"{WEEKDAY_NAMES[weekday]}. Check the date."
        )
    return day
