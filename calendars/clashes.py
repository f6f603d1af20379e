"""The clash checker: read planned sessions (typed, or from an .ics or .csv file) and find the
observances that overlap each one.

Every problem is reported with the line it is on, so a planner can fix the file and try again.
Dates are read by calendars.clash_dates, files by calendars.clash_csv and calendars.clash_ics;
matching sessions with observances is calendars.clash_results.

The work is bounded for the largest input allowed (MAX_UPLOAD_BYTES, MAX_SESSIONS, dates within
the calendar's years): reading stops at the first MAX_ERRORS problems.
"""

import re

from calendars.clash_csv import csv_rows, parse_csv, read_rows
from calendars.clash_dates import DATE_FORMAT_HINT, choose_order, looks_like_date, parse_date
from calendars.clash_ics import parse_ics
from calendars.clash_results import find_clashes, span_of
from calendars.clash_sessions import (
    MAX_ERRORS,
    MAX_SESSION_DAYS,
    MAX_SESSIONS,
    MAX_UPLOAD_BYTES,
    YEARS_HINT,
    PlannedSession,
    Reading,
    SessionError,
    make_session,
    stop_reading,
)

__all__ = [
    "DATE_FORMAT_HINT",
    "MAX_ERRORS",
    "MAX_SESSIONS",
    "MAX_SESSION_DAYS",
    "MAX_UPLOAD_BYTES",
    "YEARS_HINT",
    "PlannedSession",
    "Reading",
    "SessionError",
    "csv_rows",
    "find_clashes",
    "parse_csv",
    "parse_date",
    "parse_ics",
    "parse_typed",
    "read_rows",
    "read_upload",
    "span_of",
]

_RANGE_SEPARATOR = re.compile(r"\s+(?:to|until|-|\u2013)\s+", re.IGNORECASE)


def _split_line(line):
    """(first date, last date or "", label) of a typed line. The label follows the first comma
    that is not part of a date ('March 20, 2026, Exam')."""
    parts = line.split(",")
    for count in range(len(parts), 0, -1):
        dates = _RANGE_SEPARATOR.split(",".join(parts[:count]).strip(), maxsplit=1)
        if all(looks_like_date(text) for text in dates):
            break
    else:
        count = 1
        dates = _RANGE_SEPARATOR.split(parts[0].strip(), maxsplit=1)
    return dates[0], dates[1] if len(dates) > 1 else "", ",".join(parts[count:])


def parse_typed(text, order=""):
    """Sessions from typed lines: '2026-03-20' or '2026-03-20 to 2026-03-27', then an optional
    ', label'. Returns a Reading (which asks for `order` when the dates leave it open)."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.strip():
            lines.append((number, *_split_line(raw.strip())))
        if len(lines) > MAX_SESSIONS:
            break
    chosen, example = choose_order(
        (date for _, first, last, _ in lines for date in (first, last) if date), order
    )
    if chosen is None:
        return Reading(ambiguous=example)
    reading = Reading()
    for number, first, last, label in lines:
        try:
            start = parse_date(first, chosen)
            end = parse_date(last, chosen) if last else start
            reading.sessions.append(make_session(start, end, label, number))
        except SessionError as error:
            reading.errors.append(f"Line {number}: {error}")
        if stop_reading(reading.errors, number):
            break
    return reading


def read_upload(upload, order="", room=MAX_SESSIONS):
    """(a Reading of an uploaded file, chosen by its extension; the CSV rows it was read from,
    to keep while the planner is asked about the order of dates). Repeating events give at
    most `room` sessions. Raises SessionError."""
    name = (upload.name or "").lower()
    if upload.size > MAX_UPLOAD_BYTES:
        raise SessionError(
            f"The file is {upload.size / 1024 / 1024:.1f} MB. Upload a file of 1 MB or less, "
            "for example one term or one rotation at a time."
        )
    data = upload.read()
    if name.endswith(".ics"):
        return parse_ics(data, room), None
    if name.endswith(".csv"):
        rows = csv_rows(data)
        return read_rows(rows, order), rows
    raise SessionError("The file must be an iCalendar (.ics) or CSV (.csv) file.")
