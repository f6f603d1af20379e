"""The clash checker: read planned sessions (typed, or from an .ics or .csv file) and find the
observances that overlap each one.

Every problem is reported with the line it is on, so a planner can fix the file and try again.

The work is bounded for the largest input allowed (MAX_UPLOAD_BYTES, MAX_SESSIONS, dates within
the calendar's years): reading stops at the first MAX_ERRORS problems. Matching sessions
with observances is calendars.clash_results.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar

from calendars.clash_results import find_clashes, span_of  # noqa: F401 (the calendar page's)
from calendars.periods import MAX_YEAR, MIN_YEAR

MAX_UPLOAD_BYTES = 1024 * 1024
MAX_SESSIONS = 200
MAX_SESSION_DAYS = 366
MAX_ERRORS = 100  # problems reported before reading stops
LONDON = ZoneInfo("Europe/London")

DATE_FORMAT_HINT = "Use the format 2026-03-20 (year-month-day) or 20/03/2026 (day/month/year)."
_RANGE_SEPARATOR = re.compile(r"\s+(?:to|until|-|\u2013)\s+", re.IGNORECASE)


class SessionError(ValueError):
    """A problem with the planner's input, worded for them."""


@dataclass
class PlannedSession:
    start: datetime.date
    end: datetime.date
    label: str = ""
    line: int | None = None

    @property
    def days(self):
        return (self.end - self.start).days + 1

    def as_line(self):
        """The session as one line of the typed format (how results are carried statelessly)."""
        text = self.start.isoformat()
        if self.end != self.start:
            text += f" to {self.end.isoformat()}"
        if self.label:
            text += f", {self.label}"
        return text


def parse_date(text):
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise SessionError(f"'{text}' is not a date. {DATE_FORMAT_HINT}")


YEARS_HINT = f"Enter dates from {MIN_YEAR} to {MAX_YEAR}, the years the calendar covers."


def make_session(start, end, label, line):
    for day in (start, end):
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise SessionError(f"{day.year} is outside the calendar. {YEARS_HINT}")
    if end < start:
        raise SessionError("the end date is before the start date.")
    if (end - start).days + 1 > MAX_SESSION_DAYS:
        raise SessionError(f"a session can be at most {MAX_SESSION_DAYS} days long.")
    return PlannedSession(start, end, label.strip()[:200], line)


def parse_typed(text):
    """Sessions from typed lines: '2026-03-20' or '2026-03-20 to 2026-03-27', then an optional
    ', label'. Returns (sessions, errors)."""
    sessions, errors = [], []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        dates, _, label = line.partition(",")
        parts = _RANGE_SEPARATOR.split(dates.strip(), maxsplit=1)
        try:
            start = parse_date(parts[0])
            end = parse_date(parts[1]) if len(parts) > 1 else start
            sessions.append(make_session(start, end, label, number))
        except SessionError as error:
            errors.append(f"Line {number}: {error}")
        if len(sessions) > MAX_SESSIONS or stop_reading(errors, number):
            break
    return sessions, errors


def stop_reading(errors, number):
    """True, with a last message, once there are too many problems to be worth listing."""
    if len(errors) < MAX_ERRORS:
        return False
    errors.append(
        f"Stopped reading at line {number} after {MAX_ERRORS} problems. Fix these, then check "
        "again."
    )
    return True


def decode_upload(data):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SessionError(
            f"Line {line}: the file is not UTF-8 text. Save it as 'CSV UTF-8' or export it "
            "again from your calendar."
        ) from error


CSV_START_HEADERS = {"start", "start date", "date", "from", "first day"}
CSV_END_HEADERS = {"end", "end date", "to", "until", "last day"}
CSV_LABEL_HEADERS = {"label", "session", "name", "title", "description", "summary", "event"}


def parse_csv(data):
    """Sessions from a CSV: columns start date, end date (optional) and label (optional), with
    or without a header row. Returns (sessions, errors)."""
    text = decode_upload(data)
    sessions, errors = [], []
    try:  # spreadsheets in some locales save with semicolons or tabs
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    columns = {"start": 0, "end": 1, "label": 2}
    first_row = True
    try:
        for row in reader:
            number = reader.line_num
            cells = [cell.strip() for cell in row]
            if not any(cells):
                continue
            if first_row:
                first_row = False
                if not _looks_like_date(cells[0]):
                    columns = _csv_columns(cells, number)
                    continue
            start_text = _cell(cells, columns["start"])
            end_text = _cell(cells, columns["end"])
            label = _cell(cells, columns["label"])
            try:
                if not start_text:
                    raise SessionError("there is no start date.")
                start = parse_date(start_text)
                end = parse_date(end_text) if end_text else start
                sessions.append(make_session(start, end, label, number))
            except SessionError as error:
                errors.append(f"Line {number}: {error}")
            if len(sessions) > MAX_SESSIONS or stop_reading(errors, number):
                break
    except csv.Error as error:
        errors.append(f"Line {reader.line_num}: the CSV cannot be read ({error}).")
    return sessions, errors


def _looks_like_date(text):
    try:
        parse_date(text)
    except SessionError:
        return False
    return True


def _csv_columns(header, number):
    names = [cell.lower() for cell in header]

    def find(options, default):
        return next((i for i, name in enumerate(names) if name in options), default)

    start = find(CSV_START_HEADERS, None)
    if start is None:
        raise SessionError(
            f"Line {number}: the first row is neither a date nor a header naming a 'start' column. "
            "Put dates in the first column, or name the columns start, end and label."
        )
    return {
        "start": start,
        "end": find(CSV_END_HEADERS, None),
        "label": find(CSV_LABEL_HEADERS, None),
    }


def _cell(cells, index):
    return cells[index] if index is not None and index < len(cells) else ""


def parse_ics(data):
    """Sessions from the VEVENTs of an iCalendar file. Returns (sessions, errors)."""
    text = decode_upload(data)
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise SessionError(
            "Line 1: an iCalendar file starts with BEGIN:VCALENDAR. Export the calendar "
            "again as .ics, or upload a .csv instead."
        )
    lines = text.splitlines()
    event_lines = [
        number
        for number, line in enumerate(lines, start=1)
        if line.strip().upper() == "BEGIN:VEVENT"
    ]
    if len(event_lines) > MAX_SESSIONS:
        raise SessionError(
            f"The file has {len(event_lines)} events. Check up to {MAX_SESSIONS} sessions at a "
            "time: export one term or one rotation at a time."
        )
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except ValueError as error:
        raise SessionError(_describe_parse_error(error, lines)) from error
    sessions, errors = [], []
    events = [event for cal in calendars for event in cal.walk("VEVENT")]
    for index, event in enumerate(events):
        number = event_lines[index] if index < len(event_lines) else None
        title = str(event.get("SUMMARY", "")).strip()
        named = f" '{title}'" if title else ""
        try:
            if event.errors:
                prop, problem = event.errors[0]
                number = _property_line(lines, number, prop) or number
                raise SessionError(f"has a {prop} that cannot be read ({problem}).")
            sessions.append(_session_from_event(event, title, number))
        except SessionError as error:
            where = f"Line {number}" if number else f"Event {index + 1}"
            errors.append(f"{where}: the event{named} {error}")
        except (ValueError, TypeError, OverflowError):
            where = f"Line {number}" if number else f"Event {index + 1}"
            errors.append(f"{where}: the event{named} has a date that cannot be read.")
        if len(sessions) > MAX_SESSIONS or stop_reading(errors, number or index + 1):
            break
    if not events:
        errors.append(
            "The file has no complete events in it (each needs BEGIN:VEVENT and END:VEVENT)."
        )
    return sessions, errors


def _describe_parse_error(error, lines):
    message = _first_line(error)
    quoted = re.search(r"'(.+?)'", message)
    if quoted:
        for number, line in enumerate(lines, start=1):
            if line.strip() == quoted.group(1).strip():
                return (
                    f"Line {number}: '{line.strip()[:80]}' is not a valid iCalendar line. "
                    "Export the file again from your calendar app."
                )
    return f"The file is not valid iCalendar ({message}). Export it again from your calendar app."


def _property_line(lines, event_line, prop):
    """The line number of `prop` within the event that starts on `event_line`."""
    if not event_line:
        return None
    for number in range(event_line, len(lines) + 1):
        line = lines[number - 1].upper()
        if line.startswith((f"{prop.upper()}:", f"{prop.upper()};")):
            return number
        if line.strip() == "END:VEVENT":
            return None
    return None


def _session_from_event(event, title, number):
    if "DTSTART" not in event:
        raise SessionError("has no start date (DTSTART).")
    if "RRULE" in event:
        raise SessionError(
            "repeats (RRULE). Repeating events are not expanded: list the dates, or export "
            "the individual sessions."
        )
    start_value = event.decoded("DTSTART")
    end_value = event.decoded("DTEND") if "DTEND" in event else None
    if end_value is None and "DURATION" in event:
        end_value = start_value + event.decoded("DURATION")
    start = _local_date(start_value)
    if end_value is None:
        end = start
    elif isinstance(end_value, datetime.datetime):
        # A timed event ending at midnight does not touch the next day.
        end = _local_date(end_value - datetime.timedelta(microseconds=1))
    else:
        end = end_value - datetime.timedelta(days=1)  # all-day DTEND is exclusive
    end = max(end, start)
    return make_session(start, end, title, number)


def _local_date(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(LONDON)
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raise SessionError("has a start or end that is not a date.")


def _first_line(error):
    return str(error).strip().splitlines()[0] if str(error).strip() else "unknown problem"


def read_upload(upload):
    """Sessions from an uploaded file, chosen by its extension. Raises SessionError."""
    name = (upload.name or "").lower()
    if upload.size > MAX_UPLOAD_BYTES:
        raise SessionError(
            f"The file is {upload.size / 1024 / 1024:.1f} MB. Upload a file of 1 MB or less, "
            "for example one term or one rotation at a time."
        )
    data = upload.read()
    if name.endswith(".ics"):
        return parse_ics(data)
    if name.endswith(".csv"):
        return parse_csv(data)
    raise SessionError("The file must be an iCalendar (.ics) or CSV (.csv) file.")
